import { IConstruct } from "constructs";
import { AlicloudProviderLike } from "../provider";
import { DASHSCOPE_SERVICE, DashScopeRegion } from "../catalog";

/** The ports an endpoint's security group opens unless told otherwise: HTTP (default domain) and HTTPS (custom domain). */
export const DEFAULT_ENDPOINT_PORTS: readonly number[] = DASHSCOPE_SERVICE.ports;

/** The security-group limit of one interface endpoint (PrivateLink API). (Internal: not part of the public API.) @internal */
export const MAX_ENDPOINT_SECURITY_GROUPS = 10;

/** A vSwitch the endpoint places an ENI in: one per zone. */
export interface DashScopeVSwitch {
  /** The vSwitch id, e.g. `vsw-...` (a token is fine). */
  readonly vSwitchId: string;
  /** The zone the vSwitch is in, e.g. `ap-southeast-1a` (a token is fine). */
  readonly zoneId: string;
  /**
   * The private IP address to pin the endpoint's ENI to in this zone (`eni_ip`). It must be a
   * free address of the vSwitch. Changing it replaces the endpoint zone.
   * @default - the service picks a free address of the vSwitch
   */
  readonly eniIp?: string;
}

/**
 * A Model Studio (DashScope) interface endpoint, created here ({@link DashScopeEndpoint}) or
 * elsewhere ({@link DashScopeEndpoint.fromEndpointAttributes}). The Private Zone and the private
 * access pattern consume this.
 */
export interface IDashScopeEndpoint extends IConstruct {
  /** The endpoint id, `ep-...`. */
  readonly endpointId: string;
  /** The endpoint's default domain, `ep-....dashscope.<region>.privatelink.aliyuncs.com` (plain HTTP only). */
  readonly endpointDomain: string;
  /** The custom domain callers use over HTTPS, `vpc-<region>.dashscope.aliyuncs.com` (from the catalog). */
  readonly customDomain: string;
  /** The region the endpoint is in. */
  readonly region: DashScopeRegion;
  /** The endpoint's security group, where known: the group `allowFrom` adds rules to. */
  readonly securityGroupId?: string;
  /** The private IP address of the endpoint's ENI in each zone (`eni_ip`), in vSwitch order. */
  readonly zoneIps: string[];
  /** The VPC the endpoint is in, where known. */
  readonly vpcId?: string;
  /** The CIDR block of that VPC, where known. */
  readonly vpcCidrBlock?: string;
  /** The TCP ports `allowFrom` opens. */
  readonly ports: number[];
  /** The provider of the endpoint's region, where given. */
  readonly provider?: AlicloudProviderLike;
  /**
   * Opens every port of `ports` to another network (one ingress rule per port). A CIDR that is
   * already allowed is a no-op.
   *
   * @param cidr the IPv4 CIDR block of the callers (a token is fine)
   * @param description who the network is, e.g. `workloads in ap-northeast-1`; it ends each rule's
   *   description. For a token CIDR it also names the rules' construct ids, so keep it stable.
   */
  allowFrom(cidr: string, description?: string): void;
}

/** An endpoint created elsewhere (another stack, another tool), for {@link DashScopeEndpoint.fromEndpointAttributes}. */
export interface DashScopeEndpointAttributes {
  /** The endpoint id, `ep-...`. */
  readonly endpointId: string;
  /** The endpoint's default domain (`endpoint_domain`). */
  readonly endpointDomain: string;
  /** The endpoint's region: a built-in region id or a `DashScopeRegion`. */
  readonly region: string | DashScopeRegion;
  /**
   * The endpoint's security group.
   * @default - unknown: `allowFrom` throws DSPL_PROPS_CONFLICT
   */
  readonly securityGroupId?: string;
  /**
   * The ENI IP of each endpoint zone.
   * @default []
   */
  readonly zoneIps?: string[];
  /**
   * The endpoint's VPC.
   * @default - unknown
   */
  readonly vpcId?: string;
  /**
   * The CIDR block of the endpoint's VPC.
   * @default - unknown
   */
  readonly vpcCidrBlock?: string;
  /**
   * The provider of the endpoint's region; `allowFrom` creates its rules with it.
   * @default - none: `allowFrom` throws DSPL_PROVIDER_MISSING
   */
  readonly provider?: AlicloudProviderLike;
  /**
   * The TCP ports `allowFrom` opens.
   * @default [80, 443]
   */
  readonly ports?: number[];
  /**
   * Whether `allowFrom` may open a CIDR wider than /8 (`0.0.0.0/0` included).
   * @default false
   */
  readonly allowAnyCidr?: boolean;
}
