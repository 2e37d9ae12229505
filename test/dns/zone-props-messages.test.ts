// DashScopePrivateZone's own messages and bookkeeping: the adopted zone's id and keepVpcs, the
// warning that counts the kept VPCs, the quota failures in full, how accounts are counted, and the
// authorizations of other accounts (one per account, a token account included, all awaited).
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopePrivateZone, DashScopePrivateZoneProps } from "../../lib/dns";
import { ValidationCode } from "../../lib/validation";
import { synthJson, validationError, warningsOf } from "../cdktf-helpers";

const CUSTOM_DOMAIN = "vpc-ap-southeast-1.dashscope.aliyuncs.com";

function setup() {
  const stack = new TerraformStack(Testing.app(), "test");
  const provider = new AlicloudProvider(stack, "sg", { region: "ap-southeast-1", alias: "ap_southeast_1" });
  const endpoint = { endpointDomain: "ep-1.dashscope.ap-southeast-1.privatelink.aliyuncs.com", customDomain: CUSTOM_DOMAIN, region: { regionId: "ap-southeast-1" } };
  return { stack, provider, endpoint };
}

function build(overrides: Partial<DashScopePrivateZoneProps>) {
  const f = setup();
  const zone = new DashScopePrivateZone(f.stack, "Dns", { endpoint: f.endpoint, provider: f.provider, ...overrides });
  return { ...f, zone };
}

/** The message of the lazy validation failure. */
function synthFailure(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected synth validation to fail");
}

