import { IConstruct } from "constructs";
import { DashScopeValidationError, ValidationIssue, formatIssue } from "./errors";

/**
 * Throws one {@link DashScopeValidationError} naming every issue found, or returns. Constructors call
 * this before they create any child, so a bad prop leaves nothing half-made in the tree.
 */
export function throwIfIssues(scope: IConstruct, id: string, issues: readonly ValidationIssue[]): void {
  if (issues.length === 0) return;
  const parent = scope.node.path;
  throw new DashScopeValidationError(parent ? `${parent}/${id}` : id, issues);
}

/**
 * Registers a validation that runs at synth (`app.synth()`, `Testing.synth(stack, true)`,
 * `node.validate()`): for facts that only hold once the whole tree is built.
 */
export function addLazyValidation(scope: IConstruct, check: () => readonly ValidationIssue[]): void {
  scope.node.addValidation({ validate: () => check().map(formatIssue) });
}
