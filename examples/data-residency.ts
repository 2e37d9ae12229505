import { Fn, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { DashScopeEndpointOutputs, DashScopePrivateAccess, DashScopeRequester } from "cdktf-dashscope-privatelink";
import { provider } from "cdktf-dashscope-privatelink/alicloud";

/**
 * Model Studio's data-residency guidance as a landing zone: data that must stay in the Chinese
 * mainland goes to China (Beijing), traffic that must not pass through the mainland to Singapore.
 * Two hubs on one existing CEN and its transit routers; mainland requesters on Beijing, the others
 * on Singapore. Nothing crosses the border, so there is no bandwidth plan; each hub has its own
 * prefixed outputs (`dashscope-verify --outputs FILE --output-prefix cn_beijing`).
 */
// #region hubs
const HUBS = [
  {
    hub: "cn-beijing",
    requesters: [
      { name: "hangzhou-workloads", regionId: "cn-hangzhou", zones: ["cn-hangzhou-h", "cn-hangzhou-i"] },
      { name: "shanghai-workloads", regionId: "cn-shanghai", zones: ["cn-shanghai-e", "cn-shanghai-f"] },
    ],
    endpointZones: ["cn-beijing-h", "cn-beijing-k"],
  },
  {
    hub: "ap-southeast-1",
    requesters: [
      { name: "tokyo-workloads", regionId: "ap-northeast-1", zones: ["ap-northeast-1a", "ap-northeast-1b"] },
      { name: "frankfurt-workloads", regionId: "eu-central-1", zones: ["eu-central-1a", "eu-central-1b"] },
    ],
    endpointZones: ["ap-southeast-1a", "ap-southeast-1b"],
  },
];
// #endregion

export class DataResidencyStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const key = (region: string) => region.replace(/-/g, "_");
    const regions = HUBS.flatMap((h) => [h.hub, ...h.requesters.map((r) => r.regionId)]);
    const providers = new Map(regions.map((region) => [region, new provider.AlicloudProvider(this, region, { region, alias: key(region) })]));
    const variable = (name: string, description: string) =>
      new TerraformVariable(this, name, { type: "string", description, nullable: false }).stringValue;
    const vSwitchIds = (name: string, description: string) =>
      new TerraformVariable(this, name, { type: "list(string)", description, nullable: false }).listValue;
    const cenId = variable("cen_id", "The network account's CEN, shared by both hubs");
    const transitRouterIds = Object.fromEntries(regions.map((region) => [region, variable(`transit_router_id_${key(region)}`, `The CEN's transit router in ${region}`)]));

    // #region residency
    for (const { hub, requesters, endpointZones } of HUBS) {
      const endpointVSwitches = vSwitchIds(`${key(hub)}_endpoint_vswitch_ids`, `The ${hub} endpoint VPC's vSwitches`);
      const access = new DashScopePrivateAccess(this, `Access-${hub}`, {
        endpoint: {
          provider: providers.get(hub)!,
          region: hub,
          vpcId: variable(`${key(hub)}_endpoint_vpc_id`, `The ${hub} endpoint VPC`),
          vpcCidrBlock: variable(`${key(hub)}_endpoint_vpc_cidr`, `The ${hub} endpoint VPC's CIDR block`),
          vSwitches: endpointZones.map((zoneId, i) => ({ zoneId, vSwitchId: Fn.element(endpointVSwitches, i) })),
          endpointName: `dashscope-${hub}`,
        },
        requesters: requesters.map(({ name, regionId, zones }): DashScopeRequester => {
          const ids = vSwitchIds(`${key(name)}_vswitch_ids`, `The ${name} VPC's vSwitches`);
          return {
            name,
            regionId,
            provider: providers.get(regionId)!,
            vpcId: variable(`${key(name)}_vpc_id`, `The ${name} VPC`),
            vpcCidrBlock: variable(`${key(name)}_vpc_cidr`, `The ${name} VPC's CIDR block`),
            vSwitches: zones.map((zoneId, i) => ({ zoneId, vSwitchId: Fn.element(ids, i) })),
          };
        }),
        // One CEN, one transit router per region, shared by both hubs; each hub only links its own side.
        cen: { cenId, transitRouterIds: Object.fromEntries([hub, ...requesters.map((r) => r.regionId)].map((r) => [r, transitRouterIds[r]])) },
        tags: { project: "dashscope-privatelink", example: "data-residency" },
      });
      new DashScopeEndpointOutputs(this, `Outputs-${hub}`, { endpoint: access.endpoint, prefix: key(hub) });
    }
    // #endregion
  }
}
