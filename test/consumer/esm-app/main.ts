// An ESM app ("type": "module", NodeNext) importing named exports from all four subpaths, tested
// from the packed tarball by test/consumer/run.js; for CDK Terrain the runner rewrites "cdktf" to
// "cdktn" and the package name to cdktn-dashscope-privatelink, as a cdktn user writes it.
import { App, TerraformStack } from "cdktf";
import { DashScopeEndpoint, DashScopeEndpointOutputs, ENDPOINT_OUTPUT_NAMES, lookupRegion } from "cdktf-dashscope-privatelink";
import { provider, vpc, vswitch } from "cdktf-dashscope-privatelink/alicloud";
import { offlineMatchers, planOffline } from "cdktf-dashscope-privatelink/testing";
import { CHECK_NAMES } from "cdktf-dashscope-privatelink/verify";

const REGION = "ap-southeast-1";
if (!lookupRegion(REGION)) throw new Error(`${REGION} is missing from the catalog`);
if (typeof planOffline !== "function" || typeof offlineMatchers !== "object") throw new Error("the /testing subpath lacks planOffline or offlineMatchers");
if (!CHECK_NAMES.includes("dns")) throw new Error(`CHECK_NAMES lacks dns: ${CHECK_NAMES.join(", ")}`);

const app = new App({ outdir: "cdktf.out" });
const stack = new TerraformStack(app, "esm-app");
const sg = new provider.AlicloudProvider(stack, "sg", { region: REGION, alias: "ap_southeast_1" });
const network = new vpc.Vpc(stack, "Vpc", { provider: sg, vpcName: "dashscope", cidrBlock: "10.20.0.0/16" });
const vSwitches = ["a", "b"].map((zone, i) => {
  const zoneId = `${REGION}${zone}`;
  const vsw = new vswitch.Vswitch(stack, `VSwitch-${zone}`, { provider: sg, vpcId: network.id, cidrBlock: `10.20.${i}.0/24`, zoneId });
  return { vSwitchId: vsw.id, zoneId };
});
const endpoint = new DashScopeEndpoint(stack, "Endpoint", {
  provider: sg,
  region: REGION,
  vpcId: network.id,
  vpcCidrBlock: network.cidrBlock,
  vSwitches,
});
new DashScopeEndpointOutputs(stack, "Outputs", { endpoint });
app.synth();
console.log(`esm-app: synthesized, outputs ${Object.values(ENDPOINT_OUTPUT_NAMES).join(", ")}`);
