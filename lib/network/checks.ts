/**
 * The checks of {@link TransitRouterNetwork} that are specific to transit routers. Internal: the
 * construct calls them, users see their issues.
 */
import { AlibabaCloudRegionInfo, isCrossBorder } from "../catalog";
import {
  ValidationCode,
  ValidationIssue,
  RESOURCE_ID_PREFIXES,
  checkAccountId,
  checkName,
  checkProviderRegion,
  checkResourceId,
  checkTags,
  forEachRepeat,
  checkVpcCidr,
  checkZoneInRegion,
  cidrsOverlap,
  isIssue,
  isToken,
  issue,
  parseCidr,
  resolveKnownRegion,
  resolveRegion,
  show,
  suggest,
} from "../validation";
import { checkIntegerInRange } from "../validation/ranges";
import {
  AttachVpcOptions,
  DEFAULT_PEER_BANDWIDTH_MBPS,
  MIN_BANDWIDTH_PACKAGE_MBPS,
  PEER_BANDWIDTH_RANGE_MBPS,
  TransitRouterCrossBorderProps,
  TransitRouterNetworkProps,
  TransitRouterZoneMapping,
} from "./types";

/** The vSwitches of an attachment: `vSwitches`, else the deprecated `zoneMappings`. */
export function attachmentVSwitches(options: AttachVpcOptions): readonly TransitRouterZoneMapping[] {
  return options.vSwitches ?? options.zoneMappings ?? [];
}

/** Checks the literal parts of `attachVpc` options that do not depend on other attachments. */
export function checkAttachVpcOptions(options: AttachVpcOptions, region: AlibabaCloudRegionInfo | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (isToken(options.name) || typeof options.name !== "string" || options.name.length === 0) {
    issues.push(issue(
      isToken(options.name) ? ValidationCode.LITERAL_REQUIRED : ValidationCode.NAME_INVALID,
      "attachVpc name must be a literal string: it becomes part of the attachment's Terraform address",
      show(options.name),
      "a literal, unique name such as \"workload-tokyo\"",
      "name the attachment with a string literal; only the VPC id, CIDR and vSwitches may be tokens",
    ));
  } else {
    issues.push(...checkName(options.name, "cenName", `attachVpc name ${show(options.name)}`));
  }
  issues.push(...checkVpcCidr(options.vpcCidrBlock, `attachVpc vpcCidrBlock of ${show(options.name)}`));
  const mappings = attachmentVSwitches(options);
  if (isToken(mappings)) return issues;
  // An adopted attachment has its vSwitches already: none are needed, those given are still checked.
  if (options.transitRouterAttachmentId !== undefined && Array.isArray(mappings) && mappings.length === 0) return issues;
  if (!Array.isArray(mappings) || mappings.length === 0) {
    issues.push(issue(
      ValidationCode.VSWITCH_COUNT,
      `attachVpc vSwitches of ${show(options.name)} is empty; the transit router needs a vSwitch to put its ENI in`,
      show(mappings),
      "one { zoneId, vSwitchId } per zone, at least one (two zones recommended)",
      "list a vSwitch of the VPC in each of two zones the transit router supports",
    ));
    return issues;
  }
  mappings.forEach((mapping, index) => {
    if (region) issues.push(...checkZoneInRegion(mapping.zoneId, region.regionId, `attachVpc vSwitches[${index}].zoneId of ${show(options.name)}`));
  });
  forEachRepeat(
    mappings,
    (mapping) => (isToken(mapping.zoneId) ? undefined : mapping.zoneId),
    (first, index, zoneId) =>
      issues.push(
        issue(
          ValidationCode.ZONE_DUPLICATE,
          `attachVpc vSwitches[${index}].zoneId of ${show(options.name)} repeats the zone of vSwitches[${first}]; a VPC attachment takes one vSwitch per zone`,
          show(zoneId),
          "each zone at most once",
          "keep one vSwitch per zone and use a second zone for the other",
        ),
      ),
  );
  return issues;
}

/** What the CIDR overlap check needs to know of an attachment. */
export interface AttachedNetwork {
  readonly name: string;
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
}

