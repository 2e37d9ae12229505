import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { PrivatelinkVpcEndpoint } from "../../.gen/providers/alicloud/privatelink-vpc-endpoint";
import { PrivatelinkVpcEndpointZone } from "../../.gen/providers/alicloud/privatelink-vpc-endpoint-zone";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { SecurityGroup } from "../../.gen/providers/alicloud/security-group";
import { SecurityGroupRule } from "../../.gen/providers/alicloud/security-group-rule";
import { DashScopeRegion } from "../../lib/catalog";
import { DashScopeEndpoint } from "../../lib/endpoint";
import { ValidationCode } from "../../lib/validation";
import { warningsOf } from "../cdktf-helpers";
import { codes, fixture, props, resolved, resourcesOf, synthJson, validationError } from "./helpers";

const RULE = SecurityGroupRule.tfResourceType;
const ZONE = PrivatelinkVpcEndpointZone.tfResourceType;

/** The rules as "cidr port_range" strings, sorted. */
function ruleSummary(stack: TerraformStack): string[] {
  return Object.values(resourcesOf(stack, RULE))
    .map((r: any) => `${r.cidr_ip} ${r.port_range}`)
    .sort();
}

/** The construct ids of the endpoint's rules, sorted. */
function ruleIds(endpoint: DashScopeEndpoint): string[] {
  return endpoint.securityGroupRules.map((r) => r.node.id).sort();
}

