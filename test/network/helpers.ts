import { App, TerraformStack, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";

export { address, ref, resolved, synthJson, thrown } from "../cdktf-helpers";

/** A stack with one aliased provider per region the network tests use. */
export function networkStack(): {
  app: App;
  stack: TerraformStack;
  sg: AlicloudProvider;
  tokyo: AlicloudProvider;
  frankfurt: AlicloudProvider;
  hangzhou: AlicloudProvider;
  beijing: AlicloudProvider;
  shanghai: AlicloudProvider;
} {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  const provider = (region: string) =>
    new AlicloudProvider(stack, `Alicloud-${region}`, { region, alias: region.replace(/-/g, "_") });
  return {
    app,
    stack,
    sg: provider("ap-southeast-1"),
    tokyo: provider("ap-northeast-1"),
    frankfurt: provider("eu-central-1"),
    hangzhou: provider("cn-hangzhou"),
    beijing: provider("cn-beijing"),
    shanghai: provider("cn-shanghai"),
  };
}

/** The resources of one type in a synthesized stack. */
export function resourcesOf(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

export const SG_ZONES = [
  { zoneId: "ap-southeast-1a", vSwitchId: "vsw-sg-a" },
  { zoneId: "ap-southeast-1b", vSwitchId: "vsw-sg-b" },
];
export const TOKYO_ZONES = [
  { zoneId: "ap-northeast-1a", vSwitchId: "vsw-tk-a" },
  { zoneId: "ap-northeast-1b", vSwitchId: "vsw-tk-b" },
];

