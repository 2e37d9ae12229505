import { AlicloudProviderLike } from "../provider";
import { DashScopeEndpointProps } from "../endpoint";
import { PrivateZoneVpcBinding } from "../dns";
import { TransitRouterCrossBorderProps, TransitRouterZoneMapping } from "../network";

/**
 * Where the endpoint lives, plus every option of `DashScopeEndpoint` (passed through unchanged).
 * The endpoint's region is the hub of the CEN network.
 */
export interface DashScopeAccessEndpointProps extends DashScopeEndpointProps {
  /** The aliased provider of the endpoint's (hub) region: it manages the endpoint, the hub router, the peer links and the Private Zone. */
  readonly provider: AlicloudProviderLike;
  /**
   * The vSwitches of the endpoint VPC's transit router attachment, when they differ from the
   * endpoint's (landing zones often give the transit router small dedicated vSwitches, in zones the
   * router supports).
   * @default - the endpoint's `vSwitches`
   */
  readonly transitRouterVSwitches?: readonly TransitRouterZoneMapping[];
  /**
   * The endpoint VPC is already attached to the hub's transit router (`tr-attach-...`): no
   * attachment, association or propagation is created for it.
   * @default - the endpoint VPC is attached by this construct
   */
  readonly transitRouterAttachmentId?: string;
  /**
   * The UID of the account that owns the endpoint, its VPC and the Private Zone (a shared-services
   * account), when it is not the CEN owner's: the endpoint VPC is then granted to the CEN from this
   * account (with `provider`), and requesters of this account need no zone authorization.
   * @default - the CEN owner's account
   */
  readonly ownerAccountId?: string;
}

/** A VPC that calls Model Studio through the endpoint, in any region. */
export interface DashScopeRequester {
  /**
   * A short literal name, unique among the requesters: it names the transit router attachment, the
   * security group rules' descriptions and the Terraform addresses (`Vpc-<name>`), so keep it stable.
   */
  readonly name: string;
  /**
   * The aliased provider of the requester's region, for the account that owns the VPC (with
   * `ownerAccountId`, e.g. through `assume_role`). Without `ownerAccountId` it also manages the
   * region's transit router and the attachment: then one instance per region.
   */
  readonly provider: AlicloudProviderLike;
  /**
   * The requester's region id, a literal (e.g. `ap-northeast-1`).
   * @default - `region` (deprecated); one of the two is required
   */
  readonly regionId?: string;
  /**
   * @deprecated use `regionId` (the name every other construct uses); kept for one minor version.
   * @default - `regionId`
   */
  readonly region?: string;
  /**
   * The VPC is already attached to its region's transit router (`tr-attach-...`): no attachment,
   * association or propagation is created; it still gets the security-group ingress and the
   * Private Zone binding.
   * @default - a new attachment
   */
  readonly transitRouterAttachmentId?: string;
  /**
   * The UID (16 digits) of the account that owns the VPC, when it is not the CEN owner's: the VPC is
   * granted to the CEN in that account (with `provider`), attached with `vpc_owner_id` by the CEN
   * owner (`cen.providers[regionId]`), and authorized for the Private Zone by the zone owner.
   * Needs `cen.ownerAccountId`.
   * @default - the CEN owner's account
   */
  readonly ownerAccountId?: string;
  /** The requester VPC. */
  readonly vpcId: string;
  /** The requester VPC's CIDR block: opened on the endpoint's ports, and checked for overlap with every other VPC. */
  readonly vpcCidrBlock: string;
  /**
   * The vSwitches the transit router attachment places its ENIs in: one per zone, two zones recommended.
   * An adopted requester (`transitRouterAttachmentId`) needs none; those given are still checked.
   * @default - none: required unless `transitRouterAttachmentId` is set
   */
  readonly vSwitches?: readonly TransitRouterZoneMapping[];
}

/** The CEN to use: created by default, or the landing zone's own. */
export interface DashScopeAccessCenProps {
  /**
   * An existing CEN instance (owned, say, by a network account).
   * @default - a new CEN instance is created
   */
  readonly cenId?: string;
  /**
   * Existing transit routers by region id (requires `cenId`).
   * @default - a transit router is created in each region that needs one
   */
  readonly transitRouterIds?: Record<string, string>;
  /**
   * Custom transit router route tables by region id.
   * @default - each router's system route table
   */
  readonly routeTableIds?: Record<string, string>;
  /**
   * The name of the CEN instance this construct creates.
   * @default - none
   */
  readonly cenName?: string;
  /**
   * The bandwidth of each pay-by-data-transfer peer link, in Mbit/s.
   * @default 10
   */
  readonly peerBandwidthMbps?: number;
  /**
   * Existing peer attachments from the hub by spoke region id (`tr-attach-...`): no new peer link,
   * association or propagation for those regions.
   * @default - a peer link per spoke region
   */
  readonly peerAttachmentIds?: Record<string, string>;
  /**
   * With `cenId`: whether a region missing from `transitRouterIds` may get a new transit router.
   * @default false (a coded error names the region)
   */
  readonly createTransitRouters?: boolean;
  /**
   * The UID (16 digits) of the account that owns the CEN: the grants of other accounts' VPCs name it.
   * @default - unknown; required by any `ownerAccountId`
   */
  readonly ownerAccountId?: string;
  /**
   * The CEN owner's providers by region id: they manage that region's transit router, attachments
   * and route tables (the hub's also the peer links). Needed for every region with a requester of
   * another account, whose own provider cannot act for the CEN owner.
   * @default - the endpoint's provider for the hub, each requester's provider for its region
   */
  readonly providers?: Record<string, AlicloudProviderLike>;
}

