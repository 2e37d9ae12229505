// The ingress planner shared by the owned and the imported endpoint: which CIDRs of a batch get rules,
// under which construct ids (keys), with which descriptions, and the issue when two token CIDRs would
// share ids. plan() creates nothing; create() does.
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { EndpointIngress, truncate } from "../../lib/endpoint/ingress";
import { ValidationCode } from "../../lib/validation";
import { synthJson } from "./helpers";

function ingress(overrides: { vpcCidrBlock?: string; ports?: number[]; endpointName?: string } = {}) {
  const stack = new TerraformStack(Testing.app(), "test");
  const provider = new AlicloudProvider(stack, "sg", { region: "ap-southeast-1", alias: "sg" });
  const text = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
  const rules = new EndpointIngress({
    scope: stack,
    securityGroupId: "sg-1",
    ports: overrides.ports ?? [443],
    provider,
    endpointName: overrides.endpointName ?? "ep",
    serviceLabel: "DashScope",
    allowAnyCidr: false,
    vpcCidrBlock: overrides.vpcCidrBlock,
  });
  return { stack, rules, text };
}

const DUPLICATE = (key: string, label: string) => ({
  code: ValidationCode.INGRESS_LABEL_DUPLICATE,
  problem: `two token CIDR blocks would share the rule ids Ingress-${key}-<port> (a token CIDR's rules are named after its description)`,
  received: `description ${label}`,
  allowed: "a distinct, stable description for each token CIDR",
  fix: "give allowFrom a description that names this network uniquely, e.g. the requester's name",
});

describe("EndpointIngress.plan", () => {
  test("keys: a literal CIDR by its digits, the VPC CIDR token as VpcCidr, a labelled token by its label, others numbered", () => {
    const vpc = new TerraformVariable(new TerraformStack(Testing.app(), "other"), "vpc", { type: "string" }).stringValue;
    const { rules, text } = ingress({ vpcCidrBlock: vpc });
    const [peer, other] = [text("peer"), text("other")];
    const { planned, issues } = rules.plan([
      { cidr: "10.1.0.0/16", defaultLabel: "allowedCidrs" },
      { cidr: vpc, label: "ignored for the VPC CIDR", defaultLabel: "endpoint VPC" },
      { cidr: peer, label: "team: payments", defaultLabel: "allowFrom" },
      { cidr: other, defaultLabel: "allowFrom" },
    ]);
    expect(issues).toEqual([]);
    expect(planned).toEqual([
      { cidr: "10.1.0.0/16", key: "10-1-0-0-16", label: "allowedCidrs", numbered: false },
      { cidr: vpc, key: "VpcCidr", label: "ignored for the VPC CIDR", numbered: false },
      { cidr: peer, key: "team-payments", label: "team: payments", numbered: false },
      { cidr: other, key: "Cidr1", label: "allowFrom", numbered: true },
    ]);
  });

  test("without a VPC CIDR, a token CIDR is never VpcCidr", () => {
    const { rules, text } = ingress();
    const cidr = text("cidr");
    expect(rules.plan([{ cidr, defaultLabel: "allowFrom" }]).planned).toEqual([{ cidr, key: "Cidr1", label: "allowFrom", numbered: true }]);
  });

  test("a token description labels the rules but cannot name them", () => {
    const { rules, text } = ingress();
    const cidr = text("cidr");
    const label = text("label");
    expect(rules.plan([{ cidr, label, defaultLabel: "allowFrom" }]).planned).toEqual([{ cidr, key: "Cidr1", label, numbered: true }]);
  });

  test("a CIDR already allowed, or repeated in the batch, is planned once", () => {
    const { rules } = ingress();
    rules.create(rules.plan([{ cidr: "10.1.0.0/16", defaultLabel: "a" }]).planned);
    expect(rules.has("10.1.0.0/16")).toBe(true);
    const { planned } = rules.plan([
      { cidr: "10.1.0.0/16", defaultLabel: "again" },
      { cidr: "10.2.0.0/16", defaultLabel: "b" },
      { cidr: "10.2.0.0/16", defaultLabel: "b again" },
    ]);
    expect(planned.map((p) => `${p.cidr} ${p.label}`)).toEqual(["10.2.0.0/16 b"]);
  });

  test("two token CIDRs of one batch with descriptions that make the same key: the second is an issue", () => {
    const { rules, text } = ingress();
    const [a, b, c] = [text("a"), text("b"), text("c")];
    const { planned, issues } = rules.plan([
      { cidr: a, label: "team a", defaultLabel: "allowFrom" },
      { cidr: b, label: "team-a!", defaultLabel: "allowFrom" },
      { cidr: c, label: "team c", defaultLabel: "allowFrom" },
    ]);
    expect(planned.map((p) => p.key)).toEqual(["team-a", "team-c"]);
    expect(issues).toEqual([DUPLICATE("team-a", '"team-a!"')]);
  });

  test("a key taken by rules created earlier is an issue too, and planning creates nothing", () => {
    const { stack, rules, text } = ingress();
    rules.create(rules.plan([{ cidr: text("a"), label: "tokyo", defaultLabel: "allowFrom" }]).planned);
    const before = Object.keys(synthJson(stack).resource.alicloud_security_group_rule);
    expect(rules.plan([{ cidr: text("b"), label: "tokyo", defaultLabel: "allowFrom" }]).issues).toEqual([DUPLICATE("tokyo", '"tokyo"')]);
    expect(Object.keys(synthJson(stack).resource.alicloud_security_group_rule)).toEqual(before);
  });

  test("numbers continue from the rules created, and plans that are not created take none", () => {
    const { rules, text } = ingress();
    const [a, b, c] = [text("a"), text("b"), text("c")];
    expect(rules.plan([{ cidr: a, defaultLabel: "x" }, { cidr: b, defaultLabel: "x" }]).planned.map((p) => p.key)).toEqual(["Cidr1", "Cidr2"]);
    rules.create(rules.plan([{ cidr: a, defaultLabel: "x" }, { cidr: "10.1.0.0/16", defaultLabel: "x" }]).planned);
    expect(rules.plan([{ cidr: b, defaultLabel: "x" }, { cidr: c, defaultLabel: "x" }]).planned.map((p) => p.key)).toEqual(["Cidr2", "Cidr3"]);
    expect(rules.rules.map((r) => r.node.id)).toEqual(["Ingress-Cidr1-443", "Ingress-10-1-0-0-16-443"]);
    expect(rules.cidrs).toEqual([a, "10.1.0.0/16"]);
  });

  test("a description's key: runs of other characters become one hyphen, none at the ends, at most 64 characters", () => {
    const { rules, text } = ingress();
    const long = `${"a".repeat(63)} b`;
    const planned = rules.plan([
      { cidr: text("a"), label: "--team  a/b--", defaultLabel: "x" },
      { cidr: text("b"), label: long, defaultLabel: "x" },
      { cidr: text("c"), label: `${"c".repeat(64)}d`, defaultLabel: "x" },
    ]).planned;
    expect(planned.map((p) => p.key)).toEqual(["team-a-b", "a".repeat(63), "c".repeat(64)]);
  });

  test("a description may start or end with digits, or contain a generated key; only a whole generated key or digits alone are refused", () => {
    const { rules, text } = ingress();
    const labels = ["42 team", "team 42", "Cidr17", "MyCidr7", "Cidr7x", "VpcCidrs", "MyVpcCidr", "CidrX", "4-2"];
    const planned = rules.plan(labels.map((label, i) => ({ cidr: text(`c${i}`), label, defaultLabel: "x" }))).planned;
    expect(planned.map((p) => p.key)).toEqual(["42-team", "team-42", "Cidr1", "MyCidr7", "Cidr7x", "VpcCidrs", "MyVpcCidr", "CidrX", "Cidr2"]);
  });
});

