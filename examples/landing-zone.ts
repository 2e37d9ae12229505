import { Fn, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { DashScopeEndpointOutputs, DashScopePrivateAccess, DashScopeRequester } from "cdktf-dashscope-privatelink";
import { provider } from "cdktf-dashscope-privatelink/alicloud";
import { ossStateSettingsFromEnv, useOssBackend } from "./oss-backend";

/** The endpoint's region: the hub of the landing zone's CEN. */
const HUB = "ap-southeast-1";

/**
 * The landing zone's requester VPCs. What the platform team decides lives here as code (names,
 * regions, zones); what other stacks own (VPC ids, CIDRs, vSwitch ids, the CEN) comes in as
 * Terraform variables, usually from the network account's remote state or a tfvars file in CI.
 */
// #region requesters
const REQUESTERS: ReadonlyArray<{ name: string; region: string; zones: [string, string] }> = [
  { name: "shared-services", region: HUB, zones: ["ap-southeast-1a", "ap-southeast-1b"] },
  { name: "tokyo-workloads", region: "ap-northeast-1", zones: ["ap-northeast-1a", "ap-northeast-1b"] },
  { name: "frankfurt-workloads", region: "eu-central-1", zones: ["eu-central-1a", "eu-central-1b"] },
  // Hangzhou is in the Chinese mainland and Singapore is not: the link crosses the border.
  { name: "hangzhou-workloads", region: "cn-hangzhou", zones: ["cn-hangzhou-h", "cn-hangzhou-i"] },
];
// #endregion

/**
 * A brownfield landing zone: the endpoint goes into an existing Singapore VPC, and existing VPCs in
 * Singapore, Tokyo, Frankfurt and Hangzhou reach it over the network account's CEN and transit
 * routers. State lives in OSS with a Tablestore lock table, as a CI deploy would use.
 */
export class LandingZoneStack extends TerraformStack {
  constructor(scope: Construct, id: string, options: { readonly env?: NodeJS.ProcessEnv } = {}) {
    super(scope, id);

    // #region backend
    // State in OSS, locked in Tablestore: from TF_STATE_* / TF_LOCK_* in CI (see examples/ci), else
    // the landing zone's defaults below.
    useOssBackend(
      this,
      ossStateSettingsFromEnv(options.env) ?? {
        bucket: "acme-terraform-state",
        region: HUB,
        prefix: "dashscope-privatelink",
        lockEndpoint: "https://acme-tf-lock.ap-southeast-1.ots.aliyuncs.com",
        lockTable: "terraform_state_lock",
      },
    );
    // #endregion

    const providers = new Map<string, provider.AlicloudProvider>();
    for (const region of new Set([HUB, ...REQUESTERS.map((r) => r.region)])) {
      providers.set(region, new provider.AlicloudProvider(this, region, { region, alias: region.replace(/-/g, "_") }));
    }
    const variable = (name: string, description: string) =>
      new TerraformVariable(this, name, { type: "string", description, nullable: false }).stringValue;
    const vSwitchIds = (name: string, description: string) =>
      new TerraformVariable(this, name, { type: "list(string)", description, nullable: false }).listValue;

    const endpointVSwitches = vSwitchIds("endpoint_vswitch_ids", `The endpoint VPC's vSwitches in ${HUB}a and ${HUB}b, in that order`);
    const requesters: DashScopeRequester[] = REQUESTERS.map(({ name, region, zones }) => {
      const key = name.replace(/-/g, "_");
      const ids = vSwitchIds(`${key}_vswitch_ids`, `The ${name} VPC's vSwitches in ${zones.join(" and ")}, in that order`);
      return {
        name,
        regionId: region,
        provider: providers.get(region)!,
        vpcId: variable(`${key}_vpc_id`, `The ${name} VPC (${region})`),
        vpcCidrBlock: variable(`${key}_vpc_cidr`, `The ${name} VPC's CIDR block`),
        vSwitches: zones.map((zoneId, i) => ({ zoneId, vSwitchId: Fn.element(ids, i) })),
      };
    });

    // #region access
    const access = new DashScopePrivateAccess(this, "Access", {
      endpoint: {
        provider: providers.get(HUB)!,
        region: HUB,
        vpcId: variable("endpoint_vpc_id", "The VPC the endpoint goes into"),
        vpcCidrBlock: variable("endpoint_vpc_cidr", "The endpoint VPC's CIDR block"),
        vSwitches: [`${HUB}a`, `${HUB}b`].map((zoneId, i) => ({ zoneId, vSwitchId: Fn.element(endpointVSwitches, i) })),
        endpointName: "dashscope-landing-zone",
      },
      requesters,
      cen: {
        cenId: variable("cen_id", "The network account's CEN instance"),
        transitRouterIds: Object.fromEntries(
          [...providers.keys()].map((region) => [
            region,
            variable(`transit_router_id_${region.replace(/-/g, "_")}`, `The CEN's transit router in ${region}`),
          ]),
        ),
      },
      crossBorder: {
        acknowledgeCompliance: true, // the account has completed enterprise verification
        bandwidthPackageId: variable("cross_border_bandwidth_package_id", "The CEN bandwidth plan (China <-> Asia-Pacific) for the Hangzhou link"),
      },
      tags: { project: "dashscope-privatelink", example: "landing-zone" },
    });

    new DashScopeEndpointOutputs(this, "Outputs", { endpoint: access.endpoint });
    // #endregion
  }
}
