import { Annotations, dependable } from "../cdk";
import { DataAlicloudCenTransitRouterService } from "../../.gen/providers/alicloud/data-alicloud-cen-transit-router-service";
import { DataAlicloudPrivatelinkService } from "../../.gen/providers/alicloud/data-alicloud-privatelink-service";
import { DataAlicloudPvtzService } from "../../.gen/providers/alicloud/data-alicloud-pvtz-service";
import { Construct } from "constructs";
import { AlicloudProviderLike } from "../provider";
import { DashScopeRegion } from "../catalog";
import { DashScopePrivateZone } from "../dns";
import { DashScopeEndpoint } from "../endpoint";
import { AttachVpcOptions, TransitRouterNetwork } from "../network";
import { ValidationIssue, ValidationWarning, show, throwIfIssues, warningText } from "../validation";
import { ENDPOINT_ATTACHMENT_NAME, RequesterPlan, checkRequester, planAccess, zoneAuthorizationFor, zoneOwnerOf } from "./plan";
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
      const { transitRouterVSwitches: _trVSwitches, transitRouterAttachmentId: _attachment, ownerAccountId: _owner, ...endpointProps } = props.endpoint;
      this.endpoint = new DashScopeEndpoint(this, "Endpoint", {
        ...endpointProps,
        tags: props.tags || props.endpoint.tags ? { ...props.tags, ...props.endpoint.tags } : undefined,
      });
      if (byoGroups && plan.requesters.length > 0) {
        Annotations.of(this).addWarning(
          warningText(
            ValidationWarning.SECURITY_GROUPS_BROUGHT,
            `The endpoint uses your own security groups (securityGroupIds), so this construct opens nothing: allow tcp ${this.endpoint.ports.join(", ")} from ${plan.requesters.map((r) => `${r.requester.name} (${r.requester.vpcCidrBlock})`).join(", ")} in them.`,
          ),
        );
      }
      if (props.activateServices) {
        const service = new DataAlicloudPrivatelinkService(this, "ActivatePrivateLinkService", { provider: props.endpoint.provider, enable: "On" });
        this.endpoint.vpcEndpoint.dependsOn = [dependable(service)];
      }
      if (props.privateZone?.bindEndpointVpc) this.ensureZone().addVpc(props.endpoint.vpcId, this.hub.regionId, { ownerAccountId: zoneAuthorizationFor(props, props.endpoint.ownerAccountId) });
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
   * Private Zone. All or nothing: a rejected requester leaves the tree as it was.
   */
  public addRequester(requester: DashScopeRequester): void {
    const names = new Map(this.planned.map((p) => [p.requester.name, `requester ${show(p.requester.name)}`]));
    const vpcIds = new Map(this.planned.map((p) => [p.requester.vpcId, `requester ${show(p.requester.name)}`]));
    const providers = new Map<string, AlicloudProviderLike>([[this.hub.regionId, this.hubNetworkProvider]]);
    for (const p of this.planned) if (!providers.has(p.regionInfo.regionId)) providers.set(p.regionInfo.regionId, p.networkProvider);
    const { issues, plan } = checkRequester(requester, `addRequester(${show(requester.name)})`, {
      hub: this.hub,
      props: this.props,
      ingress: this.endpoint.securityGroup !== undefined ? { allowAnyCidr: this.props.endpoint.allowAnyCidr ?? false } : undefined,
      names,
      vpcIds,
      providers,
    });
    throwIfIssues(this, "addRequester", issues);
    this.wire(plan!);
  }

  private get hubNetworkProvider(): AlicloudProviderLike {
    return this.props.cen?.providers?.[this.hub.regionId] ?? this.props.endpoint.provider;
  }

  /** What the network's attachVpc gets for a requester. */
  private attachOptions(plan: RequesterPlan): AttachVpcOptions {
    const { requester, regionInfo } = plan;
    return {
      name: requester.name,
      vpcId: requester.vpcId,
      regionId: regionInfo.regionId,
      vpcCidrBlock: requester.vpcCidrBlock,
      vSwitches: requester.vSwitches,
      transitRouterAttachmentId: requester.transitRouterAttachmentId,
      ...(plan.crossAccount ? { ownerAccountId: requester.ownerAccountId, ownerProvider: requester.provider } : {}),
    };
  }

  /**
   * Wires one checked requester. Parts that exist are asked first (their dry runs), so nothing is
   * created unless everything can be; parts created here are removed again should one still reject.
   */
  private wire(plan: RequesterPlan): void {
    const { requester, regionInfo } = plan;
    const regionId = regionInfo.regionId;
    const options = this.attachOptions(plan);
    const label = `requester ${requester.name}`;
    const issues: ValidationIssue[] = [];
    if (this.networkConstruct) {
      if (regionId !== this.hub.regionId) issues.push(...this.networkConstruct.checkAddRegion(regionId, plan.networkProvider));
      issues.push(...this.networkConstruct.checkAttachVpc(options, regionId !== this.hub.regionId));
    }
    if (this.endpoint.securityGroup !== undefined) issues.push(...this.endpoint.checkAllowFrom(requester.vpcCidrBlock, label));
    if (this.zoneConstruct) issues.push(...this.zoneConstruct.checkVpc({ vpcId: requester.vpcId, regionId, ownerAccountId: plan.zoneOwnerAccountId }));
    throwIfIssues(this, `addRequester`, issues);

    const newZone = this.zoneConstruct === undefined;
    const newNetwork = this.networkConstruct === undefined;
    try {
      const zone = this.ensureZone();
      // A zone created just now was not asked above, and its kept VPCs (keepVpcs) may refuse this
      // one: ask it before the endpoint's group is opened, which the rollback below cannot undo.
      if (newZone) throwIfIssues(this, `addRequester`, zone.checkVpc({ vpcId: requester.vpcId, regionId, ownerAccountId: plan.zoneOwnerAccountId }));
      const network = this.ensureNetwork();
      if (regionId !== this.hub.regionId) network.addRegion(regionId, plan.networkProvider);
      network.attachVpc(options);
      if (this.endpoint.securityGroup !== undefined) this.endpoint.allowFrom(requester.vpcCidrBlock, label);
      zone.addVpc(requester.vpcId, regionId, { ownerAccountId: plan.zoneOwnerAccountId });
    } catch (error) {
      // The service data sources stay children of this construct (their addresses are pinned), so
      // they leave with the part they were created for.
      if (newNetwork && this.networkConstruct) {
        this.node.tryRemoveChild("Network");
        this.node.tryRemoveChild("ActivateTransitRouterService");
        this.networkConstruct = undefined;
      }
      if (newZone && this.zoneConstruct) {
        this.node.tryRemoveChild("PrivateZone");
        this.node.tryRemoveChild("ActivatePrivateZoneService");
        this.zoneConstruct = undefined;
      }
      throw error;
    }
    this.planned.push(plan);
  }

  private ensureNetwork(): TransitRouterNetwork {
    if (this.networkConstruct) return this.networkConstruct;
    const { endpoint, cen, crossBorder, tags } = this.props;
    const network = new TransitRouterNetwork(this, "Network", {
      hubRegion: this.hub.regionId,
      hubProvider: this.hubNetworkProvider,
      cenId: cen?.cenId,
      cenName: cen?.cenName,
      transitRouterIds: cen?.transitRouterIds,
      routeTableIds: cen?.routeTableIds,
      peerBandwidthMbps: cen?.peerBandwidthMbps,
      peerAttachmentIds: cen?.peerAttachmentIds,
      createTransitRouters: cen?.createTransitRouters,
      ownerAccountId: cen?.ownerAccountId,
      preflight: this.props.preflight,
      crossBorder,
      tags,
    });
    this.networkConstruct = network;
    const crossAccount = endpoint.ownerAccountId !== undefined && endpoint.ownerAccountId !== cen?.ownerAccountId;
    network.attachVpc({
      name: ENDPOINT_ATTACHMENT_NAME,
      vpcId: endpoint.vpcId,
      regionId: this.hub.regionId,
      vpcCidrBlock: endpoint.vpcCidrBlock,
      vSwitches: endpoint.transitRouterVSwitches ?? endpoint.vSwitches,
      transitRouterAttachmentId: endpoint.transitRouterAttachmentId,
      ...(crossAccount ? { ownerAccountId: endpoint.ownerAccountId, ownerProvider: endpoint.provider } : {}),
    });
    if (this.props.activateServices) {
      const service = new DataAlicloudCenTransitRouterService(this, "ActivateTransitRouterService", { provider: this.hubNetworkProvider, enable: "On" });
      if (network.cen) network.cen.dependsOn = [dependable(service)];
    }
    return network;
  }

  private ensureZone(): DashScopePrivateZone {
    if (this.zoneConstruct) return this.zoneConstruct;
    const zoneProps = this.props.privateZone;
    const provider = zoneProps?.provider ?? this.props.endpoint.provider;
    this.zoneConstruct = new DashScopePrivateZone(this, "PrivateZone", {
      endpoint: this.endpoint,
      provider,
      zoneName: zoneProps?.zoneName,
      recordTtl: zoneProps?.recordTtl,
      zoneId: zoneProps?.zoneId,
      // The zone owner never authorizes its own account.
      keepVpcs: zoneProps?.keepVpcs?.map((b) => (b.ownerAccountId !== undefined && b.ownerAccountId === zoneOwnerOf(this.props) ? { ...b, ownerAccountId: undefined } : b)),
      maxVpcsPerZone: zoneProps?.maxVpcsPerZone,
      maxAccountsPerZone: zoneProps?.maxAccountsPerZone,
    });
    if (this.props.activateServices) {
      const service = new DataAlicloudPvtzService(this, "ActivatePrivateZoneService", { provider, enable: "On" });
      const first = this.zoneConstruct.zone ?? this.zoneConstruct.record;
      first.dependsOn = [dependable(service)];
    }
    return this.zoneConstruct;
  }
}
