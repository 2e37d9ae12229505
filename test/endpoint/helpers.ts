// Shared fixtures for the DashScopeEndpoint suites (not a test file: jest runs *.test.ts only).
import { App, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopeEndpointProps } from "../../lib/endpoint";
import { DashScopeValidationError } from "../../lib/validation";

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

/** The synthesized stack as JSON. */
export function synthJson(stack: TerraformStack, runValidations = false): any {
  return JSON.parse(Testing.synth(stack, runValidations));
}

/** The blocks of one resource type, by logical id. */
export function resourcesOf(stack: TerraformStack, type: string): Record<string, any> {
  return synthJson(stack).resource?.[type] ?? {};
}

/** Runs fn and returns the DashScopeValidationError it throws (fails the test otherwise). */
export function validationError(fn: () => unknown): DashScopeValidationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DashScopeValidationError) return err;
    throw new Error(`expected a DashScopeValidationError, got: ${err}`);
  }
  throw new Error("expected a DashScopeValidationError, but nothing was thrown");
}

/** The codes of every issue an error carries. */
export function codes(err: DashScopeValidationError): string[] {
  return err.issues.map((i) => i.code);
}

let outputs = 0;
/** What a value synthesizes to (through a throwaway output, the way Terraform would see it). */
export function resolved(stack: TerraformStack, value: unknown): unknown {
  const id = `resolved_${++outputs}`;
  new TerraformOutput(stack, id, { value });
  return synthJson(stack).output[id].value;
}
