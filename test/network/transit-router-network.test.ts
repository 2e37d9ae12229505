import { Testing } from "cdktf";
import { CenInstance } from "../../.gen/providers/alicloud/cen-instance";
import { CenTransitRouter } from "../../.gen/providers/alicloud/cen-transit-router";
import { CenTransitRouterPeerAttachment } from "../../.gen/providers/alicloud/cen-transit-router-peer-attachment";
import { CenTransitRouterRouteTableAssociation } from "../../.gen/providers/alicloud/cen-transit-router-route-table-association";
import { CenTransitRouterRouteTablePropagation } from "../../.gen/providers/alicloud/cen-transit-router-route-table-propagation";
import { CenTransitRouterVpcAttachment } from "../../.gen/providers/alicloud/cen-transit-router-vpc-attachment";
import { DataAlicloudCenTransitRouterRouteTables } from "../../.gen/providers/alicloud/data-alicloud-cen-transit-router-route-tables";
import { TransitRouterNetwork } from "../../lib/network";
import { SG_ZONES, TOKYO_ZONES, address, networkStack, ref, resolved, resourcesOf, synthJson } from "./helpers";

describe("TransitRouterNetwork", () => {
  test("creates a CEN, the hub transit router with the hub provider and a System route table lookup", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, cenName: "dashscope" });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(CenInstance, { cen_instance_name: "dashscope", provider: "alicloud.ap_southeast_1" });
    expect(synth).toHaveResourceWithProperties(CenTransitRouter, {
      cen_id: ref(network.cen!, "id"),
      provider: "alicloud.ap_southeast_1",
    });
    expect(synth).toHaveDataSourceWithProperties(DataAlicloudCenTransitRouterRouteTables, {
      transit_router_id: ref(network.hub.transitRouter!, "transit_router_id"),
      transit_router_route_table_type: "System",
      provider: "alicloud.ap_southeast_1",
    });
    expect(network.hub.isHub).toBe(true);
    expect(network.hub.peerAttachment).toBeUndefined();
  });

  test("uses tables[0].transit_router_route_table_id of the System table lookup as the region's route table", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    const lookup = network.hub.routeTables!;
    expect(resolved(stack, network.hub.routeTableId)).toBe(`\${data.${address(lookup)}.tables[0].transit_router_route_table_id}`);
    network.attachVpc({ name: "endpoint", vpcId: "vpc-sg", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16", zoneMappings: SG_ZONES });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CenTransitRouterRouteTableAssociation, {
      transit_router_route_table_id: `\${data.${address(lookup)}.tables[0].transit_router_route_table_id}`,
    });
  });

  test("an imported CEN and imported transit routers create no CEN and no router", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "ap-southeast-1",
      hubProvider: sg,
      cenId: "cen-existing",
      transitRouterIds: { "ap-southeast-1": "tr-sg", "ap-northeast-1": "tr-tokyo" },
    });
    const spoke = network.addRegion("ap-northeast-1", tokyo);
    const json = synthJson(stack);
    expect(resourcesOf(json, "alicloud_cen_instance")).toEqual({});
    expect(resourcesOf(json, "alicloud_cen_transit_router")).toEqual({});
    expect(network.cenId).toBe("cen-existing");
    expect(spoke.transitRouterId).toBe("tr-tokyo");
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(CenTransitRouterPeerAttachment, {
      cen_id: "cen-existing",
      transit_router_id: "tr-sg",
      peer_transit_router_id: "tr-tokyo",
    });
    expect(synth).toHaveDataSourceWithProperties(DataAlicloudCenTransitRouterRouteTables, { transit_router_id: "tr-tokyo" });
  });

  test("addRegion can import one router with options.transitRouterId", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, cenId: "cen-1", createTransitRouters: true });
    network.addRegion("ap-northeast-1", tokyo, { transitRouterId: "tr-tokyo" });
    const routers = resourcesOf(synthJson(stack), "alicloud_cen_transit_router");
    expect(Object.keys(routers)).toHaveLength(1);
    expect(Object.values(routers)[0].provider).toBe("alicloud.ap_southeast_1");
  });

  test("routeTableIds replaces the System table lookup of that region", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "ap-southeast-1",
      hubProvider: sg,
      routeTableIds: { "ap-southeast-1": "vtb-custom" },
    });
    network.attachVpc({ name: "endpoint", vpcId: "vpc-sg", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16", zoneMappings: SG_ZONES });
    const json = synthJson(stack);
    expect(json.data).toBeUndefined();
    expect(network.hub.routeTableId).toBe("vtb-custom");
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CenTransitRouterRouteTablePropagation, {
      transit_router_route_table_id: "vtb-custom",
    });
  });

  test("addRegion creates the spoke router with its provider and one hub-to-spoke peer link on transit_router_id", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    const spoke = network.addRegion("ap-northeast-1", tokyo);
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(CenTransitRouter, { provider: "alicloud.ap_northeast_1" });
    expect(synth).toHaveResourceWithProperties(CenTransitRouterPeerAttachment, {
      provider: "alicloud.ap_southeast_1",
      cen_id: ref(network.cen!, "id"),
      transit_router_id: ref(network.hub.transitRouter!, "transit_router_id"),
      peer_transit_router_id: ref(spoke.transitRouter!, "transit_router_id"),
      peer_transit_router_region_id: "ap-northeast-1",
      bandwidth_type: "DataTransfer",
      bandwidth: 10,
    });
    const [peer] = Object.values(resourcesOf(synthJson(stack), "alicloud_cen_transit_router_peer_attachment"));
    expect(peer).not.toHaveProperty("cen_bandwidth_package_id");
    expect(resolved(stack, spoke.peerAttachmentId)).toBe(ref(spoke.peerAttachment!, "transit_router_attachment_id"));
    expect(spoke.crossBorder).toBe(false);
  });

  test("the peer link is associated and propagated on both sides with transit_router_attachment_id, each side by its provider", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, peerBandwidthMbps: 50 });
    const spoke = network.addRegion("ap-northeast-1", tokyo);
    const synth = Testing.synth(stack);
    const peerId = ref(spoke.peerAttachment!, "transit_router_attachment_id");
    const hubTable = `\${data.${address(network.hub.routeTables!)}.tables[0].transit_router_route_table_id}`;
    const spokeTable = `\${data.${address(spoke.routeTables!)}.tables[0].transit_router_route_table_id}`;
    for (const type of [CenTransitRouterRouteTableAssociation, CenTransitRouterRouteTablePropagation]) {
      expect(synth).toHaveResourceWithProperties(type, {
        provider: "alicloud.ap_southeast_1",
        transit_router_attachment_id: peerId,
        transit_router_route_table_id: hubTable,
      });
      expect(synth).toHaveResourceWithProperties(type, {
        provider: "alicloud.ap_northeast_1",
        transit_router_attachment_id: peerId,
        transit_router_route_table_id: spokeTable,
      });
    }
    expect(synth).toHaveResourceWithProperties(CenTransitRouterPeerAttachment, { bandwidth: 50 });
    expect(synth).not.toMatch(/"transit_router_attachment_id": "\$\{alicloud_cen_transit_router_peer_attachment\.[^}]*\.id\}"/);
  });

  test("addRegion is idempotent for the same provider and returns the hub for the hub region", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    const first = network.addRegion("ap-northeast-1", tokyo);
    expect(network.addRegion("ap-northeast-1", tokyo)).toBe(first);
    expect(network.addRegion("ap-southeast-1", sg)).toBe(network.hub);
    const json = synthJson(stack);
    expect(Object.keys(resourcesOf(json, "alicloud_cen_transit_router_peer_attachment"))).toHaveLength(1);
    expect(Object.keys(resourcesOf(json, "alicloud_cen_transit_router"))).toHaveLength(2);
    expect(network.regions.map((r) => r.regionId)).toEqual(["ap-southeast-1", "ap-northeast-1"]);
    expect(network.region("ap-northeast-1")).toBe(first);
  });

  test("attachVpc attaches the VPC with its region's provider, router and vSwitches, publishing routes by default", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, tags: { team: "ai" } });
    const spoke = network.addRegion("ap-northeast-1", tokyo);
    const attached = network.attachVpc({
      name: "workload-tokyo",
      vpcId: "vpc-tokyo",
      regionId: "ap-northeast-1",
      vpcCidrBlock: "10.1.0.0/16",
      zoneMappings: TOKYO_ZONES,
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(CenTransitRouterVpcAttachment, {
      provider: "alicloud.ap_northeast_1",
      cen_id: ref(network.cen!, "id"),
      transit_router_id: ref(spoke.transitRouter!, "transit_router_id"),
      vpc_id: "vpc-tokyo",
      transit_router_vpc_attachment_name: "workload-tokyo",
      auto_publish_route_enabled: true,
      tags: { team: "ai" },
      zone_mappings: [
        { zone_id: "ap-northeast-1a", vswitch_id: "vsw-tk-a" },
        { zone_id: "ap-northeast-1b", vswitch_id: "vsw-tk-b" },
      ],
    });
    const attachmentId = ref(attached.attachment!, "transit_router_attachment_id");
    expect(resolved(stack, attached.transitRouterAttachmentId)).toBe(attachmentId);
    for (const type of [CenTransitRouterRouteTableAssociation, CenTransitRouterRouteTablePropagation]) {
      expect(synth).toHaveResourceWithProperties(type, {
        provider: "alicloud.ap_northeast_1",
        transit_router_attachment_id: attachmentId,
        transit_router_route_table_id: `\${data.${address(spoke.routeTables!)}.tables[0].transit_router_route_table_id}`,
      });
    }
    expect(network.vpcAttachments).toEqual([attached]);
  });

  test("attachVpc honours autoPublishRouteEnabled and a per-attachment routeTableId", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, autoPublishRouteEnabled: false });
    network.attachVpc({
      name: "endpoint",
      vpcId: "vpc-sg",
      regionId: "ap-southeast-1",
      vpcCidrBlock: "10.0.0.0/16",
      zoneMappings: SG_ZONES,
      routeTableId: "vtb-isolated",
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(CenTransitRouterVpcAttachment, { auto_publish_route_enabled: false });
    expect(synth).toHaveResourceWithProperties(CenTransitRouterRouteTableAssociation, { transit_router_route_table_id: "vtb-isolated" });
  });

  test("associations and propagations depend on their attachment, so terraform destroys them first", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    const spoke = network.addRegion("ap-northeast-1", tokyo);
    const vpc = network.attachVpc({ name: "endpoint", vpcId: "vpc-sg", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16", zoneMappings: SG_ZONES });
    const json = synthJson(stack);
    const associations = resourcesOf(json, "alicloud_cen_transit_router_route_table_association");
    const propagations = resourcesOf(json, "alicloud_cen_transit_router_route_table_propagation");
    expect(associations[vpc.association!.friendlyUniqueId].depends_on).toEqual([address(vpc.attachment!)]);
    expect(propagations[vpc.propagation!.friendlyUniqueId].depends_on).toEqual([address(vpc.attachment!), address(vpc.association!)]);
    const routing = spoke.peerRouting!;
    for (const association of [routing.hubAssociation, routing.spokeAssociation]) {
      expect(associations[association.friendlyUniqueId].depends_on).toEqual([address(spoke.peerAttachment!)]);
    }
    expect(propagations[routing.hubPropagation.friendlyUniqueId].depends_on).toEqual([
      address(spoke.peerAttachment!),
      address(routing.hubAssociation),
    ]);
    expect(propagations[routing.spokePropagation.friendlyUniqueId].depends_on).toEqual([
      address(spoke.peerAttachment!),
      address(routing.spokeAssociation),
    ]);
  });

  test("construct ids are readable Terraform addresses", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    network.addRegion("ap-northeast-1", tokyo);
    network.attachVpc({ name: "endpoint", vpcId: "vpc-sg", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16", zoneMappings: SG_ZONES });
    expect(network.node.children.map((c) => c.node.id)).toEqual([
      "Cen",
      "Tr-ap-southeast-1",
      "RouteTables-ap-southeast-1",
      "Tr-ap-northeast-1",
      "RouteTables-ap-northeast-1",
      "Peer-ap-northeast-1",
      "Peer-ap-northeast-1-Hub-Association",
      "Peer-ap-northeast-1-Hub-Propagation",
      "Peer-ap-northeast-1-Spoke-Association",
      "Peer-ap-northeast-1-Spoke-Propagation",
      "Vpc-endpoint",
      "Vpc-endpoint-Association",
      "Vpc-endpoint-Propagation",
    ]);
  });
});

