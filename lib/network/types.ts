/**
 * The props, options and results of {@link TransitRouterNetwork}. Kept apart from the construct so
 * the construct file holds only its logic.
 */
import { CenTransitRouter } from "../../.gen/providers/alicloud/cen-transit-router";
import { CenTransitRouterGrantAttachment } from "../../.gen/providers/alicloud/cen-transit-router-grant-attachment";
import { CenTransitRouterPeerAttachment } from "../../.gen/providers/alicloud/cen-transit-router-peer-attachment";
import { CenTransitRouterRouteTableAssociation } from "../../.gen/providers/alicloud/cen-transit-router-route-table-association";
import { CenTransitRouterRouteTablePropagation } from "../../.gen/providers/alicloud/cen-transit-router-route-table-propagation";
import { CenTransitRouterVpcAttachment } from "../../.gen/providers/alicloud/cen-transit-router-vpc-attachment";
import { DataAlicloudCenTransitRouterAvailableResources } from "../../.gen/providers/alicloud/data-alicloud-cen-transit-router-available-resources";
import { DataAlicloudCenTransitRouterRouteTables } from "../../.gen/providers/alicloud/data-alicloud-cen-transit-router-route-tables";
import { AlicloudProviderLike } from "../provider";

/** The default throttle of a pay-by-data-transfer peer link, in Mbit/s. */
export const DEFAULT_PEER_BANDWIDTH_MBPS = 10;
/** The range this library accepts for a peer link's `bandwidth`, in Mbit/s. (Internal: not part of the public API.) @internal */
export const PEER_BANDWIDTH_RANGE_MBPS = { min: 1, max: 10000 } as const;
/** The smallest CEN bandwidth plan Alibaba Cloud sells, in Mbit/s. (Internal: not part of the public API.) @internal */
export const MIN_BANDWIDTH_PACKAGE_MBPS = 2;

/** Payment types of `alicloud_cen_bandwidth_package`. */
export type CenBandwidthPackagePaymentType = "PrePaid" | "PostPaid";

/** Links across the border of the Chinese mainland. */
export interface TransitRouterCrossBorderProps {
  /**
   * Confirms that the Alibaba Cloud account has completed enterprise (real-name) verification,
   * which Alibaba requires before it connects networks across the border of the Chinese mainland.
   * Without `true`, adding a region whose link crosses the border throws
   * `DSPL_CROSS_BORDER_UNACKNOWLEDGED`.
   */
  readonly acknowledgeCompliance: boolean;
  /**
   * An existing CEN bandwidth plan for every cross-border link (its geographic areas must match the
   * link's). When the network creates its CEN, it attaches the plan to it; when `cenId` imports a
   * CEN, the plan must already be attached to that CEN. One plan covers one pair of areas: for
   * links to several areas give each link its own with `addRegion(..., { bandwidthPackageId })`.
   * @default - one plan is created per pair of geographic areas (see `bandwidthPackagePaymentType`)
   */
  readonly bandwidthPackageId?: string;
  /**
   * The bandwidth of each plan the network creates, in Mbit/s (at least 2).
   * @default - the sum of the peer bandwidths of the links on that plan, at least 2
   */
  readonly bandwidthPackageMbps?: number;
  /**
   * How created plans are paid. `PrePaid` (subscription, one month, auto-renewed) is what Alibaba
   * sells to every account, but a subscription plan cannot be deleted before it expires, so
   * `terraform destroy` fails on it; `PostPaid` plans are granted on application (by ticket).
   * For a long-lived landing zone buy the plan outside this stack and pass `bandwidthPackageId`.
   * @default "PrePaid"
   */
  readonly bandwidthPackagePaymentType?: CenBandwidthPackagePaymentType;
}

