/**
 * What {@link TransitRouterNetwork} creates for one VPC: the attachment (or nothing, when adopted),
 * the grant in the VPC owner's account for a cross-account VPC, and the route-table association and
 * propagation. Internal: the construct calls these after its checks passed.
 */
import { Annotations, Fn, ITerraformDependable, Precondition } from "../cdk";
import { Construct } from "constructs";
import { CenTransitRouterGrantAttachment } from "../../.gen/providers/alicloud/cen-transit-router-grant-attachment";
import { CenTransitRouterRouteTableAssociation } from "../../.gen/providers/alicloud/cen-transit-router-route-table-association";
import { CenTransitRouterRouteTablePropagation } from "../../.gen/providers/alicloud/cen-transit-router-route-table-propagation";
import { CenTransitRouterVpcAttachment } from "../../.gen/providers/alicloud/cen-transit-router-vpc-attachment";
import { AlicloudProviderLike } from "../provider";
import {
  ValidationCode,
  ValidationIssue,
  ValidationWarning,
  checkResourceId,
  isToken,
  issue,
  show,
  unknownZoneWarning,
  warningText,
} from "../validation";
import { attachmentVSwitches } from "./checks";
import { AddRegionOptions, AttachVpcOptions, TransitRouterRegion, TransitRouterVpcAttachmentInfo, TransitRouterZoneMapping } from "./types";

/** One association + one propagation of an attachment on a route table, with teardown-order dependencies. */
export function bindRouteTable(
  scope: Construct,
  id: string,
  attachment: ITerraformDependable,
  transitRouterAttachmentId: string,
  transitRouterRouteTableId: string,
  provider: AlicloudProviderLike,
): { association: CenTransitRouterRouteTableAssociation; propagation: CenTransitRouterRouteTablePropagation } {
  const association = new CenTransitRouterRouteTableAssociation(scope, `${id}-Association`, {
    provider,
    transitRouterAttachmentId,
    transitRouterRouteTableId,
    dependsOn: [attachment],
  });
  const propagation = new CenTransitRouterRouteTablePropagation(scope, `${id}-Propagation`, {
    provider,
    transitRouterAttachmentId,
    transitRouterRouteTableId,
    dependsOn: [attachment, association],
  });
  return { association, propagation };
}

export interface CreateVpcAttachmentInput {
  readonly options: AttachVpcOptions;
  readonly region: TransitRouterRegion;
  readonly cenId: string;
  readonly cenOwnerAccountId?: string;
  readonly autoPublishRouteEnabled: boolean;
  readonly tags?: Record<string, string>;
}

/** Creates what `attachVpc` declares (its options are already checked). */
export function createVpcAttachment(scope: Construct, input: CreateVpcAttachmentInput): TransitRouterVpcAttachmentInfo {
  const { options, region } = input;
  const id = `Vpc-${options.name}`;
  const routeTableId = options.routeTableId ?? region.routeTableId;
  const common = { name: options.name, regionId: options.regionId, vpcId: options.vpcId, vpcCidrBlock: options.vpcCidrBlock, routeTableId };
  if (options.transitRouterAttachmentId !== undefined) {
    // Adopted: the landing zone's attachment, already associated and propagating as it decided.
    return { ...common, transitRouterAttachmentId: options.transitRouterAttachmentId, adopted: true };
  }
  const mappings = attachmentVSwitches(options);
  if (!isToken(mappings) && mappings.length === 1) {
    Annotations.of(scope).addWarning(
      warningText(
        ValidationWarning.SINGLE_ZONE,
        `attachVpc ${show(options.name)} maps a single zone: the transit router's ENIs in that VPC have no second zone to fail over to. Add a vSwitch in a second zone for high availability.`,
      ),
    );
  }
  if (!isToken(mappings)) {
    mappings.forEach((m, i) => {
      const warning = unknownZoneWarning(m.zoneId, options.regionId, `attachVpc ${show(options.name)} vSwitches[${i}].zoneId`);
      if (warning) Annotations.of(scope).addWarning(warning);
    });
  }
  // A VPC of the CEN owner's own account needs no grant and no vpc_owner_id.
  const crossAccount = options.ownerAccountId !== undefined && options.ownerAccountId !== input.cenOwnerAccountId;
  const orderType = options.orderType ?? "PayByCenOwner";
  let grant: CenTransitRouterGrantAttachment | undefined;
  if (crossAccount) {
    // In the VPC owner's account and the VPC's region: the VPC is granted to the CEN owner's CEN.
    grant = new CenTransitRouterGrantAttachment(scope, `${id}-Grant`, {
      provider: options.ownerProvider,
      instanceType: "VPC",
      instanceId: options.vpcId,
      cenId: input.cenId,
      cenOwnerId: input.cenOwnerAccountId!,
      orderType,
    });
  }
  const attachment = new CenTransitRouterVpcAttachment(scope, id, {
    provider: region.provider,
    cenId: input.cenId,
    transitRouterId: region.transitRouterId,
    vpcId: options.vpcId,
    transitRouterVpcAttachmentName: options.name,
    autoPublishRouteEnabled: input.autoPublishRouteEnabled,
    zoneMappings: mappings.map((m) => ({ zoneId: m.zoneId, vswitchId: m.vSwitchId })),
    tags: input.tags,
    ...(crossAccount ? { vpcOwnerId: options.ownerAccountId, orderType, dependsOn: [grant!] } : {}),
    ...(region.availableResources && !isToken(mappings) ? { lifecycle: { precondition: zonePreconditions(region, mappings) } } : {}),
  });
  const transitRouterAttachmentId = attachment.transitRouterAttachmentId;
  const bound = bindRouteTable(scope, id, attachment, transitRouterAttachmentId, routeTableId, region.provider);
  return {
    ...common,
    transitRouterAttachmentId,
    attachment,
    association: bound.association,
    propagation: bound.propagation,
    grant,
    adopted: false,
  };
}

