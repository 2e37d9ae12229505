// What the region checks say: an endpoint region without the service (with or without a known
// reason), a token region, a provider without a region or for another one (named by alias or by
// path), and a key of a by-region map that is no region of the dated table.
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopeEndpoint, DashScopeEndpointProps } from "../../lib/endpoint";
import { DashScopePrivateAccess } from "../../lib/patterns";
import { DashScopeRegion, ValidationCode, ValidationIssue } from "../../lib";
import { validationError } from "../cdktf-helpers";
import { accessFixture, accessProps, requester } from "../patterns/fixtures";

const SUPPORTED = '"ap-southeast-1" (Singapore), "cn-beijing" (China (Beijing))';

/** The issues of an endpoint in `regionId` (with a provider there, two zones a and b) plus overrides. */
function refused(regionId: string, overrides: Partial<DashScopeEndpointProps> = {}, providerProps: { region?: string; alias?: string } = { region: regionId, alias: "p" }): ValidationIssue[] {
  const stack = new TerraformStack(Testing.app(), "test");
  const provider = new AlicloudProvider(stack, "p", providerProps);
  const props: DashScopeEndpointProps = {
    provider,
    region: regionId,
    vpcId: "vpc-1",
    vpcCidrBlock: "10.0.0.0/16",
    vSwitches: [
      { vSwitchId: "vsw-a", zoneId: `${regionId}a` },
      { vSwitchId: "vsw-b", zoneId: `${regionId}b` },
    ],
    ...overrides,
  };
  return [...validationError(() => new DashScopeEndpoint(stack, "Endpoint", props)).issues];
}

describe("endpoint region messages", () => {
  test("a region known to lack the service: the problem says why, the fix offers CEN or a custom region", () => {
    expect(refused("us-east-1")).toEqual([
      {
        code: ValidationCode.REGION_UNSUPPORTED,
        problem:
          "region is not a region where Model Studio offers the PrivateLink endpoint service (Private network access is not supported in US (Virginia) (Model Studio docs, March 2026))",
        received: '"us-east-1"',
        allowed: `${SUPPORTED}, per Alibaba Cloud's docs of 2026-03-30`,
        fix: 'put the endpoint in a supported region and reach it from "us-east-1" over CEN as a requester, or, if Alibaba has since opened the service there, pass DashScopeRegion.custom({ regionId: "us-east-1" })',
      },
    ]);
  });

  test("a region without a known reason: no parenthesis", () => {
    expect(refused("eu-central-1").map((i) => i.problem)).toEqual(["region is not a region where Model Studio offers the PrivateLink endpoint service"]);
  });

  test("a token region: the endpoint's service and domain depend on it", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const region = new TerraformVariable(stack, "region", { type: "string" }).stringValue;
    const provider = new AlicloudProvider(stack, "p", { region: "ap-southeast-1", alias: "p" });
    const error = validationError(
      () =>
        new DashScopeEndpoint(stack, "Endpoint", {
          provider,
          region,
          vpcId: "vpc-1",
          vpcCidrBlock: "10.0.0.0/16",
          vSwitches: [{ vSwitchId: "vsw-a", zoneId: "ap-southeast-1a" }, { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" }],
        }),
    );
    expect(error.issues).toEqual([
      {
        code: ValidationCode.LITERAL_REQUIRED,
        problem: "region is a token, but the endpoint's region decides its service, domain and peering and must be known at synth",
        received: "an unresolved token",
        allowed: `a literal region id: ${SUPPORTED}`,
        fix: "pass the region as a string literal (or a DashScopeRegion); the VPC and vSwitch ids may stay tokens",
      },
    ]);
  });

  test("a DashScopeRegion is taken as it is, a built-in one too", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const provider = new AlicloudProvider(stack, "p", { region: "cn-beijing", alias: "p" });
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", {
      provider,
      region: DashScopeRegion.CN_BEIJING,
      vpcId: "vpc-1",
      vpcCidrBlock: "10.0.0.0/16",
      vSwitches: [{ vSwitchId: "vsw-a", zoneId: "cn-beijing-h" }, { vSwitchId: "vsw-b", zoneId: "cn-beijing-i" }],
    });
    expect(endpoint.region).toBe(DashScopeRegion.CN_BEIJING);
  });
});

