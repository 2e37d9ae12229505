/**
 * The checks behind every construct's validation. Each returns the issues it found (empty when the
 * value is fine) and skips unresolved tokens: in a landing zone most inputs are references
 * (variables, remote state), and a check that needs a literal never rejects one.
 */
import { Token } from "../cdk";
import * as ipaddr from "ipaddr.js";
import { CATALOG_DATE, knownZones } from "../catalog";
import { ValidationCode, ValidationIssue, ValidationWarning, issue, show, warningText } from "./errors";

/** Whether a value is an unresolved token (a reference, variable or function result). */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** A parsed literal IPv4 CIDR block. */
export interface ParsedCidr {
  readonly text: string;
  readonly address: ipaddr.IPv4;
  readonly prefixLength: number;
  /** First and last address as 32-bit integers. */
  readonly first: number;
  readonly last: number;
}

function toInt(address: ipaddr.IPv4): number {
  return address.octets.reduce((n, octet) => n * 256 + octet, 0);
}

/** Parses an IPv4 CIDR block, or returns the issue explaining why it is not one. */
export function parseCidr(value: string, what: string): ParsedCidr | ValidationIssue {
  const fail = (problem: string, fix: string): ValidationIssue =>
    issue(
    ValidationCode.CIDR_INVALID,
    `${what} ${problem}`,
    show(value),
    "an IPv4 CIDR block written a.b.c.d/n with n from 0 to 32 and no host bits set",
    fix,
  );
  if (typeof value !== "string" || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(value)) {
    return fail(
      "is not an IPv4 CIDR block",
      "write the network as address/prefix-length, e.g. \"10.0.0.0/16\" (IPv6 is not supported by these security group rules)",
    );
  }
  let address: ipaddr.IPv4;
  let prefixLength: number;
  try {
    [address, prefixLength] = ipaddr.IPv4.parseCIDR(value) as [ipaddr.IPv4, number];
  } catch {
    return fail("is not an IPv4 CIDR block", "use octets from 0 to 255 and a prefix length from 0 to 32");
  }
  const size = 2 ** (32 - prefixLength);
  const first = toInt(address);
  if (first % size !== 0) {
    const network = ipaddr.IPv4.networkAddressFromCIDR(value).toString();
    return fail(
      `has host bits set after the /${prefixLength} prefix`,
      `write the network address "${network}/${prefixLength}"`,
    );
  }
  return { text: value, address, prefixLength, first, last: first + size - 1 };
}

export function isIssue(value: unknown): value is ValidationIssue {
  return typeof value === "object" && value !== null && "code" in value && "problem" in value;
}

