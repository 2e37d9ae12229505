import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { DashScopeEndpoint, DashScopeEndpointOutputs } from "cdktf-dashscope-privatelink";
import { provider, vpc, vswitch } from "cdktf-dashscope-privatelink/alicloud";

/** The region of this example: Singapore, Model Studio's international region. */
const REGION = "ap-southeast-1";
/** The VPC of this example; the endpoint opens 80 and 443 to it. */
const VPC_CIDR = "10.10.0.0/16";

/**
 * The smallest useful deployment: a Singapore VPC with two vSwitches in two zones and a
 * Model Studio (DashScope) interface endpoint that callers inside the VPC reach over HTTPS on
 * `vpc-ap-southeast-1.dashscope.aliyuncs.com`.
 *
 * Construct ids are Terraform addresses (test/endpoint pins them): renaming one destroys and
 * recreates the resource.
 */
export class SingleRegionStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    const singapore = new provider.AlicloudProvider(this, REGION, { region: REGION, alias: "ap_southeast_1" });

    const network = new vpc.Vpc(this, "Vpc", {
      provider: singapore,
      vpcName: "dashscope-single-region",
      cidrBlock: VPC_CIDR,
    });
    // Two zones, so the endpoint survives the loss of one. Zone ids stay literals: the endpoint
    // validates them against the region and names its zone resources after them.
    const vSwitches = [
      { zoneId: `${REGION}a`, cidrBlock: "10.10.1.0/24" },
      { zoneId: `${REGION}b`, cidrBlock: "10.10.2.0/24" },
    ].map(({ zoneId, cidrBlock }) => {
      const vSwitch = new vswitch.Vswitch(this, `VSwitch-${zoneId}`, {
        provider: singapore,
        vpcId: network.id,
        vswitchName: `dashscope-single-region-${zoneId}`,
        cidrBlock,
        zoneId,
      });
      return { vSwitchId: vSwitch.id, zoneId };
    });

    // #region endpoint
    const endpoint = new DashScopeEndpoint(this, "Endpoint", {
      provider: singapore,
      region: REGION,
      vpcId: network.id,
      vpcCidrBlock: VPC_CIDR,
      vSwitches,
      endpointName: "dashscope-single-region",
      tags: { project: "dashscope-privatelink", example: "single-region" },
    });

    // endpoint_id, endpoint_domain, custom_domain, endpoint_region, endpoint_zone_ips: the names
    // `dashscope-verify --outputs` reads after `cdktf deploy --outputs-file`.
    new DashScopeEndpointOutputs(this, "Outputs", { endpoint });
    // #endregion
  }
}
