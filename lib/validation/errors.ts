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
  /** The region id is not an Alibaba Cloud region id. */
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
  /** A value that decides the shape of the graph (a region, a name, a list) is a token, but must be a literal. */
  LITERAL_REQUIRED: "DSPL_LITERAL_REQUIRED",
  /** Two attachments or requesters share a name (names are Terraform addresses). */
  NAME_DUPLICATE: "DSPL_NAME_DUPLICATE",
  /** A VPC is attached or listed twice, or a requester is the endpoint's own VPC. */
  VPC_DUPLICATE: "DSPL_VPC_DUPLICATE",
  /** A VPC is bound to the Private Zone with two different regions. */
  VPC_REGION_CONFLICT: "DSPL_VPC_REGION_CONFLICT",
  /** A vSwitch is listed twice. */
  VSWITCH_DUPLICATE: "DSPL_VSWITCH_DUPLICATE",
  /** A port is listed twice. */
  PORT_DUPLICATE: "DSPL_PORT_DUPLICATE",
  /** Two zones pin the same ENI IP. */
  IP_DUPLICATE: "DSPL_IP_DUPLICATE",
  /** A security group id is listed twice. */
  SECURITY_GROUP_DUPLICATE: "DSPL_SECURITY_GROUP_DUPLICATE",
  /** Two token CIDRs would name their ingress rules alike (same description). */
  INGRESS_LABEL_DUPLICATE: "DSPL_INGRESS_LABEL_DUPLICATE",
  /** A second provider for a region that already has one. */
  PROVIDER_DUPLICATE: "DSPL_PROVIDER_DUPLICATE",
  /** A link across the Chinese mainland border without the enterprise-verification acknowledgement. */
  CROSS_BORDER_UNACKNOWLEDGED: "DSPL_CROSS_BORDER_UNACKNOWLEDGED",
  /** A value outside its documented range (TTL, bandwidth, ...). */
  VALUE_OUT_OF_RANGE: "DSPL_VALUE_OUT_OF_RANGE",
  /** Props that contradict each other. */
  PROPS_CONFLICT: "DSPL_PROPS_CONFLICT",
  /** A resource id that is empty or of the wrong kind (`vpc-`, `vsw-`, `sg-`, `cen-`, `tr-`, `tr-attach-`, `vtb-`). */
  ID_INVALID: "DSPL_ID_INVALID",
  /** An Alibaba Cloud account UID that is not 16 digits. */
  ACCOUNT_ID_INVALID: "DSPL_ACCOUNT_ID_INVALID",
  /** A cross-account attachment without the CEN owner's account UID (`cen.ownerAccountId`). */
  CEN_OWNER_MISSING: "DSPL_CEN_OWNER_MISSING",
  /** The Private Zone has its own provider, accounts are in play, and the zone owner's UID (`privateZone.ownerAccountId`) is not given. */
  ZONE_OWNER_MISSING: "DSPL_ZONE_OWNER_MISSING",
  /** With an existing CEN, a region needs a transit router and none is named. */
  TRANSIT_ROUTER_MISSING: "DSPL_TRANSIT_ROUTER_MISSING",
  /** A key of a map by region id (`transitRouterIds`, `routeTableIds`, `peerAttachmentIds`) is not a region of the network. */
  REGION_NOT_IN_NETWORK: "DSPL_REGION_NOT_IN_NETWORK",
  /** Two outputs of one stack would have the same name (two hubs without distinct `prefix`). */
  OUTPUT_DUPLICATE: "DSPL_OUTPUT_DUPLICATE",
  /** More VPCs or accounts on one Private Zone than Alibaba's quota allows. */
  ZONE_QUOTA_EXCEEDED: "DSPL_ZONE_QUOTA_EXCEEDED",
  /** The custom domain is HTTPS-only but `ports` does not open 443. */
  PORT_MISSING: "DSPL_PORT_MISSING",
  /** A provider without a `region`: Terraform would fall back to ALICLOUD_REGION, else cn-beijing. */
  PROVIDER_REGION_MISSING: "DSPL_PROVIDER_REGION_MISSING",
} as const;

/**
 * The stable codes of synth warnings (`Annotations.of(...).addWarning`, printed by `cdktf synth` and
 * `npm run synth`); each warning message starts with its code in brackets.
 */