/** A region added again must come with the same provider, router and plan. */
export function checkReusedRegion(known: TransitRouterRegion, provider: AlicloudProviderLike, options: AddRegionOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [...checkResourceId(options.transitRouterId, "transitRouter", `addRegion(${show(known.regionId)}) transitRouterId`)];
  if (known.provider !== provider) {
    issues.push(
      issue(
        ValidationCode.PROVIDER_DUPLICATE,
        `addRegion(${show(known.regionId)}) was already called with provider ${known.provider.node.path}; a region has one transit router and one provider in a network`,
        `provider ${provider.node.path}`,
        `the provider the region was first added with (${known.provider.node.path})`,
        "create one aliased provider per region and pass that same instance every time",
      ),
    );
  }
  const importedBefore = known.transitRouter === undefined ? known.transitRouterId : undefined;
  if (options.transitRouterId !== undefined && options.transitRouterId !== importedBefore) {
    issues.push(
      issue(
        ValidationCode.PROPS_CONFLICT,
        `addRegion(${show(known.regionId)}) names transit router ${show(options.transitRouterId)}, but the region already has ${importedBefore === undefined ? "a router created by this network" : `router ${show(importedBefore)}`}`,
        show(options.transitRouterId),
        "the same router every time the region is added",
        "pass the same transitRouterId each time (or none after the first call)",
      ),
    );
  }
  if (options.bandwidthPackageId !== undefined && options.bandwidthPackageId !== known.bandwidthPackageId) {
    issues.push(
      issue(
        ValidationCode.PROPS_CONFLICT,
        `addRegion(${show(known.regionId)}) names bandwidth plan ${show(options.bandwidthPackageId)}, but the region's link was already set up ${known.isHub ? "(the hub has no link)" : `with ${known.bandwidthPackageId === undefined ? "pay-by-data-transfer bandwidth" : `plan ${show(known.bandwidthPackageId)}`}`}`,
        show(options.bandwidthPackageId),
        "the same plan every time the region is added",
        "pass bandwidthPackageId on the first addRegion call for the region only",
      ),
    );
  }
  return issues;
}

/**
 * One `precondition` per zone: the region's transit router must offer it. Evaluated by
 * `terraform plan` from `alicloud_cen_transit_router_available_resources`, which synth cannot know.
 */
function zonePreconditions(region: TransitRouterRegion, mappings: readonly TransitRouterZoneMapping[]): Precondition[] {
  const resources = region.availableResources!.resources.get(0);
  const offered = Fn.flatten([resources.masterZones, resources.slaveZones, resources.availableZones]);
  return mappings.map((m) => ({
    condition: Fn.contains(offered, m.zoneId),
    errorMessage: `[DSPL_PREFLIGHT_ZONE] The transit router in ${region.regionId} does not offer zone ${m.zoneId} (vSwitch ${m.vSwitchId}): use a vSwitch in a zone listed by alicloud_cen_transit_router_available_resources for ${region.regionId}.`,
  }));
}
