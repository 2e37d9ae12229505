import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { DashScopeEndpoint } from "cdktf-dashscope-privatelink";
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

    const endpoint = new DashScopeEndpoint(this, "Endpoint", {
      provider: singapore,
      region: REGION,
      vpcId: network.id,
      vpcCidrBlock: VPC_CIDR,
      vSwitches,
      endpointName: "dashscope-single-region",
      tags: { project: "dashscope-privatelink", example: "single-region" },
    });

    // The verifier (dashscope-verify --outputs) reads these exact names. Outputs at the top of a
    // stack keep their construct id as their name.
    new TerraformOutput(this, "endpoint_id", {
      value: endpoint.endpointId,
      description: "The DashScope interface endpoint id",
    });
    new TerraformOutput(this, "endpoint_domain", {
      value: endpoint.endpointDomain,
      description: "The endpoint's default domain (plain HTTP inside the VPC)",
    });
    new TerraformOutput(this, "custom_domain", {
      value: endpoint.customDomain,
      description: "The custom domain callers in the VPC use over HTTPS",
    });
    new TerraformOutput(this, "endpoint_region", {
      value: endpoint.region.regionId,
      description: "The endpoint's region",
    });
    new TerraformOutput(this, "endpoint_zone_ips", {
      value: endpoint.zoneIps,
      description: "The endpoint's ENI IP in each zone, in vSwitch order",
    });
  }
}