describe("provider region messages", () => {
  test("a provider without a region, named by its alias", () => {
    expect(refused("ap-southeast-1", {}, { alias: "sg" })).toEqual([
      {
        code: ValidationCode.PROVIDER_REGION_MISSING,
        problem: 'provider has no region, so Terraform would use ALICLOUD_REGION from the environment, else cn-beijing, instead of "ap-southeast-1"',
        received: 'provider alias "sg" without region',
        allowed: 'an AlicloudProvider with region: "ap-southeast-1"',
        fix: 'set region: "ap-southeast-1" on the provider (one aliased provider per region)',
      },
    ]);
  });

  test("a provider without a region or an alias is named by its path", () => {
    expect(refused("ap-southeast-1", {}, {}).map((i) => i.received)).toEqual(["provider test/p without region"]);
  });

  test("a provider for another region, by alias and by path", () => {
    expect(refused("ap-southeast-1", {}, { region: "ap-northeast-1", alias: "tokyo" })).toEqual([
      {
        code: ValidationCode.PROVIDER_REGION_MISMATCH,
        problem: 'provider is for region "ap-northeast-1", but it is declared for "ap-southeast-1"; every resource would be created in the provider\'s region',
        received: 'provider alias "tokyo" with region "ap-northeast-1"',
        allowed: 'an AlicloudProvider whose region is "ap-southeast-1"',
        fix: "pass the provider configured for ap-southeast-1 (one aliased provider per region), or correct the declared region",
      },
    ]);
    expect(refused("ap-southeast-1", {}, { region: "ap-northeast-1" }).map((i) => i.received)).toEqual(['provider test/p with region "ap-northeast-1"']);
  });

  test("a provider whose region is a token is not compared", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const region = new TerraformVariable(stack, "region", { type: "string" }).stringValue;
    const provider = new AlicloudProvider(stack, "p", { region, alias: "p" });
    expect(
      () =>
        new DashScopeEndpoint(stack, "Endpoint", {
          provider,
          region: "ap-southeast-1",
          vpcId: "vpc-1",
          vpcCidrBlock: "10.0.0.0/16",
          vSwitches: [{ vSwitchId: "vsw-a", zoneId: "ap-southeast-1a" }, { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" }],
        }),
    ).not.toThrow();
  });

  test("something that is not an alicloud provider is refused before its region is read", () => {
    const issues = refused("ap-southeast-1", { provider: { node: { path: "x" }, region: "ap-northeast-1" } as unknown as AlicloudProvider });
    expect(issues.map((i) => i.code)).toEqual([ValidationCode.PROVIDER_INVALID]);
  });
});

describe("keys of maps by region", () => {
  test("a transitRouterIds key that is only inferred from its form, or a near miss, is no region of the network", () => {
    const f = accessFixture();
    const error = validationError(
      () =>
        new DashScopePrivateAccess(
          f.stack,
          "Access",
          accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)], {
            cen: { cenId: "cen-1", transitRouterIds: { "ap-southeast-1": "tr-sg", "ap-northeast-1": "tr-attach-1", "cn-xian": "tr-x", "ap-northeast1": "tr-y" } },
          }),
        ),
    );
    expect(error.issues.map((i) => [i.code, i.problem, i.fix])).toEqual([
      [ValidationCode.ID_INVALID, 'transitRouterIds["ap-northeast-1"] is not a transitRouter id (it looks like a transitRouterAttachment id)', "pass the id of the transitRouter, not of another resource"],
      [ValidationCode.REGION_INVALID, "transitRouterIds key \"cn-xian\" is not a known Alibaba Cloud region id", 'pass the region id exactly as Alibaba Cloud writes it, e.g. "ap-northeast-1"'],
      [ValidationCode.REGION_INVALID, 'transitRouterIds key "ap-northeast1" is not a known Alibaba Cloud region id (did you mean "ap-northeast-1"?)', 'write "ap-northeast-1"'],
    ]);
  });
});
