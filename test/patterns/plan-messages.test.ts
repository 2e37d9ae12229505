// What DashScopePrivateAccess says when it refuses a requester or its own props before it creates
// anything: each issue in full (code, problem naming the requester, received, allowed, fix). The
// account and zone-owner messages are in account-messages.test.ts.
import { TerraformVariable } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopePrivateAccess, DashScopeRequester } from "../../lib/patterns";
import { ValidationCode } from "../../lib/validation";
import { synthJson, validationError } from "../cdktf-helpers";
import { accessFixture, accessProps, refused, requester } from "./fixtures";

const CEN_OWNER = "1111111111111111";

describe("requester messages", () => {
  test("regionId and the deprecated region that disagree", () => {
    const f = accessFixture();
    expect(refused(f, [requester(f, "tokyo", "ap-northeast-1", 1, { region: "eu-central-1" })])).toEqual([
      {
        code: ValidationCode.PROPS_CONFLICT,
        problem: 'requesters[0] gives regionId "ap-northeast-1" and the deprecated region "eu-central-1"',
        received: 'regionId "ap-northeast-1", region "eu-central-1"',
        allowed: "regionId alone",
        fix: "drop region (deprecated) and keep regionId",
      },
    ]);
  });

  test("regionId and the deprecated region that agree are no conflict", () => {
    const f = accessFixture();
    const access = new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1, { region: "ap-northeast-1" })]));
    expect(access.requesters).toHaveLength(1);
  });

  test("the deprecated region alone still places the requester", () => {
    const f = accessFixture();
    const access = new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1, { regionId: undefined, region: "ap-northeast-1" })]));
    expect(access.network!.node.tryFindChild("Vpc-tokyo")).toBeDefined();
  });

  test("no region at all", () => {
    const f = accessFixture();
    expect(refused(f, [requester(f, "tokyo", "ap-northeast-1", 1, { regionId: undefined })]).filter((i) => i.code === ValidationCode.REGION_INVALID)).toEqual([
      {
        code: ValidationCode.REGION_INVALID,
        problem: "requesters[0] has no regionId",
        received: "nothing",
        allowed: 'a literal region id, e.g. "ap-northeast-1"',
        fix: "set regionId",
      },
    ]);
  });

  test("a region that is no region is reported under requesters[i].regionId, and nothing that needs the region follows", () => {
    const f = accessFixture();
    expect(refused(f, [requester(f, "tokyo", "ap-northeast-1", 1, { regionId: "Tokyo", provider: undefined as unknown as AlicloudProvider })])).toEqual([
      expect.objectContaining({ code: ValidationCode.REGION_INVALID, problem: "requesters[0].regionId is not a known Alibaba Cloud region id", received: '"Tokyo"' }),
    ]);
  });

  test("ids of the wrong kind are named after the requester", () => {
    const f = accessFixture();
    const tokyo = requester(f, "tokyo", "ap-northeast-1", 1, {
      vpcId: "vsw-tokyo",
      vSwitches: [{ vSwitchId: "vsw-a", zoneId: "ap-northeast-1a" }, { vSwitchId: "vpc-b", zoneId: "ap-northeast-1b" }],
    });
    expect(refused(f, [tokyo]).map((i) => [i.code, i.problem])).toEqual([
      [ValidationCode.ID_INVALID, 'requester "tokyo" vpcId is not a vpc id (it looks like a vSwitch id)'],
      [ValidationCode.ID_INVALID, 'requester "tokyo" vSwitches[1].vSwitchId is not a vSwitch id (it looks like a vpc id)'],
    ]);
  });

  test("an adopted attachment id of the wrong kind, and a malformed account", () => {
    const f = accessFixture();
    const tokyo = requester(f, "tokyo", "ap-northeast-1", 1, { transitRouterAttachmentId: "tr-123", ownerAccountId: "acme" });
    expect(refused(f, [tokyo], { cen: { ownerAccountId: CEN_OWNER, providers: { "ap-northeast-1": f.providers["ap-northeast-1"] } } }).map((i) => [i.code, i.problem])).toEqual([
      [ValidationCode.ID_INVALID, 'requester "tokyo" transitRouterAttachmentId is not a transitRouterAttachment id (it looks like a transitRouter id)'],
      [ValidationCode.ACCOUNT_ID_INVALID, 'requester "tokyo" ownerAccountId is not an Alibaba Cloud account UID'],
    ]);
  });

  test("a requester whose name is a token is named by its index", () => {
    const f = accessFixture();
    const name = new TerraformVariable(f.stack, "name", { type: "string" }).stringValue;
    const issues = refused(f, [requester(f, "tokyo", "ap-northeast-1", 1, { name, vpcId: "vsw-x" })]);
    expect(issues.map((i) => i.problem)).toContain("requesters[0] vpcId is not a vpc id (it looks like a vSwitch id)");
  });

  test("a name taken by another requester or by the endpoint's attachment", () => {
    const f = accessFixture();
    const issue = (index: number, name: string, taken: string) => ({
      code: ValidationCode.NAME_DUPLICATE,
      problem: `requesters[${index}].name "${name}" is already used by ${taken}`,
      received: `"${name}"`,
      allowed: 'a name used once, other than "dashscope-endpoint"',
      fix: "give each requester its own name",
    });
    expect(
      refused(f, [
        requester(f, "tokyo", "ap-northeast-1", 1),
        requester(f, "tokyo", "ap-northeast-1", 2, { vpcId: "vpc-2" }),
        requester(f, "dashscope-endpoint", "ap-northeast-1", 3),
        requester(f, "tokyo", "ap-northeast-1", 4, { vpcId: "vpc-4" }),
      ]),
    ).toEqual([issue(1, "tokyo", "requesters[0]"), issue(2, "dashscope-endpoint", "the endpoint's own VPC attachment"), issue(3, "tokyo", "requesters[0]")]);
  });

  test("a VPC taken by another requester or the endpoint's own VPC", () => {
    const f = accessFixture();
    const issue = (name: string, vpcId: string, already: string) => ({
      code: ValidationCode.VPC_DUPLICATE,
      problem: `requester "${name}" uses VPC ${vpcId}, which is already ${already}`,
      received: `"${vpcId}"`,
      allowed: "each VPC once, and not the endpoint's VPC",
      fix: "list each requester VPC once; leave the endpoint's own VPC out of requesters",
    });
    expect(
      refused(f, [
        requester(f, "tokyo", "ap-northeast-1", 1),
        requester(f, "osaka", "ap-northeast-1", 2, { vpcId: "vpc-tokyo" }),
        requester(f, "kobe", "ap-northeast-1", 3, { vpcId: "vpc-tokyo" }),
        requester(f, "self", "ap-northeast-1", 4, { vpcId: "vpc-endpoint" }),
      ]),
    ).toEqual([
      issue("osaka", "vpc-tokyo", 'the VPC of requester "tokyo"'),
      issue("kobe", "vpc-tokyo", 'the VPC of requester "tokyo"'),
      issue("self", "vpc-endpoint", "the endpoint's VPC: callers there need no CEN or Private Zone"),
    ]);
  });

  test("a requester CIDR wider than /8 is refused for the endpoint's group, unless allowAnyCidr or the groups are the user's", () => {
    const f = accessFixture();
    const wide = () => [requester(f, "tokyo", "ap-northeast-1", 1, { vpcCidrBlock: "10.0.0.0/7" })];
    expect(refused(f, wide()).filter((i) => i.code === ValidationCode.CIDR_TOO_WIDE).map((i) => i.problem)).toEqual([
      'requester "tokyo" vpcCidrBlock opens the endpoint to a /7, wider than a /8',
    ]);
    const endpoint = accessProps(f, []).endpoint;
    // The same CIDR overlaps the endpoint VPC (a synth failure, not checked here): no constructor error.
    expect(() => new DashScopePrivateAccess(f.stack, "Any", accessProps(f, wide(), { endpoint: { ...endpoint, allowAnyCidr: true } }))).not.toThrow();
    expect(() => new DashScopePrivateAccess(f.stack, "Byo", accessProps(f, wide(), { endpoint: { ...endpoint, securityGroupIds: ["sg-1"] } }))).not.toThrow();
  });

  test("a malformed requester CIDR is reported once, as malformed", () => {
    const f = accessFixture();
    expect(refused(f, [requester(f, "tokyo", "ap-northeast-1", 1, { vpcCidrBlock: "10.1.0.0" })]).map((i) => i.code)).toEqual([ValidationCode.CIDR_INVALID]);
  });

  test("no provider: the fix shows the provider to create, with its alias", () => {
    const f = accessFixture();
    expect(refused(f, [requester(f, "tokyo", "ap-northeast-1", 1, { provider: null as unknown as AlicloudProvider })])).toEqual([
      {
        code: ValidationCode.PROVIDER_MISSING,
        problem: 'requester "tokyo" has no provider for its region ap-northeast-1; its transit router and attachment must be managed in that region',
        received: "no provider",
        allowed: "an AlicloudProvider aliased to ap-northeast-1",
        fix: 'create one provider per region, e.g. new AlicloudProvider(stack, "ap-northeast-1", { region: "ap-northeast-1", alias: "ap_northeast_1" }), and pass it as the requester\'s provider',
      },
    ]);
  });

  test("a second provider for a region: received and allowed name both providers", () => {
    const f = accessFixture();
    const second = new AlicloudProvider(f.stack, "tokyo-2", { region: "ap-northeast-1", alias: "tokyo_2" });
    expect(refused(f, [requester(f, "tokyo", "ap-northeast-1", 1), requester(f, "osaka", "ap-northeast-1", 2, { provider: second })])).toEqual([
      {
        code: ValidationCode.PROVIDER_DUPLICATE,
        problem: 'requester "osaka" brings a second provider for region ap-northeast-1; a region has one transit router, managed by one provider',
        received: "provider test/tokyo-2",
        allowed: "the provider already used for ap-northeast-1 (test/ap-northeast-1)",
        fix: "create one aliased provider per region and pass that instance to every requester in it (or give the CEN owner's in cen.providers)",
      },
    ]);
  });

  test("a second provider is reported once, against the region's first provider", () => {
    const f = accessFixture();
    const second = new AlicloudProvider(f.stack, "tokyo-2", { region: "ap-northeast-1", alias: "tokyo_2" });
    const issues = refused(f, [
      requester(f, "tokyo", "ap-northeast-1", 1),
      requester(f, "osaka", "ap-northeast-1", 2, { provider: second }),
      requester(f, "kobe", "ap-northeast-1", 3),
    ]);
    expect(issues.map((i) => i.problem)).toEqual([
      'requester "osaka" brings a second provider for region ap-northeast-1; a region has one transit router, managed by one provider',
    ]);
  });

  test("a requester without a name is named by its index", () => {
    const f = accessFixture();
    const issues = refused(f, [requester(f, "tokyo", "ap-northeast-1", 1, { name: undefined as unknown as string, vpcId: "vsw-x" })]);
    expect(issues.map((i) => i.problem)).toContain("requesters[0] vpcId is not a vpc id (it looks like a vSwitch id)");
  });

  test("a requester in the hub region with a provider of its own: the hub's transit router keeps the endpoint's", () => {
    const f = accessFixture();
    const local = new AlicloudProvider(f.stack, "sg-2", { region: "ap-southeast-1", alias: "sg_2" });
    new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "local", "ap-southeast-1", 1, { provider: local })]));
    const attachments = Object.values<any>(synthJson(f.stack).resource.alicloud_cen_transit_router_vpc_attachment);
    expect(attachments.map((a) => [a.vpc_id, a.provider])).toEqual([
      ["vpc-endpoint", "alicloud.ap_southeast_1"],
      ["vpc-local", "alicloud.ap_southeast_1"],
    ]);
  });
});

