/**
 * The checks `DashScopePrivateAccess` runs before it creates anything: the requesters' own props and
 * their relations (names, VPC ids, providers, regions, accounts, cross-border links). Facts that need
 * the whole tree (CIDR overlap, provider defaults, quotas) are checked at synth by the constructs it
 * composes.
 */
import { AlibabaCloudRegionInfo, DashScopeRegion } from "../catalog";
import { AlicloudProviderLike } from "../provider";
import { checkAttachVpcOptions, checkCrossBorderLink } from "../network/checks";
import {
  ValidationCode,
  ValidationIssue,
  checkAccountId,
  checkIngressCidr,
  checkProviderRegion,
  checkResourceId,
  isIssue,
  isToken,
  issue,
  literalRequired,
  resolveDashScopeRegion,
  resolveRegion,
  show,
} from "../validation";
import { DashScopePrivateAccessProps, DashScopeRequester } from "./types";

/** The transit router attachment name of the endpoint's VPC; no requester may take it. (Internal: not part of the public API.) @internal */
export const ENDPOINT_ATTACHMENT_NAME = "dashscope-endpoint";

export interface RequesterPlan {
  readonly requester: DashScopeRequester;
  readonly regionInfo: AlibabaCloudRegionInfo;
  /** The provider that manages the requester region's transit router and the attachment (the CEN owner's). */
  readonly networkProvider: AlicloudProviderLike;
  /** Whether the VPC belongs to another account than the CEN's (a grant and `vpc_owner_id`). */
  readonly crossAccount: boolean;
  /** The VPC owner's UID when the zone owner must authorize it, else `undefined`. */
  readonly zoneOwnerAccountId?: string;
}

/** What is already taken when a requester is added. */
export interface RequesterContext {
  readonly hub: AlibabaCloudRegionInfo | undefined;
  readonly props: DashScopePrivateAccessProps;
  /** How the endpoint's own security group takes a requester CIDR; `undefined` when the groups are the user's. */
  readonly ingress: { readonly allowAnyCidr: boolean } | undefined;
  readonly names: ReadonlyMap<string, string>;
  readonly vpcIds: ReadonlyMap<string, string>;
  /** The provider managing each region's transit router so far. */
  readonly providers: ReadonlyMap<string, { readonly node: { readonly path: string } }>;
}

/** The requester's region id: `regionId`, else the deprecated `region`. */
export function requesterRegionId(requester: DashScopeRequester): string {
  return (requester.regionId ?? requester.region) as string;
}

/** Whether an account differs from another (two literals that are equal are the same account). */
function otherAccount(owner: string | undefined, of: string | undefined): boolean {
  return owner !== undefined && owner !== of;
}

/** The zone owner's UID: `privateZone.ownerAccountId`, else the endpoint's, else the CEN owner's. */
export function zoneOwnerOf(props: DashScopePrivateAccessProps): string | undefined {
  return props.privateZone?.ownerAccountId ?? props.endpoint.ownerAccountId ?? props.cen?.ownerAccountId;
}

/**
 * The UID the zone owner must authorize for a VPC of `owner` (`undefined`: the CEN owner's account):
 * `undefined` when the VPC is the zone owner's own.
 */
export function zoneAuthorizationFor(props: DashScopePrivateAccessProps, owner: string | undefined): string | undefined {
  const account = owner ?? props.cen?.ownerAccountId;
  return otherAccount(account, zoneOwnerOf(props)) ? account : undefined;
}

/** A zone with its own provider, in a setup that names accounts, must name its owner too. */
function checkZoneOwner(props: DashScopePrivateAccessProps, accounts: readonly (string | undefined)[]): ValidationIssue[] {
  const zone = props.privateZone;
  if (zone?.provider === undefined || zone.provider === props.endpoint.provider || zone.ownerAccountId !== undefined) return [];
  if (accounts.every((a) => a === undefined)) return [];
  return [
    issue(
      ValidationCode.ZONE_OWNER_MISSING,
      `privateZone.provider (${zone.provider.node.path}) is not the endpoint's provider and accounts are named, but privateZone.ownerAccountId is not set: the zone owner's account decides which accounts it must authorize`,
      "no privateZone.ownerAccountId",
      "privateZone.ownerAccountId: the 16-digit UID of the account privateZone.provider acts for",
      "set privateZone.ownerAccountId (or drop privateZone.provider if the zone is the endpoint owner's)",
    ),
  ];
}

