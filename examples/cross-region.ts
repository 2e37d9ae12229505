import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { DashScopeEndpointOutputs, DashScopePrivateAccess } from "cdktf-dashscope-privatelink";
import { provider, vpc, vswitch } from "cdktf-dashscope-privatelink/alicloud";

/**
 * The topology of Alibaba Cloud's own reference module, for comparison: the endpoint in a Beijing
 * VPC, one requester VPC in Shanghai, both created here, connected by a new CEN with a transit
 * router in each region and a Private Zone that makes `vpc-cn-beijing.dashscope.aliyuncs.com`
 * resolve in Shanghai. Both regions are in the Chinese mainland, so the link is not cross-border.
 *
 * The zones must be ones the transit routers support in each region (see the data source
 * `alicloud_cen_transit_router_available_resources`). Construct ids are Terraform addresses (the
 * tests pin them): renaming one destroys and recreates the resource.
 */
export class CrossRegionStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    const beijing = new provider.AlicloudProvider(this, "cn-beijing", { region: "cn-beijing", alias: "cn_beijing" });
    const shanghai = new provider.AlicloudProvider(this, "cn-shanghai", { region: "cn-shanghai", alias: "cn_shanghai" });

    const endpointVpc = this.vpcWithVSwitches("Endpoint", beijing, "10.20.0.0/16", [
      ["cn-beijing-h", "10.20.1.0/24"],
      ["cn-beijing-k", "10.20.2.0/24"],
    ]);
    const requesterVpc = this.vpcWithVSwitches("Requester", shanghai, "10.30.0.0/16", [
      ["cn-shanghai-e", "10.30.1.0/24"],
      ["cn-shanghai-f", "10.30.2.0/24"],
    ]);

    // #region access
    const access = new DashScopePrivateAccess(this, "Access", {
      endpoint: {
        provider: beijing,
        region: "cn-beijing",
        vpcId: endpointVpc.vpcId,
        vpcCidrBlock: endpointVpc.cidrBlock,
        vSwitches: endpointVpc.vSwitches,
        endpointName: "dashscope-cross-region",
      },
      requesters: [
        {
          name: "shanghai-app",
          provider: shanghai,
          regionId: "cn-shanghai",
          vpcId: requesterVpc.vpcId,
          vpcCidrBlock: requesterVpc.cidrBlock,
          vSwitches: requesterVpc.vSwitches,
        },
      ],
      tags: { project: "dashscope-privatelink", example: "cross-region" },
    });

    new DashScopeEndpointOutputs(this, "Outputs", { endpoint: access.endpoint });
    // #endregion
  }

  private vpcWithVSwitches(
    name: string,
    regionProvider: provider.AlicloudProvider,
    cidrBlock: string,
    zones: Array<[zoneId: string, cidrBlock: string]>,
  ): { vpcId: string; cidrBlock: string; vSwitches: { vSwitchId: string; zoneId: string }[] } {
    const network = new vpc.Vpc(this, `${name}Vpc`, {
      provider: regionProvider,
      vpcName: `dashscope-cross-region-${name.toLowerCase()}`,
      cidrBlock,
    });
    const vSwitches = zones.map(([zoneId, vSwitchCidr]) => {
      const vSwitch = new vswitch.Vswitch(this, `${name}VSwitch-${zoneId}`, {
        provider: regionProvider,
        vpcId: network.id,
        vswitchName: `dashscope-cross-region-${name.toLowerCase()}-${zoneId}`,
        cidrBlock: vSwitchCidr,
        zoneId,
      });
      return { vSwitchId: vSwitch.id, zoneId };
    });
    return { vpcId: network.id, cidrBlock, vSwitches };
  }
}
