// What the shared checks say through DashScopeEndpoint's constructor: for a CIDR, a port, a zone, a
// name, a tag and a pinned IP, the issue carries its code, the prop, the value received, what is
// allowed and the fix, in the words a user reads in the error.
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopeEndpoint, DashScopeEndpointProps } from "../../lib/endpoint";
import { ValidationCode, ValidationIssue } from "../../lib/validation";
import { fixture, props, validationError } from "../endpoint/helpers";
import { warningsOf } from "../cdktf-helpers";

const CIDR_ALLOWED = "an IPv4 CIDR block written a.b.c.d/n with n from 0 to 32 and no host bits set";

/** The issues of the given code an endpoint with the fixture's props plus overrides is refused with. */
function refused(overrides: Partial<DashScopeEndpointProps>, code?: string): ValidationIssue[] {
  const { stack, provider } = fixture();
  const issues = validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, overrides))).issues;
  return code === undefined ? [...issues] : issues.filter((i) => i.code === code);
}

/** Whether an endpoint with these overrides is accepted. */
function accepted(overrides: Partial<DashScopeEndpointProps>): boolean {
  const { stack, provider } = fixture();
  new DashScopeEndpoint(stack, "Endpoint", props(provider, overrides));
  return true;
}

describe("CIDR messages", () => {
  test("a CIDR without a prefix length: the fix shows the address/prefix form", () => {
    expect(refused({ vpcCidrBlock: "10.10.0.0" })).toEqual([
      {
        code: ValidationCode.CIDR_INVALID,
        problem: "vpcCidrBlock is not an IPv4 CIDR block",
        received: '"10.10.0.0"',
        allowed: CIDR_ALLOWED,
        fix: 'write the network as address/prefix-length, e.g. "10.0.0.0/16" (IPv6 is not supported by these security group rules)',
      },
    ]);
  });

  test("a non-string CIDR gets the same form fix", () => {
    expect(refused({ vpcCidrBlock: 167772160 as unknown as string })).toEqual([
      expect.objectContaining({ code: ValidationCode.CIDR_INVALID, received: "167772160", fix: expect.stringMatching(/^write the network as address\/prefix-length/) }),
    ]);
  });

  test.each(["300.10.0.0/16", "10.10.0.0/33"])("%s has the right shape but impossible numbers: the fix names the ranges", (cidr) => {
    expect(refused({ vpcCidrBlock: cidr })).toEqual([
      {
        code: ValidationCode.CIDR_INVALID,
        problem: "vpcCidrBlock is not an IPv4 CIDR block",
        received: JSON.stringify(cidr),
        allowed: CIDR_ALLOWED,
        fix: "use octets from 0 to 255 and a prefix length from 0 to 32",
      },
    ]);
  });

  test("host bits set: the problem names the prefix, the fix the network address", () => {
    expect(refused({ allowedCidrs: ["192.168.7.1/24"] })).toEqual([
      {
        code: ValidationCode.CIDR_INVALID,
        problem: "allowedCidrs[0] has host bits set after the /24 prefix",
        received: '"192.168.7.1/24"',
        allowed: CIDR_ALLOWED,
        fix: 'write the network address "192.168.7.0/24"',
      },
    ]);
  });

  test("a single address (/32) and the whole space (/0, with the opt-in) are CIDR blocks", () => {
    expect(accepted({ allowedCidrs: ["10.10.0.7/32", "0.0.0.0/0"], allowAnyCidr: true })).toBe(true);
  });

  test("a /8 is as wide as a CIDR may be without the opt-in", () => {
    expect(accepted({ allowedCidrs: ["10.0.0.0/8"] })).toBe(true);
  });

  test("wider than /8: the problem says how wide, allowed and fix name the opt-in", () => {
    const tooWide = (problem: string, received: string) => ({
      code: ValidationCode.CIDR_TOO_WIDE,
      problem,
      received,
      allowed: "an IPv4 CIDR of /8 or narrower, unless allowAnyCidr is true",
      fix: "list the networks of the callers (the VPC CIDRs that reach the endpoint), or set allowAnyCidr: true if every such address really may call it",
    });
    expect(refused({ allowedCidrs: ["10.10.0.0/16", "8.0.0.0/7", "0.0.0.0/0"] })).toEqual([
      tooWide("allowedCidrs[1] opens the endpoint to a /7, wider than a /8", '"8.0.0.0/7"'),
      tooWide("allowedCidrs[2] opens the endpoint to every IPv4 address", '"0.0.0.0/0"'),
    ]);
  });

  test("the default rule opens the VPC CIDR, so a VPC wider than /8 is refused under that name", () => {
    expect(refused({ vpcCidrBlock: "10.0.0.0/7" }, ValidationCode.CIDR_TOO_WIDE)).toEqual([
      expect.objectContaining({ problem: "vpcCidrBlock (opened because allowedCidrs is not set) opens the endpoint to a /7, wider than a /8" }),
    ]);
  });
});

