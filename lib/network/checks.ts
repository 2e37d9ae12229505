/**
 * The checks of {@link TransitRouterNetwork} that are specific to transit routers. Internal: the
 * construct calls them, users see their issues.
 */
import { AlibabaCloudRegionInfo, isCrossBorder } from "../catalog";
import {
  ValidationCode,
  ValidationIssue,
  checkName,
  checkVpcCidr,
  checkZoneInRegion,
  cidrsOverlap,
  isIssue,
  isToken,
  parseCidr,
  resolveRegion,
  show,
} from "../validation";
import { AttachVpcOptions, TransitRouterCrossBorderProps } from "./types";

/** Checks the literal parts of `attachVpc` options that do not depend on other attachments. */
export function checkAttachVpcOptions(options: AttachVpcOptions, region: AlibabaCloudRegionInfo | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (isToken(options.name) || typeof options.name !== "string" || options.name.length === 0) {
    issues.push({
      code: ValidationCode.NAME_INVALID,
      problem: "attachVpc name must be a literal string: it becomes part of the attachment's Terraform address",
      received: show(options.name),
      allowed: "a literal, unique name such as \"workload-tokyo\"",
      fix: "name the attachment with a string literal; only the VPC id, CIDR and vSwitches may be tokens",
    });
  } else {
    issues.push(...checkName(options.name, "cenName", `attachVpc name ${show(options.name)}`));
  }
  issues.push(...checkVpcCidr(options.vpcCidrBlock, `attachVpc vpcCidrBlock of ${show(options.name)}`));
  const mappings = options.zoneMappings;
  if (isToken(mappings)) return issues;
  if (!Array.isArray(mappings) || mappings.length === 0) {
    issues.push({
      code: ValidationCode.VSWITCH_COUNT,
      problem: `attachVpc zoneMappings of ${show(options.name)} is empty; the transit router needs a vSwitch to put its ENI in`,
      received: show(mappings),
      allowed: "one { zoneId, vSwitchId } per zone, at least one (two zones recommended)",
      fix: "list a vSwitch of the VPC in each of two zones the transit router supports",
    });
    return issues;
  }
  const seen = new Map<string, number>();
  mappings.forEach((mapping, index) => {
    const what = `attachVpc zoneMappings[${index}].zoneId of ${show(options.name)}`;
    if (region) issues.push(...checkZoneInRegion(mapping.zoneId, region.regionId, what));
    if (isToken(mapping.zoneId)) return;
    const first = seen.get(mapping.zoneId);
    if (first !== undefined) {
      issues.push({
        code: ValidationCode.ZONE_DUPLICATE,
        problem: `${what} repeats the zone of zoneMappings[${first}]; a VPC attachment takes one vSwitch per zone`,
        received: show(mapping.zoneId),
        allowed: "each zone at most once",
        fix: "keep one vSwitch per zone and use a second zone for the other",
      });
    } else {
      seen.set(mapping.zoneId, index);
    }
  });
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
  // The pairs are then reported in attachment order, as a pairwise scan would.
  const order = parsed.map((_, i) => i).sort((x, y) => parsed[x].cidr.first - parsed[y].cidr.first || x - y);
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
    issues.push({
      code: ValidationCode.CIDR_OVERLAP,
      problem: `VPC attachments ${describe(a.network)} and ${describe(b.network)} have overlapping CIDR blocks, so the transit routers cannot route between them`,
      received: `${show(a.network.vpcCidrBlock)} and ${show(b.network.vpcCidrBlock)}`,
      allowed: "disjoint CIDR blocks for every VPC the CEN connects",
      fix: `re-address one of the two VPCs, or leave ${show(b.network.name)} out of this network`,
    });
  }
  return issues;
}

/** Checks a map keyed by region id (`transitRouterIds`, `routeTableIds`): every key a region id. */
export function checkRegionKeys(map: Record<string, string> | undefined, what: string): ValidationIssue[] {
  if (map === undefined || isToken(map)) return [];
  return Object.keys(map).flatMap((key) => {
    const info = resolveRegion(key, `${what} key ${show(key)}`);
    return isIssue(info) ? [info] : [];
  });
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
    {
      code: ValidationCode.CROSS_BORDER_UNACKNOWLEDGED,
      problem: `the link from ${hub.regionId} to ${spoke.regionId} crosses the border of the Chinese mainland; Alibaba Cloud connects networks across it only for accounts that have completed enterprise (real-name) verification, and only over a CEN bandwidth plan`,
      received: crossBorder === undefined ? "no crossBorder prop" : `crossBorder ${show(crossBorder)}`,
      allowed: "crossBorder: { acknowledgeCompliance: true }, optionally with bandwidthPackageId",
      fix: "complete enterprise verification for the account, then set crossBorder: { acknowledgeCompliance: true } (and bandwidthPackageId to use a plan you own); or keep the region out of this network",
    },
  ];
}