function describe(network: AttachedNetwork): string {
  const vpc = isToken(network.vpcId) ? "a VPC whose id is known at apply" : `VPC ${network.vpcId}`;
  return `${show(network.name)} (${vpc}, ${network.vpcCidrBlock})`;
}

/** Every pair of attached VPCs whose literal CIDR blocks overlap; tokens are skipped. */
export function findCidrOverlaps(networks: readonly AttachedNetwork[]): ValidationIssue[] {
  const parsed = networks.flatMap((network) => {
    if (isToken(network.vpcCidrBlock)) return [];
    const cidr = parseCidr(network.vpcCidrBlock, "vpcCidrBlock");
    return isIssue(cidr) ? [] : [{ network, cidr }];
  });
  // A sweep over the blocks sorted by first address: each block meets only the blocks still open at
  // its start (for CIDR blocks, a chain of enclosing ones), so disjoint networks cost n log n, not n².
  // The pairs are then reported in attachment order, as a pairwise scan would (the sort is stable).
  const order = parsed.map((_, i) => i).sort((x, y) => parsed[x].cidr.first - parsed[y].cidr.first);
  const pairs: Array<[number, number]> = [];
  let open: number[] = [];
  for (const k of order) {
    open = open.filter((o) => parsed[o].cidr.last >= parsed[k].cidr.first);
    for (const o of open) if (cidrsOverlap(parsed[o].cidr, parsed[k].cidr)) pairs.push(o < k ? [o, k] : [k, o]);
    open.push(k);
  }
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const issues: ValidationIssue[] = [];
  for (const [i, j] of pairs) {
    const a = parsed[i];
    const b = parsed[j];
    issues.push(issue(
      ValidationCode.CIDR_OVERLAP,
      `VPC attachments ${describe(a.network)} and ${describe(b.network)} have overlapping CIDR blocks, so the transit routers cannot route between them`,
      `${show(a.network.vpcCidrBlock)} and ${show(b.network.vpcCidrBlock)}`,
      "disjoint CIDR blocks for every VPC the CEN connects",
      `re-address one of the two VPCs, or leave ${show(b.network.name)} out of this network`,
    ));
  }
  return issues;
}

/**
 * Checks a map keyed by region id (`transitRouterIds`, `routeTableIds`, `peerAttachmentIds`): every
 * key a known region id (with a did-you-mean), every literal value an id of `kind`.
 */
export function checkRegionKeys(
  map: Record<string, string> | undefined,
  what: string,
  kind: keyof typeof RESOURCE_ID_PREFIXES,
): ValidationIssue[] {
  if (map === undefined || isToken(map)) return [];
  return Object.entries(map).flatMap(([key, value]) => {
    const info = resolveKnownRegion(key, `${what} key ${show(key)}`);
    return [...(isIssue(info) ? [info] : []), ...checkResourceId(value, kind, `${what}[${show(key)}]`)];
  });
}

/** At synth: every key of a map by region id must be a region of the network (a typo would be ignored). */
export function checkKeysInNetwork(map: Record<string, string> | undefined, what: string, regionIds: readonly string[]): ValidationIssue[] {
  if (map === undefined || isToken(map)) return [];
  return Object.keys(map)
    .filter((key) => !regionIds.includes(key))
    .map((key) => {
      const near = suggest(key, regionIds);
      return issue(
        ValidationCode.REGION_NOT_IN_NETWORK,
        `${what} has the key ${show(key)}, which is not a region of this network${near ? ` (did you mean ${show(near)}?)` : ""}, so its value would be ignored`,
        show(key),
        `the regions of this network: ${show(regionIds)}`,
        near ? `write ${show(near)}` : "remove the entry, or add a requester (addRegion) in that region",
      );
    });
}

