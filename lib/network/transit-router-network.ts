import { Construct } from "constructs";
import { CenInstance } from "../../.gen/providers/alicloud/cen-instance";
import { CenTransitRouter } from "../../.gen/providers/alicloud/cen-transit-router";
import { CenTransitRouterPeerAttachment } from "../../.gen/providers/alicloud/cen-transit-router-peer-attachment";
import { DataAlicloudCenTransitRouterAvailableResources } from "../../.gen/providers/alicloud/data-alicloud-cen-transit-router-available-resources";
import { DataAlicloudCenTransitRouterRouteTables } from "../../.gen/providers/alicloud/data-alicloud-cen-transit-router-route-tables";
import { AlicloudProviderLike } from "../provider";
import { AlibabaCloudRegionInfo, isCrossBorder } from "../catalog";
import {
  DashScopeValidationError,
  ValidationCode,
  ValidationIssue,
  addLazyValidation,
  checkProviderRegion,
  checkResourceId,
  isIssue,
  issue,
  resolveRegion,
  show,
  throwIfIssues,
} from "../validation";
import { BandwidthPlans } from "./bandwidth-plans";
import {
  checkAttachVpcOptions,
  checkAttachmentOwnership,
  checkCrossBorderLink,
  checkKeysInNetwork,
  checkNetworkProps,
  checkTransitRouterNamed,
  findCidrOverlaps,
} from "./checks";
import {
  AddRegionOptions,
  AttachVpcOptions,
  DEFAULT_PEER_BANDWIDTH_MBPS,
  TransitRouterNetworkProps,
  TransitRouterRegion,
  TransitRouterVpcAttachmentInfo,
} from "./types";
import { bindRouteTable, checkReusedRegion, createVpcAttachment } from "./vpc-attachments";

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
 * network.attachVpc({ name: "endpoint", vpcId, regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16", vSwitches });
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
  /** The attachments by name (in attach order) and by VPC id: `attachVpc`'s duplicate checks look them up instead of scanning a list (2,000 requesters would make that quadratic). */
  private readonly attachmentsByName = new Map<string, TransitRouterVpcAttachmentInfo>();
  private readonly attachmentsByVpcId = new Map<string, TransitRouterVpcAttachmentInfo>();

  public constructor(scope: Construct, id: string, props: TransitRouterNetworkProps) {
    // Everything is checked before super(): a rejected network leaves nothing in the tree.
    const { issues, hubInfo } = checkNetworkProps(props);
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
    addLazyValidation(this, () => {
      const regionIds = this.regions.map((r) => r.regionId);
      return [
        ...findCidrOverlaps([...this.attachmentsByName.values()]),
        ...this.plans.validate(),
        ...checkKeysInNetwork(props.transitRouterIds, "transitRouterIds", regionIds),
        ...checkKeysInNetwork(props.routeTableIds, "routeTableIds", regionIds),
        ...checkKeysInNetwork(props.peerAttachmentIds, "peerAttachmentIds", regionIds),
      ];
    });
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
    return [...this.attachmentsByName.values()];
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
    const issues = this.checkAddRegion(regionId, provider, options);
    if (issues.length > 0) this.fail(issues);
    const known = this.regionMap.get(regionId);
    if (known) return known;
    const info = resolveRegion(regionId, "addRegion regionId") as AlibabaCloudRegionInfo;
    const importedId = options.transitRouterId ?? this.props.transitRouterIds?.[regionId];
    const crossBorder = isCrossBorder(this.hubInfo, info);
    const adoptedPeer = this.props.peerAttachmentIds?.[regionId];
    const explicitPlan = options.bandwidthPackageId;
    const plan =
      adoptedPeer === undefined && (crossBorder || explicitPlan !== undefined) ? this.plans.planFor(this.hubInfo, info, explicitPlan) : undefined;

    const spoke = this.createRegion(info, provider, importedId);
    if (adoptedPeer !== undefined) {
      // The landing zone's own link: nothing is created for it, and its routing is the landing zone's.
      const region: TransitRouterRegion = { ...spoke, peerAttachmentId: adoptedPeer, crossBorder };
      this.regionMap.set(regionId, region);
      return region;
    }
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
    const hubSide = bindRouteTable(this, `Peer-${regionId}-Hub`, peer, peerAttachmentId, this.hub.routeTableId, this.props.hubProvider);
    const spokeSide = bindRouteTable(this, `Peer-${regionId}-Spoke`, peer, peerAttachmentId, spoke.routeTableId, provider);
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

  /** The issues `addRegion` would throw for these arguments (empty when it would succeed); creates nothing. */
  public checkAddRegion(regionId: string, provider: AlicloudProviderLike, options: AddRegionOptions = {}): ValidationIssue[] {
    const info = resolveRegion(regionId, `addRegion regionId`);
    if (isIssue(info)) return [info];
    const known = this.regionMap.get(regionId);
    if (known) return checkReusedRegion(known, provider, options);
    const issues: ValidationIssue[] = [...checkProviderRegion(provider, regionId, `addRegion provider for ${regionId}`)];
    issues.push(...checkResourceId(options.transitRouterId, "transitRouter", `addRegion(${show(regionId)}) transitRouterId`));
    if (options.transitRouterId !== undefined && this.props.cenId === undefined) {
      issues.push(
        issue(
          ValidationCode.PROPS_CONFLICT,
          `addRegion(${show(regionId)}) imports transit router ${show(options.transitRouterId)}, but the network creates its own CEN, which that router does not belong to`,
          show(options.transitRouterId),
          "transitRouterId only on a network with cenId",
          "pass cenId to the network, or leave transitRouterId out to create the router",
        ),
      );
    }
    issues.push(...checkTransitRouterNamed(this.props, regionId, options.transitRouterId));
    if (this.props.peerAttachmentIds?.[regionId] === undefined) {
      issues.push(...checkCrossBorderLink(this.hubInfo, info, this.props.crossBorder));
      if (issues.length === 0 && isCrossBorder(this.hubInfo, info)) { // an explicit bandwidthPackageId never stops a link
        const stop = this.plans.check(this.hubInfo, info, options.bandwidthPackageId);
        if (stop) issues.push(stop);
      }
    }
    return issues;
  }

  /**
   * Attaches a VPC to its region's transit router (managed by that region's provider) and
   * associates it with and propagates it to the region's route table.
   */
  public attachVpc(options: AttachVpcOptions): TransitRouterVpcAttachmentInfo {
    const issues = this.checkAttachVpc(options);
    if (issues.length > 0) this.fail(issues);
    const region = this.regionMap.get(options.regionId)!;
    const result = createVpcAttachment(this, {
      options,
      region,
      cenId: this.cenId,
      cenOwnerAccountId: this.props.ownerAccountId,
      autoPublishRouteEnabled: this.props.autoPublishRouteEnabled ?? true,
      tags: this.props.tags,
    });
    this.attachmentsByName.set(result.name, result);
    this.attachmentsByVpcId.set(result.vpcId, result);
    return result;
  }

  /**
   * The issues `attachVpc` would throw for these options (empty when it would succeed); creates
   * nothing. `regionToBeAdded` checks as if `addRegion(options.regionId, ...)` had been called.
   */
  public checkAttachVpc(options: AttachVpcOptions, regionToBeAdded = false): ValidationIssue[] {
    const info = resolveRegion(options.regionId, "attachVpc regionId");
    const issues: ValidationIssue[] = [];
    if (isIssue(info)) issues.push(info);
    const region = isIssue(info) ? undefined : this.regionMap.get(options.regionId);
    if (!isIssue(info) && !region && !regionToBeAdded) {
      issues.push(
        issue(
          ValidationCode.PROVIDER_MISSING,
          `attachVpc ${show(options.name)} is in region ${options.regionId}, which has no transit router and no provider in this network`,
          show(options.regionId),
          `the hub region or a region added with addRegion: ${show(this.regions.map((r) => r.regionId))}`,
          `call addRegion(${show(options.regionId)}, provider) with the AlicloudProvider aliased to ${options.regionId} before attaching the VPC (or pass a provider for that region)`,
        ),
      );
    }
    issues.push(...checkAttachVpcOptions(options, isIssue(info) ? undefined : info));
    issues.push(...checkAttachmentOwnership(options, this.props));
    const sameName = this.attachmentsByName.get(options.name);
    if (sameName) {
      issues.push(
        issue(
          ValidationCode.NAME_DUPLICATE,
          `attachVpc name ${show(options.name)} is already used by the attachment of ${sameName.vpcId}`,
          show(options.name),
          "a name per attachment, unique in the network",
          "give each attachment its own name",
        ),
      );
    }
    const sameVpc = this.attachmentsByVpcId.get(options.vpcId);
    if (sameVpc) {
      issues.push(
        issue(
          ValidationCode.VPC_DUPLICATE,
          `attachVpc ${show(options.name)} attaches VPC ${options.vpcId}, which is already attached as ${show(sameVpc.name)}; a VPC attaches to a transit router once`,
          show(options.vpcId),
          "each VPC at most once",
          `reuse the attachment ${show(sameVpc.name)} instead of attaching the VPC again`,
        ),
      );
    }
    return issues;
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
    const availableResources = this.props.preflight
      ? new DataAlicloudCenTransitRouterAvailableResources(this, `AvailableResources-${regionId}`, { provider })
      : undefined;
    const region: TransitRouterRegion = {
      regionId,
      provider,
      availableResources,
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

  private fail(issues: readonly ValidationIssue[]): never {
    throw new DashScopeValidationError(this.node.path, issues);
  }
}
