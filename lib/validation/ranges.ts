/**
 * Numeric range checks (TTL, bandwidth). Skips unresolved tokens like every other check.
 */
import { isToken } from "./checks";
import { ValidationCode, ValidationIssue, issue, show } from "./errors";

export interface IntegerRange {
  readonly min: number;
  /** @default - no upper bound */
  readonly max?: number;
}

/** Checks that a literal number is an integer inside `range`; `what` names the prop and its unit. */
export function checkIntegerInRange(
  value: number | undefined,
  range: IntegerRange,
  what: string,
  fix: string,
): ValidationIssue[] {
  if (value === undefined || isToken(value)) return [];
  const inRange = Number.isInteger(value) && value >= range.min && (range.max === undefined || value <= range.max);
  if (inRange) return [];
  return [
    issue(
      ValidationCode.VALUE_OUT_OF_RANGE,
      `${what} is ${Number.isInteger(value) ? "out of range" : "not an integer"}`,
      show(value),
      range.max === undefined ? `an integer of at least ${range.min}` : `an integer from ${range.min} to ${range.max}`,
      fix,
    ),
  ];
}
