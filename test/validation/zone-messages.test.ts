// What the shared checks say through DashScopePrivateZone's constructor: a DNS name, a TTL or quota
// out of range, a VPC id of the wrong kind, an account UID and a region id that is no region. Each
// issue carries its code, the prop, the value received, what is allowed and the fix.
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopePrivateZone, DashScopePrivateZoneProps } from "../../lib/dns";
import { ValidationCode, ValidationIssue } from "../../lib/validation";
import { validationError } from "../cdktf-helpers";

const CUSTOM_DOMAIN = "vpc-ap-southeast-1.dashscope.aliyuncs.com";
const DNS_ALLOWED =
  "a fully qualified name of at most 253 characters, two or more labels of 1 to 63 lower-case letters, digits and hyphens, no label starting or ending with a hyphen";

function setup() {
  const stack = new TerraformStack(Testing.app(), "test");
  const provider = new AlicloudProvider(stack, "sg", { region: "ap-southeast-1", alias: "ap_southeast_1" });
  const endpoint = { endpointDomain: "ep-1.dashscope.ap-southeast-1.privatelink.aliyuncs.com", customDomain: CUSTOM_DOMAIN, region: { regionId: "ap-southeast-1" } };
  return { stack, provider, endpoint };
}

/** Builds a zone with one valid VPC plus the overrides; returns the zone. */
function zone(overrides: Partial<DashScopePrivateZoneProps> = {}): DashScopePrivateZone {
  const f = setup();
  return new DashScopePrivateZone(f.stack, "Dns", { ...f, vpcs: [{ vpcId: "vpc-tokyo", regionId: "ap-northeast-1" }], ...overrides });
}

/** The issues a zone with these overrides is refused with. */
function refused(overrides: Partial<DashScopePrivateZoneProps>): ValidationIssue[] {
  return [...validationError(() => zone(overrides)).issues];
}

const dnsIssue = (received: string, problem: string, fix: string) => ({ code: ValidationCode.DNS_NAME_INVALID, problem, received, allowed: DNS_ALLOWED, fix });

describe("DNS name messages", () => {
  test("an empty zone name: the fix gives an example", () => {
    expect(refused({ zoneName: "" })).toEqual([dnsIssue('""', "zoneName is empty", 'give the zone name, e.g. "vpc-ap-southeast-1.dashscope.aliyuncs.com"')]);
  });

  test("a zone name that is not a string is refused with the code, not with a TypeError", () => {
    expect(refused({ zoneName: 5 as unknown as string })).toEqual([expect.objectContaining({ code: ValidationCode.DNS_NAME_INVALID, received: "5" })]);
  });

  test("upper-case letters: the fix is the name in lower case, trailing dot kept", () => {
    expect(refused({ zoneName: "VPC-ap.Example.com." })).toEqual([
      dnsIssue('"VPC-ap.Example.com."', "zoneName has upper-case letters", 'write it in lower case: "vpc-ap.example.com."'),
    ]);
  });

  test("a fully qualified name with its trailing dot is accepted", () => {
    expect(zone({ zoneName: `${CUSTOM_DOMAIN}.` }).zoneName).toBe(`${CUSTOM_DOMAIN}.`);
  });

  test("more than 253 characters is refused, 253 (and 253 plus the trailing dot) is not", () => {
    const name = (length: number) => {
      const labels = ["a".repeat(63), "b".repeat(63), "c".repeat(63)];
      return `${labels.join(".")}.${"d".repeat(length - 3 * 64)}`;
    };
    expect(name(253)).toHaveLength(253);
    expect(zone({ zoneName: name(253) }).zoneName).toBe(name(253));
    expect(zone({ zoneName: `${name(253)}.` }).zoneName).toBe(`${name(253)}.`);
    expect(refused({ zoneName: name(254) })).toEqual([dnsIssue(JSON.stringify(name(254)), "zoneName is longer than 253 characters", "use a shorter name")]);
  });

  test("a single label: the fix asks for a fully qualified name", () => {
    expect(refused({ zoneName: "dashscope" })).toEqual([
      dnsIssue('"dashscope"', "zoneName is a single label", 'use a fully qualified name such as "vpc-ap-southeast-1.dashscope.aliyuncs.com"'),
    ]);
  });

  test.each(["-vpc.example.com", "vpc-.example.com", "vpc..example.com", `${"x".repeat(64)}.example.com`, "vpc.ex*ample.com"])(
    "%s: the problem names the bad label",
    (name) => {
      const bad = name.split(".").find((l) => !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l))!;
      expect(refused({ zoneName: name })).toEqual([
        dnsIssue(
          JSON.stringify(name),
          `zoneName has the label ${JSON.stringify(bad)}, which is empty, longer than 63 characters, starts or ends with a hyphen, or has characters other than a-z, 0-9 and "-"`,
          "fix that label",
        ),
      ]);
    },
  );

  test("two labels are a fully qualified name", () => {
    expect(zone({ zoneName: "example.com" }).zoneName).toBe("example.com");
  });

  test("labels of one and of 63 characters are fine", () => {
    expect(zone({ zoneName: `a.${"x".repeat(63)}.com` }).zoneName).toBe(`a.${"x".repeat(63)}.com`);
  });
});

