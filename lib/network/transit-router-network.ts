import { Annotations, ITerraformDependable } from "../cdk";
import { Construct } from "constructs";
import { CenInstance } from "../../.gen/providers/alicloud/cen-instance";
import { CenTransitRouter } from "../../.gen/providers/alicloud/cen-transit-router";
import { CenTransitRouterPeerAttachment } from "../../.gen/providers/alicloud/cen-transit-router-peer-attachment";
import { CenTransitRouterRouteTableAssociation } from "../../.gen/providers/alicloud/cen-transit-router-route-table-association";
import { CenTransitRouterRouteTablePropagation } from "../../.gen/providers/alicloud/cen-transit-router-route-table-propagation";
import { CenTransitRouterVpcAttachment } from "../../.gen/providers/alicloud/cen-transit-router-vpc-attachment";
import { DataAlicloudCenTransitRouterRouteTables } from "../../.gen/providers/alicloud/data-alicloud-cen-transit-router-route-tables";
import { AlicloudProviderLike } from "../provider";
import { AlibabaCloudRegionInfo, isCrossBorder } from "../catalog";
import {
  DashScopeValidationError,
  ValidationCode,
  ValidationIssue,
  addLazyValidation,
  checkName,
  checkProviderRegion,
  checkTags,
  isIssue,
  isToken,
  resolveRegion,
  show,
  throwIfIssues,
} from "../validation";
import { checkIntegerInRange } from "../validation/ranges";
import { BandwidthPlans } from "./bandwidth-plans";
import { checkAttachVpcOptions, checkCrossBorderLink, checkRegionKeys, findCidrOverlaps } from "./checks";
import {
  AddRegionOptions,
  AttachVpcOptions,
  DEFAULT_PEER_BANDWIDTH_MBPS,
  MIN_BANDWIDTH_PACKAGE_MBPS,
  PEER_BANDWIDTH_RANGE_MBPS,
  TransitRouterNetworkProps,
  TransitRouterRegion,
  TransitRouterVpcAttachmentInfo,
} from "./types";

/**
 * A hub-and-spoke CEN network on Enterprise Edition transit routers: one CEN (created, or imported
 * with `cenId`), one transit router per region (created, or imported), one peer link from the hub
 * to each spoke, and VPC attachments associated with and propagating to each region's route table.
 *
 * Every region's resources are managed through that region's provider; the CEN, its bandwidth
 * plans and the peer links through the hub's. Resources reference `transit_router_id` and
 * `transit_router_attachment_id`, never the composite `id`s of routers and attachments.
 *
 * Route-table associations and propagations carry explicit `depends_on` on their attachment (and
 * each propagation on its association), so `terraform destroy` unbinds them before it deletes the
 * attachment, and the router never sees two route-table changes on one attachment at once.
 *
 * @example
 * const network = new TransitRouterNetwork(this, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
 * network.addRegion("ap-northeast-1", tokyo);
 * network.attachVpc({ name: "endpoint", vpcId, regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16", zoneMappings });
 */
export class TransitRouterNetwork extends Construct {
  /** The CEN id (created or imported). */
  public readonly cenId: string;
  /** The created CEN; `undefined` when `cenId` imports one. */
  public readonly cen?: CenInstance;
  /** The hub region. */
  public readonly hub: TransitRouterRegion;

  private readonly props: TransitRouterNetworkProps;
  private readonly hubInfo: AlibabaCloudRegionInfo;
  private readonly peerBandwidthMbps: number;
  private readonly plans: BandwidthPlans;
  private readonly regionMap = new Map<string, TransitRouterRegion>();
  private readonly attachments: TransitRouterVpcAttachmentInfo[] = [];

