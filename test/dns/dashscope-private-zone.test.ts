import { AnnotationMetadataEntryType, TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { PrivatelinkVpcEndpoint } from "../../.gen/providers/alicloud/privatelink-vpc-endpoint";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { PvtzZone } from "../../.gen/providers/alicloud/pvtz-zone";
import { PvtzZoneAttachment } from "../../.gen/providers/alicloud/pvtz-zone-attachment";
import { PvtzZoneRecord } from "../../.gen/providers/alicloud/pvtz-zone-record";
import { DashScopeValidationError, ValidationCode } from "../../lib";
import { DashScopePrivateZone, IDashScopeZoneEndpoint } from "../../lib/dns";
import { thrown } from "../cdktf-helpers";

const CUSTOM_DOMAIN = "vpc-ap-southeast-1.dashscope.aliyuncs.com";

function setup(): { stack: TerraformStack; provider: AlicloudProvider; endpoint: IDashScopeZoneEndpoint & { vpcId: string }; l1: PrivatelinkVpcEndpoint } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  const provider = new AlicloudProvider(stack, "sg", { region: "ap-southeast-1", alias: "ap_southeast_1" });
  const l1 = new PrivatelinkVpcEndpoint(stack, "Endpoint", { provider, vpcId: "vpc-endpoint", serviceName: "com.aliyuncs.dashscope" });
  // Shaped like DashScopeEndpoint: the zone reads only the three declared fields.
  const endpoint = { endpointDomain: l1.endpointDomain, customDomain: CUSTOM_DOMAIN, region: { regionId: "ap-southeast-1" }, vpcId: "vpc-endpoint" };
  return { stack, provider, endpoint, l1 };
}

function attachments(stack: TerraformStack): any[] {
  return Object.values(JSON.parse(Testing.synth(stack)).resource.alicloud_pvtz_zone_attachment ?? {});
}