describe("EndpointIngress rules", () => {
  test("one rule per port, each with its port range and a description naming the endpoint, the port and the label", () => {
    const { stack, rules, text } = ingress({ ports: [443, 80, 8080] });
    const port = new TerraformVariable(stack, "port", { type: "number" }).numberValue;
    rules.create(rules.plan([{ cidr: "10.1.0.0/16", defaultLabel: "requester tokyo" }]).planned);
    const withToken = new EndpointIngress({
      scope: stack,
      securityGroupId: text("group"),
      ports: [port],
      endpointName: "ep2",
      serviceLabel: "Svc",
      allowAnyCidr: false,
    });
    withToken.create(withToken.plan([{ cidr: "10.2.0.0/16", defaultLabel: "x" }]).planned);
    const json = synthJson(stack).resource.alicloud_security_group_rule;
    const byId = Object.fromEntries(Object.values<any>(json).map((r) => [`${r.cidr_ip} ${r.port_range}`, r]));
    expect(byId["10.1.0.0/16 443/443"]).toEqual({
      provider: "alicloud.sg",
      security_group_id: "sg-1",
      type: "ingress",
      ip_protocol: "tcp",
      port_range: "443/443",
      nic_type: "intranet",
      policy: "accept",
      cidr_ip: "10.1.0.0/16",
      description: "DashScope endpoint ep: HTTPS from 10.1.0.0/16 (requester tokyo)",
    });
    expect(byId["10.1.0.0/16 80/80"].description).toBe("DashScope endpoint ep: HTTP from 10.1.0.0/16 (requester tokyo)");
    expect(byId["10.1.0.0/16 8080/8080"].description).toBe("DashScope endpoint ep: TCP 8080 from 10.1.0.0/16 (requester tokyo)");
    expect(byId["10.2.0.0/16 ${var.port}/${var.port}"]).toMatchObject({
      security_group_id: "${var.group}",
      description: "Svc endpoint ep2: TCP ${var.port} from 10.2.0.0/16 (x)",
    });
    expect(byId["10.2.0.0/16 ${var.port}/${var.port}"]).not.toHaveProperty("provider");
    expect(rules.rules.map((r) => r.node.id)).toEqual(["Ingress-10-1-0-0-16-443", "Ingress-10-1-0-0-16-80", "Ingress-10-1-0-0-16-8080"]);
    expect(withToken.rules.map((r) => r.node.id)).toEqual(["Ingress-10-2-0-0-16-Port0"]);
  });

  test("a description longer than 256 characters is cut to 253 plus an ellipsis", () => {
    const { stack, rules } = ingress({ endpointName: "e".repeat(300) });
    rules.create(rules.plan([{ cidr: "10.1.0.0/16", defaultLabel: "x" }]).planned);
    const [rule] = Object.values<any>(synthJson(stack).resource.alicloud_security_group_rule);
    expect(rule.description).toBe(`DashScope endpoint ${"e".repeat(234)}...`);
    expect(rule.description).toHaveLength(256);
  });
});

describe("truncate", () => {
  test("256 characters pass unchanged, 257 are cut to 253 plus an ellipsis, a token passes", () => {
    expect(truncate("x".repeat(256))).toBe("x".repeat(256));
    expect(truncate("x".repeat(257))).toBe(`${"x".repeat(253)}...`);
    const token = new TerraformVariable(new TerraformStack(Testing.app(), "t"), "d", { type: "string" }).stringValue;
    expect(truncate(token)).toBe(token);
  });
});