  public constructor(scope: Construct, id: string, props: TransitRouterNetworkProps) {
    // Everything is checked before super(): a rejected network leaves nothing in the tree.
    const issues: ValidationIssue[] = [];
    const hubInfo = resolveRegion(props.hubRegion, "hubRegion");
    if (isIssue(hubInfo)) issues.push(hubInfo);
    else issues.push(...checkProviderRegion(props.hubProvider, props.hubRegion, "hubProvider"));
    if (props.cenId === undefined && props.transitRouterIds !== undefined) {
      issues.push({
        code: ValidationCode.PROPS_CONFLICT,
        problem: "transitRouterIds imports transit routers, but cenId is not set, so a new CEN would be created that those routers do not belong to",
        received: `transitRouterIds for ${show(Object.keys(props.transitRouterIds))} and no cenId`,
        allowed: "transitRouterIds together with the cenId of the CEN the routers belong to",
        fix: "pass cenId as well, or leave transitRouterIds out to create the routers",
      });
    }
    issues.push(...checkRegionKeys(props.transitRouterIds, "transitRouterIds"));
    issues.push(...checkRegionKeys(props.routeTableIds, "routeTableIds"));
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
    throwIfIssues(scope, id, issues);
    super(scope, id);

    this.props = props;
    this.hubInfo = hubInfo as AlibabaCloudRegionInfo;
    this.peerBandwidthMbps = props.peerBandwidthMbps ?? DEFAULT_PEER_BANDWIDTH_MBPS;
    if (props.cenId !== undefined) {
      this.cenId = props.cenId;
    } else {
      this.cen = new CenInstance(this, "Cen", {
        provider: props.hubProvider,
        cenInstanceName: props.cenName,
        description: props.cenDescription,
        tags: props.tags,
      });
      this.cenId = this.cen.id;
    }
    this.plans = new BandwidthPlans(this, {
      provider: props.hubProvider,
      cenId: this.cenId,
      cenCreated: this.cen !== undefined,
      crossBorder: props.crossBorder,
      peerBandwidthMbps: this.peerBandwidthMbps,
    });
    this.hub = this.createRegion(this.hubInfo, props.hubProvider, props.transitRouterIds?.[props.hubRegion]);
    addLazyValidation(this, () => [...findCidrOverlaps(this.attachments), ...this.plans.validate()]);
  }

  /** The hub region id. */
  public get hubRegion(): string {
    return this.hub.regionId;
  }

  /** Every region of the network, the hub first. */
  public get regions(): readonly TransitRouterRegion[] {
    return [...this.regionMap.values()];
  }

  /** Every VPC attachment, in the order they were made. */
  public get vpcAttachments(): readonly TransitRouterVpcAttachmentInfo[] {
    return [...this.attachments];
  }

  /** The region with this id, if it is the hub or was added. */
  public region(regionId: string): TransitRouterRegion | undefined {
    return this.regionMap.get(regionId);
  }

  /**
   * Adds a spoke region: its transit router (created, or imported) managed by `provider`, and one
   * peer link from the hub, associated with and propagating to the route tables on both sides.
   * Idempotent for the same region and provider; the hub region returns the hub.
   */
  public addRegion(regionId: string, provider: AlicloudProviderLike, options: AddRegionOptions = {}): TransitRouterRegion {
    const info = resolveRegion(regionId, `addRegion regionId`);
    if (isIssue(info)) return this.fail([info]);
    const known = this.regionMap.get(regionId);
    if (known) return this.reuseRegion(known, provider, options);

    const issues: ValidationIssue[] = [...checkProviderRegion(provider, regionId, `addRegion provider for ${regionId}`)];
    const importedId = options.transitRouterId ?? this.props.transitRouterIds?.[regionId];
    if (options.transitRouterId !== undefined && this.props.cenId === undefined) {
      issues.push({
        code: ValidationCode.PROPS_CONFLICT,
        problem: `addRegion(${show(regionId)}) imports transit router ${show(options.transitRouterId)}, but the network creates its own CEN, which that router does not belong to`,
        received: show(options.transitRouterId),
        allowed: "transitRouterId only on a network with cenId",
        fix: "pass cenId to the network, or leave transitRouterId out to create the router",
      });
    }
    const crossBorder = isCrossBorder(this.hubInfo, info);
    issues.push(...checkCrossBorderLink(this.hubInfo, info, this.props.crossBorder));
    if (issues.length > 0) return this.fail(issues);

    const explicitPlan = options.bandwidthPackageId;
    const plan = crossBorder || explicitPlan !== undefined ? this.plans.planFor(this.hubInfo, info, explicitPlan) : undefined;
    if (plan !== undefined && isIssue(plan)) return this.fail([plan]);

    const spoke = this.createRegion(info, provider, importedId);
    const peer = new CenTransitRouterPeerAttachment(this, `Peer-${regionId}`, {
      provider: this.props.hubProvider,
      cenId: this.cenId,
      transitRouterId: this.hub.transitRouterId,
      peerTransitRouterId: spoke.transitRouterId,
      peerTransitRouterRegionId: regionId,
      transitRouterPeerAttachmentName: `peer-${this.hubInfo.regionId}-${regionId}`,
      bandwidth: this.peerBandwidthMbps,
      ...(plan
        ? {
            bandwidthType: "BandwidthPackage",
            cenBandwidthPackageId: plan.bandwidthPackageId,
            // An imported CEN's plan is already attached: nothing to wait for, and no empty depends_on.
            ...(plan.dependsOn.length > 0 ? { dependsOn: plan.dependsOn } : {}),
          }
        : { bandwidthType: "DataTransfer" }),
      tags: this.props.tags,
    });
    const peerAttachmentId = peer.transitRouterAttachmentId;
    const hubSide = this.bindRouteTable(`Peer-${regionId}-Hub`, peer, peerAttachmentId, this.hub.routeTableId, this.props.hubProvider);
    const spokeSide = this.bindRouteTable(`Peer-${regionId}-Spoke`, peer, peerAttachmentId, spoke.routeTableId, provider);
    const region: TransitRouterRegion = {
      ...spoke,
      peerAttachment: peer,
      peerAttachmentId,
      peerRouting: {
        hubAssociation: hubSide.association,
        hubPropagation: hubSide.propagation,
        spokeAssociation: spokeSide.association,
        spokePropagation: spokeSide.propagation,
      },
      crossBorder,
      bandwidthPackageId: plan?.bandwidthPackageId,
    };
    this.regionMap.set(regionId, region);
    return region;
  }

