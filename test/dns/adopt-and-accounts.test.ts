import { TerraformStack, Testing } from "cdktf";
import { PrivatelinkVpcEndpoint } from "../../.gen/providers/alicloud/privatelink-vpc-endpoint";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { ValidationCode, ValidationWarning } from "../../lib/validation";
import { DashScopePrivateZone } from "../../lib/dns";
import { synthJson, treeSnapshot, validationError, warningsOf } from "../cdktf-helpers";

function setup() {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  const provider = new AlicloudProvider(stack, "sg", { region: "ap-southeast-1", alias: "ap_southeast_1" });
  const l1 = new PrivatelinkVpcEndpoint(stack, "Endpoint", { provider, vpcId: "vpc-endpoint", serviceName: "com.aliyuncs.dashscope" });
  const endpoint = { endpointDomain: l1.endpointDomain, customDomain: "vpc-ap-southeast-1.dashscope.aliyuncs.com", region: { regionId: "ap-southeast-1" } };
  return { stack, provider, endpoint };
}

describe("DashScopePrivateZone: an adopted zone", () => {
  test("creates no zone, keeps the listed VPCs first in its one attachment, and warns loudly with a code", () => {
    const { stack, provider, endpoint } = setup();
    const zone = new DashScopePrivateZone(stack, "Dns", {
      endpoint,
      provider,
      zoneId: "zone-existing",
      keepVpcs: [{ vpcId: "vpc-legacy", regionId: "ap-southeast-1" }],
      vpcs: [{ vpcId: "vpc-tokyo", regionId: "ap-northeast-1" }],
    });
    expect(zone.zone).toBeUndefined();
    const json = synthJson(stack);
    expect(json.resource.alicloud_pvtz_zone).toBeUndefined();
    const [attachment] = Object.values<any>(json.resource.alicloud_pvtz_zone_attachment);
    expect(attachment.zone_id).toBe("zone-existing");
    expect(attachment.vpcs).toEqual([
      { vpc_id: "vpc-legacy", region_id: "ap-southeast-1" },
      { vpc_id: "vpc-tokyo", region_id: "ap-northeast-1" },
    ]);
    expect(Object.values<any>(json.resource.alicloud_pvtz_zone_record)[0].zone_id).toBe("zone-existing");
    const warnings = warningsOf(zone);
    expect(warnings.some((w) => w.startsWith(`[${ValidationWarning.ZONE_BINDINGS_REPLACED}]`) && /UNBOUND/.test(w))).toBe(true);
  });

  test("the adopted-zone warning says the construct owns the @ record and how to import an existing one", () => {
    const { stack, provider, endpoint } = setup();
    const zone = new DashScopePrivateZone(stack, "Dns", { endpoint, provider, zoneId: "zone-existing" });
    const warning = warningsOf(zone).find((w) => w.startsWith(`[${ValidationWarning.ZONE_BINDINGS_REPLACED}]`))!;
    expect(warning).toMatch(/owns the zone's "@" CNAME record/);
    expect(warning).toContain("<record_id>:<zone id>");
    expect(warning).toMatch(/keepVpcs entries of other accounts \(ownerAccountId\) get an alicloud_pvtz_user_vpc_authorization/);
  });

  test("keepVpcs without zoneId is a conflict; an empty zoneId is an invalid id", () => {
    const { stack, provider, endpoint } = setup();
    expect(validationError(() => new DashScopePrivateZone(stack, "A", { endpoint, provider, keepVpcs: [{ vpcId: "vpc-1", regionId: "ap-southeast-1" }] })).code).toBe(
      ValidationCode.PROPS_CONFLICT,
    );
    expect(validationError(() => new DashScopePrivateZone(stack, "B", { endpoint, provider, zoneId: "" })).code).toBe(ValidationCode.ID_INVALID);
  });
});

describe("DashScopePrivateZone: VPCs of other accounts", () => {
  test("one authorization per account (NORMAL, RESOURCE_DIRECTORY) with the zone's provider, and the attachment waits for it", () => {
    const { stack, provider, endpoint } = setup();
    const zone = new DashScopePrivateZone(stack, "Dns", { endpoint, provider });
    zone.addVpc("vpc-a", "ap-northeast-1", { ownerAccountId: "1111111111111111" });
    zone.addVpc("vpc-b", "eu-central-1", { ownerAccountId: "1111111111111111" });
    zone.addVpc("vpc-c", "eu-central-1");
    const json = synthJson(stack);
    const auths = Object.entries<any>(json.resource.alicloud_pvtz_user_vpc_authorization);
    expect(auths).toHaveLength(1);
    expect(auths[0][1]).toMatchObject({ authorized_user_id: "1111111111111111", auth_type: "NORMAL", auth_channel: "RESOURCE_DIRECTORY", provider: "alicloud.ap_southeast_1" });
    const [attachment] = Object.values<any>(json.resource.alicloud_pvtz_zone_attachment);
    expect(attachment.depends_on).toEqual([`alicloud_pvtz_user_vpc_authorization.${auths[0][0]}`]);
  });

  test("a malformed account UID is rejected and leaves the zone unchanged", () => {
    const { stack, provider, endpoint } = setup();
    const zone = new DashScopePrivateZone(stack, "Dns", { endpoint, provider, vpcs: [{ vpcId: "vpc-a", regionId: "ap-northeast-1" }] });
    const before = treeSnapshot(stack);
    expect(validationError(() => zone.addVpc("vpc-b", "ap-northeast-1", { ownerAccountId: "acme-prod" })).code).toBe(ValidationCode.ACCOUNT_ID_INVALID);
    expect(validationError(() => zone.addVpc("vsw-b", "ap-northeast-1")).code).toBe(ValidationCode.ID_INVALID);
    expect(validationError(() => zone.addVpc("vpc-a", "eu-central-1")).code).toBe(ValidationCode.VPC_REGION_CONFLICT);
    expect(treeSnapshot(stack)).toEqual(before);
  });
});

describe("DashScopePrivateZone: quotas", () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ vpcId: `vpc-${i}`, regionId: "ap-northeast-1" }));

  test("more than 100 VPCs fails synth naming the quota and the ways out", () => {
    const { stack, provider, endpoint } = setup();
    new DashScopePrivateZone(stack, "Dns", { endpoint, provider, vpcs: many(101) });
    expect(() => Testing.synth(stack, true)).toThrow(/\[DSPL_ZONE_QUOTA_EXCEEDED\] the private zone would bind 101 VPCs, more than the 100 .*maxVpcsPerZone/);
  });

  test("maxVpcsPerZone raises the limit (a raised quota), and 100 is still fine by default", () => {
    const a = setup();
    new DashScopePrivateZone(a.stack, "Dns", { endpoint: a.endpoint, provider: a.provider, vpcs: many(150), maxVpcsPerZone: 2000 });
    expect(() => Testing.synth(a.stack, true)).not.toThrow();
    const b = setup();
    new DashScopePrivateZone(b.stack, "Dns", { endpoint: b.endpoint, provider: b.provider, vpcs: many(100) });
    expect(() => Testing.synth(b.stack, true)).not.toThrow();
  });

  test("more than maxAccountsPerZone accounts fails synth", () => {
    const { stack, provider, endpoint } = setup();
    const vpcs = ["1111111111111111", "2222222222222222", "3333333333333333"].map((ownerAccountId, i) => ({ vpcId: `vpc-${i}`, regionId: "ap-northeast-1", ownerAccountId }));
    new DashScopePrivateZone(stack, "Dns", { endpoint, provider, vpcs, maxAccountsPerZone: 2 });
    expect(() => Testing.synth(stack, true)).toThrow(/DSPL_ZONE_QUOTA_EXCEEDED\] the private zone would bind VPCs of 3 accounts/);
  });

  test("at the accounts limit synth passes; one account more fails", () => {
    const accounts = (n: number) => Array.from({ length: n }, (_, i) => ({ vpcId: `vpc-${i}`, regionId: "ap-northeast-1", ownerAccountId: String(1111111111111111 + i) }));
    const a = setup();
    new DashScopePrivateZone(a.stack, "Dns", { endpoint: a.endpoint, provider: a.provider, vpcs: [...accounts(3), { vpcId: "vpc-again", regionId: "ap-northeast-1", ownerAccountId: "1111111111111111" }], maxAccountsPerZone: 3 });
    expect(() => Testing.synth(a.stack, true)).not.toThrow();
    const b = setup();
    new DashScopePrivateZone(b.stack, "Dns", { endpoint: b.endpoint, provider: b.provider, vpcs: accounts(4), maxAccountsPerZone: 3 });
    expect(() => Testing.synth(b.stack, true)).toThrow(/DSPL_ZONE_QUOTA_EXCEEDED\] the private zone would bind VPCs of 4 accounts/);
  });
});