describe("the hub and the links", () => {
  test("an endpoint provider for another region is refused by the plan, before the endpoint exists", () => {
    const f = accessFixture();
    const error = validationError(
      () => new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [], { endpoint: { ...accessProps(f, []).endpoint, provider: f.providers["ap-northeast-1"] } })),
    );
    expect(error.constructPath).toBe("test/Access");
    expect(error.issues.map((i) => [i.code, i.problem])).toEqual([
      [
        ValidationCode.PROVIDER_REGION_MISMATCH,
        'endpoint.provider is for region "ap-northeast-1", but it is declared for "ap-southeast-1"; every resource would be created in the provider\'s region',
      ],
    ]);
  });

  test("a requester in the hub region goes through the CEN owner's hub provider when one is given", () => {
    const f = accessFixture();
    const network = new AlicloudProvider(f.stack, "network-sg", { region: "ap-southeast-1", alias: "network_sg" });
    new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "local", "ap-southeast-1", 1)], { cen: { providers: { "ap-southeast-1": network } } }));
    const attachments = Object.values<any>(synthJson(f.stack).resource.alicloud_cen_transit_router_vpc_attachment);
    expect(attachments.map((a) => [a.vpc_id, a.provider])).toEqual([
      ["vpc-endpoint", "alicloud.network_sg"],
      ["vpc-local", "alicloud.network_sg"],
    ]);
  });

  test("a cross-border region whose peer link is adopted needs no acknowledgement", () => {
    const f = accessFixture();
    const cen = { cenId: "cen-1", transitRouterIds: { "ap-southeast-1": "tr-sg", "cn-hangzhou": "tr-hz" }, peerAttachmentIds: { "cn-hangzhou": "tr-attach-peer" } };
    expect(() => new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "hangzhou", "cn-hangzhou", 4)], { cen }))).not.toThrow();
    const other = accessFixture();
    expect(refused(other, [requester(other, "hangzhou", "cn-hangzhou", 4)], { cen: { ...cen, peerAttachmentIds: { "ap-northeast-1": "tr-attach-peer" } } }).map((i) => i.code)).toContain(
      ValidationCode.CROSS_BORDER_UNACKNOWLEDGED,
    );
  });
});