export interface TransitRouterNetworkProps {
  /** The hub region (the endpoint's), as a literal region id, e.g. `ap-southeast-1`. */
  readonly hubRegion: string;
  /** The provider aliased to `hubRegion`. It also manages the CEN, its bandwidth plans and every peer link. */
  readonly hubProvider: AlicloudProviderLike;
  /**
   * An existing CEN instance to use instead of creating one.
   * @default - a CEN instance is created
   */
  readonly cenId?: string;
  /**
   * The name of the created CEN instance.
   * @default - none (Alibaba shows the id)
   */
  readonly cenName?: string;
  /**
   * The description of the created CEN instance.
   * @default - none
   */
  readonly cenDescription?: string;
  /**
   * Tags for the created CEN, transit routers and attachments.
   * @default - none
   */
  readonly tags?: Record<string, string>;
  /**
   * Existing transit routers by region id; no `alicloud_cen_transit_router` is created for these
   * regions. Only valid together with `cenId`.
   * @default - a transit router is created in every region
   */
  readonly transitRouterIds?: Record<string, string>;
  /**
   * Custom transit router route tables by region id: attachments of that region are associated
   * with and propagate to this table instead of the router's system table.
   * @default - the system table, read with the `alicloud_cen_transit_router_route_tables` data source
   */
  readonly routeTableIds?: Record<string, string>;
  /**
   * Existing hub-to-spoke peer attachments by spoke region id (`tr-attach-...`): for these regions no
   * peer attachment, association or propagation is created; the link is the landing zone's.
   * Every key must be a region of this network.
   * @default - a peer link is created for every spoke region
   */
  readonly peerAttachmentIds?: Record<string, string>;
  /**
   * With `cenId`, whether a region missing from `transitRouterIds` may get a new transit router.
   * Alibaba allows one transit router per region per CEN, so an existing CEN's region without an
   * id is an error (`DSPL_TRANSIT_ROUTER_MISSING`) unless this says creating one is intended.
   * @default false
   */
  readonly createTransitRouters?: boolean;
  /**
   * The Alibaba Cloud account UID (16 digits) that owns the CEN: the grant of a VPC of another
   * account names it (`cen_owner_id`). Required as soon as an attachment has `ownerAccountId`.
   * @default - unknown: cross-account attachments are rejected
   */
  readonly ownerAccountId?: string;
  /**
   * Plan-time checks: each created VPC attachment gets a `precondition` that its zones are offered
   * by the region's transit router (`alicloud_cen_transit_router_available_resources`).
   * @default false
   */
  readonly preflight?: boolean;
  /**
   * The bandwidth of each hub-to-spoke link in Mbit/s, from 1 to 10000: the throttle of a
   * pay-by-data-transfer link, or the share of the bandwidth plan for a plan-backed one.
   * @default 10
   */
  readonly peerBandwidthMbps?: number;
  /**
   * Required (with `acknowledgeCompliance: true`) as soon as a link crosses the border of the
   * Chinese mainland.
   * @default - links across the border are rejected
   */
  readonly crossBorder?: TransitRouterCrossBorderProps;
  /**
   * Whether the transit router advertises the routes it learns to each attached VPC's route tables.
   * @default true
   */
  readonly autoPublishRouteEnabled?: boolean;
}

export interface AddRegionOptions {
  /**
   * An existing transit router of this region (requires `cenId` on the network).
   * @default - the router named in `transitRouterIds`, else one is created
   */
  readonly transitRouterId?: string;
  /**
   * A CEN bandwidth plan for this region's link to the hub. A link with a plan is always
   * plan-backed, even when it stays inside the mainland.
   * @default - `crossBorder.bandwidthPackageId` for a cross-border link, else pay-by-data-transfer
   */
  readonly bandwidthPackageId?: string;
}

/** The route-table resources of a peer link: one association and one propagation per side. */
export interface TransitRouterPeerRouting {
  readonly hubAssociation: CenTransitRouterRouteTableAssociation;
  readonly hubPropagation: CenTransitRouterRouteTablePropagation;
  readonly spokeAssociation: CenTransitRouterRouteTableAssociation;
  readonly spokePropagation: CenTransitRouterRouteTablePropagation;
}

