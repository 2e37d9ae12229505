// What DashScopePrivateZone says when it refuses or warns: each message names the offending prop
// and carries its received value, what is allowed and the fix; the name warning fires only for two
// literal names that differ.
import { AnnotationMetadataEntryType, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopePrivateZone } from "../../lib/dns";
import { thrown } from "../cdktf-helpers";

const CUSTOM_DOMAIN = "vpc-ap-southeast-1.dashscope.aliyuncs.com";

function setup(customDomain = CUSTOM_DOMAIN, endpointDomain = "ep-123.dashscope.ap-southeast-1.privatelink.aliyuncs.com") {
  const stack = new TerraformStack(Testing.app(), "test");
  const provider = new AlicloudProvider(stack, "sg", { region: "ap-southeast-1", alias: "ap_southeast_1" });
  return { stack, provider, endpoint: { endpointDomain, customDomain, region: { regionId: "ap-southeast-1" } } };
}

const warningsOf = (zone: DashScopePrivateZone) => zone.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => m.data);

describe("DashScopePrivateZone messages", () => {
  test("a bad zone name is reported as zoneName when given, as endpoint.customDomain when taken from the endpoint", () => {
    const given = setup();
    expect(thrown(() => new DashScopePrivateZone(given.stack, "Dns", { ...given, zoneName: "bad name" })).message).toMatch(/zoneName/);
    expect(thrown(() => new DashScopePrivateZone(given.stack, "Dns2", { ...given, zoneName: "bad name" })).message).not.toMatch(/endpoint\.customDomain/);
    const fromEndpoint = setup("bad name");
    expect(thrown(() => new DashScopePrivateZone(fromEndpoint.stack, "Dns", fromEndpoint)).message).toMatch(/endpoint\.customDomain \(the zone name\)/);
  });

  test("a bad CNAME target is reported as endpoint.endpointDomain", () => {
    const f = setup(CUSTOM_DOMAIN, "not a name");
    expect(thrown(() => new DashScopePrivateZone(f.stack, "Dns", f)).message).toMatch(/endpoint\.endpointDomain \(the CNAME target\)/);
  });

  test("a fractional record TTL is refused with the default as the fix", () => {
    const f = setup();
    expect(thrown(() => new DashScopePrivateZone(f.stack, "Dns", { ...f, recordTtl: 1.5 })).message).toMatch(
      /Fix: use a whole number of seconds; 60 keeps a replaced endpoint visible within a minute/,
    );
  });

  test("a zone bound to no VPC fails validation saying what it received, allows and how to fix it", () => {
    const f = setup();
    new DashScopePrivateZone(f.stack, "Dns", f);
    expect(() => Testing.synth(f.stack, true)).toThrow(
      /bound to no VPC, so it answers nowhere\. Received: 0 VPC bindings\. Allowed: at least one requester VPC\. Fix: pass vpcs or call addVpc\(vpcId, regionId\) for every VPC that reaches the endpoint over CEN/,
    );
  });

  test("a VPC bound again in another region: allowed is the first region, the fix says bind once", () => {
    const f = setup();
    const zone = new DashScopePrivateZone(f.stack, "Dns", { ...f, vpcs: [{ vpcId: "vpc-a", regionId: "ap-northeast-1" }] });
    expect(thrown(() => zone.addVpc("vpc-a", "eu-central-1")).message).toMatch(
      /Received: "eu-central-1"\. Allowed: "ap-northeast-1", the region it was first bound with\. Fix: bind each VPC once, with the region it is in/,
    );
    expect(zone.vpcs).toEqual([{ vpcId: "vpc-a", regionId: "ap-northeast-1" }]);
  });

  test("the name warning: only for two literal names that differ", () => {
    const same = setup();
    expect(warningsOf(new DashScopePrivateZone(same.stack, "Dns", { ...same, zoneName: CUSTOM_DOMAIN, vpcs: [{ vpcId: "vpc-v", regionId: "ap-southeast-1" }] }))).toEqual([]);
    const token = setup();
    const name = new TerraformVariable(token.stack, "zone_name", { type: "string" }).stringValue;
    expect(warningsOf(new DashScopePrivateZone(token.stack, "Dns", { ...token, zoneName: name }))).toEqual([]);
    const tokenDomain = setup(new TerraformVariable(new TerraformStack(Testing.app(), "other"), "d", { type: "string" }).stringValue);
    expect(warningsOf(new DashScopePrivateZone(tokenDomain.stack, "Dns", { ...tokenDomain, zoneName: "other.example.com" }))).toEqual([]);
    const differs = setup();
    expect(warningsOf(new DashScopePrivateZone(differs.stack, "Dns", { ...differs, zoneName: "other.example.com" }))).toEqual([
      expect.stringMatching(/^\[DSPL_ZONE_NAME_MISMATCH\] zoneName "other\.example\.com" differs from the endpoint's custom domain "vpc-ap-southeast-1\.dashscope\.aliyuncs\.com"/),
    ]);
  });
});
