import { Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { SecurityGroupRule } from "../../.gen/providers/alicloud/security-group-rule";
import { DashScopeRegion } from "../../lib/catalog";
import { DashScopeEndpoint, DashScopeEndpointAttributes } from "../../lib/endpoint";
import { ValidationCode } from "../../lib/validation";
import { codes, fixture, resourcesOf, synthJson, validationError } from "./helpers";

const ATTRS: DashScopeEndpointAttributes = {
  endpointId: "ep-t4n0dashscope",
  endpointDomain: "ep-t4n0dashscope.dashscope.ap-southeast-1.privatelink.aliyuncs.com",
  region: "ap-southeast-1",
};

describe("DashScopeEndpoint.fromEndpointAttributes", () => {
  test("exposes the given attributes and the catalog's custom domain, and creates nothing", () => {
    const { stack } = fixture();
    const endpoint = DashScopeEndpoint.fromEndpointAttributes(stack, "Imported", {
      ...ATTRS,
      zoneIps: ["10.10.1.10", "10.10.2.10"],
      vpcId: "vpc-1",
      vpcCidrBlock: "10.10.0.0/16",
    });
    expect(endpoint.endpointId).toBe("ep-t4n0dashscope");
    expect(endpoint.endpointDomain).toBe(ATTRS.endpointDomain);
    expect(endpoint.customDomain).toBe("vpc-ap-southeast-1.dashscope.aliyuncs.com");
    expect(endpoint.region).toBe(DashScopeRegion.AP_SOUTHEAST_1);
    expect(endpoint.zoneIps).toEqual(["10.10.1.10", "10.10.2.10"]);
    expect(endpoint.vpcId).toBe("vpc-1");
    expect(endpoint.ports).toEqual([80, 443]);
    expect(endpoint.securityGroupId).toBeUndefined();
    expect(synthJson(stack).resource).toBeUndefined();
  });

  test("allowFrom adds one rule per port to the given group with the given provider, once", () => {
    const { stack, provider } = fixture();
    const endpoint = DashScopeEndpoint.fromEndpointAttributes(stack, "Imported", { ...ATTRS, securityGroupId: "sg-endpoint", provider });
    endpoint.allowFrom("10.1.0.0/16", "requester tokyo");
    endpoint.allowFrom("10.1.0.0/16");
    const rules = resourcesOf(stack, SecurityGroupRule.tfResourceType);
    expect(Object.keys(rules)).toHaveLength(2);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SecurityGroupRule, {
      security_group_id: "sg-endpoint",
      provider: "alicloud.ap_southeast_1",
      type: "ingress",
      ip_protocol: "tcp",
      port_range: "443/443",
      nic_type: "intranet",
      policy: "accept",
      cidr_ip: "10.1.0.0/16",
      description: "DashScope endpoint ep-t4n0dashscope: HTTPS from 10.1.0.0/16 (requester tokyo)",
    });
    expect(Object.values(rules).map((r: any) => r.port_range).sort()).toEqual(["443/443", "80/80"]);
  });

  test("allowFrom opens the given ports and honours allowAnyCidr", () => {
    const { stack, provider } = fixture();
    const strict = DashScopeEndpoint.fromEndpointAttributes(stack, "Strict", { ...ATTRS, securityGroupId: "sg-1", provider, ports: [443] });
    expect(validationError(() => strict.allowFrom("0.0.0.0/0")).code).toBe(ValidationCode.CIDR_TOO_WIDE);
    const open = DashScopeEndpoint.fromEndpointAttributes(stack, "Open", { ...ATTRS, securityGroupId: "sg-2", provider, ports: [443], allowAnyCidr: true });
    open.allowFrom("0.0.0.0/0");
    const rules = Object.values(resourcesOf(stack, SecurityGroupRule.tfResourceType));
    expect(rules.map((r: any) => `${r.security_group_id} ${r.cidr_ip} ${r.port_range}`)).toEqual(["sg-2 0.0.0.0/0 443/443"]);
  });

  test("allowFrom without a security group or without a provider throws a coded error", () => {
    const { stack, provider } = fixture();
    const noGroup = DashScopeEndpoint.fromEndpointAttributes(stack, "NoGroup", { ...ATTRS, provider });
    const conflict = validationError(() => noGroup.allowFrom("10.1.0.0/16"));
    expect(conflict.code).toBe(ValidationCode.PROPS_CONFLICT);
    expect(conflict.message).toMatch(/^test\/NoGroup: .*without securityGroupId.*Received: allowFrom\("10\.1\.0\.0\/16"\) with no securityGroupId/);
    const noProvider = DashScopeEndpoint.fromEndpointAttributes(stack, "NoProvider", { ...ATTRS, securityGroupId: "sg-1" });
    const missing = validationError(() => noProvider.allowFrom("10.1.0.0/16"));
    expect(missing.code).toBe(ValidationCode.PROVIDER_MISSING);
    expect(missing.message).toMatch(/without provider.*ap-southeast-1/);
    expect(synthJson(stack).resource).toBeUndefined();
  });

  test("rejects an unsupported region, a provider of another region, and bad ports", () => {
    const { stack } = fixture();
    const beijing = new AlicloudProvider(stack, "cn-beijing", { region: "cn-beijing", alias: "cn_beijing" });
    expect(codes(validationError(() => DashScopeEndpoint.fromEndpointAttributes(stack, "A", { ...ATTRS, region: "us-east-1" })))).toEqual([
      ValidationCode.REGION_UNSUPPORTED,
    ]);
    expect(codes(validationError(() => DashScopeEndpoint.fromEndpointAttributes(stack, "B", { ...ATTRS, provider: beijing })))).toEqual([
      ValidationCode.PROVIDER_REGION_MISMATCH,
    ]);
    expect(codes(validationError(() => DashScopeEndpoint.fromEndpointAttributes(stack, "C", { ...ATTRS, ports: [0] })))).toEqual([
      ValidationCode.PORT_INVALID,
    ]);
    expect(stack.node.tryFindChild("A") ?? stack.node.tryFindChild("B") ?? stack.node.tryFindChild("C")).toBeUndefined();
  });
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
