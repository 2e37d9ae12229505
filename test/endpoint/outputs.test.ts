import { TerraformStack, Testing } from "cdktf";
import { DashScopeEndpoint, DashScopeEndpointOutputs } from "../../lib/endpoint";
import { ValidationCode } from "../../lib/validation";
import { synthJson, treeSnapshot, validationError } from "../cdktf-helpers";
import { fixture, props } from "./helpers";

describe("DashScopeEndpointOutputs", () => {
  test("prefix names every output <prefix>_<name>, so two hubs share a stack", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider));
    new DashScopeEndpointOutputs(stack, "A", { endpoint, prefix: "ap_southeast_1" });
    new DashScopeEndpointOutputs(stack, "B", { endpoint, prefix: "other" });
    expect(Object.keys(synthJson(stack).output).sort()).toEqual(
      ["custom_domain", "endpoint_domain", "endpoint_id", "endpoint_region", "endpoint_zone_ips"].flatMap((n) => [`ap_southeast_1_${n}`, `other_${n}`]).sort(),
    );
  });

  test("two with the same names in one stack are a coded error, and the second leaves nothing behind", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider));
    new DashScopeEndpointOutputs(stack, "Outputs", { endpoint });
    const before = treeSnapshot(stack);
    const error = validationError(() => new DashScopeEndpointOutputs(stack, "Outputs2", { endpoint }));
    expect(error.code).toBe(ValidationCode.OUTPUT_DUPLICATE);
    expect(error.message).toMatch(/the outputs endpoint_id, .* already exist in this stack \(from test\/Outputs\).*Fix: give each DashScopeEndpointOutputs its own prefix/);
    expect(treeSnapshot(stack)).toEqual(before);
  });

  test("the same names in two stacks are fine; a prefix that is not an output name is rejected", () => {
    const { stack, provider } = fixture();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", props(provider));
    new DashScopeEndpointOutputs(stack, "Outputs", { endpoint });
    const other = new TerraformStack(Testing.app(), "other");
    expect(() => new DashScopeEndpointOutputs(other, "Outputs", { endpoint })).not.toThrow();
    expect(validationError(() => new DashScopeEndpointOutputs(stack, "Bad", { endpoint, prefix: "cn-beijing" })).code).toBe(ValidationCode.NAME_INVALID);
  });
});
