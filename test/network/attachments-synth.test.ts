// What TransitRouterNetwork writes into the Terraform JSON beyond the basic topology: names and tags
// of the peer links, the preflight zone checks, the cross-account grant, adopted attachments and the
// warnings of an attachment.
import { TerraformVariable } from "cdktf";
import { TransitRouterNetwork } from "../../lib/network";
import { warningsOf } from "../cdktf-helpers";
import { SG_ZONES, TOKYO_ZONES, address, networkStack, ref, resourcesOf, synthJson } from "./helpers";

const BASE = { regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16" };
const OTHER_UID = "2222222222222222";

describe("TransitRouterNetwork resources", () => {
  test("the CEN carries its name, description and tags; routers and peer links the tags; the peer link is named hub to spoke", () => {
    const { stack, sg, tokyo } = networkStack();
    const tags = { team: "ai" };
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, cenName: "net", cenDescription: "the network", tags });
    const spoke = network.addRegion("ap-northeast-1", tokyo);
    const json = synthJson(stack);
    expect(resourcesOf(json, "alicloud_cen_instance")[network.cen!.friendlyUniqueId]).toMatchObject({ cen_instance_name: "net", description: "the network", tags });
    expect(Object.values(resourcesOf(json, "alicloud_cen_transit_router")).map((r: any) => r.tags)).toEqual([tags, tags]);
    expect(resourcesOf(json, "alicloud_cen_transit_router_peer_attachment")[spoke.peerAttachment!.friendlyUniqueId]).toMatchObject({
      transit_router_peer_attachment_name: "peer-ap-southeast-1-ap-northeast-1",
      tags,
    });
    expect(network.hubRegion).toBe("ap-southeast-1");
    expect(network.hub.crossBorder).toBe(false);
    expect(spoke.isHub).toBe(false);
    expect(spoke.provider).toBe(tokyo);
  });

  test("preflight: one available-resources lookup per region, and one precondition per vSwitch zone", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, preflight: true });
    const spoke = network.addRegion("ap-northeast-1", tokyo);
    const vpc = network.attachVpc({ ...BASE, regionId: "ap-northeast-1", name: "tk", vpcId: "vpc-tk", vSwitches: TOKYO_ZONES });
    const json = synthJson(stack);
    const lookups = json.data.alicloud_cen_transit_router_available_resources;
    expect(Object.values<any>(lookups).map((l) => l.provider).sort()).toEqual(["alicloud.ap_northeast_1", "alicloud.ap_southeast_1"]);
    const lookup = `data.${address(spoke.availableResources!)}`;
    expect(network.hub.availableResources).toBeDefined();
    const preconditions = resourcesOf(json, "alicloud_cen_transit_router_vpc_attachment")[vpc.attachment!.friendlyUniqueId].lifecycle.precondition;
    expect(preconditions).toEqual(
      TOKYO_ZONES.map((z) => ({
        condition: `\${contains(flatten([${lookup}.resources[0].master_zones, ${lookup}.resources[0].slave_zones, ${lookup}.resources[0].available_zones]), "${z.zoneId}")}`,
        error_message: `[DSPL_PREFLIGHT_ZONE] The transit router in ap-northeast-1 does not offer zone ${z.zoneId} (vSwitch ${z.vSwitchId}): use a vSwitch in a zone listed by alicloud_cen_transit_router_available_resources for ap-northeast-1.`,
      })),
    );
  });

  test("preflight with a token vSwitch list: nothing to check at plan", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, preflight: true });
    const vSwitches = new TerraformVariable(stack, "vswitches", { type: "list(any)" }).listValue;
    const vpc = network.attachVpc({ ...BASE, name: "sg", vpcId: "vpc-sg", vSwitches: vSwitches as never });
    expect(resourcesOf(synthJson(stack), "alicloud_cen_transit_router_vpc_attachment")[vpc.attachment!.friendlyUniqueId].lifecycle).toBeUndefined();
  });

  test("without preflight: no lookup and no precondition", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    const vpc = network.attachVpc({ ...BASE, name: "sg", vpcId: "vpc-sg", vSwitches: SG_ZONES });
    const json = synthJson(stack);
    expect(json.data.alicloud_cen_transit_router_available_resources).toBeUndefined();
    expect(resourcesOf(json, "alicloud_cen_transit_router_vpc_attachment")[vpc.attachment!.friendlyUniqueId].lifecycle).toBeUndefined();
    expect(network.hub.availableResources).toBeUndefined();
  });

  test("a VPC of another account: the grant in that account, and the attachment waits for it with the owner and order type", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, ownerAccountId: "1111111111111111" });
    const paid = network.attachVpc({ ...BASE, name: "paid", vpcId: "vpc-paid", vSwitches: SG_ZONES, ownerAccountId: OTHER_UID, ownerProvider: tokyo });
    const own = network.attachVpc({
      ...BASE,
      vpcCidrBlock: "10.1.0.0/16",
      name: "own",
      vpcId: "vpc-own",
      vSwitches: SG_ZONES,
      ownerAccountId: OTHER_UID,
      ownerProvider: tokyo,
      orderType: "PayByResourceOwner",
    });
    const json = synthJson(stack);
    const grants = resourcesOf(json, "alicloud_cen_transit_router_grant_attachment");
    expect(grants[paid.grant!.friendlyUniqueId]).toEqual({
      provider: "alicloud.ap_northeast_1",
      instance_type: "VPC",
      instance_id: "vpc-paid",
      cen_id: ref(network.cen!, "id"),
      cen_owner_id: "1111111111111111",
      order_type: "PayByCenOwner",
    });
    expect(grants[own.grant!.friendlyUniqueId].order_type).toBe("PayByResourceOwner");
    const attachments = resourcesOf(json, "alicloud_cen_transit_router_vpc_attachment");
    expect(attachments[paid.attachment!.friendlyUniqueId]).toMatchObject({
      vpc_owner_id: OTHER_UID,
      order_type: "PayByCenOwner",
      depends_on: [address(paid.grant!)],
    });
    expect(attachments[own.attachment!.friendlyUniqueId].order_type).toBe("PayByResourceOwner");
  });

  test("an adopted attachment creates nothing, and is bound to the route table it names", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, routeTableIds: { "ap-southeast-1": "vtb-hub" } });
    const adopted = network.attachVpc({ ...BASE, name: "lz", vpcId: "vpc-lz", transitRouterAttachmentId: "tr-attach-lz", routeTableId: "vtb-lz" });
    expect(adopted).toEqual({
      name: "lz",
      regionId: "ap-southeast-1",
      vpcId: "vpc-lz",
      vpcCidrBlock: "10.0.0.0/16",
      routeTableId: "vtb-lz",
      transitRouterAttachmentId: "tr-attach-lz",
      adopted: true,
    });
    const json = synthJson(stack);
    expect(resourcesOf(json, "alicloud_cen_transit_router_vpc_attachment")).toEqual({});
    expect(resourcesOf(json, "alicloud_cen_transit_router_route_table_association")).toEqual({});
    const created = network.attachVpc({ ...BASE, vpcCidrBlock: "10.1.0.0/16", name: "new", vpcId: "vpc-new", vSwitches: SG_ZONES });
    expect(created).toMatchObject({ routeTableId: "vtb-hub", adopted: false });
    expect(created.grant).toBeUndefined();
  });

  test("warnings: a single zone, and a zone the dated list does not know, named after the attachment and index", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    network.attachVpc({ ...BASE, name: "one", vpcId: "vpc-1", vSwitches: [{ zoneId: "ap-southeast-1a", vSwitchId: "vsw-1" }] });
    network.attachVpc({ ...BASE, vpcCidrBlock: "10.1.0.0/16", name: "two", vpcId: "vpc-2", vSwitches: [SG_ZONES[0], { zoneId: "ap-southeast-1z", vSwitchId: "vsw-z" }] });
    const zone = new TerraformVariable(stack, "zones", { type: "list(any)" }).listValue;
    network.attachVpc({ ...BASE, vpcCidrBlock: "10.2.0.0/16", name: "token", vpcId: "vpc-3", vSwitches: zone as never });
    expect(warningsOf(network)).toEqual([
      "[DSPL_SINGLE_ZONE] attachVpc \"one\" maps a single zone: the transit router's ENIs in that VPC have no second zone to fail over to. Add a vSwitch in a second zone for high availability.",
      expect.stringMatching(/^\[DSPL_ZONE_UNKNOWN\] attachVpc "two" vSwitches\[1\]\.zoneId "ap-southeast-1z" is not among the known zones of ap-southeast-1/),
    ]);
  });

  test("vpcAttachments is a copy in attachment order", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    const a = network.attachVpc({ ...BASE, name: "a", vpcId: "vpc-a", vSwitches: SG_ZONES });
    const list = network.vpcAttachments as unknown as unknown[];
    list.pop();
    const b = network.attachVpc({ ...BASE, vpcCidrBlock: "10.1.0.0/16", name: "b", vpcId: "vpc-b", vSwitches: SG_ZONES });
    expect(network.vpcAttachments).toEqual([a, b]);
  });
});
