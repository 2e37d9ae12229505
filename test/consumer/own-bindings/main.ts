// An app with its own alicloud bindings (what `cdktf get` writes into .gen/, here generated
// separately by test/consumer/run.js for another provider version), passing its own AlicloudProvider
// to the constructs. Tested from the packed tarball; excluded from the repo's tsconfig because .gen/
// exists only in the consumer project.
import { App, TerraformStack } from "cdktf";
import { DashScopeEndpoint, DashScopeEndpointOutputs } from "cdktf-dashscope-privatelink";
import { AlicloudProvider } from "./.gen/providers/alicloud/provider";
import { Vpc } from "./.gen/providers/alicloud/vpc";

const REGION = "ap-southeast-1";
const app = new App({ outdir: "cdktf.out" });
const stack = new TerraformStack(app, "own-bindings");
// The user's own class, not the package's: before structural provider props this was TS2322
// ("Types have separate declarations of a private property").
const sg = new AlicloudProvider(stack, "sg", { region: REGION, alias: "ap_southeast_1" });
const network = new Vpc(stack, "Vpc", { provider: sg, vpcName: "dashscope", cidrBlock: "10.30.0.0/16" });
const endpoint = new DashScopeEndpoint(stack, "Endpoint", {
  provider: sg,
  region: REGION,
  vpcId: network.id,
  vpcCidrBlock: "10.30.0.0/16",
  vSwitches: [
    { vSwitchId: "vsw-existing-a", zoneId: `${REGION}a` },
    { vSwitchId: "vsw-existing-b", zoneId: `${REGION}b` },
  ],
});
new DashScopeEndpointOutputs(stack, "Outputs", { endpoint });
app.synth();
console.log("own-bindings: synthesized");
