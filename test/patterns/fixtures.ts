// Fixtures for the DashScopePrivateAccess suites (not a test file).
import { App, TerraformStack, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopePrivateAccess, DashScopePrivateAccessProps, DashScopeRequester } from "../../lib/patterns";
import { ValidationIssue } from "../../lib/validation";
import { validationError } from "../cdktf-helpers";

export interface AccessFixture {
  readonly app: App;
  readonly stack: TerraformStack;
  readonly providers: Record<string, AlicloudProvider>;
}

const REGIONS = ["ap-southeast-1", "ap-northeast-1", "eu-central-1", "cn-hangzhou", "cn-beijing", "cn-shanghai"];

/** A stack with one aliased provider per region. */
export function accessFixture(): AccessFixture {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  const providers = Object.fromEntries(
    REGIONS.map((region) => [region, new AlicloudProvider(stack, region, { region, alias: region.replace(/-/g, "_") })]),
  );
  return { app, stack, providers };
}

/** A requester in `region` with a /16 numbered `n` (10.n.0.0/16) and two vSwitches. */
export function requester(f: AccessFixture, name: string, region: string, n: number, overrides: Partial<DashScopeRequester> = {}): DashScopeRequester {
  const zone = (letter: string) => (region.startsWith("cn-") ? `${region}-${letter}` : `${region}${letter}`);
  return {
    name,
    provider: f.providers[region],
    regionId: region,
    vpcId: `vpc-${name}`,
    vpcCidrBlock: `10.${n}.0.0/16`,
    vSwitches: [
      { vSwitchId: `vsw-${name}-a`, zoneId: zone(region.startsWith("cn-") ? "h" : "a") },
      { vSwitchId: `vsw-${name}-b`, zoneId: zone(region.startsWith("cn-") ? "i" : "b") },
    ],
    ...overrides,
  };
}

/** Valid props: a Singapore endpoint in 10.0.0.0/16 and the given requesters. */
export function accessProps(f: AccessFixture, requesters: DashScopeRequester[], overrides: Partial<DashScopePrivateAccessProps> = {}): DashScopePrivateAccessProps {
  return {
    endpoint: {
      provider: f.providers["ap-southeast-1"],
      region: "ap-southeast-1",
      vpcId: "vpc-endpoint",
      vpcCidrBlock: "10.0.0.0/16",
      vSwitches: [
        { vSwitchId: "vsw-ep-a", zoneId: "ap-southeast-1a" },
        { vSwitchId: "vsw-ep-b", zoneId: "ap-southeast-1b" },
      ],
    },
    requesters,
    ...overrides,
  };
}

/** The issues a DashScopePrivateAccess with these requesters and overrides is refused with; it must leave nothing in the tree. */
export function refused(f: AccessFixture, requesters: DashScopeRequester[], overrides: Partial<DashScopePrivateAccessProps> = {}): ValidationIssue[] {
  const issues = validationError(() => new DashScopePrivateAccess(f.stack, "Access", accessProps(f, requesters, overrides))).issues;
  if (f.stack.node.tryFindChild("Access") !== undefined) throw new Error("the refused construct stayed in the tree");
  return [...issues];
}