/** Checks the literal props of a TransitRouterNetwork (everything the constructor can check alone). */
export function checkNetworkProps(props: TransitRouterNetworkProps): { issues: ValidationIssue[]; hubInfo?: AlibabaCloudRegionInfo } {
  const issues: ValidationIssue[] = [];
  const hubInfo = resolveRegion(props.hubRegion, "hubRegion");
  if (isIssue(hubInfo)) issues.push(hubInfo);
  else issues.push(...checkProviderRegion(props.hubProvider, props.hubRegion, "hubProvider"));
  if (props.cenId === undefined && props.transitRouterIds !== undefined) {
    issues.push(
      issue(
        ValidationCode.PROPS_CONFLICT,
        "transitRouterIds imports transit routers, but cenId is not set, so a new CEN would be created that those routers do not belong to",
        `transitRouterIds for ${show(Object.keys(props.transitRouterIds))} and no cenId`,
        "transitRouterIds together with the cenId of the CEN the routers belong to",
        "pass cenId as well, or leave transitRouterIds out to create the routers",
      ),
    );
  }
  if (props.cenId === undefined && props.peerAttachmentIds !== undefined) {
    issues.push(
      issue(
        ValidationCode.PROPS_CONFLICT,
        "peerAttachmentIds adopts existing peer links, but cenId is not set, so a new CEN would be created that those links do not belong to",
        `peerAttachmentIds for ${show(Object.keys(props.peerAttachmentIds))} and no cenId`,
        "peerAttachmentIds together with cenId and transitRouterIds",
        "pass cenId and transitRouterIds of the existing network",
      ),
    );
  }
  issues.push(...checkResourceId(props.cenId, "cen", "cenId"));
  issues.push(...checkAccountId(props.ownerAccountId, "ownerAccountId (the CEN owner)"));
  issues.push(...checkRegionKeys(props.transitRouterIds, "transitRouterIds", "transitRouter"));
  issues.push(...checkRegionKeys(props.routeTableIds, "routeTableIds", "routeTable"));
  issues.push(...checkRegionKeys(props.peerAttachmentIds, "peerAttachmentIds", "transitRouterAttachment"));
  if (!isIssue(hubInfo)) {
    if (props.peerAttachmentIds?.[props.hubRegion] !== undefined) {
      issues.push(
        issue(
          ValidationCode.REGION_NOT_IN_NETWORK,
          `peerAttachmentIds names the hub region ${props.hubRegion}; peer links run from the hub to the other regions`,
          show(props.hubRegion),
          "spoke regions only",
          "remove the hub's entry",
        ),
      );
    }
    issues.push(...checkTransitRouterNamed(props, props.hubRegion, undefined));
  }
  issues.push(...checkName(props.cenName, "cenName", "cenName"));
  issues.push(...checkName(props.cenDescription, "description", "cenDescription"));
  issues.push(...checkTags(props.tags, "tags"));
  issues.push(
    ...checkIntegerInRange(
      props.peerBandwidthMbps,
      PEER_BANDWIDTH_RANGE_MBPS,
      "peerBandwidthMbps (Mbit/s per hub-to-spoke link)",
      `use a whole number of Mbit/s, e.g. ${DEFAULT_PEER_BANDWIDTH_MBPS}`,
    ),
  );
  issues.push(
    ...checkIntegerInRange(
      props.crossBorder?.bandwidthPackageMbps,
      { min: MIN_BANDWIDTH_PACKAGE_MBPS },
      "crossBorder.bandwidthPackageMbps (Mbit/s of each created bandwidth plan)",
      "use at least 2 Mbit/s, the smallest plan Alibaba Cloud sells",
    ),
  );
  return { issues, hubInfo: isIssue(hubInfo) ? undefined : hubInfo };
}

/** With an existing CEN, a region's transit router must be named unless creating one is intended. */
export function checkTransitRouterNamed(props: TransitRouterNetworkProps, regionId: string, optionId: string | undefined): ValidationIssue[] {
  if (props.cenId === undefined || props.createTransitRouters === true) return [];
  if (optionId !== undefined || props.transitRouterIds?.[regionId] !== undefined) return [];
  const named = props.transitRouterIds === undefined || isToken(props.transitRouterIds) ? [] : Object.keys(props.transitRouterIds);
  const near = suggest(regionId, named, 1);
  return [
    issue(
      ValidationCode.TRANSIT_ROUTER_MISSING,
      `the network uses the existing CEN cenId, but transitRouterIds names no transit router for ${regionId}${near ? ` (it names ${show(near)}: a typo?)` : ""}; a new one would be created, and Alibaba allows one transit router per region per CEN, so apply fails if the CEN has one there`,
      `transitRouterIds keys ${show(named)}`,
      `transitRouterIds[${show(regionId)}] = the CEN's transit router in ${regionId}, or createTransitRouters: true`,
      `add ${regionId} to transitRouterIds, or set createTransitRouters: true if the CEN has no transit router in ${regionId} yet`,
    ),
  ];
}

