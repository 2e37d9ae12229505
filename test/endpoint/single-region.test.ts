import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { PrivatelinkVpcEndpoint } from "../../.gen/providers/alicloud/privatelink-vpc-endpoint";
import { PrivatelinkVpcEndpointZone } from "../../.gen/providers/alicloud/privatelink-vpc-endpoint-zone";
import { SecurityGroupRule } from "../../.gen/providers/alicloud/security-group-rule";
import { buildExampleApp } from "../../examples/app";
import { SingleRegionStack } from "../../examples/single-region";
import { addressesOf } from "../cdktf-helpers";

/**
 * The Terraform addresses of the single-region stack. These are the one deliberate snapshot: a
 * changed address makes Terraform destroy and recreate the resource, a production endpoint
 * included. Change this list only together with a documented migration (terraform state mv or a
 * `moved` block).
 */
const ADDRESSES = [
  "alicloud_privatelink_vpc_endpoint.Endpoint_EEF1FD8F",
  "alicloud_privatelink_vpc_endpoint_zone.Endpoint_Zone-ap-southeast-1a_8DE6FD19",
  "alicloud_privatelink_vpc_endpoint_zone.Endpoint_Zone-ap-southeast-1b_CFF92B44",
  "alicloud_security_group.Endpoint_SecurityGroup_D39BAD7A",
  "alicloud_security_group_rule.Endpoint_Ingress-10-10-0-0-16-443_2BF30562",
  "alicloud_security_group_rule.Endpoint_Ingress-10-10-0-0-16-80_994D4A4F",
  "alicloud_vpc.Vpc",
  "alicloud_vswitch.VSwitch-ap-southeast-1a",
  "alicloud_vswitch.VSwitch-ap-southeast-1b",
];

function singleRegion(): { stack: TerraformStack; json: any; synth: string } {
  const app = Testing.app();
  const stack = new SingleRegionStack(app, "single-region");
  const synth = Testing.synth(stack, true);
  return { stack, json: JSON.parse(synth), synth };
}

describe("SingleRegionStack", () => {
  test("keeps its Terraform resource addresses", () => {
    const { json } = singleRegion();
    expect(addressesOf(json)).toEqual(ADDRESSES);
  });

  test("has the five outputs the verifier reads, under their exact names", () => {
    const { json } = singleRegion();
    expect(Object.keys(json.output).sort()).toEqual([
      "custom_domain",
      "endpoint_domain",
      "endpoint_id",
      "endpoint_region",
      "endpoint_zone_ips",
    ]);
    expect(json.output.endpoint_id.value).toBe("${alicloud_privatelink_vpc_endpoint.Endpoint_EEF1FD8F.id}");
    expect(json.output.endpoint_domain.value).toBe("${alicloud_privatelink_vpc_endpoint.Endpoint_EEF1FD8F.endpoint_domain}");
    expect(json.output.custom_domain.value).toBe("vpc-ap-southeast-1.dashscope.aliyuncs.com");
    expect(json.output.endpoint_region.value).toBe("ap-southeast-1");
    expect(json.output.endpoint_zone_ips.value).toEqual([
      "${alicloud_privatelink_vpc_endpoint_zone.Endpoint_Zone-ap-southeast-1a_8DE6FD19.eni_ip}",
      "${alicloud_privatelink_vpc_endpoint_zone.Endpoint_Zone-ap-southeast-1b_CFF92B44.eni_ip}",
    ]);
  });

  test("declares one endpoint on com.aliyuncs.dashscope in two zones, open on 80 and 443 to the VPC CIDR only", () => {
    const { json, synth } = singleRegion();
    expect(synth).toHaveResourceWithProperties(PrivatelinkVpcEndpoint, {
      endpoint_type: "Interface",
      service_name: "com.aliyuncs.dashscope",
      vpc_id: "${alicloud_vpc.Vpc.id}",
      provider: "alicloud.ap_southeast_1",
    });
    const zones = Object.values(json.resource[PrivatelinkVpcEndpointZone.tfResourceType]).map((z: any) => z.zone_id);
    expect(zones.sort()).toEqual(["ap-southeast-1a", "ap-southeast-1b"]);
    const rules = Object.values(json.resource[SecurityGroupRule.tfResourceType]).map(
      (r: any) => `${r.type} ${r.ip_protocol} ${r.port_range} ${r.cidr_ip} ${r.nic_type} ${r.policy}`,
    );
    expect(rules.sort()).toEqual([
      "ingress tcp 443/443 10.10.0.0/16 intranet accept",
      "ingress tcp 80/80 10.10.0.0/16 intranet accept",
    ]);
    expect(json.provider.alicloud).toEqual([{ alias: "ap_southeast_1", region: "ap-southeast-1" }]);
  });

  test("synthesizes through the example app into cdktf.out/stacks/single-region", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "single-region-"));
    try {
      buildExampleApp({ outdir }).synth();
      const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "single-region", "cdk.tf.json"), "utf8"));
      expect(Object.keys(json.output)).toEqual(
        expect.arrayContaining(["endpoint_id", "endpoint_domain", "custom_domain", "endpoint_region", "endpoint_zone_ips"]),
      );
      expect(Object.keys(json.resource[PrivatelinkVpcEndpoint.tfResourceType])).toEqual(["Endpoint_EEF1FD8F"]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
