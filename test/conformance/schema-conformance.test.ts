import { TerraformStack, Testing } from "cdktf";
import { buildExampleApp } from "../../examples/app";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { SecurityGroupRule } from "../../.gen/providers/alicloud/security-group-rule";
import { Vpc } from "../../.gen/providers/alicloud/vpc";
import { synthStacks } from "../cdktf-helpers";
import { checkStack, formatIssues } from "./schema-conformance";

describe("schema conformance of the example stacks", () => {
  const stacks = synthStacks((outdir) => buildExampleApp({ outdir }));

  test("the example app has the seven scenario stacks", () => {
    expect([...stacks.keys()].sort()).toEqual(["brownfield", "cross-region", "data-residency", "landing-zone", "migration", "multi-account", "single-region"]);
  });

  test.each([...stacks.keys()])("%s conforms to aliyun/alicloud 1.289.0", (name) => {
    const result = checkStack(stacks.get(name)!);
    expect(result.checked).toBeGreaterThan(0);
    if (result.errors.length > 0) throw new Error(`${name}:\n${formatIssues(result.errors)}`);
    // Deprecated arguments work today and break on the next major provider version.
    expect(formatIssues(result.warnings)).toBe("");
  });
});

describe("the conformance check catches what terraform validate would", () => {
  function synthBad(mutate: (stack: TerraformStack) => void): Record<string, any> {
    const app = Testing.app();
    const stack = new TerraformStack(app, "bad");
    mutate(stack);
    return JSON.parse(Testing.synth(stack));
  }

  function errorsOf(tf: Record<string, any>): string {
    return formatIssues(checkStack(tf).errors);
  }

  test("a well-formed stack passes", () => {
    const tf = synthBad((stack) => {
      const provider = new AlicloudProvider(stack, "p", { region: "ap-southeast-1", alias: "sg" });
      new Vpc(stack, "vpc", { provider, cidrBlock: "10.0.0.0/16", vpcName: "ok" });
    });
    expect(checkStack(tf)).toMatchObject({ errors: [], checked: 2 });
  });

  test("an unknown argument, a computed-only attribute and a type mismatch", () => {
    const tf = synthBad((stack) => {
      const provider = new AlicloudProvider(stack, "p", { region: "ap-southeast-1" });
      const vpc = new Vpc(stack, "vpc", { provider, cidrBlock: "10.0.0.0/16" });
      vpc.addOverride("cidr_blok", "10.0.0.0/16");
      vpc.addOverride("route_table_id", "vtb-123");
      vpc.addOverride("enable_ipv6", "yes");
    });
    const errors = errorsOf(tf);
    expect(errors).toMatch(/alicloud_vpc\.vpc cidr_blok: unknown argument or block/);
    expect(errors).toMatch(/alicloud_vpc\.vpc route_table_id: is computed-only and cannot be set/);
    expect(errors).toMatch(/alicloud_vpc\.vpc enable_ipv6: expected bool, got "yes"/);
  });

  test("a missing required argument and a missing required block", () => {
    const tf = synthBad((stack) => {
      new AlicloudProvider(stack, "p", { region: "ap-southeast-1" });
      const rule = new SecurityGroupRule(stack, "rule", {
        securityGroupId: "sg-1",
        type: "ingress",
        ipProtocol: "tcp",
        portRange: "443/443",
        cidrIp: "10.0.0.0/16",
      });
      rule.addOverride("security_group_id", undefined);
    });
    tf.resource.alicloud_cen_transit_router_vpc_attachment = { att: { vpc_id: "vpc-1" } };
    const errors = errorsOf(tf);
    expect(errors).toMatch(/alicloud_security_group_rule\.rule security_group_id: required argument is missing/);
    expect(errors).toMatch(/alicloud_cen_transit_router_vpc_attachment\.att zone_mappings: required block is missing/);
  });

  test("an unknown resource type and an undeclared provider alias", () => {
    const tf = synthBad((stack) => {
      new AlicloudProvider(stack, "p", { region: "ap-southeast-1", alias: "sg" });
    });
    tf.resource = {
      alicloud_privatelink_endpoint: { e: { vpc_id: "vpc-1", provider: "alicloud.sg" } },
      alicloud_vpc: { v: { cidr_block: "10.0.0.0/16", provider: "alicloud.beijing" } },
    };
    const errors = errorsOf(tf);
    expect(errors).toMatch(/unknown resource type alicloud_privatelink_endpoint/);
    expect(errors).toMatch(/alicloud_vpc\.v provider: alicloud\.beijing names an alias no provider block declares \(declared: sg\)/);
  });

  test("expressions are unknown at validate time and pass", () => {
    const tf = synthBad((stack) => {
      new AlicloudProvider(stack, "p", { region: "ap-southeast-1" });
    });
    tf.resource = { alicloud_vpc: { v: { enable_ipv6: "${var.ipv6}", cidr_block: "${var.cidr}" } } };
    expect(checkStack(tf).errors).toEqual([]);
  });

  test("deprecated arguments are warnings", () => {
    const tf = synthBad((stack) => {
      new AlicloudProvider(stack, "p", { region: "ap-southeast-1" });
    });
    tf.resource = { alicloud_vpc: { v: { name: "old-style" } } };
    const result = checkStack(tf);
    expect(result.errors).toEqual([]);
    expect(formatIssues(result.warnings)).toMatch(/alicloud_vpc\.v name: is deprecated/);
  });
});