describe("port messages", () => {
  test("a port out of range: what is allowed and which ports the endpoint listens on", () => {
    expect(refused({ ports: [443, 65536] })).toEqual([
      {
        code: ValidationCode.PORT_INVALID,
        problem: "ports[1] is not a TCP port",
        received: "65536",
        allowed: "an integer from 1 to 65535",
        fix: "use the port the endpoint listens on: 443 for HTTPS on the custom domain, 80 for HTTP on the default domain",
      },
    ]);
  });

  test("1 and 65535 are the edges of the port range", () => {
    expect(accepted({ ports: [1, 443, 65535] })).toBe(true);
  });
});

describe("zone messages", () => {
  test("a zone of another region: allowed shows the region's zone form, the fix says where vSwitches must be", () => {
    expect(refused({ vSwitches: [{ vSwitchId: "vsw-a", zoneId: "ap-southeast-1a" }, { vSwitchId: "vsw-b", zoneId: "cn-beijing-a" }] }, ValidationCode.ZONE_REGION_MISMATCH)).toEqual([
      {
        code: ValidationCode.ZONE_REGION_MISMATCH,
        problem: "vSwitches[1].zoneId is not a zone of region ap-southeast-1",
        received: '"cn-beijing-a"',
        allowed: 'a zone id of ap-southeast-1 of the form "ap-southeast-1a"',
        fix: "use vSwitches of a VPC in ap-southeast-1, or declare the region the vSwitches are in",
      },
    ]);
  });

  test("a hyphen before the zone letter outside cn-*: the problem explains the form", () => {
    expect(refused({ vSwitches: [{ vSwitchId: "vsw-a", zoneId: "ap-southeast-1-c" }, { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" }] }, ValidationCode.ZONE_REGION_MISMATCH)).toEqual([
      {
        code: ValidationCode.ZONE_REGION_MISMATCH,
        problem: "vSwitches[0].zoneId is not written the way Alibaba Cloud writes zones of ap-southeast-1: the zone letter follows the region id directly, without a hyphen",
        received: '"ap-southeast-1-c"',
        allowed: 'a zone id of ap-southeast-1 of the form "ap-southeast-1a"',
        fix: 'write it as "ap-southeast-1c"',
      },
    ]);
  });

  test("no hyphen before the zone letter of a cn-* region: the problem and the allowed form say it", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const provider = new AlicloudProvider(stack, "cn-beijing", { region: "cn-beijing", alias: "cn_beijing" });
    const error = validationError(
      () =>
        new DashScopeEndpoint(stack, "Endpoint", {
          ...props(provider),
          region: "cn-beijing",
          vSwitches: [{ vSwitchId: "vsw-a", zoneId: "cn-beijingh" }, { vSwitchId: "vsw-b", zoneId: "cn-beijing-i" }],
        }),
    );
    expect(error.issues.filter((i) => i.code === ValidationCode.ZONE_REGION_MISMATCH)).toEqual([
      {
        code: ValidationCode.ZONE_REGION_MISMATCH,
        problem: "vSwitches[0].zoneId is not written the way Alibaba Cloud writes zones of cn-beijing: a cn-* region's zone letter follows a hyphen",
        received: '"cn-beijingh"',
        allowed: 'a zone id of cn-beijing of the form "cn-beijing-a"',
        fix: 'write it as "cn-beijing-h"',
      },
    ]);
  });

  test("the region id followed by more than one letter is another region's zone, not a form slip", () => {
    expect(refused({ vSwitches: [{ vSwitchId: "vsw-a", zoneId: "ap-southeast-1ab" }, { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" }] }, ValidationCode.ZONE_REGION_MISMATCH)).toEqual([
      expect.objectContaining({ problem: "vSwitches[0].zoneId is not a zone of region ap-southeast-1", fix: "use vSwitches of a VPC in ap-southeast-1, or declare the region the vSwitches are in" }),
    ]);
  });

  test("a zone letter the dated table does not know is accepted with a warning that says how to teach it", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider, { vSwitches: [{ vSwitchId: "vsw-a", zoneId: "ap-southeast-1a" }, { vSwitchId: "vsw-b", zoneId: "ap-southeast-1z" }] }));
    expect(warningsOf(endpoint)).toEqual([
      expect.stringMatching(
        /^\[DSPL_ZONE_UNKNOWN\] vSwitches\[1\]\.zoneId "ap-southeast-1z" is not among the known zones of ap-southeast-1 \(ap-southeast-1a, ap-southeast-1b, .*; Alibaba Cloud's zone list of \d{4}-\d{2}-\d{2}\)\. Check the zone id; if Alibaba has opened it since, call addKnownZones\("ap-southeast-1", \["ap-southeast-1z"\]\)\.$/,
      ),
    ]);
  });
});

describe("name messages", () => {
  const nameIssue = (received: string, fix: string) => ({
    code: ValidationCode.NAME_INVALID,
    problem: "endpointName would be rejected by the Alibaba Cloud API",
    received,
    allowed: "2 to 128 characters: a letter first, then letters, digits, underscores and hyphens",
    fix,
  });

  test.each([
    ["1-endpoint", 'rename it, e.g. "endpoint"'],
    ["has.period and space", 'rename it, e.g. "has-period-and-space"'],
    ["9ab", 'rename it, e.g. "ab"'],
    ["12-ab", 'rename it, e.g. "ab"'],
    ["team..endpoint", 'rename it, e.g. "team-endpoint"'],
    ["9a", "rename it"],
    ["7", "rename it"],
  ])("%s: the fix suggests a valid name when one is near", (name, fix) => {
    expect(refused({ endpointName: name })).toEqual([nameIssue(JSON.stringify(name), fix)]);
  });

  test("the suggestion is cut to the 128 characters a name may have", () => {
    const name = `1${"a".repeat(140)}`;
    expect(refused({ endpointName: name })).toEqual([nameIssue(JSON.stringify(name), `rename it, e.g. "${"a".repeat(128)}"`)]);
  });

  test("a security group name: its own rule, and the prop it came from", () => {
    expect(refused({ securityGroupName: "http://sg" })).toEqual([
      {
        code: ValidationCode.NAME_INVALID,
        problem: "securityGroupName would be rejected by the Alibaba Cloud API",
        received: '"http://sg"',
        allowed: "2 to 128 characters: a letter first, then letters, digits, periods, underscores, hyphens and colons; not starting with http:// or https://",
        fix: 'rename it, e.g. "http-sg"',
      },
    ]);
  });
});

describe("tag messages", () => {
  const keyIssue = (received: string) => ({
    code: ValidationCode.TAG_INVALID,
    problem: "tags has a tag key the API rejects",
    received,
    allowed: '1 to 128 characters, not starting with "aliyun" or "acs:", without http:// or https://',
    fix: "rename the tag key",
  });
  const valueIssue = (key: string, received: string) => ({
    code: ValidationCode.TAG_INVALID,
    problem: `tags has a value for tag ${JSON.stringify(key)} the API rejects`,
    received,
    allowed: 'a string of at most 128 characters, not starting with "aliyun" or "acs:", without http:// or https://',
    fix: "shorten or reword the value",
  });

  test("keys: empty, too long, or with a URL are refused; 128 characters are fine", () => {
    const long = "k".repeat(129);
    expect(refused({ tags: { "": "v", [long]: "v", ["k".repeat(128)]: "v", "see http://x": "v", "see https://y": "v" } })).toEqual([
      keyIssue('""'),
      keyIssue(JSON.stringify(long)),
      keyIssue('"see http://x"'),
      keyIssue('"see https://y"'),
    ]);
  });

  test("values: too long, not a string, or with a URL are refused; 128 characters and empty are fine", () => {
    const long = "v".repeat(129);
    expect(
      refused({ tags: { a: long, b: 7 as unknown as string, c: "v".repeat(128), d: "", e: "docs at http://x", f: "docs at https://y" } }),
    ).toEqual([valueIssue("a", JSON.stringify(long)), valueIssue("b", "7"), valueIssue("e", '"docs at http://x"'), valueIssue("f", '"docs at https://y"')]);
  });

  test("a token key is left to Terraform, but its literal value is still checked", () => {
    const { stack, provider } = fixture();
    const key = new TerraformVariable(stack, "key", { type: "string" }).stringValue;
    const error = validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, { tags: { [key]: "aliyun-owned" } })));
    expect(error.issues).toEqual([valueIssue(key, '"aliyun-owned"')].map((i) => ({ ...i, problem: "tags has a value for tag an unresolved token the API rejects" })));
  });

  test("a key and its value both wrong: two issues, the key's first", () => {
    expect(refused({ tags: { "acs:team": "aliyun" } })).toEqual([keyIssue('"acs:team"'), valueIssue("acs:team", '"aliyun"')]);
  });
});

