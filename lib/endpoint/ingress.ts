/**
 * The ingress rules of an endpoint's security group: one `alicloud_security_group_rule` per
 * (CIDR, port), with construct ids (and so Terraform addresses) derived from the CIDR and the port,
 * never from the order of calls. Shared by the owned and the imported endpoint; not exported from
 * the package.
 */
import { Token } from "../cdk";
import { Construct } from "constructs";
import { AlicloudProviderLike } from "../provider";
import { SecurityGroupRule } from "../../.gen/providers/alicloud/security-group-rule";
import { DashScopeValidationError, ValidationCode, ValidationIssue, checkIngressCidr, isToken, issue, show } from "../validation";

export interface EndpointIngressOptions {
  /** Where the rules are created (the endpoint construct). */
  readonly scope: Construct;
  readonly securityGroupId: string;
  readonly ports: readonly number[];
  readonly provider?: AlicloudProviderLike;
  /** How rule descriptions name the endpoint. */
  readonly endpointName: string;
  /** How rule descriptions name the service, e.g. `DashScope`. */
  readonly serviceLabel: string;
  readonly allowAnyCidr: boolean;
  /** The endpoint VPC's CIDR block: a token equal to it gets the stable key `VpcCidr`. */
  readonly vpcCidrBlock?: string;
}

/** The most a security group rule's description may hold. */
const MAX_DESCRIPTION = 256;

/** A planned CIDR: its key (the middle of its rules' construct ids) and the label its descriptions end with. */
export interface PlannedCidr {
  readonly cidr: string;
  readonly key: string;
  readonly label: string;
  /** Whether the key is a number (`Cidr<n>`): a token CIDR without a usable description. */
  readonly numbered: boolean;
}

export class EndpointIngress {
  private readonly rulesByCidr = new Map<string, SecurityGroupRule[]>();
  private readonly keys = new Map<string, string>();
  private unlabeledTokens = 0;

  public constructor(private readonly options: EndpointIngressOptions) {}

  /** The CIDR blocks opened so far, in the order they were added. */
  public get cidrs(): string[] {
    return [...this.rulesByCidr.keys()];
  }

  /** Every rule created so far. */
  public get rules(): SecurityGroupRule[] {
    return [...this.rulesByCidr.values()].flat();
  }

  public has(cidr: string): boolean {
    return this.rulesByCidr.has(cidr);
  }

  /** Checks a CIDR like `allowedCidrs` entries: well-formed, and no wider than /8 unless allowAnyCidr. */
  public check(cidr: string, what: string): ValidationIssue[] {
    return checkIngressCidr(cidr, what, this.options.allowAnyCidr);
  }

  /**
   * Plans a batch of new CIDRs (already checked with {@link check}): skips those already allowed
   * or repeated, derives each one's key, and reports key collisions, so that nothing is created
   * unless the whole batch can be.
   */
  public plan(entries: ReadonlyArray<{ cidr: string; label?: string; defaultLabel: string }>): {
    planned: PlannedCidr[];
    issues: ValidationIssue[];
  } {
    const planned: PlannedCidr[] = [];
    const seen = new Set<string>();
    // Keys taken by this batch; together with this.keys (not copied: allowFrom per requester stays linear).
    const batchKeys = new Map<string, string>();
    let unlabeled = this.unlabeledTokens;
    const issues: ValidationIssue[] = [];
    for (const entry of entries) {
      if (this.has(entry.cidr) || seen.has(entry.cidr)) continue;
      seen.add(entry.cidr);
      const fromLabel = entry.label !== undefined && !isToken(entry.label) ? labelKey(entry.label) : undefined;
      let key: string;
      let numbered = false;
      if (!isToken(entry.cidr)) key = entry.cidr.replace(/[./]/g, "-");
      else if (entry.cidr === this.options.vpcCidrBlock) key = "VpcCidr"; // a token, never undefined
      else if (fromLabel !== undefined) key = fromLabel;
      else {
        key = `Cidr${++unlabeled}`;
        numbered = true;
      }
      const owner = this.keys.get(key) ?? batchKeys.get(key);
      if (owner !== undefined) {
        issues.push(issue(
          ValidationCode.INGRESS_LABEL_DUPLICATE,
          `two token CIDR blocks would share the rule ids Ingress-${key}-<port> (a token CIDR's rules are named after its description)`,
          `description ${show(entry.label)}`,
          "a distinct, stable description for each token CIDR",
          "give allowFrom a description that names this network uniquely, e.g. the requester's name",
        ));
        continue;
      }
      batchKeys.set(key, entry.cidr);
      planned.push({ cidr: entry.cidr, key, label: entry.label ?? entry.defaultLabel, numbered });
    }
    return { planned, issues };
  }

  /**
   * `allowFrom()`: validates one CIDR like an `allowedCidrs` entry, then opens every port to it;
   * throws a DashScopeValidationError (naming `path`) before creating anything.
   */
  public allow(path: string, cidr: string, description: string | undefined): void {
    const issues = this.check(cidr, `allowFrom(${show(cidr)})`);
    if (issues.length > 0) throw new DashScopeValidationError(path, issues);
    const plan = this.plan([{ cidr, label: description, defaultLabel: "allowFrom" }]);
    if (plan.issues.length > 0) throw new DashScopeValidationError(path, plan.issues);
    this.create(plan.planned);
  }

  /** Creates the rules of planned CIDRs. */
  public create(planned: readonly PlannedCidr[]): void {
    for (const entry of planned) {
      if (entry.numbered) this.unlabeledTokens++;
      this.keys.set(entry.key, entry.cidr);
      this.rulesByCidr.set(entry.cidr, this.options.ports.map((port, i) => this.rule(entry, port, i)));
    }
  }

  private rule(entry: PlannedCidr, port: number, index: number): SecurityGroupRule {
    const { scope, securityGroupId, provider, endpointName, serviceLabel } = this.options;
    const portKey = isToken(port) ? `Port${index}` : String(port);
    const p = portText(port);
    return new SecurityGroupRule(scope, `Ingress-${entry.key}-${portKey}`, {
      provider,
      securityGroupId,
      type: "ingress",
      ipProtocol: "tcp",
      portRange: `${p}/${p}`,
      // A VPC security group only takes "intranet"; unset, nothing is sent and the API decides.
      nicType: "intranet",
      policy: "accept",
      cidrIp: entry.cidr,
      description: truncate(`${serviceLabel} endpoint ${endpointName}: ${portLabel(port)} from ${entry.cidr} (${entry.label})`),
    });
  }
}

/** A port as text: a number token becomes a string token (plain concatenation would print its encoding). */
export function portText(port: number): string {
  return isToken(port) ? Token.asString(port) : String(port);
}

/** `HTTPS` for 443, `HTTP` for 80, else `TCP <port>`. */
function portLabel(port: number): string {
  if (port === 443) return "HTTPS";
  if (port === 80) return "HTTP";
  return `TCP ${portText(port)}`;
}

/** A construct-id-safe key from a description, or undefined when nothing usable is left. */
function labelKey(label: string): string | undefined {
  const key = label.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64).replace(/-+$/, "");
  // All digits and hyphens would look like a literal CIDR's key; the others are the generated keys.
  return key.length === 0 || /^[0-9-]+$/.test(key) || /^(Cidr\d+|VpcCidr)$/.test(key) ? undefined : key;
}

/** Cuts a literal description to the 256 characters the APIs accept (tokens pass unchanged). */
export function truncate(text: string): string {
  if (isToken(text) || text.length <= MAX_DESCRIPTION) return text;
  return `${text.slice(0, MAX_DESCRIPTION - 3)}...`;
}
