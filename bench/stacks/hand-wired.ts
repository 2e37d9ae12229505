/**
 * The same landing zone without this library: what a user writes directly against the generated
 * alicloud bindings. Same resource types and counts, same properties, references, depends_on and
 * providers as `DashScopePrivateAccess` produces for the same inputs (test/bench proves it); only
 * the Terraform addresses differ. No validation, no helpers: plain loops over the spec.
 */
import { App, ITerraformDependable, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import {
  cenBandwidthPackageAttachment,
  cenInstance,
  cenTransitRouter,
  cenTransitRouterPeerAttachment,
  cenTransitRouterRouteTableAssociation,
  cenTransitRouterRouteTablePropagation,
  cenTransitRouterVpcAttachment,
  dataAlicloudCenTransitRouterRouteTables,
  privatelinkVpcEndpoint,
  privatelinkVpcEndpointZone,
  provider as alicloud,
  pvtzZone,
  pvtzZoneAttachment,
  pvtzZoneRecord,
  securityGroup,
  securityGroupRule,
} from "cdktf-dashscope-privatelink/alicloud";
import { BANDWIDTH_PACKAGE_ID, ENDPOINT, HUB, PATTERN_ID, STACK_ID, landingZoneSpecs, regionProviders, regionsOf } from "./landing-zone-spec";

const ENDPOINT_NAME = "dashscope-bench-Access-Endpoint";
const MANAGED_BY = "managed by cdktf-dashscope-privatelink";
/** Regions in the Chinese mainland among the benchmark's regions: links to them cross the border. */
const MAINLAND = new Set(["cn-hangzhou", "cn-shanghai"]);

/**
 * Adds the benchmark stack to `app`: the hand-wired equivalent of the pattern with `count` requesters.
 * `nested` puts every resource at the pattern's own construct path (`Access/Network/Vpc-<name>`, ...),
 * so the two stacks differ in nothing but the library's code: the Terraform addresses, and so the
 * JSON, are then byte for byte the same size.
 */
export function buildHandWiredStack(app: App, count: number, nested = false): TerraformStack {
  const stack = new TerraformStack(app, STACK_ID);
  const access = nested ? new Construct(stack, PATTERN_ID) : stack;
  const at = nested
    ? { endpoint: new Construct(access, "Endpoint"), network: new Construct(access, "Network"), zone: new Construct(access, "PrivateZone") }
    : { endpoint: stack, network: stack, zone: stack };
  const requesters = landingZoneSpecs(count);
  const providers = regionProviders(stack, regionsOf(requesters));
  const hub = providers.get(HUB)!;

  // The interface endpoint, its zones and its security group.
  const sg = new securityGroup.SecurityGroup(at.endpoint, nested ? "SecurityGroup" : "EndpointSecurityGroup", {
    provider: hub,
    vpcId: ENDPOINT.vpcId,
    securityGroupName: `${ENDPOINT_NAME}-sg`,
    description: `Ingress to the Model Studio (DashScope) PrivateLink endpoint ${ENDPOINT_NAME} on tcp 80, 443 from the allowed networks; ${MANAGED_BY}`,
  });
  const endpoint = new privatelinkVpcEndpoint.PrivatelinkVpcEndpoint(at.endpoint, nested ? "Resource" : "Endpoint", {
    provider: hub,
    endpointType: "Interface",
    serviceName: "com.aliyuncs.dashscope",
    vpcId: ENDPOINT.vpcId,
    securityGroupIds: [sg.id],
    vpcEndpointName: ENDPOINT_NAME,
    endpointDescription: `Private access to Model Studio (DashScope) in ${HUB} through com.aliyuncs.dashscope; ${MANAGED_BY}`,
  });
  for (const v of ENDPOINT.vSwitches) {
    new privatelinkVpcEndpointZone.PrivatelinkVpcEndpointZone(at.endpoint, `${nested ? "" : "Endpoint"}Zone-${v.zoneId}`, {
      provider: hub,
      endpointId: endpoint.id,
      vswitchId: v.vSwitchId,
      zoneId: v.zoneId,
    });
  }
  const allow = (cidr: string, label: string) => {
    for (const [port, proto] of [[80, "HTTP"], [443, "HTTPS"]] as const) {
      new securityGroupRule.SecurityGroupRule(at.endpoint, `Ingress-${cidr.replace(/[./]/g, "-")}-${port}`, {
        provider: hub,
        securityGroupId: sg.id,
        type: "ingress",
        ipProtocol: "tcp",
        portRange: `${port}/${port}`,
        nicType: "intranet",
        policy: "accept",
        cidrIp: cidr,
        description: `DashScope endpoint ${ENDPOINT_NAME}: ${proto} from ${cidr} (${label})`,
      });
    }
  };
  allow(ENDPOINT.vpcCidrBlock, "endpoint VPC");
  if (requesters.length === 0) return stack;

  // The CEN: one transit router per region with its system route table, hub-to-spoke peer links.
  const cen = new cenInstance.CenInstance(at.network, "Cen", { provider: hub });
  const routers = new Map<string, { id: string; routeTableId: string }>();
  for (const region of regionsOf(requesters)) {
    const tr = new cenTransitRouter.CenTransitRouter(at.network, `Tr-${region}`, { provider: providers.get(region)!, cenId: cen.id });
    const tables = new dataAlicloudCenTransitRouterRouteTables.DataAlicloudCenTransitRouterRouteTables(at.network, `RouteTables-${region}`, {
      provider: providers.get(region)!,
      transitRouterId: tr.transitRouterId,
      transitRouterRouteTableType: "System",
    });
    routers.set(region, { id: tr.transitRouterId, routeTableId: tables.tables.get(0).transitRouterRouteTableId });
  }
  const bind = (id: string, attachment: ITerraformDependable, attachmentId: string, routeTableId: string, p: alicloud.AlicloudProvider) => {
    const association = new cenTransitRouterRouteTableAssociation.CenTransitRouterRouteTableAssociation(at.network, `${id}-Association`, {
      provider: p,
      transitRouterAttachmentId: attachmentId,
      transitRouterRouteTableId: routeTableId,
      dependsOn: [attachment],
    });
    new cenTransitRouterRouteTablePropagation.CenTransitRouterRouteTablePropagation(at.network, `${id}-Propagation`, {
      provider: p,
      transitRouterAttachmentId: attachmentId,
      transitRouterRouteTableId: routeTableId,
      dependsOn: [attachment, association],
    });
  };
  const attach = (name: string, vpcId: string, region: string, vSwitches: ReadonlyArray<{ vSwitchId: string; zoneId: string }>) => {
    const attachment = new cenTransitRouterVpcAttachment.CenTransitRouterVpcAttachment(at.network, `Vpc-${name}`, {
      provider: providers.get(region)!,
      cenId: cen.id,
      transitRouterId: routers.get(region)!.id,
      vpcId,
      transitRouterVpcAttachmentName: name,
      autoPublishRouteEnabled: true,
      zoneMappings: vSwitches.map((v) => ({ zoneId: v.zoneId, vswitchId: v.vSwitchId })),
    });
    bind(`Vpc-${name}`, attachment, attachment.transitRouterAttachmentId, routers.get(region)!.routeTableId, providers.get(region)!);
  };
  attach("dashscope-endpoint", ENDPOINT.vpcId, HUB, ENDPOINT.vSwitches);

  let bandwidthPlan: cenBandwidthPackageAttachment.CenBandwidthPackageAttachment | undefined;
  for (const region of regionsOf(requesters).filter((r) => r !== HUB)) {
    const crossBorder = MAINLAND.has(region);
    if (crossBorder && !bandwidthPlan) {
      bandwidthPlan = new cenBandwidthPackageAttachment.CenBandwidthPackageAttachment(at.network, "BandwidthPackageAttachment", {
        provider: hub,
        instanceId: cen.id,
        bandwidthPackageId: BANDWIDTH_PACKAGE_ID,
      });
    }
    const peer = new cenTransitRouterPeerAttachment.CenTransitRouterPeerAttachment(at.network, `Peer-${region}`, {
      provider: hub,
      cenId: cen.id,
      transitRouterId: routers.get(HUB)!.id,
      peerTransitRouterId: routers.get(region)!.id,
      peerTransitRouterRegionId: region,
      transitRouterPeerAttachmentName: `peer-${HUB}-${region}`,
      bandwidth: 10,
      ...(crossBorder
        ? { bandwidthType: "BandwidthPackage", cenBandwidthPackageId: BANDWIDTH_PACKAGE_ID, dependsOn: [bandwidthPlan!] }
        : { bandwidthType: "DataTransfer" }),
    });
    bind(`Peer-${region}-Hub`, peer, peer.transitRouterAttachmentId, routers.get(HUB)!.routeTableId, hub);
    bind(`Peer-${region}-Spoke`, peer, peer.transitRouterAttachmentId, routers.get(region)!.routeTableId, providers.get(region)!);
  }
  for (const r of requesters) {
    attach(r.name, r.vpcId, r.region, r.vSwitches);
    allow(r.vpcCidrBlock, `requester ${r.name}`);
  }

  // The Private Zone: the custom domain as a CNAME to the endpoint, bound to every requester VPC.
  const zone = new pvtzZone.PvtzZone(at.zone, nested ? "Zone" : "PrivateZone", { provider: hub, zoneName: `vpc-${HUB}.dashscope.aliyuncs.com` });
  new pvtzZoneRecord.PvtzZoneRecord(at.zone, nested ? "Record" : "PrivateZoneRecord", {
    provider: hub,
    zoneId: zone.id,
    rr: "@",
    type: "CNAME",
    value: endpoint.endpointDomain,
    ttl: 60,
  });
  new pvtzZoneAttachment.PvtzZoneAttachment(at.zone, nested ? "Attachment" : "PrivateZoneAttachment", {
    provider: hub,
    zoneId: zone.id,
    vpcs: requesters.map((r) => ({ vpcId: r.vpcId, regionId: r.region })),
  });
  return stack;
}
