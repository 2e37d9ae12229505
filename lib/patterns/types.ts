import { AlicloudProviderLike } from "../provider";
import { DashScopeEndpointProps } from "../endpoint";
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
}

/** A VPC that calls Model Studio through the endpoint, in any region. */
export interface DashScopeRequester {
  /**
   * A short literal name, unique among the requesters: it names the transit router attachment, the
   * security group rules' descriptions and the Terraform addresses (`Vpc-<name>`), so keep it stable.
   */
  readonly name: string;
  /** The aliased provider of the requester's region. One instance per region. */
  readonly provider: AlicloudProviderLike;
  /** The requester's region id, a literal (e.g. `ap-northeast-1`). */
  readonly region: string;
  /** The requester VPC. */
  readonly vpcId: string;
  /** The requester VPC's CIDR block: opened on the endpoint's ports, and checked for overlap with every other VPC. */
  readonly vpcCidrBlock: string;
  /** The vSwitches the transit router attachment places its ENIs in: one per zone, two zones recommended. */
  readonly vSwitches: readonly TransitRouterZoneMapping[];
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
  readonly privateZone?: { readonly zoneName?: string; readonly recordTtl?: number; readonly bindEndpointVpc?: boolean };
  /**
   * Tags for everything created that takes tags (the endpoint's own `tags` are merged over these).
   * @default - no tags
   */
  readonly tags?: Record<string, string>;
}
