// What an endpoint says when allowFrom cannot add rules, what checkAllowFrom reports without creating
// anything, and the synth-time issues of the provider and of a group that opens nothing.
import { TerraformProvider, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopeEndpoint, DashScopeEndpointAttributes, DashScopeEndpointOutputs } from "../../lib/endpoint";
import { ValidationCode } from "../../lib/validation";
import { fixture, props, resourcesOf, validationError } from "./helpers";

/** A provider of another kind, unaliased. */
class OtherProvider extends TerraformProvider {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { terraformResourceType: "random", terraformGeneratorMetadata: { providerName: "random" } });
  }
}

const ATTRS: DashScopeEndpointAttributes = { endpointId: "ep-1", endpointDomain: "ep-1.example", region: "ap-southeast-1" };

describe("allowFrom messages", () => {
  test("on an endpoint with brought groups: PROPS_CONFLICT names the call and the groups", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { securityGroupIds: ["sg-1"] }));
    const error = validationError(() => endpoint.allowFrom("10.1.0.0/16"));
    expect(error.message).toMatch(/^test\/Endpoint: \[DSPL_PROPS_CONFLICT\]/);
    expect(error.issues).toEqual([
      {
        code: ValidationCode.PROPS_CONFLICT,
        problem:
          "allowFrom() was called on an endpoint whose security groups are brought (securityGroupIds), so there is no group of this construct to add rules to",
        received: 'allowFrom("10.1.0.0/16") with securityGroupIds ["sg-1"]',
        allowed: "allowFrom() on an endpoint that creates its own group (securityGroupIds not set)",
        fix: "add the ingress rule to your own security group, or drop securityGroupIds and use allowedCidrs",
      },
    ]);
    expect(endpoint.checkAllowFrom("0.0.0.0/0")).toEqual([]);
    expect(endpoint.securityGroupRules).toEqual([]);
    expect(endpoint.allowedCidrs).toEqual([]);
  });

  test("checkAllowFrom: the CIDR issues, then the id collision, else nothing; it creates nothing", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider));
    const text = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    expect(endpoint.checkAllowFrom("0.0.0.0/0").map((i) => [i.code, i.problem.slice(0, 22)])).toEqual([[ValidationCode.CIDR_TOO_WIDE, 'allowFrom("0.0.0.0/0")']]);
    endpoint.allowFrom(text("a"), "tokyo");
    expect(endpoint.checkAllowFrom(text("b"), "tokyo").map((i) => i.code)).toEqual([ValidationCode.INGRESS_LABEL_DUPLICATE]);
    expect(endpoint.checkAllowFrom("10.1.0.0/16", "tokyo")).toEqual([]);
    expect(endpoint.allowedCidrs).toHaveLength(2);
    expect(Object.keys(resourcesOf(stack, "alicloud_security_group_rule"))).toHaveLength(4);
  });

  test("without a description, allowFrom labels its rules allowFrom", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { ports: [443] }));
    endpoint.allowFrom("10.1.0.0/16");
    const imported = DashScopeEndpoint.fromEndpointAttributes(stack, "Imported", { ...ATTRS, securityGroupId: "sg-1", provider, ports: [443] });
    imported.allowFrom("10.2.0.0/16");
    expect(Object.values(resourcesOf(stack, "alicloud_security_group_rule")).map((r: any) => r.description).sort()).toEqual([
      "DashScope endpoint dashscope-test-Endpoint: HTTPS from 10.1.0.0/16 (allowFrom)",
      "DashScope endpoint dashscope-test-Endpoint: HTTPS from 10.10.0.0/16 (endpoint VPC)",
      "DashScope endpoint ep-1: HTTPS from 10.2.0.0/16 (allowFrom)",
    ]);
  });

  test("a CIDR refused by allowFrom leaves the rules as they were", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider));
    const text = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    endpoint.allowFrom(text("a"), "tokyo");
    const error = validationError(() => endpoint.allowFrom(text("b"), "tokyo"));
    expect(error.message).toMatch(/^test\/Endpoint: \[DSPL_INGRESS_LABEL_DUPLICATE\]/);
    expect(validationError(() => endpoint.allowFrom("10.0.0.0/7")).message).toMatch(/^test\/Endpoint: \[DSPL_CIDR_TOO_WIDE\] allowFrom\("10\.0\.0\.0\/7"\)/);
    expect(endpoint.securityGroupRules).toHaveLength(4);
  });
});

