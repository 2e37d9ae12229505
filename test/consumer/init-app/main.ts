// The README's quickstart ("Use it in your stack"): main.ts of a fresh `cdktf init --template=typescript`
// app, tested from the packed tarball by test/consumer/run.js (tsc with the tsconfig cdktf init writes,
// then `node main.js`).
// #region quickstart
import { Construct } from "constructs";
import { App, Fn, TerraformStack, TerraformVariable } from "cdktf";
import { DashScopeEndpointOutputs, DashScopePrivateAccess } from "cdktf-dashscope-privatelink";
import { provider } from "cdktf-dashscope-privatelink/alicloud";

const HUB = "ap-southeast-1"; // the endpoint's region (ap-southeast-1 or cn-beijing)
const SPOKE = "ap-northeast-1"; // a region with requester VPCs

class DashScopeStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    // One aliased provider per region; the constructs never create providers.
    const hub = new provider.AlicloudProvider(this, "hub", { region: HUB, alias: "ap_southeast_1" });
    const spoke = new provider.AlicloudProvider(this, "spoke", { region: SPOKE, alias: "ap_northeast_1" });

    // The landing zone you already have: VPCs, vSwitches, the CEN and its transit routers, as
    // variables (a tfvars file, or remote state outputs instead).
    const text = (name: string) => new TerraformVariable(this, name, { type: "string", nullable: false }).stringValue;
    const list = (name: string) => new TerraformVariable(this, name, { type: "list(string)", nullable: false }).listValue;
    const zones = (ids: string[], names: string[]) => names.map((zoneId, i) => ({ zoneId, vSwitchId: Fn.element(ids, i) }));

    const access = new DashScopePrivateAccess(this, "Access", {
      endpoint: {
        provider: hub,
        region: HUB,
        vpcId: text("endpoint_vpc_id"),
        vpcCidrBlock: text("endpoint_vpc_cidr"),
        vSwitches: zones(list("endpoint_vswitch_ids"), ["ap-southeast-1a", "ap-southeast-1b"]),
      },
      requesters: [
        {
          name: "tokyo-workloads",
          region: SPOKE,
          provider: spoke,
          vpcId: text("tokyo_vpc_id"),
          vpcCidrBlock: text("tokyo_vpc_cidr"),
          vSwitches: zones(list("tokyo_vswitch_ids"), ["ap-northeast-1a", "ap-northeast-1b"]),
        },
      ],
      cen: {
        cenId: text("cen_id"),
        transitRouterIds: { [HUB]: text("hub_transit_router_id"), [SPOKE]: text("tokyo_transit_router_id") },
      },
    });

    // endpoint_id, endpoint_domain, custom_domain, endpoint_region, endpoint_zone_ips: what
    // dashscope-verify reads from `cdktf deploy --outputs-file`.
    new DashScopeEndpointOutputs(this, "Outputs", { endpoint: access.endpoint });
  }
}

const app = new App();
new DashScopeStack(app, "dashscope-privatelink");
app.synth();
// #endregion