  /**
   * Attaches a VPC to its region's transit router (managed by that region's provider) and
   * associates it with and propagates it to the region's route table.
   */
  public attachVpc(options: AttachVpcOptions): TransitRouterVpcAttachmentInfo {
    const info = resolveRegion(options.regionId, "attachVpc regionId");
    const issues: ValidationIssue[] = [];
    if (isIssue(info)) issues.push(info);
    const region = isIssue(info) ? undefined : this.regionMap.get(options.regionId);
    if (!isIssue(info) && !region) {
      issues.push({
        code: ValidationCode.PROVIDER_MISSING,
        problem: `attachVpc ${show(options.name)} is in region ${options.regionId}, which has no transit router and no provider in this network`,
        received: show(options.regionId),
        allowed: `the hub region or a region added with addRegion: ${show(this.regions.map((r) => r.regionId))}`,
        fix: `call addRegion(${show(options.regionId)}, provider) with the AlicloudProvider aliased to ${options.regionId} before attaching the VPC (or pass a provider for that region)`,
      });
    }
    issues.push(...checkAttachVpcOptions(options, isIssue(info) ? undefined : info));
    const sameName = this.attachments.find((a) => a.name === options.name);
    if (sameName) {
      issues.push({
        code: ValidationCode.DUPLICATE,
        problem: `attachVpc name ${show(options.name)} is already used by the attachment of ${sameName.vpcId}`,
        received: show(options.name),
        allowed: "a name per attachment, unique in the network",
        fix: "give each attachment its own name",
      });
    }
    const sameVpc = this.attachments.find((a) => a.vpcId === options.vpcId);
    if (sameVpc) {
      issues.push({
        code: ValidationCode.DUPLICATE,
        problem: `attachVpc ${show(options.name)} attaches VPC ${options.vpcId}, which is already attached as ${show(sameVpc.name)}; a VPC attaches to a transit router once`,
        received: show(options.vpcId),
        allowed: "each VPC at most once",
        fix: `reuse the attachment ${show(sameVpc.name)} instead of attaching the VPC again`,
      });
    }
    if (issues.length > 0 || !region) return this.fail(issues);

    const id = `Vpc-${options.name}`;
    const mappings = options.zoneMappings;
    if (!isToken(mappings) && mappings.length === 1) {
      Annotations.of(this).addWarning(
        `attachVpc ${show(options.name)} maps a single zone: the transit router's ENIs in that VPC have no second zone to fail over to. Add a vSwitch in a second zone for high availability.`,
      );
    }
    const attachment = new CenTransitRouterVpcAttachment(this, id, {
      provider: region.provider,
      cenId: this.cenId,
      transitRouterId: region.transitRouterId,
      vpcId: options.vpcId,
      transitRouterVpcAttachmentName: options.name,
      autoPublishRouteEnabled: this.props.autoPublishRouteEnabled ?? true,
      zoneMappings: mappings.map((m) => ({ zoneId: m.zoneId, vswitchId: m.vSwitchId })),
      tags: this.props.tags,
    });
    const transitRouterAttachmentId = attachment.transitRouterAttachmentId;
    const routeTableId = options.routeTableId ?? region.routeTableId;
    const bound = this.bindRouteTable(id, attachment, transitRouterAttachmentId, routeTableId, region.provider);
    const result: TransitRouterVpcAttachmentInfo = {
      name: options.name,
      regionId: options.regionId,
      vpcId: options.vpcId,
      vpcCidrBlock: options.vpcCidrBlock,
      transitRouterAttachmentId,
      routeTableId,
      attachment,
      association: bound.association,
      propagation: bound.propagation,
    };
    this.attachments.push(result);
    return result;
  }

