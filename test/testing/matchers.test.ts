// How a user's jest suite checks its own stacks with real terraform, offline: next to cdktf's
// `Testing`, `expect.extend(offlineMatchers)` then `await expect(Testing.fullSynth(stack)).toPlanOffline()`.
import { App, TerraformResource, Testing } from "cdktf";
import { SingleRegionStack } from "../../examples/single-region";
import { offlineMatchers } from "../../lib/testing";
import { terraformOrSkip } from "./terraform";

expect.extend(offlineMatchers);
const TIMEOUT_MS = 300_000;

function singleRegion(edit?: (stack: SingleRegionStack) => void): string {
  const stack = new SingleRegionStack(Testing.app() as App, "single-region");
  edit?.(stack);
  return Testing.fullSynth(stack);
}

if (terraformOrSkip()) {
  describe("offline matchers", () => {
    test("toPlanOffline passes on a stack that plans, with the counts given", async () => {
      await expect(singleRegion()).toPlanOffline({ add: 9, change: 0, destroy: 0 });
    }, TIMEOUT_MS);

    test("toPlanOffline fails with terraform's diagnostic on a stack terraform rejects; validate-only does too", async () => {
      const broken = singleRegion((stack) => (stack.node.findChild("Vpc") as TerraformResource).addOverride("no_such_argument", "x"));
      await expect(expect(broken).toPlanOffline()).rejects.toThrow(/error \[validate, stack\] Extraneous JSON object property.*no_such_argument/);
      await expect(broken).not.toBeValidTerraformOffline();
    }, TIMEOUT_MS);

    test("toPlanOffline fails naming the counts when the plan differs", async () => {
      await expect(expect(singleRegion()).toPlanOffline({ add: 8 })).rejects.toThrow("expected add 8; the plan has 9 to add, 0 to change, 0 to destroy");
    }, TIMEOUT_MS);
  });
}
