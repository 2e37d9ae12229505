import { Fn, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { DashScopeEndpointOutputs, DashScopePrivateAccess } from "cdktf-dashscope-privatelink";
import { provider } from "cdktf-dashscope-privatelink/alicloud";

const HUB = "ap-southeast-1";

/** The Resource Directory's accounts (UIDs are examples: use yours). */
// #region accounts
export const ACCOUNTS = {
  /** Owns the CEN and its transit routers. */
  network: "1111111111111111",
  /** Owns the endpoint, its VPC and the Private Zone. */
  sharedServices: "2222222222222222",
  /** Own the workload VPCs. */
  workloadsTokyo: "3333333333333333",
  workloadsFrankfurt: "4444444444444444",
} as const;
// #endregion

/**
 * A Resource Directory landing zone: the network account owns the CEN and the transit routers, the
 * shared-services account the endpoint and the Private Zone, and two workload accounts a VPC each
 * in Tokyo and Frankfurt. One provider per (account, region), each assuming the account's deploy
 * role: the construct puts every resource in the account Alibaba requires.
 */
export class MultiAccountStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // #region providers
    const account = (name: string, uid: string, region: string) =>
      new provider.AlicloudProvider(this, `${name}-${region}`, {
        region,
        alias: `${name}_${region.replace(/-/g, "_")}`,
        assumeRole: { roleArn: `acs:ram::${uid}:role/dashscope-deployer`, sessionName: "dashscope-privatelink" },
      });
    const network = {
      [HUB]: account("network", ACCOUNTS.network, HUB),
      "ap-northeast-1": account("network", ACCOUNTS.network, "ap-northeast-1"),
      "eu-central-1": account("network", ACCOUNTS.network, "eu-central-1"),
    };
    const shared = account("shared", ACCOUNTS.sharedServices, HUB);
    const tokyo = account("workloads", ACCOUNTS.workloadsTokyo, "ap-northeast-1");
    const frankfurt = account("workloads", ACCOUNTS.workloadsFrankfurt, "eu-central-1");
    // #endregion
    const variable = (name: string, description: string) =>
      new TerraformVariable(this, name, { type: "string", description, nullable: false }).stringValue;
    const vSwitchIds = (name: string, description: string) =>
      new TerraformVariable(this, name, { type: "list(string)", description, nullable: false }).listValue;
    const vSwitches = (key: string, zones: string[]) => {
      const ids = vSwitchIds(`${key}_vswitch_ids`, `The ${key} VPC's vSwitches in ${zones.join(" and ")}`);
      return zones.map((zoneId, i) => ({ zoneId, vSwitchId: Fn.element(ids, i) }));
    };

    // #region access
    const access = new DashScopePrivateAccess(this, "Access", {
      endpoint: {
        provider: shared, // the endpoint, its security group and (by default) the Private Zone
        ownerAccountId: ACCOUNTS.sharedServices, // its VPC is granted to the network account's CEN
        region: HUB,
        vpcId: variable("endpoint_vpc_id", "The shared-services VPC the endpoint goes into"),
        vpcCidrBlock: variable("endpoint_vpc_cidr", "The endpoint VPC's CIDR block"),
        vSwitches: vSwitches("endpoint", ["ap-southeast-1a", "ap-southeast-1b"]),
        endpointName: "dashscope-multi-account",
      },
      requesters: [
        {
          name: "tokyo-workloads",
          provider: tokyo, // the grant, in the workload account
          ownerAccountId: ACCOUNTS.workloadsTokyo,
          regionId: "ap-northeast-1",
          vpcId: variable("tokyo_vpc_id", "The Tokyo workload account's VPC"),
          vpcCidrBlock: variable("tokyo_vpc_cidr", "The Tokyo VPC's CIDR block"),
          vSwitches: vSwitches("tokyo", ["ap-northeast-1a", "ap-northeast-1b"]),
        },
        {
          name: "frankfurt-workloads",
          provider: frankfurt,
          ownerAccountId: ACCOUNTS.workloadsFrankfurt,
          regionId: "eu-central-1",
          vpcId: variable("frankfurt_vpc_id", "The Frankfurt workload account's VPC"),
          vpcCidrBlock: variable("frankfurt_vpc_cidr", "The Frankfurt VPC's CIDR block"),
          vSwitches: vSwitches("frankfurt", ["eu-central-1a", "eu-central-1b"]),
        },
      ],
      cen: {
        cenId: variable("cen_id", "The network account's CEN"),
        ownerAccountId: ACCOUNTS.network,
        providers: network, // transit routers, attachments, route tables, peer links
        transitRouterIds: Object.fromEntries(
          Object.keys(network).map((region) => [region, variable(`transit_router_id_${region.replace(/-/g, "_")}`, `The CEN's transit router in ${region}`)]),
        ),
      },
      tags: { project: "dashscope-privatelink", example: "multi-account" },
    });
    // #endregion

    new DashScopeEndpointOutputs(this, "Outputs", { endpoint: access.endpoint });
  }
}