describe("DashScopePrivateZone", () => {
  test("names the zone after the endpoint's custom domain and CNAMEs @ to the endpoint's endpoint_domain", () => {
    const { stack, provider, endpoint, l1 } = setup();
    const zone = new DashScopePrivateZone(stack, "Dns", { endpoint, provider, vpcs: [{ vpcId: "vpc-tokyo", regionId: "ap-northeast-1" }] });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(PvtzZone, { zone_name: CUSTOM_DOMAIN, provider: "alicloud.ap_southeast_1" });
    expect(synth).toHaveResourceWithProperties(PvtzZoneRecord, {
      zone_id: `\${alicloud_pvtz_zone.${zone.zone!.friendlyUniqueId}.id}`,
      rr: "@",
      type: "CNAME",
      value: `\${alicloud_privatelink_vpc_endpoint.${l1.friendlyUniqueId}.endpoint_domain}`,
      ttl: 60,
      provider: "alicloud.ap_southeast_1",
    });
    expect(zone.zoneName).toBe(CUSTOM_DOMAIN);
  });

  test("exactly one attachment holds every binding, including VPCs added after construction", () => {
    const { stack, endpoint } = setup();
    const zone = new DashScopePrivateZone(stack, "Dns", { endpoint, vpcs: [{ vpcId: "vpc-sg-2", regionId: "ap-southeast-1" }] });
    zone.addVpc("vpc-tokyo", "ap-northeast-1");
    zone.addVpc("vpc-frankfurt", "eu-central-1");
    const all = attachments(stack);
    expect(all).toHaveLength(1);
    expect(all[0]).toEqual({
      zone_id: `\${alicloud_pvtz_zone.${zone.zone!.friendlyUniqueId}.id}`,
      vpcs: [
        { vpc_id: "vpc-sg-2", region_id: "ap-southeast-1" },
        { vpc_id: "vpc-tokyo", region_id: "ap-northeast-1" },
        { vpc_id: "vpc-frankfurt", region_id: "eu-central-1" },
      ],
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(PvtzZoneAttachment, {
      vpcs: expect.arrayContaining([{ vpc_id: "vpc-tokyo", region_id: "ap-northeast-1" }]),
    });
    expect(zone.vpcs).toHaveLength(3);
  });

  test("does not bind the endpoint's own VPC", () => {
    const { stack, endpoint } = setup();
    new DashScopePrivateZone(stack, "Dns", { endpoint, vpcs: [{ vpcId: "vpc-tokyo", regionId: "ap-northeast-1" }] });
    expect(attachments(stack)[0].vpcs).toEqual([{ vpc_id: "vpc-tokyo", region_id: "ap-northeast-1" }]);
  });

  test("addVpc is idempotent for the same VPC and region; another region for the same VPC is a duplicate", () => {
    const { stack, endpoint } = setup();
    const zone = new DashScopePrivateZone(stack, "Dns", { endpoint });
    zone.addVpc("vpc-tokyo", "ap-northeast-1");
    zone.addVpc("vpc-tokyo", "ap-northeast-1");
    expect(zone.vpcs).toEqual([{ vpcId: "vpc-tokyo", regionId: "ap-northeast-1" }]);
    const error = thrown(() => zone.addVpc("vpc-tokyo", "ap-southeast-1"));
    expect(error).toBeInstanceOf(DashScopeValidationError);
    expect(error.code).toBe(ValidationCode.VPC_REGION_CONFLICT);
    expect(error.message).toMatch(/^test\/Dns: \[DSPL_VPC_REGION_CONFLICT\] addVpc binds VPC "vpc-tokyo" in "ap-southeast-1", but it is already bound in "ap-northeast-1"/);
  });

  test("the same VPC twice in vpcs with different regions is a duplicate", () => {
    const { stack, endpoint } = setup();
    const error = thrown(
      () =>
        new DashScopePrivateZone(stack, "Dns", {
          endpoint,
          vpcs: [
            { vpcId: "vpc-1", regionId: "ap-northeast-1" },
            { vpcId: "vpc-1", regionId: "eu-central-1" },
          ],
        }),
    );
    expect(error.code).toBe(ValidationCode.VPC_REGION_CONFLICT);
    expect(error.message).toMatch(/vpcs\[1\] binds VPC "vpc-1"/);
  });

  test("regions must be literal region ids; VPC ids may be tokens", () => {
    const { stack, endpoint } = setup();
    const zone = new DashScopePrivateZone(stack, "Dns", { endpoint });
    const region = new TerraformVariable(stack, "region", { type: "string" });
    const error = thrown(() => zone.addVpc("vpc-1", region.stringValue));
    expect(error.code).toBe(ValidationCode.LITERAL_REQUIRED);
    expect(error.message).toMatch(/addVpc regionId is a token/);
    expect(thrown(() => zone.addVpc("vpc-1", "Tokyo")).message).toMatch(/addVpc regionId is not a known Alibaba Cloud region id\. Received: "Tokyo"/);
    const vpc = new TerraformVariable(stack, "vpc", { type: "string" });
    zone.addVpc(vpc.stringValue, "ap-northeast-1");
    expect(attachments(stack)[0].vpcs).toEqual([{ vpc_id: "${var.vpc}", region_id: "ap-northeast-1" }]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("a zone bound to no VPC fails synth", () => {
    const { stack, endpoint } = setup();
    new DashScopePrivateZone(stack, "Dns", { endpoint });
    expect(() => Testing.synth(stack, true)).toThrow(
      /\[DSPL_VALUE_OUT_OF_RANGE\] the private zone "vpc-ap-southeast-1\.dashscope\.aliyuncs\.com" is bound to no VPC/,
    );
  });

  test("recordTtl is configurable within 5 to 86400 seconds", () => {
    const { stack, endpoint } = setup();
    new DashScopePrivateZone(stack, "Dns", { endpoint, recordTtl: 30, vpcs: [{ vpcId: "vpc-1", regionId: "ap-northeast-1" }] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(PvtzZoneRecord, { ttl: 30 });
    for (const ttl of [0, 4, 86401, 1.5]) {
      const error = thrown(() => new DashScopePrivateZone(stack, `Dns${ttl}`.replace(".", "_"), { endpoint, recordTtl: ttl }));
      expect(error.code).toBe(ValidationCode.VALUE_OUT_OF_RANGE);
      expect(error.message).toMatch(/recordTtl \(seconds\) is (out of range|not an integer).*Allowed: an integer from 5 to 86400/);
    }
  });

  test("zoneName is validated as a DNS name, and a name other than the custom domain warns", () => {
    const { stack, endpoint } = setup();
    const error = thrown(() => new DashScopePrivateZone(stack, "Bad", { endpoint, zoneName: "vpc_ap.dashscope.aliyuncs.com" }));
    expect(error.code).toBe(ValidationCode.DNS_NAME_INVALID);
    expect(error.message).toMatch(/zoneName contains an underscore/);
    expect(stack.node.tryFindChild("Bad")).toBeUndefined();
    const zone = new DashScopePrivateZone(stack, "Dns", {
      endpoint,
      zoneName: "dashscope.internal.example.com",
      vpcs: [{ vpcId: "vpc-1", regionId: "ap-northeast-1" }],
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(PvtzZone, { zone_name: "dashscope.internal.example.com" });
    const warnings = zone.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => m.data);
    expect(warnings).toEqual([expect.stringMatching(/differs from the endpoint's custom domain/)]);
  });

  test("exposes the zone id and the record's record_id, not its composite id", () => {
    const { stack, endpoint } = setup();
    const zone = new DashScopePrivateZone(stack, "Dns", { endpoint, vpcs: [{ vpcId: "vpc-1", regionId: "ap-northeast-1" }] });
    new TerraformOutput(stack, "zone_id", { value: zone.zoneId });
    new TerraformOutput(stack, "record_id", { value: zone.recordId });
    const outputs = JSON.parse(Testing.synth(stack)).output;
    expect(outputs.zone_id.value).toBe(`\${alicloud_pvtz_zone.${zone.zone!.friendlyUniqueId}.id}`);
    expect(outputs.record_id.value).toBe(`\${alicloud_pvtz_zone_record.${zone.record.friendlyUniqueId}.record_id}`);
  });
});
