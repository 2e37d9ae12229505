// Public API. Re-exports only.
export * from "./catalog";
export {
  DashScopeValidationError,
  ValidationCode,
  ValidationWarning,
  isDashScopeValidationError,
  type ValidationIssue,
} from "./validation/errors";
export * from "./network";
export * from "./dns";
export * from "./endpoint";
export * from "./patterns";
export * from "./provider";