describe("TransitRouterNetwork: a VPC of the CEN owner's own account", () => {
  test("an ownerAccountId equal to the network's ownerAccountId gets no grant and no vpc_owner_id; another account does", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, ownerAccountId: "1111111111111111" });
    const zones = [
      { zoneId: "ap-southeast-1a", vSwitchId: "vsw-a" },
      { zoneId: "ap-southeast-1b", vSwitchId: "vsw-b" },
    ];
    network.attachVpc({ name: "own", vpcId: "vpc-own", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16", vSwitches: zones, ownerAccountId: "1111111111111111", ownerProvider: sg });
    network.attachVpc({ name: "other", vpcId: "vpc-other", regionId: "ap-southeast-1", vpcCidrBlock: "10.1.0.0/16", vSwitches: zones, ownerAccountId: "2222222222222222", ownerProvider: sg });
    const json = synthJson(stack);
    expect(Object.values<any>(json.resource.alicloud_cen_transit_router_grant_attachment ?? {}).map((g) => g.instance_id)).toEqual(["vpc-other"]);
    const attachments = Object.values<any>(json.resource.alicloud_cen_transit_router_vpc_attachment);
    const own = attachments.find((a) => a.vpc_id === "vpc-own");
    expect(own.vpc_owner_id).toBeUndefined();
    expect(own.depends_on).toBeUndefined();
    expect(attachments.find((a) => a.vpc_id === "vpc-other").vpc_owner_id).toBe("2222222222222222");
  });
});
