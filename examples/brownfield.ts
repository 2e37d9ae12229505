import { Fn, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { DashScopeEndpointOutputs, DashScopePrivateAccess } from "cdktf-dashscope-privatelink";
import { provider } from "cdktf-dashscope-privatelink/alicloud";

const HUB = "ap-southeast-1";

/**
 * A landing zone that already has most of the network: the CEN and its transit routers, the
 * shared-services VPC's attachment to the Singapore router, the peer link Singapore-Tokyo and a
 * Private Zone for the custom domain bound to a legacy VPC. The stack adds only what is missing: the
 * endpoint, the Tokyo VPC's attachment, the ingress rules, the CNAME and the zone's one attachment.
 * Every id comes in as a variable (from the network team's remote state or a tfvars file).
 */
export class BrownfieldStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const singapore = new provider.AlicloudProvider(this, HUB, { region: HUB, alias: "ap_southeast_1" });
    const tokyo = new provider.AlicloudProvider(this, "ap-northeast-1", { region: "ap-northeast-1", alias: "ap_northeast_1" });
    const variable = (name: string, description: string) =>
      new TerraformVariable(this, name, { type: "string", description, nullable: false }).stringValue;
    const vSwitchIds = (name: string, description: string) =>
      new TerraformVariable(this, name, { type: "list(string)", description, nullable: false }).listValue;
    const endpointVSwitches = vSwitchIds("endpoint_vswitch_ids", "The endpoint VPC's vSwitches in ap-southeast-1a and ap-southeast-1b");
    const sharedVSwitches = vSwitchIds("shared_services_vswitch_ids", "The shared-services VPC's vSwitches in ap-southeast-1a and ap-southeast-1b");
    const tokyoVSwitches = vSwitchIds("tokyo_vswitch_ids", "The Tokyo VPC's vSwitches in ap-northeast-1a and ap-northeast-1b");

    // #region adopt
    const access = new DashScopePrivateAccess(this, "Access", {
      endpoint: {
        provider: singapore,
        region: HUB,
        vpcId: variable("endpoint_vpc_id", "The VPC the endpoint goes into"),
        vpcCidrBlock: variable("endpoint_vpc_cidr", "The endpoint VPC's CIDR block"),
        vSwitches: ["ap-southeast-1a", "ap-southeast-1b"].map((zoneId, i) => ({ zoneId, vSwitchId: Fn.element(endpointVSwitches, i) })),
        // The endpoint VPC is already on the CEN: its attachment is the landing zone's.
        transitRouterAttachmentId: variable("endpoint_tr_attachment_id", "The endpoint VPC's existing transit router attachment"),
        endpointName: "dashscope-brownfield",
      },
      requesters: [
        {
          name: "shared-services",
          provider: singapore,
          regionId: HUB,
          vpcId: variable("shared_services_vpc_id", "The shared-services VPC"),
          vpcCidrBlock: variable("shared_services_vpc_cidr", "The shared-services VPC's CIDR block"),
          vSwitches: ["ap-southeast-1a", "ap-southeast-1b"].map((zoneId, i) => ({ zoneId, vSwitchId: Fn.element(sharedVSwitches, i) })),
          // Already attached to the Singapore router: no attachment, association or propagation.
          transitRouterAttachmentId: variable("shared_services_tr_attachment_id", "The shared-services VPC's existing attachment"),
        },
        {
          name: "tokyo-workloads",
          provider: tokyo,
          regionId: "ap-northeast-1",
          vpcId: variable("tokyo_vpc_id", "The Tokyo workloads VPC"),
          vpcCidrBlock: variable("tokyo_vpc_cidr", "The Tokyo VPC's CIDR block"),
          vSwitches: ["ap-northeast-1a", "ap-northeast-1b"].map((zoneId, i) => ({ zoneId, vSwitchId: Fn.element(tokyoVSwitches, i) })),
        },
      ],
      cen: {
        cenId: variable("cen_id", "The network account's CEN"),
        transitRouterIds: {
          [HUB]: variable("transit_router_id_ap_southeast_1", "The CEN's transit router in ap-southeast-1"),
          "ap-northeast-1": variable("transit_router_id_ap_northeast_1", "The CEN's transit router in ap-northeast-1"),
        },
        // The Singapore-Tokyo link exists: no second peer link.
        peerAttachmentIds: { "ap-northeast-1": variable("peer_attachment_id_ap_northeast_1", "The existing Singapore-Tokyo peer attachment") },
      },
      privateZone: {
        // The landing zone's zone for vpc-ap-southeast-1.dashscope.aliyuncs.com, bound to a legacy VPC
        // that must stay bound (BindZoneVpc replaces the whole list: see the synth warning).
        zoneId: variable("private_zone_id", "The existing Private Zone of the custom domain"),
        keepVpcs: [{ vpcId: variable("legacy_vpc_id", "A VPC already bound to the zone"), regionId: HUB }],
      },
      tags: { project: "dashscope-privatelink", example: "brownfield" },
    });
    // #endregion

    new DashScopeEndpointOutputs(this, "Outputs", { endpoint: access.endpoint });
  }
}
