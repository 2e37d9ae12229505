import * as fs from "fs";
import * as path from "path";
import { TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { PrivatelinkVpcEndpoint } from "../../.gen/providers/alicloud/privatelink-vpc-endpoint";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopeEndpoint, DashScopeEndpointProps } from "../../lib/endpoint";
import { ValidationCode } from "../../lib/validation";
import { codes, fixture, props, resourcesOf, validationError } from "./helpers";
import { warningsOf } from "../cdktf-helpers";

/** Constructs an endpoint with the fixture's valid props plus overrides, and returns the error it throws. */
function rejected(overrides: Partial<DashScopeEndpointProps>) {
  const { stack, provider } = fixture();
  return validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, overrides)));
}

/** The message of the lazy validation failure of a stack. */
function lazyFailure(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
  } catch (err) {
    return String((err as Error).message);
  }
  throw new Error("expected synth validation to fail");
}

describe("DashScopeEndpoint validation", () => {
  test("rejects a region without the endpoint service, naming the supported ones", () => {
    const err = rejected({ region: "us-east-1", vSwitches: [
      { vSwitchId: "vsw-a", zoneId: "us-east-1a" },
      { vSwitchId: "vsw-b", zoneId: "us-east-1b" },
    ] });
    expect(codes(err)).toEqual([ValidationCode.REGION_UNSUPPORTED]);
    expect(err.message).toMatch(/^test\/Endpoint: \[DSPL_REGION_UNSUPPORTED\] region is not a region where Model Studio offers/);
    expect(err.message).toMatch(/Received: "us-east-1"/);
    expect(err.message).toMatch(/"ap-southeast-1" \(Singapore\), "cn-beijing" \(China \(Beijing\)\)/);
  });

  test("rejects a region given as a token: it decides the service and domain", () => {
    const { stack, provider } = fixture();
    const region = new TerraformVariable(stack, "region", { type: "string" }).stringValue;
    const err = validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, { region })));
    expect(codes(err)).toEqual([ValidationCode.LITERAL_REQUIRED]);
    expect(err.message).toMatch(/region is a token/);
  });

  test("rejects fewer than two vSwitches", () => {
    const err = rejected({ vSwitches: [{ vSwitchId: "vsw-a", zoneId: "ap-southeast-1a" }] });
    expect(codes(err)).toEqual([ValidationCode.VSWITCH_COUNT]);
    expect(err.message).toMatch(/vSwitches has 1, fewer than two.*Received: 1 vSwitch: "vsw-a"/);
  });

  test("rejects vSwitches given as a list token, saying it must be a literal array", () => {
    const { stack, provider } = fixture();
    const list = new TerraformVariable(stack, "vswitches", { type: "list(any)" }).listValue;
    const err = validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, { vSwitches: Token.asAny(list) as any })));
    expect(codes(err)).toEqual([ValidationCode.LITERAL_REQUIRED]);
    expect(err.message).toMatch(/vSwitches is a list token.*must be known at synth.*pass an array literal/);
  });

  test("rejects two vSwitches in one zone, naming both", () => {
    const err = rejected({
      vSwitches: [
        { vSwitchId: "vsw-a", zoneId: "ap-southeast-1a" },
        { vSwitchId: "vsw-a2", zoneId: "ap-southeast-1a" },
      ],
    });
    expect(codes(err)).toEqual([ValidationCode.ZONE_DUPLICATE]);
    expect(err.message).toMatch(/vSwitches\[0\] and vSwitches\[1\] are both in zone ap-southeast-1a/);
    expect(err.message).toMatch(/vSwitch "vsw-a" and vSwitch "vsw-a2" in zone "ap-southeast-1a"/);
  });

  test("rejects the same vSwitch twice", () => {
    const err = rejected({
      vSwitches: [
        { vSwitchId: "vsw-a", zoneId: "ap-southeast-1a" },
        { vSwitchId: "vsw-a", zoneId: "ap-southeast-1b" },
      ],
    });
    expect(codes(err)).toEqual([ValidationCode.VSWITCH_DUPLICATE]);
    expect(err.message).toMatch(/name the same vSwitch.*Received: "vsw-a"/);
  });

  test("rejects a zone of another region", () => {
    const err = rejected({
      vSwitches: [
        { vSwitchId: "vsw-a", zoneId: "ap-southeast-1a" },
        { vSwitchId: "vsw-h", zoneId: "cn-beijing-h" },
      ],
    });
    expect(codes(err)).toEqual([ValidationCode.ZONE_REGION_MISMATCH]);
    expect(err.message).toMatch(/vSwitches\[1\]\.zoneId is not a zone of region ap-southeast-1.*Received: "cn-beijing-h"/);
  });

  test("rejects a malformed VPC CIDR", () => {
    const err = rejected({ vpcCidrBlock: "10.10.0.0/16x" });
    expect(codes(err)).toEqual([ValidationCode.CIDR_INVALID]);
    expect(err.message).toMatch(/vpcCidrBlock is not an IPv4 CIDR block.*Received: "10\.10\.0\.0\/16x"/);
  });

  test("rejects a malformed allowed CIDR, naming its index", () => {
    const err = rejected({ allowedCidrs: ["10.10.0.0/16", "10.1.0.1/16"] });
    expect(codes(err)).toEqual([ValidationCode.CIDR_INVALID]);
    expect(err.message).toMatch(/allowedCidrs\[1\] has host bits set.*Received: "10\.1\.0\.1\/16".*"10\.1\.0\.0\/16"/);
  });

  test("rejects 0.0.0.0/0 and anything wider than /8 unless allowAnyCidr", () => {
    const any = rejected({ allowedCidrs: ["0.0.0.0/0"] });
    expect(codes(any)).toEqual([ValidationCode.CIDR_TOO_WIDE]);
    expect(any.message).toMatch(/allowedCidrs\[0\] opens the endpoint to every IPv4 address.*Received: "0\.0\.0\.0\/0".*allowAnyCidr: true/);
    const seven = rejected({ allowedCidrs: ["10.0.0.0/8", "8.0.0.0/7"] });
    expect(codes(seven)).toEqual([ValidationCode.CIDR_TOO_WIDE]);
    expect(seven.message).toMatch(/allowedCidrs\[1\] opens the endpoint to a \/7/);
  });

  test("rejects a too wide VPC CIDR when it is opened by default", () => {
    const err = rejected({ vpcCidrBlock: "0.0.0.0/0" });
    expect(codes(err)).toEqual([ValidationCode.CIDR_TOO_WIDE]);
    expect(err.message).toMatch(/vpcCidrBlock \(opened because allowedCidrs is not set\)/);
  });

  test("rejects allowedCidrs given as a list token", () => {
    const { stack, provider } = fixture();
    const list = new TerraformVariable(stack, "cidrs", { type: "list(string)" }).listValue;
    const err = validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, { allowedCidrs: list })));
    expect(codes(err)).toEqual([ValidationCode.LITERAL_REQUIRED]);
    expect(err.message).toMatch(/allowedCidrs is a list token/);
  });

  test("rejects ports outside 1..65535 or not integers", () => {
    const err = rejected({ ports: [0, 443, 65536, 80.5] });
    expect(codes(err)).toEqual([ValidationCode.PORT_INVALID, ValidationCode.PORT_INVALID, ValidationCode.PORT_INVALID]);
    expect(err.message).toMatch(/ports\[0\] is not a TCP port\. Received: 0\./);
    expect(err.message).toMatch(/ports\[2\] is not a TCP port\. Received: 65536\./);
    expect(err.message).toMatch(/ports\[3\] is not a TCP port\. Received: 80\.5\./);
  });

  test("rejects repeated and empty port lists", () => {
    const twice = rejected({ ports: [443, 80, 443] });
    expect(codes(twice)).toEqual([ValidationCode.PORT_DUPLICATE]);
    expect(twice.message).toMatch(/ports\[0\] and ports\[2\] are both 443/);
    const none = rejected({ ports: [] });
    expect(codes(none)).toEqual([ValidationCode.PORT_INVALID]);
    expect(none.message).toMatch(/ports is empty/);
  });

  test("rejects names and descriptions the API would refuse", () => {
    const err = rejected({ endpointName: "dashscope endpoint!", endpointDescription: "https://example.com", securityGroupName: "9-sg" });
    expect(codes(err)).toEqual([ValidationCode.NAME_INVALID, ValidationCode.NAME_INVALID, ValidationCode.NAME_INVALID]);
    expect(err.message).toMatch(/securityGroupName would be rejected.*Received: "9-sg"/);
    expect(err.message).toMatch(/endpointName would be rejected.*Received: "dashscope endpoint!"/);
    expect(err.message).toMatch(/endpointDescription would be rejected.*Received: "https:\/\/example\.com"/);
  });

  test("rejects tags the API would refuse", () => {
    const err = rejected({ tags: { "aliyun:owner": "me" } });
    expect(codes(err)).toEqual([ValidationCode.TAG_INVALID]);
    expect(err.message).toMatch(/Received: "aliyun:owner"/);
  });

  test("rejects a malformed pinned ENI IP, one outside the VPC, and one pinned twice", () => {
    const at = (a: string, b?: string) =>
      rejected({
        vSwitches: [
          { vSwitchId: "vsw-a", zoneId: "ap-southeast-1a", eniIp: a },
          { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b", eniIp: b },
        ],
      });
    const malformed = at("10.10.1.300");
    expect(codes(malformed)).toEqual([ValidationCode.IP_INVALID]);
    expect(malformed.message).toMatch(/vSwitches\[0\]\.eniIp is not an IPv4 address.*Received: "10\.10\.1\.300"/);
    const outside = at("10.10.1.10", "10.20.1.10");
    expect(codes(outside)).toEqual([ValidationCode.IP_INVALID]);
    expect(outside.message).toMatch(/vSwitches\[1\]\.eniIp is outside vpcCidrBlock 10\.10\.0\.0\/16.*Received: "10\.20\.1\.10"/);
    const twice = at("10.10.1.10", "10.10.1.10");
    expect(codes(twice)).toEqual([ValidationCode.IP_DUPLICATE]);
  });

  test("does not check a pinned ENI IP against a VPC CIDR that is a token", () => {
    const { stack, provider } = fixture();
    const cidr = new TerraformVariable(stack, "cidr", { type: "string" }).stringValue;
    expect(
      () =>
        new DashScopeEndpoint(stack, "Endpoint", {
          ...props(provider, { vpcCidrBlock: cidr }),
          vSwitches: [
            { vSwitchId: "vsw-a", zoneId: "ap-southeast-1a", eniIp: "192.168.1.10" },
            { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" },
          ],
        }),
    ).not.toThrow();
  });

  test("rejects securityGroupIds together with props that only shape the owned group", () => {
    const err = rejected({ securityGroupIds: ["sg-1"], allowedCidrs: ["10.1.0.0/16"], allowAnyCidr: true, securityGroupName: "endpoint-sg" });
    expect(codes(err)).toEqual([ValidationCode.PROPS_CONFLICT]);
    expect(err.message).toMatch(/securityGroupIds brings your own security groups, but allowedCidrs, allowAnyCidr, securityGroupName only shape/);
    expect(err.message).toMatch(/Received: securityGroupIds \["sg-1"\] with allowedCidrs \["10\.1\.0\.0\/16"\], allowAnyCidr true/);
    const ports = rejected({ securityGroupIds: ["sg-1"], ports: [443] });
    expect(codes(ports)).toEqual([ValidationCode.PROPS_CONFLICT]);
  });

  test("rejects more than 10 security groups, none, or one twice", () => {
    const eleven = rejected({ securityGroupIds: Array.from({ length: 11 }, (_, i) => `sg-${i}`) });
    expect(codes(eleven)).toEqual([ValidationCode.VALUE_OUT_OF_RANGE]);
    expect(eleven.message).toMatch(/securityGroupIds has 11 security groups; an interface endpoint needs 1 to 10/);
    expect(codes(rejected({ securityGroupIds: [] }))).toEqual([ValidationCode.VALUE_OUT_OF_RANGE]);
    expect(codes(rejected({ securityGroupIds: ["sg-1", "sg-1"] }))).toEqual([ValidationCode.SECURITY_GROUP_DUPLICATE]);
  });

  test("rejects a provider for another region", () => {
    const { stack } = fixture();
    const beijing = new AlicloudProvider(stack, "cn-beijing", { region: "cn-beijing", alias: "cn_beijing" });
    const err = validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(beijing)));
    expect(codes(err)).toEqual([ValidationCode.PROVIDER_REGION_MISMATCH]);
    expect(err.message).toMatch(/provider is for region "cn-beijing", but it is declared for "ap-southeast-1".*alias "cn_beijing"/);
  });

  test("reports every problem at once", () => {
    const err = rejected({ region: "us-east-1", vpcCidrBlock: "nope", ports: [0], vSwitches: [{ vSwitchId: "vsw-a", zoneId: "x" }] });
    expect(codes(err)).toEqual([
      ValidationCode.REGION_UNSUPPORTED,
      ValidationCode.CIDR_INVALID,
      ValidationCode.VSWITCH_COUNT,
      ValidationCode.PORT_INVALID,
    ]);
    expect(err.message).toMatch(/^test\/Endpoint: 4 problems:/);
  });

  test("a rejected endpoint leaves nothing in the tree", () => {
    const { stack, provider } = fixture();
    const before = stack.node.children.length;
    validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, { allowedCidrs: ["0.0.0.0/0"] })));
    expect(stack.node.children).toHaveLength(before);
    expect(stack.node.tryFindChild("Endpoint")).toBeUndefined();
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(resourcesOf(stack, "alicloud_privatelink_vpc_endpoint")).toEqual({});
    // The id is still free: a corrected endpoint takes it.
    expect(() => new DashScopeEndpoint(stack, "Endpoint", props(provider))).not.toThrow();
  });

  describe("at synth", () => {
    test("reports a provider whose region was changed after construction", () => {
      const { stack, provider } = fixture();
      const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider));
      provider.region = "cn-beijing";
      expect(lazyFailure(stack)).toMatch(/\[test\/Endpoint\] \[DSPL_PROVIDER_REGION_MISMATCH\] provider is for region "cn-beijing"/);
      expect(endpoint.node.validate()).toEqual([expect.stringMatching(/^\[DSPL_PROVIDER_REGION_MISMATCH\]/)]);
    });

    test("without a provider prop, uses and checks the stack's default provider", () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, "test");
      const fallback = new AlicloudProvider(stack, "default", { region: "ap-southeast-1" });
      const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(fallback, { provider: undefined }));
      expect(endpoint.node.validate()).toEqual([]);
      expect(Testing.synth(stack, true)).toHaveResourceWithProperties(PrivatelinkVpcEndpoint, { service_name: "com.aliyuncs.dashscope" });
      fallback.region = "cn-beijing";
      expect(lazyFailure(stack)).toMatch(/\[DSPL_PROVIDER_REGION_MISMATCH\] the stack's default alicloud provider \(used because no provider prop is given\) is for region "cn-beijing"/);
    });

    test("without a provider prop and with only aliased providers, reports the missing provider", () => {
      const { stack, provider } = fixture();
      const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { provider: undefined }));
      expect(endpoint.node.validate()).toEqual([
        expect.stringMatching(/^\[DSPL_PROVIDER_MISSING\] the endpoint has no provider prop.*Received: only aliased providers: "ap_southeast_1" \(region "ap-southeast-1"\)/),
      ]);
      expect(lazyFailure(stack)).toMatch(/DSPL_PROVIDER_MISSING/);
    });

    test("reports an owned group that opens nothing, until allowFrom opens a network", () => {
      const { stack, provider } = fixture();
      const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { allowedCidrs: [] }));
      expect(lazyFailure(stack)).toMatch(/\[DSPL_VALUE_OUT_OF_RANGE\] the endpoint's security group opens no port to any network/);
      endpoint.allowFrom("10.1.0.0/16", "requester");
      expect(() => Testing.synth(stack, true)).not.toThrow();
    });

    test("app.synth() fails on a lazy problem and writes no stack", () => {
      const { app, stack, provider } = fixture();
      new DashScopeEndpoint(stack, "Endpoint", props(provider, { allowedCidrs: [] }));
      expect(() => app.synth()).toThrow(/DSPL_VALUE_OUT_OF_RANGE/);
      expect(fs.existsSync(path.join(app.outdir, "stacks", "test", "cdk.tf.json"))).toBe(false);
    });
  });
});