describe("the requesters list", () => {
  test("a token list: it must be a literal, its members' values may be tokens", () => {
    const f = accessFixture();
    const list = new TerraformVariable(f.stack, "requesters", { type: "list(any)" }).listValue as unknown as DashScopeRequester[];
    expect(refused(f, list)).toEqual([
      {
        code: ValidationCode.LITERAL_REQUIRED,
        problem: "requesters must be a literal: each requester decides which attachments, peer links and rules exist",
        received: "an unresolved token",
        allowed: "a literal array; its members' VPC ids, CIDRs and vSwitch ids may be tokens",
        fix: "list the requesters in code",
      },
    ]);
  });
});

describe("DashScopePrivateAccess requester checks", () => {
  test("a requester whose provider is in another region is reported once, under the requester's provider", () => {
    const f = accessFixture();
    const tokyo = requester(f, "tokyo", "ap-northeast-1", 1, { provider: f.providers["eu-central-1"] });
    const issues = refused(f, [tokyo]);
    expect(issues.map((i) => [i.code, i.problem.slice(0, 26)])).toEqual([[ValidationCode.PROVIDER_REGION_MISMATCH, 'requester "tokyo" provider']]);
  });
});

describe("DashScopePrivateAccess cross-border links", () => {
  test("an unacknowledged cross-border requester is reported with the other requesters' issues, in one error", () => {
    const f = accessFixture();
    const issues = refused(f, [requester(f, "hz", "cn-hangzhou", 3), requester(f, "tokyo", "ap-northeast-1", 1, { vpcId: "not-a-vpc" })]);
    expect(issues.map((i) => i.code)).toEqual([ValidationCode.CROSS_BORDER_UNACKNOWLEDGED, ValidationCode.ID_INVALID]);
  });
});

describe("DashScopePrivateAccess repeated names and owners", () => {
  test("every repeat of a requester name points at its first holder", () => {
    const f = accessFixture();
    const issues = refused(f, [requester(f, "a", "ap-northeast-1", 1), requester(f, "a", "ap-northeast-1", 2), requester(f, "a", "ap-northeast-1", 3)]);
    expect(issues.filter((i) => i.code === ValidationCode.NAME_DUPLICATE).map((i) => i.problem)).toEqual([
      'requesters[1].name "a" is already used by requesters[0]',
      'requesters[2].name "a" is already used by requesters[0]',
    ]);
  });

  test("a zone owner missing for several requesters is reported once", () => {
    const f = accessFixture();
    const dns = new AlicloudProvider(f.stack, "dns", { region: "ap-southeast-1", alias: "dns" });
    const issues = refused(
      f,
      [
        requester(f, "one", "ap-northeast-1", 1, { ownerAccountId: "1111111111111111" }),
        requester(f, "two", "ap-northeast-1", 2, { ownerAccountId: "2222222222222222" }),
      ],
      { privateZone: { provider: dns } },
    );
    expect(issues.filter((i) => i.code === ValidationCode.ZONE_OWNER_MISSING)).toHaveLength(1);
  });
});