describe("range messages", () => {
  const ttlIssue = (received: string, problem: string) => ({
    code: ValidationCode.VALUE_OUT_OF_RANGE,
    problem,
    received,
    allowed: "an integer from 5 to 86400",
    fix: "use a whole number of seconds; 60 keeps a replaced endpoint visible within a minute",
  });

  test("a TTL below 5 or above 86400 is out of range; a fraction is not an integer", () => {
    expect(refused({ recordTtl: 4 })).toEqual([ttlIssue("4", "recordTtl (seconds) is out of range")]);
    expect(refused({ recordTtl: 86401 })).toEqual([ttlIssue("86401", "recordTtl (seconds) is out of range")]);
    expect(refused({ recordTtl: 30.5 })).toEqual([ttlIssue("30.5", "recordTtl (seconds) is not an integer")]);
  });

  test("5 and 86400 are the edges of the TTL range", () => {
    expect(() => zone({ recordTtl: 5 })).not.toThrow();
    expect(() => zone({ recordTtl: 86400 })).not.toThrow();
  });

  test("a quota has a lower bound only: at least 1", () => {
    expect(refused({ maxVpcsPerZone: 0, maxAccountsPerZone: 2.5 })).toEqual([
      {
        code: ValidationCode.VALUE_OUT_OF_RANGE,
        problem: "maxVpcsPerZone (a Private Zone quota) is out of range",
        received: "0",
        allowed: "an integer of at least 1",
        fix: "give the quota Alibaba granted your account, a whole number",
      },
      expect.objectContaining({ problem: "maxAccountsPerZone (a Private Zone quota) is not an integer", received: "2.5", allowed: "an integer of at least 1" }),
    ]);
    expect(() => zone({ maxVpcsPerZone: 1, maxAccountsPerZone: 1 })).not.toThrow();
  });

  test("a token TTL is left to Terraform", () => {
    const f = setup();
    const ttl = new TerraformVariable(f.stack, "ttl", { type: "number" }).numberValue;
    expect(() => new DashScopePrivateZone(f.stack, "Dns", { ...f, recordTtl: ttl })).not.toThrow();
  });
});

describe("resource id messages", () => {
  const idIssue = (received: string, problem: string, fix = "pass the id of the vpc, not of another resource") => ({
    code: ValidationCode.ID_INVALID,
    problem,
    received,
    allowed: 'a vpc id as Alibaba Cloud writes it, "vpc-" followed by its suffix',
    fix,
  });

  test("an id of another kind: the problem says which kind it looks like (the longest prefix)", () => {
    expect(refused({ vpcs: [{ vpcId: "vsw-tokyo", regionId: "ap-northeast-1" }, { vpcId: "tr-attach-1", regionId: "ap-northeast-1" }] })).toEqual([
      idIssue('"vsw-tokyo"', "vpcs[0] vpcId is not a vpc id (it looks like a vSwitch id)"),
      idIssue('"tr-attach-1"', "vpcs[1] vpcId is not a vpc id (it looks like a transitRouterAttachment id)"),
    ]);
  });

  test("an empty id, the bare prefix, a stranger and a number", () => {
    expect(
      refused({
        vpcs: [
          { vpcId: "", regionId: "ap-northeast-1" },
          { vpcId: "vpc-", regionId: "ap-northeast-1" },
          { vpcId: "tokyo", regionId: "ap-northeast-1" },
          { vpcId: 42 as unknown as string, regionId: "ap-northeast-1" },
        ],
      }),
    ).toEqual([
      idIssue('""', "vpcs[0] vpcId is empty", "pass the id, or a reference to it (a variable or remote state)"),
      idIssue('"vpc-"', "vpcs[1] vpcId is not a vpc id (it looks like a vpc id)"),
      idIssue('"tokyo"', "vpcs[2] vpcId is not a vpc id"),
      idIssue("42", "vpcs[3] vpcId is not a vpc id"),
    ]);
  });
});

describe("account UID messages", () => {
  test("an account that is not 16 digits: allowed gives an example, the fix says where to find it", () => {
    const issue = (received: string, what: string) => ({
      code: ValidationCode.ACCOUNT_ID_INVALID,
      problem: `${what} ownerAccountId is not an Alibaba Cloud account UID`,
      received,
      allowed: 'the 16-digit account id (UID) of the owning account, e.g. "1234567890123456"',
      fix: "pass the account's UID (the console's account center, or data.alicloud_account.id of that account's provider), not its alias or a RAM user id",
    });
    expect(
      refused({
        vpcs: [
          { vpcId: "vpc-a", regionId: "ap-northeast-1", ownerAccountId: "123456789012345" },
          { vpcId: "vpc-b", regionId: "ap-northeast-1", ownerAccountId: "12345678901234567" },
          { vpcId: "vpc-c", regionId: "ap-northeast-1", ownerAccountId: "x1234567890123456" },
          { vpcId: "vpc-d", regionId: "ap-northeast-1", ownerAccountId: 1234567890123456 as unknown as string },
          { vpcId: "vpc-e", regionId: "ap-northeast-1", ownerAccountId: "1234567890123456" },
        ],
      }),
    ).toEqual([
      issue('"123456789012345"', "vpcs[0]"),
      issue('"12345678901234567"', "vpcs[1]"),
      issue('"x1234567890123456"', "vpcs[2]"),
      issue("1234567890123456", "vpcs[3]"),
    ]);
  });
});