export const ValidationWarning = {
  /** A zone id of the right form that is not in the region's known zones (dated data; Alibaba adds zones). */
  ZONE_UNKNOWN: "DSPL_ZONE_UNKNOWN",
  /** An adopted Private Zone: its one attachment replaces the zone's whole VPC list. */
  ZONE_BINDINGS_REPLACED: "DSPL_ZONE_BINDINGS_REPLACED",
  /** A VPC attachment in a single zone. */
  SINGLE_ZONE: "DSPL_SINGLE_ZONE",
  /** The zone name is not the endpoint's custom domain. */
  ZONE_NAME_MISMATCH: "DSPL_ZONE_NAME_MISMATCH",
  /** A subscription bandwidth plan is bought by the stack. */
  PREPAID_BANDWIDTH_PLAN: "DSPL_PREPAID_BANDWIDTH_PLAN",
  /** The endpoint's groups are the user's: the requesters' CIDRs must be opened there. */
  SECURITY_GROUPS_BROUGHT: "DSPL_SECURITY_GROUPS_BROUGHT",
  /** The user's own alicloud bindings were generated for another provider version than the pinned one. */
  PROVIDER_VERSION_MISMATCH: "DSPL_PROVIDER_VERSION_MISMATCH",
} as const;

export type ValidationWarning = (typeof ValidationWarning)[keyof typeof ValidationWarning];

/** A warning message with its code first, e.g. `[DSPL_ZONE_UNKNOWN] vSwitches[0].zoneId ...`. */
export function warningText(code: ValidationWarning, text: string): string {
  return `[${code}] ${text}`;
}

export type ValidationCode = (typeof ValidationCode)[keyof typeof ValidationCode];

/** One problem, in the parts every message is made of. Write each part without a final full stop. */
export interface ValidationIssue {
  readonly code: ValidationCode;
  /** What is wrong, naming the prop, e.g. `allowedCidrs[0] opens the endpoint to more than a /8`. */
  readonly problem: string;
  /** The value received, already rendered (see `show()`). */
  readonly received: string;
  /** What is allowed. */
  readonly allowed: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Builds an issue from its parts (each written without a final full stop). */
export function issue(code: ValidationCode, problem: string, received: string, allowed: string, fix: string): ValidationIssue {
  return { code, problem, received, allowed, fix };
}

/**
 * A literal is needed where a token was given: `what` names the prop and `why` says what the value
 * decides at synth (e.g. "it becomes part of the attachment's Terraform address").
 */
export function literalRequired(what: string, why: string, received: unknown, allowed: string, fix: string): ValidationIssue {
  return issue(ValidationCode.LITERAL_REQUIRED, `${what} must be a literal: ${why}`, show(received), allowed, fix);
}

/**
 * The one "remember the first, report each repeat" loop: calls `report(firstIndex, index, key)` for
 * every item whose key (`undefined` to skip it, e.g. a token) was already seen.
 */
export function forEachRepeat<T, K>(
  items: readonly T[],
  keyOf: (item: T, index: number) => K | undefined,
  report: (firstIndex: number, index: number, key: K) => void,
): void {
  const first = new Map<K, number>();
  items.forEach((item, index) => {
    const key = keyOf(item, index);
    if (key === undefined) return;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else report(earlier, index, key);
  });
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

/** The brand of every DashScopeValidationError, shared by every copy of this package in a process. */
const BRAND: unique symbol = Symbol.for("cdktf-dashscope-privatelink.DashScopeValidationError") as never;

/**
 * Whether `error` is a DashScopeValidationError, also one thrown by another copy of this package (two
 * versions in one `node_modules`, or a bundled copy), where `instanceof` alone would say no.
 */
export function isDashScopeValidationError(error: unknown): error is DashScopeValidationError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { [BRAND]?: unknown })[BRAND] === true &&
    typeof (error as { code?: unknown }).code === "string"
  );
}

/** A literal prop that cannot work, thrown by a construct's constructor before it creates anything. */
export class DashScopeValidationError extends Error {
  /** `instanceof` works across copies of the package too (it checks the brand, as undici's errors do). */
  public static [Symbol.hasInstance](instance: unknown): boolean {
    return isDashScopeValidationError(instance);
  }

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
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
    this.code = issues[0].code;
    this.constructPath = constructPath;
    this.issues = issues;
  }
}