describe("DashScopeEndpoint: ids, ports and zones from a landing zone", () => {
  test("empty ids and ids of the wrong kind are rejected, naming the kind they look like", () => {
    const err = rejected({ vpcId: "vsw-123", vSwitches: [{ vSwitchId: "", zoneId: "ap-southeast-1a" }, { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" }] });
    expect(codes(err)).toEqual([ValidationCode.ID_INVALID, ValidationCode.ID_INVALID]);
    expect(err.message).toMatch(/vpcId is not a vpc id \(it looks like a vSwitch id\)\. Received: "vsw-123"/);
    expect(err.message).toMatch(/vSwitches\[0\]\.vSwitchId is empty/);
    expect(codes(rejected({ securityGroupIds: ["vpc-1"] }))).toEqual([ValidationCode.ID_INVALID]);
  });

  test("ports without 443 are rejected: the custom domain is HTTPS-only", () => {
    const err = rejected({ ports: [80, 433] });
    expect(codes(err)).toEqual([ValidationCode.PORT_MISSING]);
    expect(err.message).toMatch(/Received: \[80,433\].*Fix: add 443: \[80, 433, 443\]/);
  });

  test("a provider without region is rejected", () => {
    const { stack } = fixture();
    const bare = new AlicloudProvider(stack, "bare", { alias: "bare" });
    const err = validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(bare)));
    expect(codes(err)).toEqual([ValidationCode.PROVIDER_REGION_MISSING]);
    expect(err.message).toMatch(/provider has no region, so Terraform would use ALICLOUD_REGION/);
  });

  test("a zone of the right form that the dated zone list does not know is a coded warning, not an error", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(
      stack,
      "Endpoint",
      props(provider, { vSwitches: [{ vSwitchId: "vsw-a", zoneId: "ap-southeast-1a" }, { vSwitchId: "vsw-z", zoneId: "ap-southeast-1z" }] }),
    );
    const warnings = warningsOf(endpoint);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[DSPL_ZONE_UNKNOWN\] vSwitches\[1\]\.zoneId "ap-southeast-1z" is not among the known zones of ap-southeast-1 \(ap-southeast-1a, ap-southeast-1b, ap-southeast-1c;/);
  });
});
