/**
 * The checks of {@link TransitRouterNetwork} that are specific to transit routers. Internal: the
 * construct calls them, users see their issues.
 */
import { AlibabaCloudRegionInfo, isCrossBorder } from "../catalog";
import {
  ValidationCode,
  ValidationIssue,
  checkName,
  forEachRepeat,
  checkVpcCidr,
  checkZoneInRegion,
  cidrsOverlap,
  isIssue,
  isToken,
  issue,
  parseCidr,
  resolveRegion,
  show,
} from "../validation";
import { AttachVpcOptions, TransitRouterCrossBorderProps, TransitRouterZoneMapping } from "./types";

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
  const issues: ValidationIssue[] = [];
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      const a = parsed[i];
      const b = parsed[j];
      if (!cidrsOverlap(a.cidr, b.cidr)) continue;
      issues.push(issue(
        ValidationCode.CIDR_OVERLAP,
        `VPC attachments ${describe(a.network)} and ${describe(b.network)} have overlapping CIDR blocks, so the transit routers cannot route between them`,
        `${show(a.network.vpcCidrBlock)} and ${show(b.network.vpcCidrBlock)}`,
        "disjoint CIDR blocks for every VPC the CEN connects",
        `re-address one of the two VPCs, or leave ${show(b.network.name)} out of this network`,
      ));
    }
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
    issue(
      ValidationCode.CROSS_BORDER_UNACKNOWLEDGED,
      `the link from ${hub.regionId} to ${spoke.regionId} crosses the border of the Chinese mainland; Alibaba Cloud connects networks across it only for accounts that have completed enterprise (real-name) verification, and only over a CEN bandwidth plan`,
      crossBorder === undefined ? "no crossBorder prop" : `crossBorder ${show(crossBorder)}`,
      "crossBorder: { acknowledgeCompliance: true }, optionally with bandwidthPackageId",
      "complete enterprise verification for the account, then set crossBorder: { acknowledgeCompliance: true } (and bandwidthPackageId to use a plan you own); or keep the region out of this network",
    ),
  ];
}
