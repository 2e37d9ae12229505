import { Annotations } from "../cdk";
import { Construct } from "constructs";
import { AlicloudProviderLike } from "../provider";
import { DashScopeRegion } from "../catalog";
import { DashScopePrivateZone } from "../dns";
import { DashScopeEndpoint } from "../endpoint";
import { TransitRouterNetwork } from "../network";
import { throwIfIssues, show } from "../validation";
import { ENDPOINT_ATTACHMENT_NAME, RequesterPlan, checkRequester, planAccess } from "./plan";
import { DashScopePrivateAccessProps, DashScopeRequester } from "./types";

/**
 * Private access to Model Studio (DashScope) for a hub-and-spoke landing zone, in one construct:
 *
 * - a `DashScopeEndpoint` in the endpoint VPC, its security group open on 80 and 443 to the
 *   endpoint VPC and to every requester VPC;
 * - a `TransitRouterNetwork` with the endpoint's region as hub: every VPC attached to its region's
 *   transit router, one peer link per remote region (a requester in the hub region needs none),
 *   cross-border links on a bandwidth plan once acknowledged;
 * - a `DashScopePrivateZone` for the custom domain, its CNAME `@` pointing at the endpoint's
 *   default domain, bound to every requester VPC (the endpoint's own VPC needs no binding).
 *
 * With no requesters only the endpoint is created (and the Private Zone, if `privateZone.bindEndpointVpc`
 * asks for it). Every part is exposed for further customisation.
 * Construct ids (`Endpoint`, `Network`, `PrivateZone`, and inside the network `Vpc-<requester name>`)
 * are Terraform addresses: keep requester names stable.
 */
export class DashScopePrivateAccess extends Construct {
  /** The interface endpoint. */
  public readonly endpoint: DashScopeEndpoint;

  private readonly props: DashScopePrivateAccessProps;
  private readonly hub: DashScopeRegion;
  private readonly planned: RequesterPlan[] = [];
  private networkConstruct?: TransitRouterNetwork;
  private zoneConstruct?: DashScopePrivateZone;