  private createRegion(info: AlibabaCloudRegionInfo, provider: AlicloudProviderLike, importedId: string | undefined): TransitRouterRegion {
    const regionId = info.regionId;
    let transitRouter: CenTransitRouter | undefined;
    let transitRouterId: string;
    if (importedId !== undefined) {
      transitRouterId = importedId;
    } else {
      transitRouter = new CenTransitRouter(this, `Tr-${regionId}`, { provider, cenId: this.cenId, tags: this.props.tags });
      transitRouterId = transitRouter.transitRouterId;
    }
    let routeTables: DataAlicloudCenTransitRouterRouteTables | undefined;
    let routeTableId = this.props.routeTableIds?.[regionId];
    if (routeTableId === undefined) {
      routeTables = new DataAlicloudCenTransitRouterRouteTables(this, `RouteTables-${regionId}`, {
        provider,
        transitRouterId,
        transitRouterRouteTableType: "System",
      });
      routeTableId = routeTables.tables.get(0).transitRouterRouteTableId;
    }
    const region: TransitRouterRegion = {
      regionId,
      provider,
      isHub: this.regionMap.size === 0,
      transitRouterId,
      routeTableId,
      transitRouter,
      routeTables,
      crossBorder: false,
    };
    this.regionMap.set(regionId, region);
    return region;
  }

  private reuseRegion(known: TransitRouterRegion, provider: AlicloudProviderLike, options: AddRegionOptions): TransitRouterRegion {
    const issues: ValidationIssue[] = [];
    if (known.provider !== provider) {
      issues.push({
        code: ValidationCode.DUPLICATE,
        problem: `addRegion(${show(known.regionId)}) was already called with provider ${known.provider.node.path}; a region has one transit router and one provider in a network`,
        received: `provider ${provider.node.path}`,
        allowed: `the provider the region was first added with (${known.provider.node.path})`,
        fix: "create one aliased provider per region and pass that same instance every time",
      });
    }
    const importedBefore = known.transitRouter === undefined ? known.transitRouterId : undefined;
    if (options.transitRouterId !== undefined && options.transitRouterId !== importedBefore) {
      issues.push({
        code: ValidationCode.PROPS_CONFLICT,
        problem: `addRegion(${show(known.regionId)}) names transit router ${show(options.transitRouterId)}, but the region already has ${importedBefore === undefined ? "a router created by this network" : `router ${show(importedBefore)}`}`,
        received: show(options.transitRouterId),
        allowed: "the same router every time the region is added",
        fix: "pass the same transitRouterId each time (or none after the first call)",
      });
    }
    if (options.bandwidthPackageId !== undefined && options.bandwidthPackageId !== known.bandwidthPackageId) {
      issues.push({
        code: ValidationCode.PROPS_CONFLICT,
        problem: `addRegion(${show(known.regionId)}) names bandwidth plan ${show(options.bandwidthPackageId)}, but the region's link was already set up ${known.isHub ? "(the hub has no link)" : `with ${known.bandwidthPackageId === undefined ? "pay-by-data-transfer bandwidth" : `plan ${show(known.bandwidthPackageId)}`}`}`,
        received: show(options.bandwidthPackageId),
        allowed: "the same plan every time the region is added",
        fix: "pass bandwidthPackageId on the first addRegion call for the region only",
      });
    }
    return issues.length > 0 ? this.fail(issues) : known;
  }

  /** One association + one propagation of an attachment on a route table, with teardown-order dependencies. */
  private bindRouteTable(
    id: string,
    attachment: ITerraformDependable,
    transitRouterAttachmentId: string,
    transitRouterRouteTableId: string,
    provider: AlicloudProviderLike,
  ): { association: CenTransitRouterRouteTableAssociation; propagation: CenTransitRouterRouteTablePropagation } {
    const association = new CenTransitRouterRouteTableAssociation(this, `${id}-Association`, {
      provider,
      transitRouterAttachmentId,
      transitRouterRouteTableId,
      dependsOn: [attachment],
    });
    const propagation = new CenTransitRouterRouteTablePropagation(this, `${id}-Propagation`, {
      provider,
      transitRouterAttachmentId,
      transitRouterRouteTableId,
      dependsOn: [attachment, association],
    });
    return { association, propagation };
  }

  private fail(issues: readonly ValidationIssue[]): never {
    throw new DashScopeValidationError(this.node.path, issues);
  }
}
