/**
 * Every benchmark suite `npm run bench` runs, in order. A suite is a list of groups (cases measured
 * round-robin) and the checks (ratios, targets) computed from their results. Add a suite here.
 */
import { BenchCheck, BenchGroup } from "./harness";
import { synthChecks, synthGroups } from "./synth-cases";
import { tfcheckChecks, tfcheckGroups } from "./tfcheck-cases";
import { verifyChecks, verifyGroups } from "./verify-cases";

export interface BenchSuite {
  readonly id: string;
  readonly groups: () => BenchGroup[];
  readonly checks: () => BenchCheck[];
}

export const SUITES: readonly BenchSuite[] = [{ id: "synth", groups: synthGroups, checks: synthChecks }, { id: "verify", groups: verifyGroups, checks: verifyChecks }, { id: "tfcheck", groups: tfcheckGroups, checks: tfcheckChecks }];