describe("an adopted zone's props", () => {
  test.each([["", '""'], ["   ", '"   "'], [7, "7"]])("zoneId %p is refused as empty, with both ways out", (zoneId, received) => {
    const f = setup();
    expect(validationError(() => new DashScopePrivateZone(f.stack, "Dns", { endpoint: f.endpoint, zoneId: zoneId as string })).issues).toEqual([
      {
        code: ValidationCode.ID_INVALID,
        problem: "zoneId is empty",
        received,
        allowed: "the id of the existing Private Zone",
        fix: "pass the zone's id, or leave zoneId out to create the zone",
      },
    ]);
  });

  test("a zoneId token is adopted as it is", () => {
    const f = setup();
    const zoneId = new TerraformVariable(f.stack, "zone_id", { type: "string" }).stringValue;
    const zone = new DashScopePrivateZone(f.stack, "Dns", { endpoint: f.endpoint, zoneId, vpcs: [{ vpcId: "vpc-a", regionId: "ap-northeast-1" }] });
    expect(zone.zone).toBeUndefined();
    expect(Object.values<any>(synthJson(f.stack).resource.alicloud_pvtz_zone_attachment)[0].zone_id).toBe("${var.zone_id}");
  });

  test("keepVpcs without zoneId: the problem explains, received shows the list, the fix offers both props", () => {
    const f = setup();
    const keepVpcs = [{ vpcId: "vpc-old", regionId: "ap-southeast-1" }];
    expect(validationError(() => new DashScopePrivateZone(f.stack, "Dns", { endpoint: f.endpoint, keepVpcs })).issues).toEqual([
      {
        code: ValidationCode.PROPS_CONFLICT,
        problem: "keepVpcs lists VPCs to keep bound to an adopted zone, but zoneId is not set: a new zone has no bindings to keep",
        received: '[{"vpcId":"vpc-old","regionId":"ap-southeast-1"}]',
        allowed: "keepVpcs together with zoneId",
        fix: "pass zoneId (the existing zone), or list the VPCs in vpcs",
      },
    ]);
  });

  test("a bad kept VPC is named as keepVpcs[i], a bad new one as vpcs[i]", () => {
    const f = setup();
    const error = validationError(
      () =>
        new DashScopePrivateZone(f.stack, "Dns", {
          endpoint: f.endpoint,
          zoneId: "zone-1",
          keepVpcs: [{ vpcId: "vpc-ok", regionId: "ap-southeast-1" }, { vpcId: "vsw-1", regionId: "ap-southeast-1" }],
          vpcs: [{ vpcId: "vpc-new", regionId: "Tokyo" }],
        }),
    );
    expect(error.issues.map((i) => i.problem)).toEqual([
      "keepVpcs[1] vpcId is not a vpc id (it looks like a vSwitch id)",
      "vpcs[0] regionId is not a known Alibaba Cloud region id",
    ]);
    expect(f.stack.node.tryFindChild("Dns")).toBeUndefined();
  });

  test("a VPC both kept and listed again in the same region is bound once; in another region it is a conflict", () => {
    const { stack, zone } = build({ zoneId: "zone-1", keepVpcs: [{ vpcId: "vpc-a", regionId: "ap-southeast-1" }], vpcs: [{ vpcId: "vpc-a", regionId: "ap-southeast-1" }] });
    expect(zone.vpcs).toEqual([{ vpcId: "vpc-a", regionId: "ap-southeast-1" }]);
    expect(Object.values<any>(synthJson(stack).resource.alicloud_pvtz_zone_attachment)[0].vpcs).toEqual([{ vpc_id: "vpc-a", region_id: "ap-southeast-1" }]);
    const f = setup();
    expect(
      validationError(
        () =>
          new DashScopePrivateZone(f.stack, "Dns", {
            endpoint: f.endpoint,
            zoneId: "zone-1",
            keepVpcs: [{ vpcId: "vpc-a", regionId: "ap-southeast-1" }],
            vpcs: [{ vpcId: "vpc-a", regionId: "ap-northeast-1" }],
          }),
      ).issues,
    ).toEqual([
      {
        code: ValidationCode.VPC_REGION_CONFLICT,
        problem: 'vpcs[0] binds VPC "vpc-a" in "ap-northeast-1", but it is already bound in "ap-southeast-1"; a VPC is in one region',
        received: '"ap-northeast-1"',
        allowed: '"ap-southeast-1", the region it was first bound with',
        fix: "bind each VPC once, with the region it is in",
      },
    ]);
  });

  test("a VPC listed twice with its region is bound once, as first given (the repeat's account is not authorized)", () => {
    const { stack, zone } = build({
      vpcs: [
        { vpcId: "vpc-a", regionId: "ap-northeast-1" },
        { vpcId: "vpc-a", regionId: "ap-northeast-1", ownerAccountId: "1111111111111111" },
      ],
    });
    expect(zone.vpcs).toEqual([{ vpcId: "vpc-a", regionId: "ap-northeast-1" }]);
    expect(synthJson(stack).resource.alicloud_pvtz_user_vpc_authorization).toBeUndefined();
  });

  test("a refused binding does not claim its VPC: the corrected repeat is not reported as a region conflict", () => {
    const f = setup();
    const error = validationError(
      () =>
        new DashScopePrivateZone(f.stack, "Dns", {
          endpoint: f.endpoint,
          vpcs: [
            { vpcId: "vpc-a", regionId: "Tokyo" },
            { vpcId: "vpc-a", regionId: "ap-northeast-1" },
          ],
        }),
    );
    expect(error.issues.map((i) => [i.code, i.problem])).toEqual([[ValidationCode.REGION_INVALID, "vpcs[0] regionId is not a known Alibaba Cloud region id"]]);
  });

  test("the adopted-zone warning names the zone and its id and counts the kept VPCs", () => {
    const { zone } = build({ zoneId: "zone-1", keepVpcs: [{ vpcId: "vpc-a", regionId: "ap-southeast-1" }, { vpcId: "vpc-b", regionId: "ap-northeast-1" }] });
    const warnings = warningsOf(zone);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^\[DSPL_ZONE_BINDINGS_REPLACED\] The adopted Private Zone "vpc-ap-southeast-1\.dashscope\.aliyuncs\.com" \(zone id "zone-1"\) gets one attachment owned by this stack\. BindZoneVpc replaces the zone's whole VPC list: on the first apply every VPC bound today that is not in keepVpcs \(2 listed\) or added by this construct is UNBOUND/,
    );
    expect(warningsOf(build({ zoneId: "zone-1", vpcs: [{ vpcId: "vpc-a", regionId: "ap-southeast-1" }] }).zone)[0]).toMatch(/not in keepVpcs \(0 listed\)/);
  });

  test("a new zone warns about nothing", () => {
    expect(warningsOf(build({ vpcs: [{ vpcId: "vpc-a", regionId: "ap-northeast-1" }] }).zone)).toEqual([]);
  });
});

