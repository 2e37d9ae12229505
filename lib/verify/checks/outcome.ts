/** Helpers the checks share to turn errors and API outcomes into check outcomes. */
import type { ApiOutcome } from "../api";
import { asVerifyError } from "../errors";
import type { Outcome } from "./check";

/** @internal A failed outcome from any error. */
export function failure(err: unknown, extra: Partial<Outcome> = {}): Outcome {
  const e = asVerifyError(err);
  return { status: "fail", message: e.message, code: e.code, layer: e.layer, ...extra };
}

/** @internal A check outcome from an API outcome (the error object stays out of the report). */
export function fromApi(o: ApiOutcome): Outcome {
  const { error, code, ...rest } = o;
  return { ...rest, code: error?.code ?? code, layer: error?.layer };
}
