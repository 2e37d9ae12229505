// What DashScopeEndpoint says when it refuses its props: each issue names the prop and carries the
// value received, what is allowed and the fix, as a user reads them in the error.
import { TerraformVariable, Token } from "cdktf";
import { DashScopeRegion, PrivateLinkService } from "../../lib/catalog";
import { DashScopeEndpoint, DashScopeEndpointProps } from "../../lib/endpoint";
import { ValidationCode } from "../../lib/validation";
import { codes, fixture, props, validationError } from "./helpers";

function rejected(overrides: Partial<DashScopeEndpointProps>) {
  const { stack, provider } = fixture();
  return validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, overrides))).issues;
}

/** A token of the fixture's kind, from a throwaway stack. */
function listToken(): any {
  const { stack } = fixture();
  return Token.asAny(new TerraformVariable(stack, "list", { type: "list(any)" }).listValue);
}

const PORTS_ALLOWED = "a literal, non-empty list of distinct TCP ports from 1 to 65535, e.g. [80, 443]";
const VSWITCHES_ALLOWED = "a literal list of at least two vSwitches, each in a different zone of the endpoint's region";
const A = { vSwitchId: "vsw-a", zoneId: "ap-southeast-1a" };
const B = { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" };

describe("DashScopeEndpoint port messages", () => {
  test("a list token or no list at all: the ports decide the rules, so the list must be known", () => {
    expect(rejected({ ports: listToken() })).toEqual([
      {
        code: ValidationCode.LITERAL_REQUIRED,
        problem: "ports is a list token, but each port becomes one ingress rule per CIDR, so the list must be known at synth",
        received: "an unresolved token",
        allowed: PORTS_ALLOWED,
        fix: "pass an array literal (its items may be tokens)",
      },
    ]);
    expect(rejected({ ports: 443 as never })).toEqual([
      {
        code: ValidationCode.PORT_INVALID,
        problem: "ports is not a list, but each port becomes one ingress rule per CIDR, so the list must be known at synth",
        received: "443",
        allowed: PORTS_ALLOWED,
        fix: "pass an array literal (its items may be tokens)",
      },
    ]);
  });

  test("an empty list: the group would open nothing", () => {
    expect(rejected({ ports: [] })).toEqual([
      {
        code: ValidationCode.PORT_INVALID,
        problem: "ports is empty, so the endpoint's security group would open nothing",
        received: "[]",
        allowed: PORTS_ALLOWED,
        fix: "leave it out for [80, 443], or list the ports callers use",
      },
    ]);
  });

  test("a repeated port: both indexes, the list, and which one to remove", () => {
    expect(rejected({ ports: [443, 80, 443] })).toEqual([
      {
        code: ValidationCode.PORT_DUPLICATE,
        problem: "ports[0] and ports[2] are both 443; each port would get its rules twice",
        received: "[443,80,443]",
        allowed: "each port once",
        fix: "remove the second 443",
      },
    ]);
  });

  test("token ports are not compared, and a token port may be the HTTPS one", () => {
    const { stack, provider } = fixture();
    const port = new TerraformVariable(stack, "port", { type: "number" }).numberValue;
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { ports: [port, port] }));
    expect(endpoint.securityGroupRules.map((r) => r.node.id)).toEqual(["Ingress-10-10-0-0-16-Port0", "Ingress-10-10-0-0-16-Port1"]);
  });

  test("no HTTPS port: the custom domain answers HTTPS only; the fix is the list with it", () => {
    expect(rejected({ ports: [80, 8080, 80] }).map((i) => i.code)).toEqual([ValidationCode.PORT_DUPLICATE]);
    expect(rejected({ ports: [8080, 80] })).toEqual([
      {
        code: ValidationCode.PORT_MISSING,
        problem: "ports does not open 443, but the custom domain (the name callers and the Private Zone use) answers HTTPS only, so no caller could reach it",
        received: "[8080,80]",
        allowed: "a list with 443 (and 80 for plain HTTP on the endpoint's default domain)",
        fix: "add 443: [8080, 80, 443]",
      },
    ]);
  });

  test("the ports and the HTTPS port of a region's own service", () => {
    const service = PrivateLinkService.of({
      serviceName: "com.example.svc",
      label: "Example",
      shortLabel: "Ex",
      namePrefix: "ex",
      ports: [8443],
      customDomainPort: 8443,
      customDomain: (regionId) => `vpc-${regionId}.example.com`,
    });
    const region = DashScopeRegion.custom({ regionId: "ap-southeast-1", service });
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { region }));
    expect(endpoint.ports).toEqual([8443]);
    expect(endpoint.securityGroupRules.map((r) => r.node.id)).toEqual(["Ingress-10-10-0-0-16-8443"]);
    const issues = validationError(() => new DashScopeEndpoint(stack, "Other", props(provider, { region, ports: [443] }))).issues;
    expect(issues.map((i) => [i.code, i.fix])).toEqual([[ValidationCode.PORT_MISSING, "add 8443: [443, 8443]"]]);
  });
});

