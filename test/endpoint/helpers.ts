// Shared fixtures for the DashScopeEndpoint suites (not a test file: jest runs *.test.ts only).
import { App, TerraformStack, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopeEndpointProps } from "../../lib/endpoint";
import { DashScopeValidationError } from "../../lib/validation";
import { synthJson } from "../cdktf-helpers";

export { resolved, synthJson, validationError } from "../cdktf-helpers";

export interface Fixture {
  readonly app: App;
  readonly stack: TerraformStack;
  readonly provider: AlicloudProvider;
}

/** A stack with an aliased Singapore provider. */
export function fixture(): Fixture {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  const provider = new AlicloudProvider(stack, "ap-southeast-1", { region: "ap-southeast-1", alias: "ap_southeast_1" });
  return { app, stack, provider };
}

/** Valid props for a Singapore endpoint in two zones. */
export function props(provider: AlicloudProvider, overrides: Partial<DashScopeEndpointProps> = {}): DashScopeEndpointProps {
  return {
    provider,
    region: "ap-southeast-1",
    vpcId: "vpc-t4n0dashscope",
    vpcCidrBlock: "10.10.0.0/16",
    vSwitches: [
      { vSwitchId: "vsw-a", zoneId: "ap-southeast-1a" },
      { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" },
    ],
    ...overrides,
  };
}

/** The blocks of one resource type, by logical id. */
export function resourcesOf(stack: TerraformStack, type: string): Record<string, any> {
  return synthJson(stack).resource?.[type] ?? {};
}

/** The codes of every issue an error carries. */
export function codes(err: DashScopeValidationError): string[] {
  return err.issues.map((i) => i.code);
}