/** The Private Zone: created, or the landing zone's own. */
export interface DashScopeAccessPrivateZoneProps {
  /**
   * The zone name.
   * @default - the endpoint's custom domain
   */
  readonly zoneName?: string;
  /**
   * The TTL of the CNAME record, in seconds.
   * @default 60
   */
  readonly recordTtl?: number;
  /**
   * Bind the endpoint's own VPC too (see `DashScopePrivateAccessProps.privateZone`).
   * @default false
   */
  readonly bindEndpointVpc?: boolean;
  /**
   * An existing zone for the custom domain: see `DashScopePrivateZoneProps.zoneId` (one owner of its
   * VPC list; list the VPCs bound today in `keepVpcs`).
   * @default - a new zone
   */
  readonly zoneId?: string;
  /**
   * VPCs already bound to the adopted zone that must stay bound.
   * @default - none
   */
  readonly keepVpcs?: PrivateZoneVpcBinding[];
  /**
   * Alibaba's VPCs-per-zone quota (dated data: 100 in April 2024); set it when yours was raised.
   * @default 100
   */
  readonly maxVpcsPerZone?: number;
  /**
   * Alibaba's accounts-per-zone quota (dated data: 200 in April 2024).
   * @default 200
   */
  readonly maxAccountsPerZone?: number;
  /**
   * The UID (16 digits) of the account that owns the zone, when it is not the endpoint's: the zone
   * owner authorizes every other account whose VPC it binds, and never its own. Required
   * (`DSPL_ZONE_OWNER_MISSING`) when `provider` is another provider than the endpoint's and any
   * `ownerAccountId` is given.
   * @default - `endpoint.ownerAccountId`, else `cen.ownerAccountId`
   */
  readonly ownerAccountId?: string;
  /**
   * The zone owner's provider.
   * @default - the endpoint's provider
   */
  readonly provider?: AlicloudProviderLike;
}

export interface DashScopePrivateAccessProps {
  /** The endpoint: its region, VPC, vSwitches and provider, and any `DashScopeEndpoint` option. */
  readonly endpoint: DashScopeAccessEndpointProps;
  /**
   * The VPCs that call the endpoint. Each is attached to its region's transit router, opened on the
   * endpoint's security group and bound to the Private Zone. More can be added with `addRequester`.
   * @default - none: only the endpoint is created, for callers inside its own VPC
   */
  readonly requesters?: DashScopeRequester[];
  /**
   * The CEN to connect the VPCs with.
   * @default - a new CEN instance with one transit router per region
   */
  readonly cen?: DashScopeAccessCenProps;
  /**
   * Links across the Chinese mainland border (e.g. an endpoint in `ap-southeast-1` and a requester in
   * `cn-hangzhou`) need the account's enterprise verification, acknowledged here, and a CEN
   * bandwidth plan (given, or created).
   * @default - a cross-border requester fails synth with DSPL_CROSS_BORDER_UNACKNOWLEDGED
   */
  readonly crossBorder?: TransitRouterCrossBorderProps;
  /**
   * The Private Zone's name, record TTL, and whether to bind the endpoint's own VPC too.
   *
   * `bindEndpointVpc`: the service answers the custom domain inside the endpoint's VPC when the
   * endpoint's "custom domain name" switch is on. aliyun/alicloud 1.289 has no argument for that
   * switch, so if `dashscope-verify` run inside the endpoint VPC finds the custom domain unresolved,
   * set this to bind the zone there as well.
   * @default - the endpoint's custom domain, TTL 60 s, the endpoint VPC not bound
   */
  readonly privateZone?: DashScopeAccessPrivateZoneProps;
  /**
   * Tags for everything created that takes tags (the endpoint's own `tags` are merged over these).
   * @default - no tags
   */
  readonly tags?: Record<string, string>;
  /**
   * Plan-time checks of what synth cannot know: each created VPC attachment gets a Terraform
   * `precondition` that its zones are offered by the transit router in its region
   * (`alicloud_cen_transit_router_available_resources`), so `terraform plan` names the zone and
   * the region instead of apply failing later.
   * @default false
   */
  readonly preflight?: boolean;
  /**
   * Activates PrivateLink (endpoint account), Private Zone (zone account) and the transit-router
   * service (CEN account) through the provider's service data sources, so a fresh account's first
   * apply does not fail. They act when *read*, i.e. at `terraform plan`; an activation cannot be
   * undone; the Private Zone one places a (pay-as-you-go) billing order, so the caller needs that right.
   * @default false
   */
  readonly activateServices?: boolean;
}
