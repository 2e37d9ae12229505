import { Token } from "../cdk";

/**
 * The coded validation error every construct in this library throws (for literal props, in the
 * constructor) or reports (for relations between constructs, through `node.addValidation`).
 *
 * Every message has one shape, so a CI log reads the same whatever went wrong:
 *
 *   [DSPL_CIDR_TOO_WIDE] Stack/Endpoint: allowedCidrs[0] opens the endpoint to more than a /8.
 *   Received: "0.0.0.0/0". Allowed: an IPv4 CIDR of /8 or narrower. Fix: list the caller networks,
 *   or set allowAnyCidr: true if every address really may call the endpoint.
 */

/** The stable codes. They are part of the public API: match on them, not on the message text. */
export const ValidationCode = {
  /** The region is not one where the Model Studio endpoint service is offered. */
  REGION_UNSUPPORTED: "DSPL_REGION_UNSUPPORTED",
  /** The region id is not a literal, or not an Alibaba Cloud region id. */
  REGION_INVALID: "DSPL_REGION_INVALID",
  /** A provider's literal region differs from the region it is declared for. */
  PROVIDER_REGION_MISMATCH: "DSPL_PROVIDER_REGION_MISMATCH",
  /** A region has no provider. */
  PROVIDER_MISSING: "DSPL_PROVIDER_MISSING",
  /** A provider that is not an alicloud provider (a `TerraformProvider` whose `terraformResourceType` is `alicloud`). */
  PROVIDER_INVALID: "DSPL_PROVIDER_INVALID",
  /** Fewer than two vSwitches for the endpoint. */
  VSWITCH_COUNT: "DSPL_VSWITCH_COUNT",
  /** Two vSwitches in one zone. */
  ZONE_DUPLICATE: "DSPL_ZONE_DUPLICATE",
  /** A zone that does not belong to the region. */
  ZONE_REGION_MISMATCH: "DSPL_ZONE_REGION_MISMATCH",
  /** A malformed CIDR block. */
  CIDR_INVALID: "DSPL_CIDR_INVALID",
  /** A CIDR wider than /8 (0.0.0.0/0 included) without the explicit opt-in. */
  CIDR_TOO_WIDE: "DSPL_CIDR_TOO_WIDE",
  /** Two networks the CEN connects have overlapping CIDR blocks. */
  CIDR_OVERLAP: "DSPL_CIDR_OVERLAP",
  /** A port outside 1..65535, or not an integer. */
  PORT_INVALID: "DSPL_PORT_INVALID",
  /** A name the Alibaba Cloud API would reject. */
  NAME_INVALID: "DSPL_NAME_INVALID",
  /** A DNS name the Private Zone API would reject (underscores are the classic). */
  DNS_NAME_INVALID: "DSPL_DNS_NAME_INVALID",
  /** A pinned ENI IP that is not an IPv4 address or not in its vSwitch's zone list. */
  IP_INVALID: "DSPL_IP_INVALID",
  /** A tag key or value the API would reject. */
  TAG_INVALID: "DSPL_TAG_INVALID",
  /** Two things that must be unique (requester names, VPC ids) are not. */
  DUPLICATE: "DSPL_DUPLICATE",
  /** A link across the Chinese mainland border without the enterprise-verification acknowledgement. */
  CROSS_BORDER_UNACKNOWLEDGED: "DSPL_CROSS_BORDER_UNACKNOWLEDGED",
  /** A value outside its documented range (TTL, bandwidth, ...). */
  VALUE_OUT_OF_RANGE: "DSPL_VALUE_OUT_OF_RANGE",
  /** Props that contradict each other. */
  PROPS_CONFLICT: "DSPL_PROPS_CONFLICT",
} as const;

export type ValidationCode = (typeof ValidationCode)[keyof typeof ValidationCode];

/** One problem, in the parts every message is made of. Write each part without a final full stop. */
export interface ValidationIssue {
  readonly code: ValidationCode;
  /** What is wrong, naming the prop, e.g. `allowedCidrs[0] opens the endpoint to more than a /8`. */
  readonly problem: string;
  /** The value received, already rendered (see {@link show}). */
  readonly received: string;
  /** What is allowed. */
  readonly allowed: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Renders one issue as a message (without the construct path). */
export function formatIssue(issue: ValidationIssue): string {
  return `[${issue.code}] ${issue.problem}. Received: ${issue.received}. Allowed: ${issue.allowed}. Fix: ${issue.fix}.`;
}

/**
 * Renders a received value for a message: strings quoted, everything else as JSON, and an
 * unresolved token (a reference, variable or function result) as "an unresolved token" rather than
 * its internal markers.
 */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Token.isUnresolved(value)) return "an unresolved token";
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A literal prop that cannot work, thrown by a construct's constructor before it creates anything. */
export class DashScopeValidationError extends Error {
  /** The stable code, e.g. `DSPL_REGION_UNSUPPORTED`. */
  public readonly code: ValidationCode;
  /** The path of the construct that rejected the prop. */
  public readonly constructPath: string;
  /** Every problem found (the message shows them all; `code` is the first one's). */
  public readonly issues: readonly ValidationIssue[];

  public constructor(constructPath: string, issues: readonly ValidationIssue[]) {
    if (issues.length === 0) throw new RangeError("DashScopeValidationError needs at least one issue");
    const lines = issues.map(formatIssue);
    super(
      lines.length === 1
        ? `${constructPath}: ${lines[0]}`
        : `${constructPath}: ${lines.length} problems:\n${lines.map((l) => `  - ${l}`).join("\n")}`,
    );
    this.name = "DashScopeValidationError";
    this.code = issues[0].code;
    this.constructPath = constructPath;
    this.issues = issues;
  }
}
