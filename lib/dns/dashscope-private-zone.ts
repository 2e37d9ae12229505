import { Annotations, Lazy, dependable } from "../cdk";
import { Construct } from "constructs";
import { AlicloudProviderLike } from "../provider";
import { PvtzUserVpcAuthorization } from "../../.gen/providers/alicloud/pvtz-user-vpc-authorization";
import { PvtzZone } from "../../.gen/providers/alicloud/pvtz-zone";
import { PvtzZoneAttachment } from "../../.gen/providers/alicloud/pvtz-zone-attachment";
import { PvtzZoneRecord } from "../../.gen/providers/alicloud/pvtz-zone-record";
import {
  DashScopeValidationError,
  ValidationCode,
  ValidationIssue,
  ValidationWarning,
  addLazyValidation,
  checkAccountId,
  checkDnsName,
  checkResourceId,
  isIssue,
  isToken,
  issue,
  resolveRegion,
  show,
  throwIfIssues,
  warningText,
} from "../validation";
import { checkIntegerInRange } from "../validation/ranges";

/** The default TTL of the CNAME record, in seconds (also the Private Zone API's default). */
export const DEFAULT_PRIVATE_ZONE_RECORD_TTL = 60;
/** The TTLs this library accepts, in seconds: the Private Zone console offers 5 s to 1 day. (Internal: not part of the public API.) @internal */
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

/** The Private Zone quotas of Alibaba Cloud DNS ("Limits on using Private DNS", updated April 2024). */
export const PRIVATE_ZONE_QUOTAS = Object.freeze({
  /** "Up to 100 VPCs can be associated with a zone." */
  maxVpcsPerZone: 100,
  /** "VPCs of up to 200 Alibaba Cloud accounts can be associated with a zone." */
  maxAccountsPerZone: 200,
  /** When the figures above were read. */
  date: "2024-04-26",
});

/** A VPC the zone answers in. */
export interface PrivateZoneVpcBinding {
  readonly vpcId: string;
  /** The VPC's region, as a literal region id. */
  readonly regionId: string;
  /**
   * The UID of the account that owns the VPC, when it is not the zone owner's: the zone owner then
   * authorizes that account (`alicloud_pvtz_user_vpc_authorization`, Resource Directory channel)
   * before the binding. A newly linked account's VPCs can take up to an hour to become bindable.
   * @default - the zone owner's account
   */
  readonly ownerAccountId?: string;
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
  readonly provider?: AlicloudProviderLike;
  /**
   * The requester VPCs to bind. More can be added with `addVpc`. Not the endpoint's own VPC (see
   * the class documentation).
   * @default - none yet; at least one must be bound by synth
   */
  readonly vpcs?: PrivateZoneVpcBinding[];
  /**
   * An existing Private Zone for the custom domain: no `alicloud_pvtz_zone` is created; the
   * construct owns that zone's one attachment (its whole VPC list) and its `@` CNAME record.
   * `BindZoneVpc` replaces the zone's VPC list, so list the VPCs already bound in `keepVpcs`:
   * every VPC not listed is unbound by the first apply, and destroying the stack unbinds all.
   * @default - a new zone is created
   */
  readonly zoneId?: string;
  /**
   * VPCs already bound to the adopted zone (`zoneId`) that must stay bound: they head the
   * attachment's VPC list. Read them once from `alicloud_pvtz_zones.zones[].bind_vpcs` and write
   * them here (not as a data-source expression, which would change with every apply).
   * @default - none: the adopted zone keeps only the VPCs this construct binds
   */
  readonly keepVpcs?: PrivateZoneVpcBinding[];
  /**
   * How many VPCs the zone may bind (Alibaba's quota; dated data, raise it when your quota was raised).
   * @default 100
   */
  readonly maxVpcsPerZone?: number;
  /**
   * How many accounts' VPCs the zone may bind (Alibaba's quota; dated data).
   * @default 200
   */
  readonly maxAccountsPerZone?: number;
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
  /** The created zone; `undefined` when adopted (`zoneId`). */
  public readonly zone?: PvtzZone;
  public readonly record: PvtzZoneRecord;
  /** The zone's only attachment; its `vpcs` list is every binding. */
  public readonly attachment: PvtzZoneAttachment;

