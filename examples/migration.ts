import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { DashScopeEndpointOutputs, DashScopePrivateAccess } from "cdktf-dashscope-privatelink";
import { provider } from "cdktf-dashscope-privatelink/alicloud";

/**
 * The ids of a deployment made with Alibaba Cloud's reference module (endpoint, its two zones, its
 * security group and the Private Zone in Beijing, a requester VPC in Shanghai over CEN). Read them
 * from that module's state (`terraform state show`); these are examples.
 */
// #region ids
export const REFERENCE_DEPLOYMENT = {
  endpointId: "ep-2zei0123456789abcdef",
  zones: ["cn-beijing-h", "cn-beijing-k"],
  securityGroupId: "sg-2ze0123456789abcdef",
  privateZoneId: "3f2c0123456789abcdef0123456789ab",
  recordId: "41710001",
  cenId: "cen-0123456789abcdefgh",
  transitRouterIds: { "cn-beijing": "tr-2ze0123456789abcdef", "cn-shanghai": "tr-uf60123456789abcdef" },
  peerAttachmentId: "tr-attach-peer0123456789ab",
  endpointVpc: { vpcId: "vpc-2ze0123456789abcdef", cidr: "10.20.0.0/16", vSwitchIds: ["vsw-2ze000000000000001", "vsw-2ze000000000000002"], attachmentId: "tr-attach-ep0123456789abc" },
  requesterVpc: { vpcId: "vpc-uf60123456789abcdef", cidr: "10.30.0.0/16", vSwitchIds: ["vsw-uf6000000000000001", "vsw-uf6000000000000002"], attachmentId: "tr-attach-sh0123456789abc" },
} as const;
// #endregion

/**
 * Taking over the reference module's deployment without destroying the endpoint: the network
 * pieces it made (CEN, routers, attachments, the peer link) are adopted by id, and the endpoint,
 * its zones, its security group and the Private Zone are imported into this stack's addresses with
 * `importFrom` (Terraform `import` blocks), so the first `terraform plan` shows imports and
 * in-place updates, not a replacement. Afterwards, `terraform state rm` the module's copies in its
 * own state (never `destroy` it).
 */
export class MigrationStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const ids = REFERENCE_DEPLOYMENT;
    const beijing = new provider.AlicloudProvider(this, "cn-beijing", { region: "cn-beijing", alias: "cn_beijing" });
    const shanghai = new provider.AlicloudProvider(this, "cn-shanghai", { region: "cn-shanghai", alias: "cn_shanghai" });

    const access = new DashScopePrivateAccess(this, "Access", {
      endpoint: {
        provider: beijing,
        region: "cn-beijing",
        vpcId: ids.endpointVpc.vpcId,
        vpcCidrBlock: ids.endpointVpc.cidr,
        vSwitches: ids.zones.map((zoneId, i) => ({ zoneId, vSwitchId: ids.endpointVpc.vSwitchIds[i] })),
        transitRouterAttachmentId: ids.endpointVpc.attachmentId,
        endpointName: "dashscope-migrated",
      },
      requesters: [
        {
          name: "shanghai-app",
          provider: shanghai,
          regionId: "cn-shanghai",
          vpcId: ids.requesterVpc.vpcId,
          vpcCidrBlock: ids.requesterVpc.cidr,
          vSwitches: ["cn-shanghai-e", "cn-shanghai-f"].map((zoneId, i) => ({ zoneId, vSwitchId: ids.requesterVpc.vSwitchIds[i] })),
          transitRouterAttachmentId: ids.requesterVpc.attachmentId,
        },
      ],
      cen: { cenId: ids.cenId, transitRouterIds: ids.transitRouterIds, peerAttachmentIds: { "cn-shanghai": ids.peerAttachmentId } },
      tags: { project: "dashscope-privatelink", example: "migration" },
    });

    // #region import
    // Import, don't recreate: each importFrom becomes an `import { to, id }` block.
    const endpoint = access.endpoint;
    endpoint.vpcEndpoint.importFrom(ids.endpointId, beijing);
    endpoint.zones.forEach((zone, i) => zone.importFrom(`${ids.endpointId}:${ids.zones[i]}`, beijing));
    endpoint.securityGroup!.importFrom(ids.securityGroupId, beijing);
    // The module's rules (80 and 443 from both VPCs) are the ones this construct declares, in that
    // order; a rule's id is <group>:ingress:tcp:<port>/<port>:intranet:<cidr>:accept:<priority>.
    const ruleIds = [ids.endpointVpc.cidr, ids.requesterVpc.cidr].flatMap((cidr) =>
      [80, 443].map((port) => `${ids.securityGroupId}:ingress:tcp:${port}/${port}:intranet:${cidr}:accept:1`),
    );
    endpoint.securityGroupRules.forEach((rule, i) => rule.importFrom(ruleIds[i], beijing));
    const dns = access.privateZone!;
    dns.zone!.importFrom(ids.privateZoneId, beijing);
    dns.record.importFrom(`${ids.recordId}:${ids.privateZoneId}`, beijing);
    dns.attachment.importFrom(ids.privateZoneId, beijing); // id = the zone id: the module's one attachment
    // #endregion

    new DashScopeEndpointOutputs(this, "Outputs", { endpoint: access.endpoint });
  }
}