  public constructor(scope: Construct, id: string, props: DashScopePrivateAccessProps) {
    // Everything checkable is checked before this construct joins the tree ...
    const plan = planAccess(props);
    throwIfIssues(scope, id, plan.issues);
    super(scope, id);
    this.props = props;
    this.hub = plan.hub!;
    // ... and should a part still reject something, the construct leaves the tree again.
    try {
      const byoGroups = props.endpoint.securityGroupIds !== undefined;
      const { transitRouterVSwitches: _trVSwitches, ...endpointProps } = props.endpoint;
      this.endpoint = new DashScopeEndpoint(this, "Endpoint", {
        ...endpointProps,
        tags: props.tags || props.endpoint.tags ? { ...props.tags, ...props.endpoint.tags } : undefined,
      });
      if (byoGroups && plan.requesters.length > 0) {
        Annotations.of(this).addWarning(
          `The endpoint uses your own security groups (securityGroupIds), so this construct opens nothing: allow tcp ${this.endpoint.ports.join(", ")} from ${plan.requesters.map((r) => `${r.requester.name} (${r.requester.vpcCidrBlock})`).join(", ")} in them.`,
        );
      }
      if (props.privateZone?.bindEndpointVpc) this.ensureZone().addVpc(props.endpoint.vpcId, this.hub.regionId);
      for (const requester of plan.requesters) this.wire(requester);
    } catch (error) {
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }

  /** The CEN network; `undefined` until the first requester. */
  public get network(): TransitRouterNetwork | undefined {
    return this.networkConstruct;
  }

  /** The Private Zone; `undefined` until the first requester. */
  public get privateZone(): DashScopePrivateZone | undefined {
    return this.zoneConstruct;
  }

  /** The requesters, in the order they were added. */
  public get requesters(): readonly DashScopeRequester[] {
    return this.planned.map((p) => p.requester);
  }

  /** The endpoint id. */
  public get endpointId(): string {
    return this.endpoint.endpointId;
  }

  /** The endpoint's default domain (HTTP only). */
  public get endpointDomain(): string {
    return this.endpoint.endpointDomain;
  }

  /** The custom domain callers use over HTTPS. */
  public get customDomain(): string {
    return this.endpoint.customDomain;
  }

  /** The endpoint's ENI IP per zone. */
  public get zoneIps(): string[] {
    return this.endpoint.zoneIps;
  }

  /** The endpoint's (hub) region. */
  public get region(): DashScopeRegion {
    return this.endpoint.region;
  }

  /** The endpoint's security group. */
  public get securityGroupId(): string {
    return this.endpoint.securityGroupId;
  }

  /**
   * Adds a requester VPC after construction: attaches it to its region's transit router (adding the
   * region and its peer link when new), opens the endpoint's ports to its CIDR and binds it to the
   * Private Zone.
   */
  public addRequester(requester: DashScopeRequester): void {
    const names = new Map(this.planned.map((p) => [p.requester.name, `requester ${show(p.requester.name)}`]));
    const vpcIds = new Map(this.planned.map((p) => [p.requester.vpcId, `requester ${show(p.requester.name)}`]));
    const providers = new Map<string, AlicloudProviderLike>([[this.hub.regionId, this.props.endpoint.provider]]);
    for (const p of this.planned) if (!providers.has(p.regionInfo.regionId)) providers.set(p.regionInfo.regionId, p.requester.provider);
    const { issues, plan } = checkRequester(requester, `addRequester(${show(requester.name)})`, {
      hub: this.hub,
      endpointVpcId: this.props.endpoint.vpcId,
      crossBorder: this.props.crossBorder,
      ingress: this.endpoint.securityGroup !== undefined ? { allowAnyCidr: this.props.endpoint.allowAnyCidr ?? false } : undefined,
      names,
      vpcIds,
      providers,
    });
    throwIfIssues(this, "addRequester", issues);
    this.wire(plan!);
  }

  private wire(plan: RequesterPlan): void {
    const { requester, regionInfo } = plan;
    const network = this.ensureNetwork();
    if (regionInfo.regionId !== this.hub.regionId) network.addRegion(regionInfo.regionId, requester.provider);
    network.attachVpc({
      name: requester.name,
      vpcId: requester.vpcId,
      regionId: regionInfo.regionId,
      vpcCidrBlock: requester.vpcCidrBlock,
      zoneMappings: requester.vSwitches,
    });
    if (this.endpoint.securityGroup !== undefined) {
      this.endpoint.allowFrom(requester.vpcCidrBlock, `requester ${requester.name}`);
    }
    this.ensureZone().addVpc(requester.vpcId, regionInfo.regionId);
    this.planned.push(plan);
  }

  private ensureNetwork(): TransitRouterNetwork {
    if (this.networkConstruct) return this.networkConstruct;
    const { endpoint, cen, crossBorder, tags } = this.props;
    const network = new TransitRouterNetwork(this, "Network", {
      hubRegion: this.hub.regionId,
      hubProvider: endpoint.provider,
      cenId: cen?.cenId,
      cenName: cen?.cenName,
      transitRouterIds: cen?.transitRouterIds,
      routeTableIds: cen?.routeTableIds,
      peerBandwidthMbps: cen?.peerBandwidthMbps,
      crossBorder,
      tags,
    });
    network.attachVpc({
      name: ENDPOINT_ATTACHMENT_NAME,
      vpcId: endpoint.vpcId,
      regionId: this.hub.regionId,
      vpcCidrBlock: endpoint.vpcCidrBlock,
      zoneMappings: endpoint.transitRouterVSwitches ?? endpoint.vSwitches,
    });
    this.networkConstruct = network;
    return network;
  }

  private ensureZone(): DashScopePrivateZone {
    if (this.zoneConstruct) return this.zoneConstruct;
    this.zoneConstruct = new DashScopePrivateZone(this, "PrivateZone", {
      endpoint: this.endpoint,
      provider: this.props.endpoint.provider,
      zoneName: this.props.privateZone?.zoneName,
      recordTtl: this.props.privateZone?.recordTtl,
    });
    return this.zoneConstruct;
  }
}