/** Checks one requester against its own rules and what is already taken. */
export function checkRequester(requester: DashScopeRequester, what: string, context: RequesterContext): {
  issues: ValidationIssue[];
  plan?: RequesterPlan;
} {
  const issues: ValidationIssue[] = [];
  const { name } = requester;
  const { props } = context;
  if (requester.regionId !== undefined && requester.region !== undefined && requester.regionId !== requester.region) {
    issues.push(
      issue(
        ValidationCode.PROPS_CONFLICT,
        `${what} gives regionId ${show(requester.regionId)} and the deprecated region ${show(requester.region)}`,
        `regionId ${show(requester.regionId)}, region ${show(requester.region)}`,
        "regionId alone",
        "drop region (deprecated) and keep regionId",
      ),
    );
  }
  const regionId = requesterRegionId(requester);
  const regionInfo =
    regionId === undefined
      ? issue(ValidationCode.REGION_INVALID, `${what} has no regionId`, "nothing", "a literal region id, e.g. \"ap-northeast-1\"", "set regionId")
      : resolveRegion(regionId, `${what}.regionId`);
  issues.push(
    ...checkAttachVpcOptions(
      { name, vpcId: requester.vpcId, regionId, vpcCidrBlock: requester.vpcCidrBlock, vSwitches: requester.vSwitches, transitRouterAttachmentId: requester.transitRouterAttachmentId },
      isIssue(regionInfo) ? undefined : regionInfo,
    ),
  );
  const label = typeof name === "string" && !isToken(name) ? `requester ${show(name)}` : what;
  issues.push(...checkResourceId(requester.vpcId, "vpc", `${label} vpcId`));
  issues.push(...checkResourceId(requester.transitRouterAttachmentId, "transitRouterAttachment", `${label} transitRouterAttachmentId`));
  issues.push(...checkAccountId(requester.ownerAccountId, `${label} ownerAccountId`));
  if (!isToken(requester.vSwitches) && Array.isArray(requester.vSwitches)) {
    requester.vSwitches.forEach((v, i) => issues.push(...checkResourceId(v.vSwitchId, "vSwitch", `${label} vSwitches[${i}].vSwitchId`)));
  }
  if (typeof name === "string" && !isToken(name)) {
    const taken = name === ENDPOINT_ATTACHMENT_NAME ? "the endpoint's own VPC attachment" : context.names.get(name);
    if (taken !== undefined) {
      issues.push(
        issue(
          ValidationCode.NAME_DUPLICATE,
          `${what}.name ${show(name)} is already used by ${taken}`,
          show(name),
          `a name used once, other than ${show(ENDPOINT_ATTACHMENT_NAME)}`,
          "give each requester its own name",
        ),
      );
    }
  }
  if (context.ingress) {
    // The endpoint's group opens its ports to the requester's CIDR: the width rule of allowedCidrs
    // (a malformed CIDR is already reported above).
    issues.push(
      ...checkIngressCidr(requester.vpcCidrBlock, `${label} vpcCidrBlock`, context.ingress.allowAnyCidr).filter(
        (found) => found.code === ValidationCode.CIDR_TOO_WIDE,
      ),
    );
  }
  if (!isToken(requester.vpcId)) {
    const taken = requester.vpcId === props.endpoint.vpcId ? "the endpoint's VPC" : context.vpcIds.get(requester.vpcId);
    if (taken !== undefined) {
      issues.push(
        issue(
          ValidationCode.VPC_DUPLICATE,
          `${label} uses VPC ${requester.vpcId}, which is already ${taken === "the endpoint's VPC" ? "the endpoint's VPC: callers there need no CEN or Private Zone" : `the VPC of ${taken}`}`,
          show(requester.vpcId),
          "each VPC once, and not the endpoint's VPC",
          "list each requester VPC once; leave the endpoint's own VPC out of requesters",
        ),
      );
    }
  }
  if (isIssue(regionInfo)) {
    issues.push(regionInfo);
    return { issues };
  }

  const cenOwner = props.cen?.ownerAccountId;
  const crossAccount = otherAccount(requester.ownerAccountId, cenOwner) && requester.transitRouterAttachmentId === undefined;
  if (requester.ownerAccountId !== undefined && cenOwner === undefined && requester.transitRouterAttachmentId === undefined) {
    issues.push(
      issue(
        ValidationCode.CEN_OWNER_MISSING,
        `${label} belongs to account ${show(requester.ownerAccountId)}, but cen.ownerAccountId is not set: the grant of its VPC to the CEN must name the CEN owner's account`,
        "no cen.ownerAccountId",
        "cen.ownerAccountId: the 16-digit UID of the account that owns the CEN",
        "set cen.ownerAccountId (and cen.providers for the CEN owner's providers), or drop ownerAccountId if the VPC is the CEN owner's",
      ),
    );
  }
  let networkProvider = props.cen?.providers?.[regionId] ?? (regionId === context.hub?.regionId ? props.endpoint.provider : requester.provider);
  if (requester.provider === undefined || requester.provider === null) {
    issues.push(
      issue(
        ValidationCode.PROVIDER_MISSING,
        `${label} has no provider for its region ${regionId}; its transit router and attachment must be managed in that region`,
        "no provider",
        `an AlicloudProvider aliased to ${regionId}`,
        `create one provider per region, e.g. new AlicloudProvider(stack, "${regionId}", { region: "${regionId}", alias: "${regionId.replace(/-/g, "_")}" }), and pass it as the requester's provider`,
      ),
    );
    return { issues };
  }
  issues.push(...checkProviderRegion(requester.provider, regionId, `${label} provider`));
  if (otherAccount(requester.ownerAccountId, cenOwner) && props.cen?.providers?.[regionId] === undefined && regionId !== context.hub?.regionId) {
    issues.push(
      issue(
        ValidationCode.PROVIDER_MISSING,
        `${label} belongs to account ${show(requester.ownerAccountId)}, so its provider acts for that account, but the transit router in ${regionId} and the attachment belong to the CEN owner; no CEN owner provider is given for ${regionId}`,
        `cen.providers keys ${show(Object.keys(props.cen?.providers ?? {}))}`,
        `cen.providers[${show(regionId)}]: the CEN owner's AlicloudProvider for ${regionId}`,
        `add the network account's provider for ${regionId} to cen.providers`,
      ),
    );
    networkProvider = requester.provider;
  } else if (props.cen?.providers?.[regionId] !== undefined) {
    issues.push(...checkProviderRegion(networkProvider, regionId, `cen.providers[${show(regionId)}]`));
  }
  const known = context.providers.get(regionId);
  if (known !== undefined && known !== networkProvider) {
    issues.push(
      issue(
        ValidationCode.PROVIDER_DUPLICATE,
        `${label} brings a second provider for region ${regionId}; a region has one transit router, managed by one provider`,
        `provider ${networkProvider.node.path}`,
        `the provider already used for ${regionId} (${known.node.path})`,
        "create one aliased provider per region and pass that instance to every requester in it (or give the CEN owner's in cen.providers)",
      ),
    );
  }
  if (context.hub) issues.push(...checkCrossBorderLink(context.hub, regionInfo, props.crossBorder).filter(() => props.cen?.peerAttachmentIds?.[regionId] === undefined));
  // planAccess already reported a missing zone owner when the endpoint or the CEN names an account.
  if (props.endpoint.ownerAccountId === undefined && props.cen?.ownerAccountId === undefined) issues.push(...checkZoneOwner(props, [requester.ownerAccountId]));
  const zoneOwnerAccountId = zoneAuthorizationFor(props, requester.ownerAccountId);
  return { issues, plan: { requester, regionInfo, networkProvider, crossAccount, zoneOwnerAccountId } };
}

