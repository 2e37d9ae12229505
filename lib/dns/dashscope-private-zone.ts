import { Annotations, Lazy } from "../cdk";
import { Construct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { PvtzZone } from "../../.gen/providers/alicloud/pvtz-zone";
import { PvtzZoneAttachment } from "../../.gen/providers/alicloud/pvtz-zone-attachment";
import { PvtzZoneRecord } from "../../.gen/providers/alicloud/pvtz-zone-record";
import {
  DashScopeValidationError,
  ValidationCode,
  ValidationIssue,
  addLazyValidation,
  checkDnsName,
  isIssue,
  isToken,
  resolveRegion,
  show,
  throwIfIssues,
} from "../validation";
import { checkIntegerInRange } from "../validation/ranges";

/** The default TTL of the CNAME record, in seconds (also the Private Zone API's default). */
export const DEFAULT_PRIVATE_ZONE_RECORD_TTL = 60;
/** The TTLs this library accepts, in seconds: the Private Zone console offers 5 s to 1 day. */
export const PRIVATE_ZONE_RECORD_TTL_RANGE = { min: 5, max: 86400 } as const;

/**
 * What the zone needs of a Model Studio endpoint. `DashScopeEndpoint` satisfies it; so does any
 * object with these fields (e.g. an endpoint created in another stack, from its outputs).
 */
export interface IDashScopeZoneEndpoint {
  /** The endpoint's default domain (`endpoint_domain`): the CNAME target. */
  readonly endpointDomain: string;
  /** The custom domain callers use over HTTPS, e.g. `vpc-ap-southeast-1.dashscope.aliyuncs.com`. */
  readonly customDomain: string;
  /** The endpoint's region. */
  readonly region: { readonly regionId: string };
}

/** A VPC the zone answers in. */
export interface PrivateZoneVpcBinding {
  readonly vpcId: string;
  /** The VPC's region, as a literal region id. */
  readonly regionId: string;
}

export interface DashScopePrivateZoneProps {
  /** The endpoint the custom domain should reach. */
  readonly endpoint: IDashScopeZoneEndpoint;
  /**
   * The zone name. Keep it equal to the endpoint's custom domain: that is the name the endpoint's
   * TLS certificate covers.
   * @default - `endpoint.customDomain`, i.e. `vpc-<region>.dashscope.aliyuncs.com`
   */
  readonly zoneName?: string;
  /**
   * The TTL of the `@` CNAME record in seconds, from 5 to 86400. Small, so a replaced endpoint is
   * picked up quickly.
   * @default 60
   */
  readonly recordTtl?: number;
  /**
   * The provider for the zone, its record and its attachment. The Private Zone API is global, so
   * any region's provider works.
   * @default - the stack's default `alicloud` provider
   */
  readonly provider?: AlicloudProvider;
  /**
   * The requester VPCs to bind. More can be added with `addVpc`. Not the endpoint's own VPC (see
   * the class documentation).
   * @default - none yet; at least one must be bound by synth
   */
  readonly vpcs?: PrivateZoneVpcBinding[];
}

/**
 * A Private Zone that makes the endpoint's custom domain (`vpc-<region>.dashscope.aliyuncs.com`)
 * resolve in requester VPCs: one `alicloud_pvtz_zone`, one `@` CNAME record to the endpoint's
 * `endpoint_domain`, and exactly one `alicloud_pvtz_zone_attachment` holding every VPC binding.
 *
 * **One attachment.** `BindZoneVpc` replaces a zone's whole VPC list on every call, so two
 * attachment resources on one zone overwrite each other on each apply. This construct owns the
 * single attachment and builds its `vpcs` list at synth, so `addVpc()` after construction lands in
 * the same resource. Do not attach the zone anywhere else.
 *
 * **Not the endpoint's VPC.** With the endpoint's custom domain enabled, PrivateLink already
 * answers the custom domain inside the endpoint's own VPC. Binding this zone there too would put a
 * second authority for the same name into that VPC: at best it repeats the service's answer, at
 * worst it shadows it (and a later change of the endpoint or of this stack would break callers in
 * the endpoint VPC that worked without it). Bind only the VPCs that reach the endpoint over CEN;
 * call `addVpc` for the endpoint VPC only if its custom domain is disabled.
 */
export class DashScopePrivateZone extends Construct {
  /** The zone id. */
  public readonly zoneId: string;
  /** The zone name. */
  public readonly zoneName: string;
  /** The CNAME record's id (`record_id`, not the composite `id`). */
  public readonly recordId: string;
  public readonly zone: PvtzZone;
  public readonly record: PvtzZoneRecord;
  /** The zone's only attachment; its `vpcs` list is every binding. */
  public readonly attachment: PvtzZoneAttachment;

  private readonly bindings: PrivateZoneVpcBinding[];

  public constructor(scope: Construct, id: string, props: DashScopePrivateZoneProps) {
    // Everything is checked before super(): a rejected zone leaves nothing in the tree.
    const zoneName = props.zoneName ?? props.endpoint.customDomain;
    const issues: ValidationIssue[] = [
      ...checkDnsName(zoneName, props.zoneName === undefined ? "endpoint.customDomain (the zone name)" : "zoneName"),
      ...checkDnsName(props.endpoint.endpointDomain, "endpoint.endpointDomain (the CNAME target)"),
      ...checkIntegerInRange(
        props.recordTtl,
        PRIVATE_ZONE_RECORD_TTL_RANGE,
        "recordTtl (seconds)",
        `use a whole number of seconds; ${DEFAULT_PRIVATE_ZONE_RECORD_TTL} keeps a replaced endpoint visible within a minute`,
      ),
    ];
    const bindings: PrivateZoneVpcBinding[] = [];
    (props.vpcs ?? []).forEach((binding, index) => {
      const found = checkBinding(bindings, binding.vpcId, binding.regionId, `vpcs[${index}]`);
      if (found.length === 0) addBinding(bindings, binding.vpcId, binding.regionId);
      issues.push(...found);
    });
    throwIfIssues(scope, id, issues);
    super(scope, id);
    this.bindings = bindings;

    if (!isToken(zoneName) && !isToken(props.endpoint.customDomain) && zoneName !== props.endpoint.customDomain) {
      Annotations.of(this).addWarning(
        `zoneName ${show(zoneName)} differs from the endpoint's custom domain ${show(props.endpoint.customDomain)}: HTTPS clients will reject the endpoint's certificate for this name unless it covers it.`,
      );
    }

    const provider = props.provider;
    this.zone = new PvtzZone(this, "Zone", { provider, zoneName });
    this.record = new PvtzZoneRecord(this, "Record", {
      provider,
      zoneId: this.zone.id,
      rr: "@",
      type: "CNAME",
      value: props.endpoint.endpointDomain,
      ttl: props.recordTtl ?? DEFAULT_PRIVATE_ZONE_RECORD_TTL,
    });
    this.attachment = new PvtzZoneAttachment(this, "Attachment", {
      provider,
      zoneId: this.zone.id,
      vpcs: Lazy.anyValue({
        produce: () => this.bindings.map((b) => ({ vpc_id: b.vpcId, region_id: b.regionId })),
      }),
    });
    this.zoneId = this.zone.id;
    this.zoneName = zoneName;
    this.recordId = this.record.recordId;

    addLazyValidation(this, () =>
      this.bindings.length > 0
        ? []
        : [
            {
              code: ValidationCode.VALUE_OUT_OF_RANGE,
              problem: `the private zone ${show(zoneName)} is bound to no VPC, so it answers nowhere`,
              received: "0 VPC bindings",
              allowed: "at least one requester VPC",
              fix: "pass vpcs or call addVpc(vpcId, regionId) for every VPC that reaches the endpoint over CEN, or drop the zone if no VPC needs it",
            },
          ],
    );
  }

  /** Every VPC binding, in the order added. */
  public get vpcs(): readonly PrivateZoneVpcBinding[] {
    return [...this.bindings];
  }

  /**
   * Binds a VPC (any region) to the zone, in the zone's one attachment. Adding the same VPC with
   * the same region again does nothing; the same VPC with another region throws `DSPL_DUPLICATE`.
   */
  public addVpc(vpcId: string, regionId: string): void {
    const issues = checkBinding(this.bindings, vpcId, regionId, "addVpc");
    if (issues.length > 0) throw new DashScopeValidationError(this.node.path, issues);
    addBinding(this.bindings, vpcId, regionId);
  }
}

/** Each bindings list's VPCs by id (bindings grow through addBinding only): a lookup per VPC, not a scan. */
const INDEXES = new WeakMap<readonly PrivateZoneVpcBinding[], Map<string, PrivateZoneVpcBinding>>();
function indexOf(bindings: readonly PrivateZoneVpcBinding[]): Map<string, PrivateZoneVpcBinding> {
  let index = INDEXES.get(bindings);
  if (index === undefined) INDEXES.set(bindings, (index = new Map(bindings.map((b) => [b.vpcId, b]))));
  return index;
}

function addBinding(bindings: PrivateZoneVpcBinding[], vpcId: string, regionId: string): void {
  const index = indexOf(bindings);
  if (index.has(vpcId)) return;
  const binding = { vpcId, regionId };
  bindings.push(binding);
  index.set(vpcId, binding);
}

/** A binding's region must be a region id, and a VPC is bound in one region only. */
function checkBinding(bindings: readonly PrivateZoneVpcBinding[], vpcId: string, regionId: string, what: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const info = resolveRegion(regionId, `${what} regionId`);
  if (isIssue(info)) issues.push(info);
  const known = indexOf(bindings).get(vpcId);
  if (known && known.regionId !== regionId) {
    issues.push({
      code: ValidationCode.DUPLICATE,
      problem: `${what} binds VPC ${show(vpcId)} in ${show(regionId)}, but it is already bound in ${show(known.regionId)}; a VPC is in one region`,
      received: show(regionId),
      allowed: `${show(known.regionId)}, the region it was first bound with`,
      fix: "bind each VPC once, with the region it is in",
    });
  }
  return issues;
}