  private readonly bindings = new Map<string, PrivateZoneVpcBinding>();
  private readonly authorizations = new Map<string, PvtzUserVpcAuthorization>();
  private readonly keep: readonly PrivateZoneVpcBinding[];

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
    issues.push(...checkQuota(props.maxVpcsPerZone, "maxVpcsPerZone"), ...checkQuota(props.maxAccountsPerZone, "maxAccountsPerZone"));
    if (props.zoneId !== undefined && !isToken(props.zoneId) && (typeof props.zoneId !== "string" || props.zoneId.trim() === "")) {
      issues.push(issue(ValidationCode.ID_INVALID, "zoneId is empty", show(props.zoneId), "the id of the existing Private Zone", "pass the zone's id, or leave zoneId out to create the zone"));
    }
    if (props.keepVpcs !== undefined && props.zoneId === undefined) {
      issues.push(
        issue(
          ValidationCode.PROPS_CONFLICT,
          "keepVpcs lists VPCs to keep bound to an adopted zone, but zoneId is not set: a new zone has no bindings to keep",
          show(props.keepVpcs),
          "keepVpcs together with zoneId",
          "pass zoneId (the existing zone), or list the VPCs in vpcs",
        ),
      );
    }
    const bindings = new Map<string, PrivateZoneVpcBinding>();
    const initial = [
      ...(props.keepVpcs ?? []).map((b, i) => [b, `keepVpcs[${i}]`] as const),
      ...(props.vpcs ?? []).map((b, i) => [b, `vpcs[${i}]`] as const),
    ];
    for (const [binding, what] of initial) {
      const found = checkBinding(bindings, binding, what);
      if (found.length === 0 && !bindings.has(binding.vpcId)) bindings.set(binding.vpcId, binding);
      issues.push(...found);
    }
    throwIfIssues(scope, id, issues);
    super(scope, id);
    this.keep = props.keepVpcs ?? [];

    if (!isToken(zoneName) && !isToken(props.endpoint.customDomain) && zoneName !== props.endpoint.customDomain) {
      Annotations.of(this).addWarning(
        warningText(
          ValidationWarning.ZONE_NAME_MISMATCH,
          `zoneName ${show(zoneName)} differs from the endpoint's custom domain ${show(props.endpoint.customDomain)}: HTTPS clients will reject the endpoint's certificate for this name unless it covers it.`,
        ),
      );
    }

    const provider = props.provider;
    let zoneId: string;
    if (props.zoneId !== undefined) {
      zoneId = props.zoneId;
      Annotations.of(this).addWarning(
        warningText(
          ValidationWarning.ZONE_BINDINGS_REPLACED,
          `The adopted Private Zone ${show(zoneName)} (zone id ${show(zoneId)}) gets one attachment owned by this stack. BindZoneVpc replaces the zone's whole VPC list: on the first apply every VPC bound today that is not in keepVpcs (${this.keep.length} listed) or added by this construct is UNBOUND and loses the name, and terraform destroy unbinds every VPC. List the bound VPCs (alicloud_pvtz_zones.zones[].bind_vpcs) in keepVpcs, or import the existing attachment (id = the zone id) knowingly. This construct also owns the zone's "@" CNAME record (construct Record): if the zone has one already (alicloud_pvtz_zone_records with zone_id and keyword "@"), import it (terraform import <the Record's address> <record_id>:<zone id>, or record.importFrom("<record_id>:<zone id>")) or delete it before the first apply, else the apply creates a duplicate. keepVpcs entries of other accounts (ownerAccountId) get an alicloud_pvtz_user_vpc_authorization each, owned by this stack.`,
        ),
      );
    } else {
      this.zone = new PvtzZone(this, "Zone", { provider, zoneName });
      zoneId = this.zone.id;
    }
    this.record = new PvtzZoneRecord(this, "Record", {
      provider,
      zoneId,
      rr: "@",
      type: "CNAME",
      value: props.endpoint.endpointDomain,
      ttl: props.recordTtl ?? DEFAULT_PRIVATE_ZONE_RECORD_TTL,
    });
    this.attachment = new PvtzZoneAttachment(this, "Attachment", {
      provider,
      zoneId,
      vpcs: Lazy.anyValue({
        produce: () => [...this.bindings.values()].map((b) => ({ vpc_id: b.vpcId, region_id: b.regionId })),
      }),
    });
    this.provider = provider;
    for (const binding of bindings.values()) {
      this.bindings.set(binding.vpcId, binding);
      this.bind(binding);
    }
    this.zoneId = zoneId;
    this.zoneName = zoneName;
    this.recordId = this.record.recordId;