describe("region id messages", () => {
  const regionIssue = (received: string, problem: string, fix: string) => ({
    code: ValidationCode.REGION_INVALID,
    problem,
    received,
    allowed: 'a region id of Alibaba Cloud\'s region list of 2026-03-30, such as "cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote"',
    fix,
  });

  test("a near miss (two edits) gets a did-you-mean and the fix writes it", () => {
    expect(refused({ vpcs: [{ vpcId: "vpc-a", regionId: "AP-northeast-1" }] })).toEqual([
      regionIssue('"AP-northeast-1"', 'vpcs[0] regionId is not a known Alibaba Cloud region id (did you mean "ap-northeast-1"?)', 'write "ap-northeast-1"'),
    ]);
  });

  test("as near to several regions: the first of the table is suggested", () => {
    expect(refused({ vpcs: [{ vpcId: "vpc-a", regionId: "ap_southeast-9" }] })).toEqual([
      regionIssue('"ap_southeast-9"', 'vpcs[0] regionId is not a known Alibaba Cloud region id (did you mean "ap-southeast-1"?)', 'write "ap-southeast-1"'),
    ]);
  });

  test("an insertion and a deletion are one edit each", () => {
    expect(refused({ vpcs: [{ vpcId: "vpc-a", regionId: "cn_beijingg" }, { vpcId: "vpc-b", regionId: "cn_hangzou" }] }).map((i) => i.fix)).toEqual([
      'write "cn-beijing"',
      'write "cn-hangzhou"',
    ]);
  });

  test("three edits away is no near miss: the fix shows how region ids are written", () => {
    expect(refused({ vpcs: [{ vpcId: "vpc-a", regionId: "AP_northeast-1" }] })).toEqual([
      regionIssue('"AP_northeast-1"', "vpcs[0] regionId is not a known Alibaba Cloud region id", 'pass the region id exactly as Alibaba Cloud writes it, e.g. "ap-northeast-1"'),
    ]);
  });

  test("tokens in a binding are skipped, except the region", () => {
    const f = setup();
    const v = (name: string) => new TerraformVariable(f.stack, name, { type: "string" }).stringValue;
    const zone = new DashScopePrivateZone(f.stack, "Dns", { ...f, zoneName: v("zone_name"), vpcs: [{ vpcId: v("vpc"), regionId: "ap-northeast-1", ownerAccountId: v("account") }] });
    expect(zone.vpcs).toHaveLength(1);
  });

  test("a region id inside a longer one, or a longer one's tail, is three edits away too", () => {
    expect(refused({ vpcs: [{ vpcId: "vpc-a", regionId: "northeast-1" }, { vpcId: "vpc-b", regionId: "my-ap-northeast-1" }] }).map((i) => i.problem)).toEqual([
      "vpcs[0] regionId is not a known Alibaba Cloud region id",
      "vpcs[1] regionId is not a known Alibaba Cloud region id",
    ]);
  });

  test("a token region: it must be a literal, with examples of literal ids", () => {
    const f = setup();
    const region = new TerraformVariable(f.stack, "region", { type: "string" }).stringValue;
    expect(validationError(() => new DashScopePrivateZone(f.stack, "Dns", { ...f, vpcs: [{ vpcId: "vpc-a", regionId: region }] })).issues).toEqual([
      {
        code: ValidationCode.LITERAL_REQUIRED,
        problem: "vpcs[0] regionId is a token, but regions decide which transit routers and peer links exist and must be known at synth",
        received: "an unresolved token",
        allowed: 'a literal region id such as "cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote"',
        fix: "pass the region id as a string literal",
      },
    ]);
  });

  test("a region id that is not a string (a one-element list) is refused", () => {
    expect(refused({ vpcs: [{ vpcId: "vpc-a", regionId: ["ap-northeast-1"] as unknown as string }] })).toEqual([
      expect.objectContaining({ code: ValidationCode.REGION_INVALID, problem: "vpcs[0] regionId is not a known Alibaba Cloud region id", received: '["ap-northeast-1"]' }),
    ]);
  });

  test("a region newer than the table is understood from its id", () => {
    expect(zone({ vpcs: [{ vpcId: "vpc-a", regionId: "cn-xian" }] }).vpcs).toEqual([{ vpcId: "vpc-a", regionId: "cn-xian" }]);
  });
});
