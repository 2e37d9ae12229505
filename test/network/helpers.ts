import { App, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";

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

/** The synthesized stack as an object. */
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** `${type.name}`: how Terraform JSON references a resource in depends_on. */
export function address(resource: { terraformResourceType: string; friendlyUniqueId: string }): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/** `${type.name.attribute}` */
export function ref(resource: { terraformResourceType: string; friendlyUniqueId: string }, attribute: string): string {
  return `\${${address(resource)}.${attribute}}`;
}

/** The resources of one type in a synthesized stack. */
export function resourcesOf(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** Runs fn and returns the error it throws (failing the test when it does not). */
export function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

export const SG_ZONES = [
  { zoneId: "ap-southeast-1a", vSwitchId: "vsw-sg-a" },
  { zoneId: "ap-southeast-1b", vSwitchId: "vsw-sg-b" },
];
export const TOKYO_ZONES = [
  { zoneId: "ap-northeast-1a", vSwitchId: "vsw-tk-a" },
  { zoneId: "ap-northeast-1b", vSwitchId: "vsw-tk-b" },
];

let probes = 0;
/** What a token resolves to in the synthesized stack (through a probe output). */
export function resolved(stack: TerraformStack, value: unknown): unknown {
  const id = `probe${++probes}`;
  new TerraformOutput(stack, id, { value });
  return synthJson(stack).output[id].value;
}