describe("an imported endpoint's allowFrom messages", () => {
  test("without securityGroupId: PROPS_CONFLICT with the call and the fix", () => {
    const { stack, provider } = fixture();
    const endpoint = DashScopeEndpoint.fromEndpointAttributes(stack, "Imported", { ...ATTRS, provider });
    expect(validationError(() => endpoint.allowFrom("10.1.0.0/16")).issues).toEqual([
      {
        code: ValidationCode.PROPS_CONFLICT,
        problem: "allowFrom() was called on an imported endpoint without securityGroupId, so there is no group to add rules to",
        received: 'allowFrom("10.1.0.0/16") with no securityGroupId',
        allowed: "allowFrom() on an endpoint imported with securityGroupId and provider",
        fix: "pass securityGroupId (the endpoint's security group) to fromEndpointAttributes, or open the port in that group where it is managed",
      },
    ]);
  });

  test("without provider: PROVIDER_MISSING names the region", () => {
    const { stack } = fixture();
    const endpoint = DashScopeEndpoint.fromEndpointAttributes(stack, "Imported", { ...ATTRS, securityGroupId: "sg-1" });
    expect(validationError(() => endpoint.allowFrom("10.1.0.0/16")).issues).toEqual([
      {
        code: ValidationCode.PROVIDER_MISSING,
        problem: "allowFrom() was called on an imported endpoint without provider, so its rules could be created in another region than ap-southeast-1",
        received: 'allowFrom("10.1.0.0/16") with no provider',
        allowed: "an AlicloudProvider for ap-southeast-1",
        fix: "pass provider: the AlicloudProvider of ap-southeast-1 to fromEndpointAttributes",
      },
    ]);
  });

  test("allowFrom keeps one rule set: a token CIDR of the VPC is VpcCidr, repeated calls add nothing", () => {
    const { stack, provider } = fixture();
    const cidr = new TerraformVariable(stack, "cidr", { type: "string" }).stringValue;
    const endpoint = DashScopeEndpoint.fromEndpointAttributes(stack, "Imported", { ...ATTRS, securityGroupId: "sg-1", provider, vpcCidrBlock: cidr, ports: [443] });
    endpoint.allowFrom(cidr);
    endpoint.allowFrom(cidr, "again");
    endpoint.allowFrom("10.1.0.0/16");
    const imported = stack.node.findChild("Imported");
    expect(imported.node.children.map((c) => c.node.id)).toEqual(["Ingress-VpcCidr-443", "Ingress-10-1-0-0-16-443"]);
  });

  test("a provider for another region is refused; a port list is checked", () => {
    const { stack } = fixture();
    const tokyo = new AlicloudProvider(stack, "tokyo", { region: "ap-northeast-1", alias: "tokyo" });
    expect(validationError(() => DashScopeEndpoint.fromEndpointAttributes(stack, "A", { ...ATTRS, provider: tokyo })).message).toMatch(
      /^test\/A: \[DSPL_PROVIDER_REGION_MISMATCH\] provider is for region "ap-northeast-1"/,
    );
    expect(validationError(() => DashScopeEndpoint.fromEndpointAttributes(stack, "B", { ...ATTRS, ports: [] })).issues[0].problem).toBe(
      "ports is empty, so the endpoint's security group would open nothing",
    );
    expect(DashScopeEndpoint.fromEndpointAttributes(stack, "C", { ...ATTRS, ports: [8443] }).ports).toEqual([8443]);
  });
});