describe("quotas in full", () => {
  const WAYS =
    "raise the quota with Alibaba Cloud (Quota Center or a ticket) and set privateZone.maxVpcsPerZone / maxAccountsPerZone to the new figure, or split the requesters over several hubs (stacks), each with its own zone; Alibaba's docs do not say that two zones of one name may coexist, so this library does not shard one name over several zones";

  test("too many VPCs: received counts them, allowed names the quota prop, the fix lists the ways out", () => {
    const vpcs = ["a", "b", "c"].map((x) => ({ vpcId: `vpc-${x}`, regionId: "ap-northeast-1" }));
    const { stack } = build({ vpcs, maxVpcsPerZone: 2 });
    expect(synthFailure(stack)).toContain(
      `[DSPL_ZONE_QUOTA_EXCEEDED] the private zone would bind 3 VPCs, more than the 2 a zone may have (Alibaba Cloud DNS limits, 2024-04-26). Received: 3 VPC bindings. Allowed: at most 2 (maxVpcsPerZone). Fix: ${WAYS}.`,
    );
  });

  test("too many accounts: the zone owner's own VPCs count as one account", () => {
    const vpcs = [
      { vpcId: "vpc-own", regionId: "ap-northeast-1" },
      { vpcId: "vpc-a", regionId: "ap-northeast-1", ownerAccountId: "1111111111111111" },
      { vpcId: "vpc-b", regionId: "ap-northeast-1", ownerAccountId: "2222222222222222" },
    ];
    const { stack } = build({ vpcs, maxAccountsPerZone: 2 });
    expect(synthFailure(stack)).toContain(
      `[DSPL_ZONE_QUOTA_EXCEEDED] the private zone would bind VPCs of 3 accounts, more than the 2 a zone may serve (Alibaba Cloud DNS limits, 2024-04-26). Received: 3 accounts. Allowed: at most 2 (maxAccountsPerZone). Fix: ${WAYS}.`,
    );
    expect(() => Testing.synth(build({ vpcs, maxAccountsPerZone: 3 }).stack, true)).not.toThrow();
  });

  test("by default 200 accounts are fine and the 201st fails", () => {
    const accounts = (n: number) => Array.from({ length: n }, (_, i) => ({ vpcId: `vpc-${i}`, regionId: "ap-northeast-1", ownerAccountId: String(1000000000000000 + i) }));
    expect(() => Testing.synth(build({ vpcs: accounts(200), maxVpcsPerZone: 1000 }).stack, true)).not.toThrow();
    expect(synthFailure(build({ vpcs: accounts(201), maxVpcsPerZone: 1000 }).stack)).toMatch(/VPCs of 201 accounts, more than the 200 a zone may serve/);
  });

  test("quota props given as tokens are not checked at synth", () => {
    const f = setup();
    const max = new TerraformVariable(f.stack, "max", { type: "number" }).numberValue;
    new DashScopePrivateZone(f.stack, "Dns", {
      endpoint: f.endpoint,
      vpcs: [{ vpcId: "vpc-a", regionId: "ap-northeast-1", ownerAccountId: "1111111111111111" }, { vpcId: "vpc-b", regionId: "ap-northeast-1" }],
      maxVpcsPerZone: max,
      maxAccountsPerZone: max,
    });
    expect(() => Testing.synth(f.stack, true)).not.toThrow();
  });
});

