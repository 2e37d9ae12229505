import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { provider } from "cdktf-dashscope-privatelink/alicloud";

/** Placeholder until DashScopeEndpoint lands (issue 3). */
export class SingleRegionStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new provider.AlicloudProvider(this, "ap-southeast-1", { region: "ap-southeast-1", alias: "ap_southeast_1" });
  }
}