describe("DashScopeEndpoint at synth", () => {
  test("no provider prop and no alicloud provider in the stack (another kind of provider does not count)", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new OtherProvider(stack, "random");
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", { ...props(undefined as unknown as AlicloudProvider), provider: undefined });
    expect(endpoint.node.validate()).toEqual([
      "[DSPL_PROVIDER_MISSING] the endpoint has no provider prop and its stack declares no default (unaliased) alicloud provider, so Terraform would use an unconfigured one (region from ALICLOUD_REGION, else cn-beijing) instead of ap-southeast-1. " +
        "Received: no alicloud provider in the stack. Allowed: an AlicloudProvider for ap-southeast-1, passed as provider. Fix: pass provider: the AlicloudProvider you declared for ap-southeast-1.",
    ]);
  });

  test("only aliased providers: each with its alias and region, unknown when unset or a token", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new AlicloudProvider(stack, "a", { region: "ap-southeast-1", alias: "sg" });
    new AlicloudProvider(stack, "b", { alias: "bare" });
    new AlicloudProvider(stack, "c", { region: new TerraformVariable(stack, "region", { type: "string" }).stringValue, alias: "tok" });
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", { ...props(undefined as unknown as AlicloudProvider), provider: undefined });
    const [message] = endpoint.node.validate();
    expect(message).toMatch(/Received: only aliased providers: "sg" \(region "ap-southeast-1"\), "bare" \(region unknown\), "tok" \(region unknown\)\. /);
  });

  test("a group that opens nothing: what was received, what is allowed, the fix", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { allowedCidrs: [] }));
    expect(endpoint.node.validate()).toEqual([
      "[DSPL_VALUE_OUT_OF_RANGE] the endpoint's security group opens no port to any network: allowedCidrs is empty and allowFrom() was never called, so nothing could reach the endpoint. " +
        "Received: allowedCidrs []. Allowed: at least one CIDR block, through allowedCidrs or allowFrom(). Fix: leave allowedCidrs out to open the endpoint VPC's CIDR, or call allowFrom(cidr) for each caller network.",
    ]);
  });

  test("brought groups open nothing of the construct's, and that is fine", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { securityGroupIds: ["sg-1"] }));
    expect(endpoint.node.validate()).toEqual([]);
  });
});

describe("DashScopeEndpointOutputs messages", () => {
  test("a prefix that is not an output name: the fix is the nearest that is", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider));
    const bad = (prefix: string) => validationError(() => new DashScopeEndpointOutputs(stack, "Outputs", { endpoint, prefix })).issues;
    expect(bad("cn-beijing")).toEqual([
      {
        code: ValidationCode.NAME_INVALID,
        problem: "prefix is not a Terraform output name prefix",
        received: '"cn-beijing"',
        allowed: 'a letter, then up to 62 letters, digits and underscores, e.g. "cn_beijing"',
        fix: 'use e.g. "cn_beijing"',
      },
    ]);
    expect(bad("1st hub")[0].fix).toBe('use e.g. "st_hub"');
    expect(bad("12 eu--central")[0].fix).toBe('use e.g. "eu_central"');
    expect(bad("--")[0].fix).toBe('use e.g. "hub"');
    expect(bad("")[0].received).toBe('""');
    expect(bad(`a${"b".repeat(63)}`)[0].code).toBe(ValidationCode.NAME_INVALID);
    expect(() => new DashScopeEndpointOutputs(stack, "Long", { endpoint, prefix: `a${"b".repeat(62)}` })).not.toThrow();
  });

  test("the same names twice in a stack: which outputs, whose, and a prefix from the region as the fix", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider));
    new DashScopeEndpointOutputs(stack, "First", { endpoint, prefix: "hub" });
    const names = "hub_endpoint_id, hub_endpoint_domain, hub_custom_domain, hub_endpoint_region, hub_endpoint_zone_ips";
    expect(validationError(() => new DashScopeEndpointOutputs(stack, "Second", { endpoint, prefix: "hub" })).issues).toEqual([
      {
        code: ValidationCode.OUTPUT_DUPLICATE,
        problem: `the outputs ${names} already exist in this stack (from test/First); a second hub's outputs would merge into them and the verifier would read the wrong endpoint`,
        received: 'prefix "hub"',
        allowed: "a distinct prefix per hub in one stack",
        fix: 'give each DashScopeEndpointOutputs its own prefix, e.g. prefix: "ap_southeast_1"',
      },
    ]);
    new DashScopeEndpointOutputs(stack, "Plain", { endpoint });
    expect(validationError(() => new DashScopeEndpointOutputs(stack, "Again", { endpoint })).issues[0].received).toBe("no prefix");
  });

  test("each output's value and description", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider));
    new DashScopeEndpointOutputs(stack, "Outputs", { endpoint });
    const output = JSON.parse(Testing.synth(stack)).output;
    expect(Object.fromEntries(Object.entries<any>(output).map(([name, o]) => [name, o.description]))).toEqual({
      endpoint_id: "The Model Studio (DashScope) interface endpoint id",
      endpoint_domain: "The endpoint's default domain: plain HTTP, inside the VPC",
      custom_domain: "The custom domain callers use over HTTPS",
      endpoint_region: "The endpoint's region",
      endpoint_zone_ips: "The endpoint's ENI IP in each zone",
    });
    expect(output.custom_domain.value).toBe("vpc-ap-southeast-1.dashscope.aliyuncs.com");
    expect(output.endpoint_region.value).toBe("ap-southeast-1");
  });
});