/** Whether two CIDR blocks share at least one address. */
export function cidrsOverlap(a: ParsedCidr, b: ParsedCidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/**
 * Checks a CIDR block that will be opened in a security group: well-formed and, unless
 * `allowWide`, no wider than /8.
 */
export function checkIngressCidr(value: string, what: string, allowWide: boolean): ValidationIssue[] {
  if (isToken(value)) return [];
  const parsed = parseCidr(value, what);
  if (isIssue(parsed)) return [parsed];
  if (parsed.prefixLength < 8 && !allowWide) {
    return [
      issue(
        ValidationCode.CIDR_TOO_WIDE,
        `${what} opens the endpoint to ${parsed.prefixLength === 0 ? "every IPv4 address" : `a /${parsed.prefixLength}, wider than a /8`}`,
        show(value),
        "an IPv4 CIDR of /8 or narrower, unless allowAnyCidr is true",
        "list the networks of the callers (the VPC CIDRs that reach the endpoint), or set allowAnyCidr: true if every such address really may call it",
      ),
    ];
  }
  return [];
}

/** Checks a VPC CIDR block (well-formed; any width a VPC may have). */
export function checkVpcCidr(value: string, what: string): ValidationIssue[] {
  if (isToken(value)) return [];
  const parsed = parseCidr(value, what);
  return isIssue(parsed) ? [parsed] : [];
}

/** Checks a TCP port. */
export function checkPort(value: number, what: string): ValidationIssue[] {
  if (isToken(value)) return [];
  if (Number.isInteger(value) && value >= 1 && value <= 65535) return [];
  return [
    issue(
      ValidationCode.PORT_INVALID,
      `${what} is not a TCP port`,
      show(value),
      "an integer from 1 to 65535",
      "use the port the endpoint listens on: 443 for HTTPS on the custom domain, 80 for HTTP on the default domain",
    ),
  ];
}

/**
 * Checks that a zone id belongs to a region, in the form of the region's family: `cn-*` regions
 * write the zone letter after a hyphen (`cn-hangzhou-h`, `cn-beijing-a`, `cn-hongkong-b`), every other
 * region right after the region id (`ap-southeast-1a`, `eu-central-1a`), as in the catalog's zone list.
 */
export function checkZoneInRegion(zoneId: string, regionId: string, what: string): ValidationIssue[] {
  if (isToken(zoneId) || isToken(regionId)) return [];
  const separator = regionId.startsWith("cn-") ? "-" : "";
  const rest = zoneId.startsWith(regionId) ? zoneId.slice(regionId.length) : undefined;
  if (rest !== undefined && new RegExp(`^${separator}[a-z]$`).test(rest)) return [];
  const example = `"${regionId}${separator}a"`;
  const wrongForm = rest !== undefined && /^-?[a-z]$/.test(rest);
  return [
    issue(
      ValidationCode.ZONE_REGION_MISMATCH,
      wrongForm
        ? `${what} is not written the way Alibaba Cloud writes zones of ${regionId}: ${separator ? "a cn-* region's zone letter follows a hyphen" : "the zone letter follows the region id directly, without a hyphen"}`
        : `${what} is not a zone of region ${regionId}`,
      show(zoneId),
      `a zone id of ${regionId} of the form ${example}`,
      wrongForm ? `write it as "${regionId}${separator}${rest!.slice(-1)}"` : `use vSwitches of a VPC in ${regionId}, or declare the region the vSwitches are in`,
    ),
  ];
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Checks a DNS name the Private Zone API will accept (lower-case LDH labels, no underscores). */
export function checkDnsName(value: string, what: string): ValidationIssue[] {
  if (isToken(value)) return [];
  const allowed =
    "a fully qualified name of at most 253 characters, two or more labels of 1 to 63 lower-case letters, digits and hyphens, no label starting or ending with a hyphen";
  const dnsIssue = (problem: string, fix: string): ValidationIssue[] => [
    issue(ValidationCode.DNS_NAME_INVALID, `${what} ${problem}`, show(value), allowed, fix),
  ];
  if (typeof value !== "string" || value.length === 0) return dnsIssue("is empty", "give the zone name, e.g. \"vpc-ap-southeast-1.dashscope.aliyuncs.com\"");
  if (value.includes("_")) {
    return dnsIssue(
      "contains an underscore, which DNS host names and the Private Zone API reject",
      `replace each "_" with "-": "${value.replace(/_/g, "-")}"`,
    );
  }
  const name = value.endsWith(".") ? value.slice(0, -1) : value;
  if (name !== name.toLowerCase()) return dnsIssue("has upper-case letters", `write it in lower case: "${value.toLowerCase()}"`);
  if (name.length > 253) return dnsIssue("is longer than 253 characters", "use a shorter name");
  const labels = name.split(".");
  if (labels.length < 2) return dnsIssue("is a single label", "use a fully qualified name such as \"vpc-ap-southeast-1.dashscope.aliyuncs.com\"");
  const bad = labels.find((l) => !DNS_LABEL.test(l));
  if (bad !== undefined) {
    return dnsIssue(
      `has the label ${show(bad)}, which is empty, longer than 63 characters, starts or ends with a hyphen, or has characters other than a-z, 0-9 and "-"`,
      "fix that label",
    );
  }
  return [];
}

/** The naming rules of the Alibaba Cloud APIs this library calls. */
export const NameRules = {
  /** `vpc_endpoint_name`: 2 to 128, starts with a letter; letters, digits, `_`, `-`. */
  endpointName: {
    pattern: /^\p{L}[\p{L}0-9_-]{1,127}$/u,
    allowed: "2 to 128 characters: a letter first, then letters, digits, underscores and hyphens",
  },
  /** `security_group_name`: 2 to 128, starts with a letter; letters, digits, `.`, `_`, `-`, `:`. */
  securityGroupName: {
    pattern: /^(?!https?:\/\/)\p{L}[\p{L}0-9._:-]{1,127}$/u,
    allowed:
      "2 to 128 characters: a letter first, then letters, digits, periods, underscores, hyphens and colons; not starting with http:// or https://",
  },
  /** Descriptions: 2 to 256, not starting with `http://` or `https://`. */
  description: {
    pattern: /^(?!https?:\/\/)[\s\S]{2,256}$/,
    allowed: "2 to 256 characters, not starting with http:// or https://",
  },
  /** CEN, transit router and attachment names: 1 to 128, starts with a letter; letters, digits, `.`, `_`, `-`. */
  cenName: {
    pattern: /^\p{L}[\p{L}0-9._-]{0,127}$/u,
    allowed: "1 to 128 characters: a letter first, then letters, digits, periods, underscores and hyphens",
  },
} as const;

/** Checks a name against one of {@link NameRules}. */
export function checkName(value: string | undefined, rule: keyof typeof NameRules, what: string): ValidationIssue[] {
  if (value === undefined || isToken(value)) return [];
  const { pattern, allowed } = NameRules[rule];
  if (pattern.test(value)) return [];
  const suggestion = value.replace(/[^\p{L}0-9-]+/gu, "-").replace(/^[^\p{L}]+/u, "");
  return [
    issue(
      ValidationCode.NAME_INVALID,
      `${what} would be rejected by the Alibaba Cloud API`,
      show(value),
      allowed,
      suggestion.length >= 2 ? `rename it, e.g. "${suggestion.slice(0, 128)}"` : "rename it",
    ),
  ];
}

/** Checks tags: keys 1 to 128 characters, values up to 128, neither starting with `aliyun` or `acs:`, no `http(s)://`. */
export function checkTags(tags: Record<string, string> | undefined, what: string): ValidationIssue[] {
  if (tags === undefined || isToken(tags)) return [];
  const issues: ValidationIssue[] = [];
  const reserved = /^(aliyun|acs:)/i;
  for (const [key, value] of Object.entries(tags)) {
    // A token key is left to Terraform; its literal value is still checked.
    if (!isToken(key) && (key.length < 1 || key.length > 128 || reserved.test(key) || /https?:\/\//.test(key))) {
      issues.push(issue(
        ValidationCode.TAG_INVALID,
        `${what} has a tag key the API rejects`,
        show(key),
        "1 to 128 characters, not starting with \"aliyun\" or \"acs:\", without http:// or https://",
        "rename the tag key",
      ));
    }
    if (!isToken(value) && (typeof value !== "string" || value.length > 128 || reserved.test(value) || /https?:\/\//.test(value))) {
      issues.push(issue(
        ValidationCode.TAG_INVALID,
        `${what} has a value for tag ${show(key)} the API rejects`,
        show(value),
        "a string of at most 128 characters, not starting with \"aliyun\" or \"acs:\", without http:// or https://",
        "shorten or reword the value",
      ));
    }
  }
  return issues;
}

/** Checks that a literal IPv4 address is well-formed. */
export function checkIpv4(value: string, what: string): ValidationIssue[] {
  if (isToken(value)) return [];
  if (typeof value === "string" && ipaddr.IPv4.isValidFourPartDecimal(value)) return [];
  return [
    issue(
      ValidationCode.IP_INVALID,
      `${what} is not an IPv4 address`,
      show(value),
      "a dotted-quad IPv4 address inside the vSwitch's CIDR block, e.g. \"10.0.1.10\"",
      "give an unused address of the vSwitch, or leave it out to let the service choose one",
    ),
  ];
}

/** The id prefixes of the Alibaba Cloud resources these constructs take by id. */
export const RESOURCE_ID_PREFIXES = {
  vpc: "vpc-",
  vSwitch: "vsw-",
  securityGroup: "sg-",
  cen: "cen-",
  transitRouter: "tr-",
  transitRouterAttachment: "tr-attach-",
  routeTable: "vtb-",
} as const;

/** Checks a literal resource id: not empty, and of its kind (`vsw-...` for a vSwitch, ...). */
export function checkResourceId(value: string | undefined, kind: keyof typeof RESOURCE_ID_PREFIXES, what: string): ValidationIssue[] {
  if (value === undefined || isToken(value)) return [];
  const prefix = RESOURCE_ID_PREFIXES[kind];
  const wrongKind =
    typeof value !== "string" ||
    !value.startsWith(prefix) ||
    value.length === prefix.length ||
    (kind === "transitRouter" && value.startsWith(RESOURCE_ID_PREFIXES.transitRouterAttachment));
  if (!wrongKind) return [];
  const other = Object.entries(RESOURCE_ID_PREFIXES)
    .filter(([, p]) => typeof value === "string" && value.startsWith(p))
    .sort((a, b) => b[1].length - a[1].length)[0];
  return [
    issue(
      ValidationCode.ID_INVALID,
      value === ""
        ? `${what} is empty`
        : `${what} is not a ${kind} id${other ? ` (it looks like a ${other[0]} id)` : ""}`,
      show(value),
      `a ${kind} id as Alibaba Cloud writes it, "${prefix}" followed by its suffix`,
      value === "" ? "pass the id, or a reference to it (a variable or remote state)" : `pass the id of the ${kind}, not of another resource`,
    ),
  ];
}

/** Checks a literal Alibaba Cloud account UID (16 digits). */
export function checkAccountId(value: string | undefined, what: string): ValidationIssue[] {
  if (value === undefined || isToken(value)) return [];
  if (typeof value === "string" && /^\d{16}$/.test(value)) return [];
  return [
    issue(
      ValidationCode.ACCOUNT_ID_INVALID,
      `${what} is not an Alibaba Cloud account UID`,
      show(value),
      "the 16-digit account id (UID) of the owning account, e.g. \"1234567890123456\"",
      "pass the account's UID (the console's account center, or data.alicloud_account.id of that account's provider), not its alias or a RAM user id",
    ),
  ];
}

/**
 * The warning for a zone id of the right form that the dated zone table does not know, or
 * `undefined` (a token, a listed zone, or a region the table does not cover).
 */
export function unknownZoneWarning(zoneId: string, regionId: string, what: string): string | undefined {
  if (isToken(zoneId) || isToken(regionId)) return undefined;
  const known = knownZones(regionId);
  if (known === undefined || known.includes(zoneId)) return undefined;
  return warningText(
    ValidationWarning.ZONE_UNKNOWN,
    `${what} ${show(zoneId)} is not among the known zones of ${regionId} (${known.join(", ")}; Alibaba Cloud's zone list of ${CATALOG_DATE}). Check the zone id; if Alibaba has opened it since, call addKnownZones(${show(regionId)}, [${show(zoneId)}]).`,
  );
}
