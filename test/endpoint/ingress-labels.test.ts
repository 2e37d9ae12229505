// Which descriptions may name a token CIDR's rules: a label that would look like a literal CIDR's
// key (digits and hyphens only) or like a generated key must not, so the rules are numbered instead.
import { TerraformVariable, Testing } from "cdktf";
import { DashScopeEndpoint } from "../../lib/endpoint";
import { fixture, props } from "./helpers";

const ruleIds = (endpoint: DashScopeEndpoint) => endpoint.securityGroupRules.map((r) => r.node.id).sort();

describe("DashScopeEndpoint ingress rule ids from allowFrom descriptions", () => {
  test("a digits-only description does not name a token CIDR's rules: they are numbered", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider));
    const cidr = new TerraformVariable(stack, "cidr", { type: "string" }).stringValue;
    endpoint.allowFrom(cidr, "10.20.0.0/16");
    expect(ruleIds(endpoint)).toEqual(["Ingress-10-10-0-0-16-443", "Ingress-10-10-0-0-16-80", "Ingress-Cidr1-443", "Ingress-Cidr1-80"]);
    // The description still ends the rule's text.
    expect(Testing.synth(stack)).toContain("(10.20.0.0/16)");
  });

  test("a digits-only description cannot take the ids of a literal CIDR opened later", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider));
    const cidr = new TerraformVariable(stack, "cidr", { type: "string" }).stringValue;
    endpoint.allowFrom(cidr, "10-20-0-0-16");
    endpoint.allowFrom("10.20.0.0/16");
    expect(ruleIds(endpoint)).toEqual([
      "Ingress-10-10-0-0-16-443",
      "Ingress-10-10-0-0-16-80",
      "Ingress-10-20-0-0-16-443",
      "Ingress-10-20-0-0-16-80",
      "Ingress-Cidr1-443",
      "Ingress-Cidr1-80",
    ]);
  });

  test("descriptions that look like generated keys are not used either; others are, cut to a safe id", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { ports: [443] }));
    const v = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    endpoint.allowFrom(v("a"), "Cidr7");
    endpoint.allowFrom(v("b"), "VpcCidr");
    endpoint.allowFrom(v("c"), "  --  ");
    endpoint.allowFrom(v("d"), "team 42: payments!");
    expect(ruleIds(endpoint)).toEqual(["Ingress-10-10-0-0-16-443", "Ingress-Cidr1-443", "Ingress-Cidr2-443", "Ingress-Cidr3-443", "Ingress-team-42-payments-443"]);
  });
});