/** Checks the cross-account and adoption parts of `attachVpc` options. */
export function checkAttachmentOwnership(options: AttachVpcOptions, props: TransitRouterNetworkProps): ValidationIssue[] {
  const label = `attachVpc ${show(options.name)}`;
  const issues: ValidationIssue[] = [
    ...checkResourceId(options.vpcId, "vpc", `${label} vpcId`),
    ...checkResourceId(options.transitRouterAttachmentId, "transitRouterAttachment", `${label} transitRouterAttachmentId`),
    ...checkResourceId(options.routeTableId, "routeTable", `${label} routeTableId`),
    ...checkAccountId(options.ownerAccountId, `${label} ownerAccountId`),
  ];
  const mappings = attachmentVSwitches(options);
  if (!isToken(mappings) && Array.isArray(mappings)) {
    mappings.forEach((m, i) => issues.push(...checkResourceId(m.vSwitchId, "vSwitch", `${label} vSwitches[${i}].vSwitchId`)));
  }
  if (options.ownerAccountId === undefined || options.transitRouterAttachmentId !== undefined) return issues;
  if (props.ownerAccountId === undefined) {
    issues.push(
      issue(
        ValidationCode.CEN_OWNER_MISSING,
        `${label} belongs to account ${show(options.ownerAccountId)}, but the network has no ownerAccountId: the grant of the VPC to the CEN must name the CEN owner's account`,
        "no ownerAccountId on the network (cen.ownerAccountId on the pattern)",
        "ownerAccountId: the 16-digit UID of the account that owns the CEN",
        "set the CEN owner's UID (cen.ownerAccountId), or drop the VPC's ownerAccountId if the CEN owner's account owns it",
      ),
    );
  }
  if (options.ownerProvider === undefined) {
    issues.push(
      issue(
        ValidationCode.PROVIDER_MISSING,
        `${label} belongs to account ${show(options.ownerAccountId)}, but no provider of that account is given: the grant must be created by the VPC owner, in the VPC's region`,
        "no ownerProvider",
        `an AlicloudProvider for account ${show(options.ownerAccountId)} in ${options.regionId} (e.g. with assume_role)`,
        "pass ownerProvider (the pattern passes the requester's provider)",
      ),
    );
  }
  return issues;
}

/**
 * Checks a hub-to-spoke link: one that crosses the border of the Chinese mainland needs the
 * explicit acknowledgement that the account completed enterprise verification.
 */
export function checkCrossBorderLink(
  hub: AlibabaCloudRegionInfo,
  spoke: AlibabaCloudRegionInfo,
  crossBorder: TransitRouterCrossBorderProps | undefined,
): ValidationIssue[] {
  if (!isCrossBorder(hub, spoke) || crossBorder?.acknowledgeCompliance === true) return [];
  return [
    issue(
      ValidationCode.CROSS_BORDER_UNACKNOWLEDGED,
      `the link from ${hub.regionId} to ${spoke.regionId} crosses the border of the Chinese mainland; Alibaba Cloud connects networks across it only for accounts that have completed enterprise (real-name) verification, and only over a CEN bandwidth plan`,
      crossBorder === undefined ? "no crossBorder prop" : `crossBorder ${show(crossBorder)}`,
      "crossBorder: { acknowledgeCompliance: true }, optionally with bandwidthPackageId",
      "complete enterprise verification for the account, then set crossBorder: { acknowledgeCompliance: true } (and bandwidthPackageId to use a plan you own); or keep the region out of this network",
    ),
  ];
}