describe("pinned IP messages", () => {
  test("an ENI IP that is not an address: what is allowed and that it may be left out", () => {
    expect(
      refused({ vSwitches: [{ vSwitchId: "vsw-a", zoneId: "ap-southeast-1a", eniIp: "10.10.1.256" }, { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" }] }),
    ).toEqual([
      {
        code: ValidationCode.IP_INVALID,
        problem: "vSwitches[0].eniIp is not an IPv4 address",
        received: '"10.10.1.256"',
        allowed: 'a dotted-quad IPv4 address inside the vSwitch\'s CIDR block, e.g. "10.0.1.10"',
        fix: "give an unused address of the vSwitch, or leave it out to let the service choose one",
      },
    ]);
  });

  test("an ENI IP that is not a string is not an address either", () => {
    expect(
      refused({ vSwitches: [{ vSwitchId: "vsw-a", zoneId: "ap-southeast-1a", eniIp: 168430090 as unknown as string }, { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" }] }),
    ).toEqual([expect.objectContaining({ code: ValidationCode.IP_INVALID, problem: "vSwitches[0].eniIp is not an IPv4 address", received: "168430090" })]);
  });

  test("a well-formed ENI IP inside the VPC is accepted", () => {
    expect(accepted({ vSwitches: [{ vSwitchId: "vsw-a", zoneId: "ap-southeast-1a", eniIp: "10.10.1.10" }, { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" }] })).toBe(true);
  });
});

describe("tokens", () => {
  test("every check skips a token: CIDRs, zones, ids, names, tags and pinned IPs", () => {
    const { stack, provider } = fixture();
    const v = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    const tags = new TerraformVariable(stack, "tags", { type: "map(string)" }).value as Record<string, string>;
    new DashScopeEndpoint(stack, "Endpoint", props(provider, {
      vpcId: v("vpc"),
      vpcCidrBlock: v("vpc_cidr"),
      vSwitches: [{ vSwitchId: v("vsw_a"), zoneId: v("zone_a"), eniIp: v("ip_a") }, { vSwitchId: v("vsw_b"), zoneId: v("zone_b") }],
      allowedCidrs: [v("cidr")],
      endpointName: v("name"),
      securityGroupName: v("sg_name"),
      endpointDescription: v("description"),
      tags: { team: v("team"), [v("key")]: "value" },
    }));
    const other = fixture();
    expect(() => new DashScopeEndpoint(other.stack, "Endpoint", props(other.provider, { tags }))).not.toThrow();
  });
});