describe("DashScopeEndpoint vSwitch messages", () => {
  test("a list token: LITERAL_REQUIRED; not a list: VSWITCH_COUNT; both say the length decides the zones", () => {
    const problem = (what: string) => `vSwitches is ${what}, but its length decides how many endpoint zones exist, so it must be known at synth`;
    const fix = "pass an array literal of { vSwitchId, zoneId } objects; the ids inside it may be tokens";
    expect(rejected({ vSwitches: listToken() })).toEqual([
      { code: ValidationCode.LITERAL_REQUIRED, problem: problem("a list token"), received: "an unresolved token", allowed: VSWITCHES_ALLOWED, fix },
    ]);
    expect(rejected({ vSwitches: A as never })).toEqual([
      { code: ValidationCode.VSWITCH_COUNT, problem: problem("not a list"), received: JSON.stringify(A), allowed: VSWITCHES_ALLOWED, fix },
    ]);
  });

  test("fewer than two: how many, which, and a second zone of the region as the fix", () => {
    expect(rejected({ vSwitches: [A] })).toEqual([
      {
        code: ValidationCode.VSWITCH_COUNT,
        problem: "vSwitches has 1, fewer than two: an endpoint in one zone goes down with that zone",
        received: '1 vSwitch: "vsw-a"',
        allowed: VSWITCHES_ALLOWED,
        fix: "add a vSwitch of the same VPC in a second zone of ap-southeast-1",
      },
    ]);
    expect(rejected({ vSwitches: [] })).toEqual([expect.objectContaining({ received: "0 vSwitches: none" })]);
    const unsupported = rejected({ region: "us-east-1", vSwitches: [{ vSwitchId: "vsw-a", zoneId: "us-east-1a" }] });
    expect(unsupported.map((i) => [i.code, i.fix])).toEqual([
      [ValidationCode.REGION_UNSUPPORTED, expect.any(String)],
      [ValidationCode.VSWITCH_COUNT, "add a vSwitch of the same VPC in a second zone"],
    ]);
  });

  test("two in one zone: both vSwitches, the zone, and another zone of the region as the fix", () => {
    const twin = { vSwitchId: "vsw-c", zoneId: "ap-southeast-1a" };
    expect(rejected({ vSwitches: [A, B, twin] })).toEqual([
      {
        code: ValidationCode.ZONE_DUPLICATE,
        problem: "vSwitches[0] and vSwitches[2] are both in zone ap-southeast-1a; the endpoint takes one vSwitch per zone, and a second one in the same zone adds no availability",
        received: 'vSwitch "vsw-a" and vSwitch "vsw-c" in zone "ap-southeast-1a"',
        allowed: "one vSwitch per zone",
        fix: "keep one of them and use a vSwitch in another zone of ap-southeast-1",
      },
    ]);
    const unsupported = rejected({ region: "us-east-1", vSwitches: [{ vSwitchId: "vsw-a", zoneId: "us-x" }, { vSwitchId: "vsw-b", zoneId: "us-x" }] });
    expect(unsupported.find((i) => i.code === ValidationCode.ZONE_DUPLICATE)!.fix).toBe("keep one of them and use a vSwitch in another zone");
  });

  test("token zones and token vSwitch ids are not compared; a token zone's endpoint zone is named by position", () => {
    const { stack, provider } = fixture();
    const text = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    const zone = text("zone");
    const vsw = text("vsw");
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { vSwitches: [{ vSwitchId: vsw, zoneId: zone }, { vSwitchId: vsw, zoneId: zone }, B] }));
    expect(endpoint.zones.map((z) => z.node.id)).toEqual(["Zone-0", "Zone-1", "Zone-ap-southeast-1b"]);
  });

  test("the same vSwitch twice: which indexes, the id, remove the repeat", () => {
    expect(rejected({ vSwitches: [A, B, { vSwitchId: "vsw-b", zoneId: "ap-southeast-1c" }] })).toEqual([
      {
        code: ValidationCode.VSWITCH_DUPLICATE,
        problem: "vSwitches[1] and vSwitches[2] name the same vSwitch",
        received: '"vsw-b"',
        allowed: "each vSwitch once",
        fix: "remove the repeated entry",
      },
    ]);
  });

  test("a pinned ENI IP outside the VPC, or pinned twice", () => {
    expect(rejected({ vSwitches: [{ ...A, eniIp: "10.20.0.5" }, B] })).toEqual([
      {
        code: ValidationCode.IP_INVALID,
        problem: "vSwitches[0].eniIp is outside vpcCidrBlock 10.10.0.0/16, so it cannot be an address of the vSwitch",
        received: '"10.20.0.5"',
        allowed: "a free address of the vSwitch, inside 10.10.0.0/16",
        fix: "pin an address of that vSwitch's CIDR block, or leave eniIp out to let the service choose",
      },
    ]);
    expect(rejected({ vSwitches: [{ ...A, eniIp: "10.10.0.5" }, { ...B, eniIp: "10.10.0.5" }] })).toEqual([
      {
        code: ValidationCode.IP_DUPLICATE,
        problem: "vSwitches[0].eniIp and vSwitches[1].eniIp pin the same address; each zone's ENI needs its own",
        received: '"10.10.0.5"',
        allowed: "a distinct address per zone, each inside its own vSwitch",
        fix: "pin an address of each zone's vSwitch, or leave eniIp out",
      },
    ]);
  });

  test("a malformed ENI IP pinned twice is reported as malformed, not as a repeat; a token one is not checked", () => {
    expect(rejected({ vSwitches: [{ ...A, eniIp: "10.10.0.500" }, { ...B, eniIp: "10.10.0.500" }] }).map((i) => [i.code, i.problem])).toEqual([
      [ValidationCode.IP_INVALID, "vSwitches[0].eniIp is not an IPv4 address"],
      [ValidationCode.IP_INVALID, "vSwitches[1].eniIp is not an IPv4 address"],
    ]);
    const { stack, provider } = fixture();
    const ip = new TerraformVariable(stack, "ip", { type: "string" }).stringValue;
    expect(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, { vSwitches: [{ ...A, eniIp: ip }, { ...B, eniIp: ip }] }))).not.toThrow();
  });

  test("a malformed VPC CIDR is reported once: pinned IPs and the default ingress are not checked against it", () => {
    expect(rejected({ vpcCidrBlock: "10.10.0.0/33", vSwitches: [{ ...A, eniIp: "192.168.0.1" }, B] }).map((i) => i.code)).toEqual([
      ValidationCode.CIDR_INVALID,
    ]);
  });
});