/** A region of the network: its transit router and route table, and (for a spoke) its link to the hub. */
export interface TransitRouterRegion {
  readonly regionId: string;
  /** The provider that manages this region's router, attachments and route-table bindings. */
  readonly provider: AlicloudProviderLike;
  /** Whether this is the hub region. */
  readonly isHub: boolean;
  /** The transit router id (`transit_router_id`, never the composite `id`). */
  readonly transitRouterId: string;
  /** The route table attachments of this region are associated with and propagate to. */
  readonly routeTableId: string;
  /** The created router; `undefined` when imported. */
  readonly transitRouter?: CenTransitRouter;
  /** The zones the region's transit router offers, read at plan (with `preflight`). */
  readonly availableResources?: DataAlicloudCenTransitRouterAvailableResources;
  /** The system route table lookup; `undefined` when `routeTableIds` names this region's table. */
  readonly routeTables?: DataAlicloudCenTransitRouterRouteTables;
  /** `transit_router_attachment_id` of the hub-to-spoke link (created or adopted); `undefined` for the hub. */
  readonly peerAttachmentId?: string;
  /** The hub-to-spoke link; `undefined` for the hub and for an adopted link (`peerAttachmentIds`). */
  readonly peerAttachment?: CenTransitRouterPeerAttachment;
  /** The link's route-table resources; `undefined` for the hub and for an adopted link. */
  readonly peerRouting?: TransitRouterPeerRouting;
  /** Whether the link to the hub crosses the border of the Chinese mainland. */
  readonly crossBorder: boolean;
  /** The bandwidth plan of the link, when it is plan-backed. */
  readonly bandwidthPackageId?: string;
}

/** One vSwitch of a VPC attachment, in the zone the transit router uses it in. */
export interface TransitRouterZoneMapping {
  readonly zoneId: string;
  readonly vSwitchId: string;
}

export interface AttachVpcOptions {
  /**
   * A unique, literal name: the attachment's name in Alibaba Cloud and part of its Terraform
   * address (`Vpc-<name>`), so renaming it replaces the attachment.
   */
  readonly name: string;
  readonly vpcId: string;
  /** The VPC's region: the hub region or one added with `addRegion`. */
  readonly regionId: string;
  /** The VPC's CIDR block, checked against every other attached VPC for overlaps. */
  readonly vpcCidrBlock: string;
  /**
   * The vSwitches the transit router puts its ENIs in, one per zone. At least one; two zones are
   * recommended (a single zone is a single point of failure and draws a warning).
   * @default - `zoneMappings` (deprecated); one of the two is required
   */
  readonly vSwitches?: readonly TransitRouterZoneMapping[];
  /**
   * @deprecated use `vSwitches` (the same list under the name every other construct uses); kept for one minor version.
   * @default - `vSwitches`
   */
  readonly zoneMappings?: readonly TransitRouterZoneMapping[];
  /**
   * The route table to associate with and propagate to.
   * @default - the region's table (`routeTableIds`, else the system table)
   */
  readonly routeTableId?: string;
  /**
   * The VPC is already attached to its region's transit router (`tr-attach-...`): no attachment,
   * association or propagation is created; the id is what `transitRouterAttachmentId` returns.
   * @default - a new attachment, associated with and propagating to the region's route table
   */
  readonly transitRouterAttachmentId?: string;
  /**
   * The UID of the account that owns the VPC when it is not the CEN owner's: the grant of the VPC
   * to the CEN is created in that account (with `ownerProvider`) and the attachment sets
   * `vpc_owner_id`. Needs the network's `ownerAccountId`.
   * @default - the VPC belongs to the CEN owner's account
   */
  readonly ownerAccountId?: string;
  /**
   * The provider of the VPC owner's account in the VPC's region (e.g. with `assume_role`): it
   * creates the grant. Required with `ownerAccountId`.
   * @default - none
   */
  readonly ownerProvider?: AlicloudProviderLike;
  /**
   * Who pays for a cross-account attachment (the grant and the attachment say the same).
   * @default "PayByCenOwner"
   */
  readonly orderType?: "PayByCenOwner" | "PayByResourceOwner";
}

/** What `attachVpc` created. */
export interface TransitRouterVpcAttachmentInfo {
  readonly name: string;
  readonly regionId: string;
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
  /** `transit_router_attachment_id` (never the composite `id`). */
  readonly transitRouterAttachmentId: string;
  readonly routeTableId: string;
  /** The created attachment; `undefined` when adopted (`transitRouterAttachmentId`). */
  readonly attachment?: CenTransitRouterVpcAttachment;
  /** `undefined` when the attachment is adopted. */
  readonly association?: CenTransitRouterRouteTableAssociation;
  /** `undefined` when the attachment is adopted. */
  readonly propagation?: CenTransitRouterRouteTablePropagation;
  /** The grant in the VPC owner's account, for a cross-account attachment. */
  readonly grant?: CenTransitRouterGrantAttachment;
  /** Whether the attachment was adopted rather than created. */
  readonly adopted: boolean;
}