describe("DashScopeEndpoint", () => {
  test("creates one Interface endpoint on com.aliyuncs.dashscope in the VPC, with the region's provider", () => {
    const { stack, provider } = fixture();
    new DashScopeEndpoint(stack, "Endpoint", props(provider));
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(PrivatelinkVpcEndpoint, {
      endpoint_type: "Interface",
      service_name: "com.aliyuncs.dashscope",
      vpc_id: "vpc-t4n0dashscope",
      provider: "alicloud.ap_southeast_1",
      security_group_ids: ["${alicloud_security_group.Endpoint_SecurityGroup_D39BAD7A.id}"],
    });
    expect(Object.keys(resourcesOf(stack, PrivatelinkVpcEndpoint.tfResourceType))).toHaveLength(1);
  });

  test("creates one endpoint zone per vSwitch, in distinct zones, on the endpoint", () => {
    const { stack, provider } = fixture();
    new DashScopeEndpoint(stack, "Endpoint", props(provider));
    const synth = Testing.synth(stack);
    for (const [vswitch, zone] of [
      ["vsw-a", "ap-southeast-1a"],
      ["vsw-b", "ap-southeast-1b"],
    ]) {
      expect(synth).toHaveResourceWithProperties(PrivatelinkVpcEndpointZone, {
        endpoint_id: "${alicloud_privatelink_vpc_endpoint.Endpoint_EEF1FD8F.id}",
        vswitch_id: vswitch,
        zone_id: zone,
        provider: "alicloud.ap_southeast_1",
      });
    }
    const zones = Object.values(resourcesOf(stack, ZONE)).map((z: any) => z.zone_id);
    expect(zones).toHaveLength(2);
    expect(new Set(zones).size).toBe(2);
    expect(Object.values(resourcesOf(stack, ZONE)).some((z: any) => "eni_ip" in z)).toBe(false);
  });

  test("opens tcp 80/80 and 443/443 to the VPC CIDR only, intranet and accept, with a description naming the endpoint", () => {
    const { stack, provider } = fixture();
    new DashScopeEndpoint(stack, "Endpoint", props(provider, { endpointName: "dashscope-prod" }));
    expect(ruleSummary(stack)).toEqual(["10.10.0.0/16 443/443", "10.10.0.0/16 80/80"]);
    const synth = Testing.synth(stack);
    for (const [port, label] of [
      ["80/80", "HTTP"],
      ["443/443", "HTTPS"],
    ]) {
      expect(synth).toHaveResourceWithProperties(SecurityGroupRule, {
        type: "ingress",
        ip_protocol: "tcp",
        port_range: port,
        nic_type: "intranet",
        policy: "accept",
        cidr_ip: "10.10.0.0/16",
        security_group_id: "${alicloud_security_group.Endpoint_SecurityGroup_D39BAD7A.id}",
        description: `DashScope endpoint dashscope-prod: ${label} from 10.10.0.0/16 (endpoint VPC)`,
      });
    }
  });

  test("creates its security group in the VPC, named after the endpoint, and tags both", () => {
    const { stack, provider } = fixture();
    new DashScopeEndpoint(stack, "Endpoint", props(provider, { endpointName: "dashscope-prod", tags: { team: "ml-platform" } }));
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(SecurityGroup, {
      vpc_id: "vpc-t4n0dashscope",
      security_group_name: "dashscope-prod-sg",
      description: expect.stringMatching(/^Ingress to the Model Studio \(DashScope\) PrivateLink endpoint dashscope-prod on tcp 80, 443/),
      tags: { team: "ml-platform" },
    });
    expect(synth).toHaveResourceWithProperties(PrivatelinkVpcEndpoint, {
      vpc_endpoint_name: "dashscope-prod",
      tags: { team: "ml-platform" },
    });
  });

  test("names the endpoint and its group after the construct path by default", () => {
    const { stack, provider } = fixture();
    new DashScopeEndpoint(stack, "Endpoint", props(provider));
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(PrivatelinkVpcEndpoint, { vpc_endpoint_name: "dashscope-test-Endpoint" });
    expect(synth).toHaveResourceWithProperties(SecurityGroup, { security_group_name: "dashscope-test-Endpoint-sg" });
  });

  test("exposes its attributes as references and catalog facts", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider));
    expect(resolved(stack, endpoint.endpointId)).toBe("${alicloud_privatelink_vpc_endpoint.Endpoint_EEF1FD8F.id}");
    expect(resolved(stack, endpoint.endpointDomain)).toBe("${alicloud_privatelink_vpc_endpoint.Endpoint_EEF1FD8F.endpoint_domain}");
    expect(resolved(stack, endpoint.securityGroupId)).toBe("${alicloud_security_group.Endpoint_SecurityGroup_D39BAD7A.id}");
    expect(resolved(stack, endpoint.zoneIps)).toEqual([
      "${alicloud_privatelink_vpc_endpoint_zone.Endpoint_Zone-ap-southeast-1a_8DE6FD19.eni_ip}",
      "${alicloud_privatelink_vpc_endpoint_zone.Endpoint_Zone-ap-southeast-1b_CFF92B44.eni_ip}",
    ]);
    expect(endpoint.customDomain).toBe("vpc-ap-southeast-1.dashscope.aliyuncs.com");
    expect(endpoint.region).toBe(DashScopeRegion.AP_SOUTHEAST_1);
    expect(endpoint.ports).toEqual([80, 443]);
    expect(endpoint.vpcId).toBe("vpc-t4n0dashscope");
    expect(endpoint.vpcCidrBlock).toBe("10.10.0.0/16");
    expect(endpoint.allowedCidrs).toEqual(["10.10.0.0/16"]);
    expect(endpoint.node.defaultChild).toBe(endpoint.vpcEndpoint);
    expect(endpoint.zones).toHaveLength(2);
  });

  test("opens allowedCidrs instead of the VPC CIDR when given, once each", () => {
    const { stack, provider } = fixture();
    new DashScopeEndpoint(stack, "Endpoint", props(provider, { allowedCidrs: ["10.20.0.0/16", "192.168.0.0/24", "10.20.0.0/16"] }));
    expect(ruleSummary(stack)).toEqual([
      "10.20.0.0/16 443/443",
      "10.20.0.0/16 80/80",
      "192.168.0.0/24 443/443",
      "192.168.0.0/24 80/80",
    ]);
  });

  test("opens the given ports only", () => {
    const { stack, provider } = fixture();
    new DashScopeEndpoint(stack, "Endpoint", props(provider, { ports: [443] }));
    expect(ruleSummary(stack)).toEqual(["10.10.0.0/16 443/443"]);
  });

  test("names rules after CIDR and port, so reordering allowedCidrs keeps every address", () => {
    const a = fixture();
    const b = fixture();
    const first = new DashScopeEndpoint(a.stack, "Endpoint", props(a.provider, { allowedCidrs: ["10.10.0.0/16", "10.1.0.0/16"] }));
    const second = new DashScopeEndpoint(b.stack, "Endpoint", props(b.provider, { allowedCidrs: ["10.1.0.0/16", "10.10.0.0/16"] }));
    expect(ruleIds(first)).toEqual([
      "Ingress-10-1-0-0-16-443",
      "Ingress-10-1-0-0-16-80",
      "Ingress-10-10-0-0-16-443",
      "Ingress-10-10-0-0-16-80",
    ]);
    expect(ruleIds(second)).toEqual(ruleIds(first));
    expect(Object.keys(resourcesOf(b.stack, RULE)).sort()).toEqual(Object.keys(resourcesOf(a.stack, RULE)).sort());
  });

  test("allowFrom adds exactly one rule per port for the new network, and is idempotent", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { endpointName: "dashscope-prod" }));
    endpoint.allowFrom("10.1.0.0/16", "requester tokyo");
    endpoint.allowFrom("10.1.0.0/16", "requester tokyo again");
    endpoint.allowFrom("10.10.0.0/16");
    expect(ruleSummary(stack)).toEqual([
      "10.1.0.0/16 443/443",
      "10.1.0.0/16 80/80",
      "10.10.0.0/16 443/443",
      "10.10.0.0/16 80/80",
    ]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SecurityGroupRule, {
      cidr_ip: "10.1.0.0/16",
      port_range: "443/443",
      nic_type: "intranet",
      policy: "accept",
      description: "DashScope endpoint dashscope-prod: HTTPS from 10.1.0.0/16 (requester tokyo)",
    });
    expect(ruleIds(endpoint)).toContain("Ingress-10-1-0-0-16-443");
    expect(endpoint.allowedCidrs).toEqual(["10.10.0.0/16", "10.1.0.0/16"]);
  });

  test("allowFrom rejects a malformed or too wide CIDR before creating anything", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider));
    const wide = validationError(() => endpoint.allowFrom("0.0.0.0/0"));
    expect(wide.code).toBe(ValidationCode.CIDR_TOO_WIDE);
    expect(wide.message).toMatch(/allowFrom\("0\.0\.0\.0\/0"\) opens the endpoint to every IPv4 address.*allowAnyCidr/);
    const bad = validationError(() => endpoint.allowFrom("10.1.0.0/33"));
    expect(bad.code).toBe(ValidationCode.CIDR_INVALID);
    expect(bad.message).toMatch(/Received: "10\.1\.0\.0\/33"/);
    expect(endpoint.securityGroupRules).toHaveLength(2);
  });

  test("allowAnyCidr lets allowedCidrs and allowFrom open wide networks", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { allowedCidrs: ["0.0.0.0/0"], allowAnyCidr: true }));
    endpoint.allowFrom("0.0.0.0/1");
    expect(ruleSummary(stack)).toEqual(["0.0.0.0/0 443/443", "0.0.0.0/0 80/80", "0.0.0.0/1 443/443", "0.0.0.0/1 80/80"]);
  });

  test("with securityGroupIds it creates no group and no rules, and uses the groups given", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { securityGroupIds: ["sg-one", "sg-two"] }));
    expect(resourcesOf(stack, SecurityGroup.tfResourceType)).toEqual({});
    expect(resourcesOf(stack, RULE)).toEqual({});
    expect(Testing.synth(stack)).toHaveResourceWithProperties(PrivatelinkVpcEndpoint, { security_group_ids: ["sg-one", "sg-two"] });
    expect(endpoint.securityGroupId).toBe("sg-one");
    expect(endpoint.securityGroup).toBeUndefined();
    expect(endpoint.allowedCidrs).toEqual([]);
    const err = validationError(() => endpoint.allowFrom("10.1.0.0/16"));
    expect(err.code).toBe(ValidationCode.PROPS_CONFLICT);
    expect(err.message).toMatch(/securityGroupIds.*"sg-one"/);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("with a list token for securityGroupIds, securityGroupId is its first element", () => {
    const { stack, provider } = fixture();
    const groups = new TerraformVariable(stack, "groups", { type: "list(string)" });
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { securityGroupIds: groups.listValue }));
    expect(resolved(stack, endpoint.securityGroupId)).toBe("${element(var.groups, 0)}");
    expect(Testing.synth(stack)).toHaveResourceWithProperties(PrivatelinkVpcEndpoint, { security_group_ids: "${var.groups}" });
  });

  test("pins ENI IPs where given", () => {
    const { stack, provider } = fixture();
    new DashScopeEndpoint(
      stack,
      "Endpoint",
      props(provider, {
        vSwitches: [
          { vSwitchId: "vsw-a", zoneId: "ap-southeast-1a", eniIp: "10.10.1.10" },
          { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" },
        ],
      }),
    );
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(PrivatelinkVpcEndpointZone, { zone_id: "ap-southeast-1a", eni_ip: "10.10.1.10" });
    const unpinned = Object.values(resourcesOf(stack, ZONE)).find((z: any) => z.zone_id === "ap-southeast-1b");
    expect(unpinned).not.toHaveProperty("eni_ip");
  });

  test("accepts tokens for the VPC, its CIDR, vSwitch and zone ids, an allowed CIDR and a pinned IP", () => {
    const { stack, provider } = fixture();
    const v = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    const vpcCidr = v("vpc_cidr");
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", {
      provider,
      region: "ap-southeast-1",
      vpcId: v("vpc_id"),
      vpcCidrBlock: vpcCidr,
      vSwitches: [
        { vSwitchId: v("vswitch_a"), zoneId: v("zone_a"), eniIp: v("eni_ip_a") },
        { vSwitchId: v("vswitch_b"), zoneId: "ap-southeast-1b" },
      ],
      allowedCidrs: [vpcCidr, v("peer_cidr")],
    });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(ruleIds(endpoint)).toEqual(["Ingress-Cidr1-443", "Ingress-Cidr1-80", "Ingress-VpcCidr-443", "Ingress-VpcCidr-80"]);
    expect(endpoint.zones.map((z) => z.node.id)).toEqual(["Zone-0", "Zone-ap-southeast-1b"]);
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(SecurityGroupRule, { cidr_ip: "${var.peer_cidr}", port_range: "443/443" });
    expect(synth).toHaveResourceWithProperties(PrivatelinkVpcEndpointZone, { zone_id: "${var.zone_a}", eni_ip: "${var.eni_ip_a}" });
    expect(warningsOf(endpoint)).toEqual([]); // a token zone id is not checked against the zone table
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

  test("accepts a port given as a token, naming its rules by position", () => {
    const { stack, provider } = fixture();
    const port = new TerraformVariable(stack, "port", { type: "number" }).numberValue;
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { ports: [443, port] }));
    expect(ruleIds(endpoint)).toEqual(["Ingress-10-10-0-0-16-443", "Ingress-10-10-0-0-16-Port1"]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SecurityGroupRule, {
      port_range: "${var.port}/${var.port}",
      description: "DashScope endpoint dashscope-test-Endpoint: TCP ${var.port} from 10.10.0.0/16 (endpoint VPC)",
    });
  });

  test("allowFrom names a token CIDR's rules after its description, else numbers them in call order", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider));
    const tokyo = new TerraformVariable(stack, "tokyo_cidr", { type: "string" }).stringValue;
    const other = new TerraformVariable(stack, "other_cidr", { type: "string" }).stringValue;
    endpoint.allowFrom(tokyo, "requester tokyo");
    endpoint.allowFrom(tokyo, "requester tokyo");
    endpoint.allowFrom(other);
    expect(ruleIds(endpoint)).toEqual([
      "Ingress-10-10-0-0-16-443",
      "Ingress-10-10-0-0-16-80",
      "Ingress-Cidr1-443",
      "Ingress-Cidr1-80",
      "Ingress-requester-tokyo-443",
      "Ingress-requester-tokyo-80",
    ]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SecurityGroupRule, {
      cidr_ip: "${var.tokyo_cidr}",
      description: "DashScope endpoint dashscope-test-Endpoint: HTTPS from ${var.tokyo_cidr} (requester tokyo)",
    });
    const third = new TerraformVariable(stack, "third_cidr", { type: "string" }).stringValue;
    const clash = validationError(() => endpoint.allowFrom(third, "requester: tokyo"));
    expect(clash.code).toBe(ValidationCode.INGRESS_LABEL_DUPLICATE);
    expect(clash.message).toMatch(/Ingress-requester-tokyo-<port>.*"requester: tokyo"/);
    expect(endpoint.securityGroupRules).toHaveLength(6);
  });

  test("takes the service name and custom domain from a custom region, and an explicit serviceName over it", () => {
    const { stack } = fixture();
    const hk = new AlicloudProvider(stack, "hk", { region: "cn-hongkong", alias: "hk" });
    const region = DashScopeRegion.custom({ regionId: "cn-hongkong", customDomain: "vpc-cn-hongkong.dashscope.aliyuncs.com" });
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", {
      ...props(hk, { region, serviceName: "com.aliyuncs.dashscope.workspace" }),
      vSwitches: [
        { vSwitchId: "vsw-b", zoneId: "cn-hongkong-b" },
        { vSwitchId: "vsw-c", zoneId: "cn-hongkong-c" },
      ],
    });
    expect(endpoint.customDomain).toBe("vpc-cn-hongkong.dashscope.aliyuncs.com");
    expect(endpoint.region.regionId).toBe("cn-hongkong");
    expect(Testing.synth(stack)).toHaveResourceWithProperties(PrivatelinkVpcEndpoint, {
      service_name: "com.aliyuncs.dashscope.workspace",
      provider: "alicloud.hk",
    });
  });

  test("supports cn-beijing with its zone naming", () => {
    const { stack } = fixture();
    const beijing = new AlicloudProvider(stack, "cn-beijing", { region: "cn-beijing", alias: "cn_beijing" });
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", {
      ...props(beijing, { region: "cn-beijing" }),
      vSwitches: [
        { vSwitchId: "vsw-h", zoneId: "cn-beijing-h" },
        { vSwitchId: "vsw-k", zoneId: "cn-beijing-k" },
      ],
    });
    expect(endpoint.customDomain).toBe("vpc-cn-beijing.dashscope.aliyuncs.com");
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(synthJson(stack).resource[ZONE]).toBeDefined();
    expect(codes(validationError(() => new DashScopeEndpoint(stack, "Other", props(beijing))))).toEqual([
      ValidationCode.PROVIDER_REGION_MISMATCH,
    ]);
  });
});
