// Behaviours the endpoint and validation mutation runs found unchecked: an imported endpoint
// without zone IPs, the name a bad imported region is reported under, a pinned ENI IP under a token
// VPC CIDR, one token repeated in allowedCidrs, and a token zone id (no zone-table warning).
import { TerraformVariable } from "cdktf";
import { SecurityGroupRule } from "../../.gen/providers/alicloud/security-group-rule";
import { DashScopeEndpoint } from "../../lib/endpoint";
import { ValidationCode } from "../../lib/validation";
import { warningsOf } from "../cdktf-helpers";
import { fixture, props, resourcesOf, validationError } from "./helpers";

const ATTRS = {
  endpointId: "ep-t4n0dashscope",
  endpointDomain: "ep-t4n0dashscope.dashscope.ap-southeast-1.privatelink.aliyuncs.com",
  region: "ap-southeast-1",
};

describe("DashScopeEndpoint.fromEndpointAttributes", () => {
  test("without zoneIps the imported endpoint has no zone IPs", () => {
    const { stack } = fixture();
    expect(DashScopeEndpoint.fromEndpointAttributes(stack, "Imported", ATTRS).zoneIps).toEqual([]);
  });

  test("an unsupported region is reported under the attribute's name, region", () => {
    const { stack } = fixture();
    const err = validationError(() => DashScopeEndpoint.fromEndpointAttributes(stack, "Imported", { ...ATTRS, region: "us-east-1" }));
    expect(err.issues).toEqual([
      expect.objectContaining({
        code: ValidationCode.REGION_UNSUPPORTED,
        problem: expect.stringMatching(/^region is not a region where Model Studio offers the PrivateLink endpoint service/),
        received: '"us-east-1"',
      }),
    ]);
  });
});

describe("DashScopeEndpoint", () => {
  test("a pinned ENI IP is accepted when vpcCidrBlock is a token (nothing literal to check it against)", () => {
    const { stack, provider } = fixture();
    const p = props(provider, {
      vpcCidrBlock: new TerraformVariable(stack, "vpc_cidr", { type: "string" }).stringValue,
      vSwitches: [
        { vSwitchId: "vsw-a", zoneId: "ap-southeast-1a", eniIp: "192.168.1.10" },
        { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" },
      ],
    });
    new DashScopeEndpoint(stack, "Endpoint", p);
    const zones = Object.values(resourcesOf(stack, "alicloud_privatelink_vpc_endpoint_zone"));
    expect(zones.map((z: any) => z.eni_ip)).toEqual(["192.168.1.10", undefined]);
  });

  test("one token CIDR listed twice in allowedCidrs opens its ports once", () => {
    const { stack, provider } = fixture();
    const cidr = new TerraformVariable(stack, "caller_cidr", { type: "string" }).stringValue;
    new DashScopeEndpoint(stack, "Endpoint", props(provider, { allowedCidrs: [cidr, cidr] }));
    const rules = Object.values(resourcesOf(stack, SecurityGroupRule.tfResourceType));
    expect(rules.map((r: any) => [r.cidr_ip, r.port_range]).sort()).toEqual([
      ["${var.caller_cidr}", "443/443"],
      ["${var.caller_cidr}", "80/80"],
    ]);
  });

  test("a zone id that is a token is not checked against the zone table, so it does not warn", () => {
    const { stack, provider } = fixture();
    const zone = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, {
      vSwitches: [
        { vSwitchId: "vsw-a", zoneId: zone("zone_a") },
        { vSwitchId: "vsw-b", zoneId: zone("zone_b") },
      ],
    }));
    expect(warningsOf(endpoint)).toEqual([]);
  });
});
