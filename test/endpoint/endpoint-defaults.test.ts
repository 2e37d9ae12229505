// The names and descriptions DashScopeEndpoint writes when they are not given, as they appear in the
// synthesized Terraform JSON.
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopeEndpoint } from "../../lib/endpoint";
import { fixture, props, resolved, resourcesOf } from "./helpers";
import { warningsOf } from "../cdktf-helpers";

const one = (stack: TerraformStack, type: string): any => Object.values(resourcesOf(stack, type))[0];

describe("DashScopeEndpoint defaults", () => {
  test("the endpoint's and the group's descriptions name the service, the region, the ports and this library", () => {
    const { stack, provider } = fixture();
    new DashScopeEndpoint(stack, "Endpoint", props(provider, { endpointName: "ep-prod" }));
    expect(one(stack, "alicloud_privatelink_vpc_endpoint").endpoint_description).toBe(
      "Private access to Model Studio (DashScope) in ap-southeast-1 through com.aliyuncs.dashscope; managed by cdktf-dashscope-privatelink",
    );
    expect(one(stack, "alicloud_security_group").description).toBe(
      "Ingress to the Model Studio (DashScope) PrivateLink endpoint ep-prod on tcp 80, 443 from the allowed networks; managed by cdktf-dashscope-privatelink",
    );
  });

  test("a given description and service name are used as they are", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { endpointDescription: "mine", serviceName: "com.example.other" }));
    expect(one(stack, "alicloud_privatelink_vpc_endpoint")).toMatchObject({ endpoint_description: "mine", service_name: "com.example.other" });
    expect(endpoint.serviceName).toBe("com.example.other");
  });

  test("the default name: the construct path with characters names reject replaced, at most 128 characters", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "My Endpoint.v2", props(provider));
    expect(endpoint.endpointName).toBe("dashscope-test-My-Endpoint-v2");
    expect(one(stack, "alicloud_security_group").security_group_name).toBe("dashscope-test-My-Endpoint-v2-sg");
    const long = fixture();
    const named = new DashScopeEndpoint(long.stack, "e".repeat(200), props(long.provider));
    expect(named.endpointName).toBe(`dashscope-test-${"e".repeat(113)}`);
    expect(named.endpointName).toHaveLength(128);
    // The group's name keeps room for "-sg" within the 128 characters.
    expect(one(long.stack, "alicloud_security_group").security_group_name).toBe(`dashscope-test-${"e".repeat(110)}-sg`);
  });

  test("a token endpoint name: the group is named after the construct path instead", () => {
    const { stack, provider } = fixture();
    const name = new TerraformVariable(stack, "name", { type: "string" }).stringValue;
    new DashScopeEndpoint(stack, "Endpoint", props(provider, { endpointName: name }));
    expect(one(stack, "alicloud_security_group").security_group_name).toBe("dashscope-test-Endpoint-sg");
    expect(one(stack, "alicloud_privatelink_vpc_endpoint").vpc_endpoint_name).toBe("${var.name}");
  });

  test("a given group name is used as it is", () => {
    const { stack, provider } = fixture();
    new DashScopeEndpoint(stack, "Endpoint", props(provider, { securityGroupName: "my-group" }));
    expect(one(stack, "alicloud_security_group").security_group_name).toBe("my-group");
  });

  test("a long endpoint name makes descriptions of at most 256 characters", () => {
    const { stack, provider } = fixture();
    new DashScopeEndpoint(stack, "Endpoint", props(provider, { endpointName: `e${"x".repeat(127)}`, serviceName: `com.${"s".repeat(250)}` }));
    const group = one(stack, "alicloud_security_group").description;
    expect(group).toHaveLength(256);
    expect(group).toMatch(/^Ingress to the Model Studio \(DashScope\) PrivateLink endpoint ex+ on tcp 80, 443 from the allowed networks; managed by cdktf-.*\.\.\.$/);
    const endpoint = one(stack, "alicloud_privatelink_vpc_endpoint").endpoint_description;
    expect(endpoint).toHaveLength(256);
    expect(endpoint.endsWith("...")).toBe(true);
  });

  test("the VPC CIDR listed in allowedCidrs is labelled the endpoint VPC, the others allowedCidrs", () => {
    const { stack, provider } = fixture();
    new DashScopeEndpoint(stack, "Endpoint", props(provider, { ports: [443], allowedCidrs: ["10.10.0.0/16", "10.1.0.0/16"] }));
    expect(Object.values(resourcesOf(stack, "alicloud_security_group_rule")).map((r: any) => r.description).sort()).toEqual([
      "DashScope endpoint dashscope-test-Endpoint: HTTPS from 10.1.0.0/16 (allowedCidrs)",
      "DashScope endpoint dashscope-test-Endpoint: HTTPS from 10.10.0.0/16 (endpoint VPC)",
    ]);
  });

  test("brought groups are copied, so changing the array afterwards changes nothing", () => {
    const { stack, provider } = fixture();
    const groups = ["sg-1", "sg-2"];
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { securityGroupIds: groups }));
    groups.push("sg-3");
    expect(endpoint.securityGroupIds).toEqual(["sg-1", "sg-2"]);
    expect(one(stack, "alicloud_privatelink_vpc_endpoint").security_group_ids).toEqual(["sg-1", "sg-2"]);
  });

  test("zones: one per vSwitch with its pinned IP, exposed in vSwitch order, and an unknown zone warns under its index", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(
      stack,
      "Endpoint",
      props(provider, {
        vSwitches: [
          { vSwitchId: "vsw-z", zoneId: "ap-southeast-1z", eniIp: "10.10.0.9" },
          { vSwitchId: "vsw-a", zoneId: "ap-southeast-1a" },
        ],
      }),
    );
    expect(resolved(stack, endpoint.zoneIps)).toEqual([
      expect.stringMatching(/^\$\{alicloud_privatelink_vpc_endpoint_zone\.Endpoint_Zone-ap-southeast-1z_[0-9A-F]+\.eni_ip\}$/),
      expect.stringMatching(/^\$\{alicloud_privatelink_vpc_endpoint_zone\.Endpoint_Zone-ap-southeast-1a_[0-9A-F]+\.eni_ip\}$/),
    ]);
    const zones = Object.values(resourcesOf(stack, "alicloud_privatelink_vpc_endpoint_zone"));
    expect(zones.map((z: any) => [z.vswitch_id, z.zone_id, z.eni_ip, z.provider]).sort()).toEqual([
      ["vsw-a", "ap-southeast-1a", undefined, "alicloud.ap_southeast_1"],
      ["vsw-z", "ap-southeast-1z", "10.10.0.9", "alicloud.ap_southeast_1"],
    ]);
    expect(warningsOf(endpoint)).toEqual([expect.stringMatching(/^\[DSPL_ZONE_UNKNOWN\] vSwitches\[0\]\.zoneId "ap-southeast-1z"/)]);
  });

  test("without a provider prop, nothing names a provider", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const fallback = new AlicloudProvider(stack, "default", { region: "ap-southeast-1" });
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(fallback, { provider: undefined }));
    expect(endpoint.provider).toBeUndefined();
    for (const type of ["alicloud_privatelink_vpc_endpoint", "alicloud_security_group", "alicloud_security_group_rule", "alicloud_privatelink_vpc_endpoint_zone"]) {
      expect(Object.values(resourcesOf(stack, type)).every((r: any) => !("provider" in r))).toBe(true);
    }
  });
});