/** Checks everything the constructor can check before it creates a child. */
export function planAccess(props: DashScopePrivateAccessProps): {
  issues: ValidationIssue[];
  hub?: DashScopeRegion;
  requesters: RequesterPlan[];
} {
  const issues: ValidationIssue[] = [];
  const hub = resolveDashScopeRegion(props.endpoint.region, "endpoint.region");
  if (isIssue(hub)) issues.push(hub);
  else issues.push(...checkProviderRegion(props.endpoint.provider, hub.regionId, "endpoint.provider"));
  issues.push(...checkAccountId(props.endpoint.ownerAccountId, "endpoint.ownerAccountId"));
  issues.push(...checkAccountId(props.cen?.ownerAccountId, "cen.ownerAccountId"));
  issues.push(...checkAccountId(props.privateZone?.ownerAccountId, "privateZone.ownerAccountId"));
  issues.push(...checkZoneOwner(props, [props.endpoint.ownerAccountId, props.cen?.ownerAccountId]));
  issues.push(...checkResourceId(props.endpoint.transitRouterAttachmentId, "transitRouterAttachment", "endpoint.transitRouterAttachmentId"));
  if (!isIssue(hub) && otherAccount(props.endpoint.ownerAccountId, props.cen?.ownerAccountId) && props.cen?.providers?.[hub.regionId] === undefined) {
    issues.push(
      issue(
        ValidationCode.PROVIDER_MISSING,
        `endpoint.ownerAccountId ${show(props.endpoint.ownerAccountId)} is not the CEN owner's account, so the endpoint's provider cannot manage the hub's transit router and peer links`,
        `cen.providers keys ${show(Object.keys(props.cen?.providers ?? {}))}`,
        `cen.providers[${show(hub.regionId)}]: the CEN owner's AlicloudProvider for the hub region`,
        `add the network account's provider for ${hub.regionId} to cen.providers`,
      ),
    );
  }

  const names = new Map<string, string>();
  const vpcIds = new Map<string, string>();
  const providers = new Map<string, { readonly node: { readonly path: string } }>();
  if (!isIssue(hub)) providers.set(hub.regionId, props.cen?.providers?.[hub.regionId] ?? props.endpoint.provider);
  const requesters: RequesterPlan[] = [];
  const list = props.requesters ?? [];
  if (isToken(list)) {
    issues.push(
      literalRequired(
        "requesters",
        "each requester decides which attachments, peer links and rules exist",
        list,
        "a literal array; its members' VPC ids, CIDRs and vSwitch ids may be tokens",
        "list the requesters in code",
      ),
    );
    return { issues, requesters };
  }
  list.forEach((requester, index) => {
    const checked = checkRequester(requester, `requesters[${index}]`, {
      hub: isIssue(hub) ? undefined : hub,
      props,
      ingress: props.endpoint.securityGroupIds === undefined ? { allowAnyCidr: props.endpoint.allowAnyCidr ?? false } : undefined,
      names,
      vpcIds,
      providers,
    });
    issues.push(...checked.issues);
    if (typeof requester.name === "string" && !names.has(requester.name)) names.set(requester.name, `requesters[${index}]`);
    if (!isToken(requester.vpcId) && !vpcIds.has(requester.vpcId)) vpcIds.set(requester.vpcId, `requester ${show(requester.name)}`);
    if (checked.plan && !providers.has(checked.plan.regionInfo.regionId)) providers.set(checked.plan.regionInfo.regionId, checked.plan.networkProvider);
    if (checked.plan) requesters.push(checked.plan);
  });
  const once = issues.filter((found, i) => found.code !== ValidationCode.ZONE_OWNER_MISSING || issues.findIndex((f) => f.code === found.code) === i);
  return { issues: once, hub: isIssue(hub) ? undefined : hub, requesters };
}
