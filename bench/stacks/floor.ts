/** The floor: an empty stack, i.e. what cdktf alone costs to load and synthesize. Imports nothing else. */
import { App, TerraformStack } from "cdktf";

/** Adds an empty stack to `app` (`count` is ignored). */
export function buildFloorStack(app: App, _count = 0): TerraformStack {
  return new TerraformStack(app, "bench");
}
