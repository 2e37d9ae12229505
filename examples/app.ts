import { App } from "cdktf";
import { BrownfieldStack } from "./brownfield";
import { CrossRegionStack } from "./cross-region";
import { DataResidencyStack } from "./data-residency";
import { LandingZoneStack } from "./landing-zone";
import { MigrationStack } from "./migration";
import { MultiAccountStack } from "./multi-account";
import { SingleRegionStack } from "./single-region";

export interface ExampleAppOptions {
  /** Where to write `cdktf.out`. @default "cdktf.out" */
  readonly outdir?: string;
  /** Where landing-zone reads its state settings (TF_STATE_*, TF_LOCK_*). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The example app: one stack per scenario. Construct ids are Terraform addresses; the tests pin
 * them, because renaming one destroys and recreates a production endpoint.
 */
export function buildExampleApp(options: ExampleAppOptions = {}): App {
  const app = new App({ outdir: options.outdir ?? "cdktf.out", skipValidation: false });
  new SingleRegionStack(app, "single-region");
  new CrossRegionStack(app, "cross-region");
  new LandingZoneStack(app, "landing-zone", { env: options.env });
  new BrownfieldStack(app, "brownfield");
  new MultiAccountStack(app, "multi-account");
  new DataResidencyStack(app, "data-residency");
  new MigrationStack(app, "migration");
  return app;
}