describe("authorizations of other accounts", () => {
  test("each account once, a token account under a numbered id, and the attachment waits for all of them", () => {
    const { stack, zone } = build({ vpcs: [{ vpcId: "vpc-a", regionId: "ap-northeast-1", ownerAccountId: "1111111111111111" }] });
    const account = new TerraformVariable(stack, "account", { type: "string" }).stringValue;
    zone.addVpc("vpc-b", "eu-central-1", { ownerAccountId: account });
    zone.addVpc("vpc-c", "eu-central-1", { ownerAccountId: "2222222222222222" });
    zone.addVpc("vpc-d", "eu-central-1", { ownerAccountId: account });
    expect([...zone.vpcAuthorizations.keys()]).toEqual(["1111111111111111", account, "2222222222222222"]);
    expect([...zone.vpcAuthorizations.values()].map((a) => a.node.id)).toEqual([
      "Authorization-1111111111111111",
      "Authorization-Vpc-2",
      "Authorization-2222222222222222",
    ]);
    const json = synthJson(stack);
    const auths = json.resource.alicloud_pvtz_user_vpc_authorization;
    expect(Object.values<any>(auths).map((a) => a.authorized_user_id).sort()).toEqual(["${var.account}", "1111111111111111", "2222222222222222"]);
    expect(Object.values<any>(json.resource.alicloud_pvtz_zone_attachment)[0].depends_on).toEqual(
      [...zone.vpcAuthorizations.values()].map((a) => `alicloud_pvtz_user_vpc_authorization.${a.friendlyUniqueId}`),
    );
  });

  test("addVpc of a bound VPC with its region does nothing, even with an account", () => {
    const { stack, zone } = build({ vpcs: [{ vpcId: "vpc-a", regionId: "ap-northeast-1" }] });
    zone.addVpc("vpc-a", "ap-northeast-1", { ownerAccountId: "1111111111111111" });
    expect(zone.vpcs).toEqual([{ vpcId: "vpc-a", regionId: "ap-northeast-1" }]);
    expect(zone.vpcAuthorizations.size).toBe(0);
    expect(synthJson(stack).resource.alicloud_pvtz_user_vpc_authorization).toBeUndefined();
  });

  test("the zone owner's VPCs need no authorization and the attachment depends on nothing", () => {
    const { stack } = build({ vpcs: [{ vpcId: "vpc-a", regionId: "ap-northeast-1" }] });
    const json = synthJson(stack);
    expect(json.resource.alicloud_pvtz_user_vpc_authorization).toBeUndefined();
    expect(Object.values<any>(json.resource.alicloud_pvtz_zone_attachment)[0].depends_on).toBeUndefined();
  });

  test("checkVpc reports what addVpc would throw and creates nothing", () => {
    const { stack, zone } = build({ vpcs: [{ vpcId: "vpc-a", regionId: "ap-northeast-1" }] });
    expect(zone.checkVpc({ vpcId: "vpc-b", regionId: "ap-northeast-1", ownerAccountId: "1111111111111111" })).toEqual([]);
    expect(zone.checkVpc({ vpcId: "vpc-a", regionId: "eu-central-1" }).map((i) => i.problem)).toEqual([
      'addVpc binds VPC "vpc-a" in "eu-central-1", but it is already bound in "ap-northeast-1"; a VPC is in one region',
    ]);
    expect(zone.vpcs).toHaveLength(1);
    expect(synthJson(stack).resource.alicloud_pvtz_user_vpc_authorization).toBeUndefined();
  });

  test("addVpc refuses with the zone's path and every issue of the binding", () => {
    const { zone } = build({ vpcs: [{ vpcId: "vpc-a", regionId: "ap-northeast-1" }] });
    const error = validationError(() => zone.addVpc("vsw-b", "Tokyo", { ownerAccountId: "acme" }));
    expect(error.constructPath).toBe("test/Dns");
    expect(error.issues.map((i) => i.problem)).toEqual([
      "addVpc vpcId is not a vpc id (it looks like a vSwitch id)",
      "addVpc ownerAccountId is not an Alibaba Cloud account UID",
      "addVpc regionId is not a known Alibaba Cloud region id",
    ]);
    expect(zone.vpcs).toHaveLength(1);
  });
});