    const maxVpcs = props.maxVpcsPerZone ?? PRIVATE_ZONE_QUOTAS.maxVpcsPerZone;
    const maxAccounts = props.maxAccountsPerZone ?? PRIVATE_ZONE_QUOTAS.maxAccountsPerZone;
    addLazyValidation(this, () => [...this.checkQuotas(maxVpcs, maxAccounts), ...this.checkBound(zoneName)]);
  }

  private checkBound(zoneName: string): ValidationIssue[] {
    if (this.bindings.size > 0) return [];
    return [
      issue(
        ValidationCode.VALUE_OUT_OF_RANGE,
        `the private zone ${show(zoneName)} is bound to no VPC, so it answers nowhere`,
        "0 VPC bindings",
        "at least one requester VPC",
        "pass vpcs or call addVpc(vpcId, regionId) for every VPC that reaches the endpoint over CEN, or drop the zone if no VPC needs it",
      ),
    ];
  }

  private checkQuotas(maxVpcs: number, maxAccounts: number): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    const ways =
      "raise the quota with Alibaba Cloud (Quota Center or a ticket) and set privateZone.maxVpcsPerZone / maxAccountsPerZone to the new figure, or split the requesters over several hubs (stacks), each with its own zone; Alibaba's docs do not say that two zones of one name may coexist, so this library does not shard one name over several zones";
    if (!isToken(maxVpcs) && this.bindings.size > maxVpcs) {
      issues.push(
        issue(
          ValidationCode.ZONE_QUOTA_EXCEEDED,
          `the private zone would bind ${this.bindings.size} VPCs, more than the ${maxVpcs} a zone may have (Alibaba Cloud DNS limits, ${PRIVATE_ZONE_QUOTAS.date})`,
          `${this.bindings.size} VPC bindings`,
          `at most ${maxVpcs} (maxVpcsPerZone)`,
          ways,
        ),
      );
    }
    const accounts = new Set([...this.bindings.values()].map((b) => b.ownerAccountId ?? "(zone owner)"));
    if (!isToken(maxAccounts) && accounts.size > maxAccounts) {
      issues.push(
        issue(
          ValidationCode.ZONE_QUOTA_EXCEEDED,
          `the private zone would bind VPCs of ${accounts.size} accounts, more than the ${maxAccounts} a zone may serve (Alibaba Cloud DNS limits, ${PRIVATE_ZONE_QUOTAS.date})`,
          `${accounts.size} accounts`,
          `at most ${maxAccounts} (maxAccountsPerZone)`,
          ways,
        ),
      );
    }
    return issues;
  }

  /** Every VPC binding (kept ones first), in the order added. */
  public get vpcs(): readonly PrivateZoneVpcBinding[] {
    return [...this.bindings.values()];
  }

  /** The authorizations of other accounts' VPCs, by account UID. */
  public get vpcAuthorizations(): ReadonlyMap<string, PvtzUserVpcAuthorization> {
    return this.authorizations;
  }

  /**
   * Binds a VPC (any region, any account of the Resource Directory) to the zone, in the zone's one
   * attachment. Adding the same VPC with the same region again does nothing; the same VPC with
   * another region throws `DSPL_VPC_REGION_CONFLICT`.
   */
  public addVpc(vpcId: string, regionId: string, options: { readonly ownerAccountId?: string } = {}): void {
    const binding: PrivateZoneVpcBinding = { vpcId, regionId, ownerAccountId: options.ownerAccountId };
    const issues = this.checkVpc(binding);
    if (issues.length > 0) throw new DashScopeValidationError(this.node.path, issues);
    if (this.bindings.has(vpcId)) return;
    this.bindings.set(vpcId, binding);
    this.bind(binding);
  }

  /** The issues `addVpc` would throw (empty when it would succeed); creates nothing. */
  public checkVpc(binding: PrivateZoneVpcBinding): ValidationIssue[] {
    return checkBinding(this.bindings, binding, "addVpc");
  }

  private readonly provider?: AlicloudProviderLike;

  /** A VPC of another account needs the zone owner's authorization of that account first. */
  private bind(binding: PrivateZoneVpcBinding): void {
    const owner = binding.ownerAccountId;
    if (owner === undefined || this.authorizations.has(owner)) return;
    const key = isToken(owner) ? `Vpc-${this.authorizations.size + 1}` : owner;
    const authorization = new PvtzUserVpcAuthorization(this, `Authorization-${key}`, {
      provider: this.provider,
      authorizedUserId: owner,
      // Without auth_type the provider writes the id as "<uid>:<nil>" and drops it from state.
      authType: "NORMAL",
      // The one channel the provider can drive: accounts of one Resource Directory.
      authChannel: "RESOURCE_DIRECTORY",
    });
    this.authorizations.set(owner, authorization);
    this.attachment.dependsOn = [...(this.attachment.dependsOn ?? []), dependable(authorization)];
  }
}

function checkQuota(value: number | undefined, what: string): ValidationIssue[] {
  return checkIntegerInRange(value, { min: 1 }, `${what} (a Private Zone quota)`, "give the quota Alibaba granted your account, a whole number");
}

/** A binding's region must be a region id, its ids well-formed, and a VPC is bound in one region only. */
function checkBinding(bindings: ReadonlyMap<string, PrivateZoneVpcBinding>, binding: PrivateZoneVpcBinding, what: string): ValidationIssue[] {
  const { vpcId, regionId } = binding;
  const issues: ValidationIssue[] = [
    ...checkResourceId(vpcId, "vpc", `${what} vpcId`),
    ...checkAccountId(binding.ownerAccountId, `${what} ownerAccountId`),
  ];
  const info = resolveRegion(regionId, `${what} regionId`);
  if (isIssue(info)) issues.push(info);
  const known = bindings.get(vpcId);
  if (known && known.regionId !== regionId) {
    issues.push(
      issue(
        ValidationCode.VPC_REGION_CONFLICT,
        `${what} binds VPC ${show(vpcId)} in ${show(regionId)}, but it is already bound in ${show(known.regionId)}; a VPC is in one region`,
        show(regionId),
        `${show(known.regionId)}, the region it was first bound with`,
        "bind each VPC once, with the region it is in",
      ),
    );
  }
  return issues;
}
