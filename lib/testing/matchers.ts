/**
 * Jest matchers next to cdktf's own `Testing` ones: `toBeValidTerraform()` / `toPlanSuccessfully()`
 * need the real provider and credentials; these run real terraform against the stand-in instead.
 *
 *     import { Testing } from "cdktf";
 *     import { offlineMatchers } from "cdktf-dashscope-privatelink/testing";
 *     expect.extend(offlineMatchers);
 *     await expect(Testing.fullSynth(stack)).toPlanOffline({ add: 9 });
 *
 * They take a directory (what `Testing.fullSynth` returns, or a stack directory), never a construct:
 * this module does not load the CDK core.
 */
import { formatDiagnostic } from "./diagnostics";
import { OfflineReport, PlanOfflineOptions, planOffline } from "./driver";

/** What `toPlanOffline` may additionally assert: the plan's counts. */
export interface PlanExpectation extends Omit<PlanOfflineOptions, "plan"> {
  readonly add?: number;
  readonly change?: number;
  readonly destroy?: number;
  readonly import?: number;
}

interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

const errors = (r: OfflineReport) => [...r.validate.diagnostics, ...(r.plan?.diagnostics ?? [])].filter((d) => d.severity === "error");
const listing = (r: OfflineReport) => errors(r).map((d) => `  ${formatDiagnostic(d)}`).join("\n");

export const offlineMatchers = {
  /** Passes when terraform init and validate report no error. */
  async toBeValidTerraformOffline(received: string, options: Omit<PlanOfflineOptions, "plan"> = {}): Promise<MatcherResult> {
    const r = await planOffline(received, { ...options, plan: false });
    return {
      pass: r.validate.ok,
      message: () => (r.validate.ok ? `expected ${received} not to validate, but terraform validate was clean` : `expected ${received} to validate; terraform reported:\n${listing(r)}`),
    };
  },

  /** Passes when validate and plan report no error and the plan's counts match the ones given. */
  async toPlanOffline(received: string, expected: PlanExpectation = {}): Promise<MatcherResult> {
    const { add, change, destroy, import: imported, ...options } = expected;
    const r = await planOffline(received, options);
    if (!r.plan || !r.plan.ok) {
      return { pass: false, message: () => `expected ${received} to plan; terraform reported:\n${listing(r)}` };
    }
    const plan = r.plan;
    const counts = `${plan.add} to add, ${plan.change} to change, ${plan.destroy} to destroy${plan.import ? `, ${plan.import} to import` : ""}`;
    const wrong = (["add", "change", "destroy", "import"] as const).filter((k) => expected[k] !== undefined && expected[k] !== plan[k]);
    const want = { add, change, destroy, import: imported };
    return {
      pass: wrong.length === 0,
      message: () =>
        wrong.length === 0 ? `expected ${received} not to plan, but it planned: ${counts}` : `expected ${wrong.map((k) => `${k} ${want[k]}`).join(", ")}; the plan has ${counts}`,
    };
  },
};

declare global {
  namespace jest {
    interface Matchers<R> {
      /** Real terraform init + validate of a synthesized stack against the stand-in provider. */
      toBeValidTerraformOffline(options?: Omit<PlanOfflineOptions, "plan">): Promise<R>;
      /** Real terraform init + validate + plan, offline; optionally the plan's counts. */
      toPlanOffline(expected?: PlanExpectation): Promise<R>;
    }
  }
}