describe("DashScopeEndpoint allowedCidrs and securityGroupIds messages", () => {
  test("allowedCidrs as a list token, or not a list", () => {
    const problem = (what: string) => `allowedCidrs is ${what}, but each CIDR becomes its own ingress rules, so the list must be known at synth`;
    const rest = { allowed: "a literal list of IPv4 CIDR blocks (its items may be tokens)", fix: "pass an array literal, e.g. [vpcCidrBlock, requesterCidr]" };
    expect(rejected({ allowedCidrs: listToken() })).toEqual([
      { code: ValidationCode.LITERAL_REQUIRED, problem: problem("a list token"), received: "an unresolved token", ...rest },
    ]);
    expect(rejected({ allowedCidrs: "10.1.0.0/16" as never })).toEqual([
      { code: ValidationCode.CIDR_INVALID, problem: problem("not a list"), received: '"10.1.0.0/16"', ...rest },
    ]);
  });

  test("props that only shape the owned group: one is named in the singular", () => {
    expect(rejected({ securityGroupIds: ["sg-1"], ports: [443] })).toEqual([
      {
        code: ValidationCode.PROPS_CONFLICT,
        problem:
          "securityGroupIds brings your own security groups, but ports only shapes the group this construct creates when securityGroupIds is not set, and would be ignored",
        received: 'securityGroupIds ["sg-1"] with ports [443]',
        allowed: "either securityGroupIds, or any of allowedCidrs, allowAnyCidr, ports and securityGroupName",
        fix: "open the ports in your own groups' rules and drop those props, or drop securityGroupIds to let the construct create and manage the group",
      },
    ]);
    expect(rejected({ securityGroupIds: ["sg-1"], allowAnyCidr: false, securityGroupName: "x-sg" })[0].problem).toMatch(
      /but allowAnyCidr, securityGroupName only shape the group/,
    );
  });

  test("too many, none, or not a list: how many, the limit, and a fix for each", () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `sg-${i}`);
    expect(rejected({ securityGroupIds: eleven })).toEqual([
      {
        code: ValidationCode.VALUE_OUT_OF_RANGE,
        problem: "securityGroupIds has 11 security groups; an interface endpoint needs 1 to 10",
        received: JSON.stringify(eleven),
        allowed: "1 to 10 security group ids of the endpoint's VPC",
        fix: "merge rules into fewer groups",
      },
    ]);
    const { stack, provider } = fixture();
    expect(() => new DashScopeEndpoint(stack, "Ten", props(provider, { securityGroupIds: Array.from({ length: 10 }, (_, i) => `sg-${i}`) }))).not.toThrow();
    expect(rejected({ securityGroupIds: [] })).toEqual([
      expect.objectContaining({ problem: "securityGroupIds has 0 security groups; an interface endpoint needs 1 to 10", fix: "leave securityGroupIds out to let the construct create the group" }),
    ]);
    expect(rejected({ securityGroupIds: "sg-1" as never })).toEqual([
      expect.objectContaining({ problem: "securityGroupIds has no security groups; an interface endpoint needs 1 to 10", received: '"sg-1"', fix: "leave securityGroupIds out to let the construct create the group" }),
    ]);
  });

  test("a group twice: both indexes and which one to remove; ids of the wrong kind by index", () => {
    expect(rejected({ securityGroupIds: ["sg-1", "sg-2", "sg-1"] })).toEqual([
      {
        code: ValidationCode.SECURITY_GROUP_DUPLICATE,
        problem: "securityGroupIds[0] and securityGroupIds[2] name the same security group",
        received: '["sg-1","sg-2","sg-1"]',
        allowed: "each security group once",
        fix: 'remove the repeated "sg-1"',
      },
    ]);
    expect(rejected({ securityGroupIds: ["sg-1", "vpc-2"] }).map((i) => i.problem)).toEqual([
      "securityGroupIds[1] is not a securityGroup id (it looks like a vpc id)",
    ]);
  });

  test("token group ids are not compared, and a token list is not counted", () => {
    const { stack, provider } = fixture();
    const sg = new TerraformVariable(stack, "sg", { type: "string" }).stringValue;
    expect(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, { securityGroupIds: [sg, sg] }))).not.toThrow();
    const list = new TerraformVariable(stack, "sgs", { type: "list(string)" }).listValue;
    expect(() => new DashScopeEndpoint(stack, "Listed", props(provider, { securityGroupIds: list }))).not.toThrow();
    const asAny = Token.asAny(list) as never;
    const resolvable = new DashScopeEndpoint(stack, "Resolvable", props(provider, { securityGroupIds: asAny }));
    expect(resolvable.securityGroupIds).toBe(asAny);
    expect(codes(validationError(() => new DashScopeEndpoint(stack, "Both", props(provider, { securityGroupIds: list, ports: [443] }))))).toEqual([
      ValidationCode.PROPS_CONFLICT,
    ]);
  });

  test("with securityGroupIds, neither ports nor the owned group's props are checked", () => {
    const { stack, provider } = fixture();
    expect(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, { vpcCidrBlock: "0.0.0.0/0", securityGroupIds: ["sg-1"] }))).not.toThrow();
  });
});
