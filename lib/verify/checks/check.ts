/**
 * The shape of a check. Each check lives in its own file in this folder, declares its name, layer,
 * the earlier checks it needs (its gates), when it is part of a run and how it runs; `index.ts`
 * registers them in run order, and `CheckName` derives from that list. Adding a check is one new
 * file and one line in the registry.
 */
import type { ApiFamilyName } from "../../catalog/api-families";
import type { ApiContext } from "../api";
import type { Deadline } from "../deadline";
import type { VerifyLayer } from "../errors";
import type { ResolvedOptions, ResolvedTarget } from "../options";
import type { Redactor } from "../redact";
import type { ResolvedAddress } from "../resolve";
import type { CheckResult } from "../types";

/** @internal What a check found; the runner adds name, target and duration. */
export type Outcome = Omit<CheckResult, "name" | "target" | "durationMs">;

/** @internal What a check can read of the run and of the target's earlier checks. */
export interface CheckContext {
  readonly target: ResolvedTarget;
  readonly opts: ResolvedOptions;
  readonly deadline: Deadline;
  readonly redact: Redactor;
  /** The addresses the later checks are pinned to: set by dns, narrowed by tcp. */
  addresses: readonly ResolvedAddress[];
  /** The outcome of an earlier check of this target, when it ran. */
  outcome(name: string): Outcome | undefined;
  /** The API checks' context, pinned to {@link addresses}. */
  api(): ApiContext;
}

/** @internal One check. */
export interface CheckDefinition<N extends string = string> {
  readonly name: N;
  /** The layer a failure is blamed on. */
  readonly layer: VerifyLayer;
  /** Earlier checks this one needs: when one of them failed or was skipped, this one is skipped. */
  readonly needs: readonly string[];
  /**
   * When set, a failure of this check skips every later check of the target, with this reason
   * (dns, tcp, tls: no request over a path that is not proven).
   */
  readonly gate?: (target: ResolvedTarget) => string;
  /** The API family the check belongs to: it is part of the run when the family is selected. */
  readonly family?: ApiFamilyName;
  /** Whether the check is part of the run at all, for checks of no family. @default - always */
  readonly applies?: (opts: ResolvedOptions, target: ResolvedTarget) => boolean;
  /** A reason to report the check as skipped (e.g. `stream: false`). */
  readonly skip?: (ctx: CheckContext) => string | undefined;
  readonly run: (ctx: CheckContext) => Promise<Outcome>;
}

/** @internal Declares a check, keeping its name's literal type. */
export function defineCheck<N extends string>(check: CheckDefinition<N>): CheckDefinition<N> {
  return check;
}

/** @internal The skip reason of the streamed checks when streaming is off. */
export function noStream(ctx: CheckContext): string | undefined {
  return ctx.opts.stream ? undefined : "`stream: false`: streaming checks skipped";
}
