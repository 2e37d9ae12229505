// The verifier's public API (package export `cdktf-dashscope-privatelink/verify`). Loads neither
// cdktf nor constructs: only undici, eventsource-parser, ipaddr.js and lib/catalog.
export { verifyDeployment } from "./verifier";
export * from "./types";
export * from "./errors";
export { isPrivateAddress, normalizeAddress } from "./addresses";
export { ChatStreamReader, type ChatStreamResult, parseUsage } from "./sse";
export {
  type DeploymentOutputs,
  type TargetsFromOutputsOptions,
  parseOutputs,
  parseOutputsJson,
  targetsFromOutputs,
} from "./outputs";
export { ENDPOINT_OUTPUT_NAMES } from "../catalog/dashscope";
export { formatCheckLine, formatSummary, toJUnit } from "./report";
export { REDACTED, createRedactor } from "./redact";
export { VERIFY_PROMPT, chatRequestBody } from "./api-checks";
export { DEFAULT_RETRY_WAIT_MS, RETRYABLE_STATUSES, parseRetryAfter } from "./http";
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_DNS_TIMEOUT_MS,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_COMPLETION_TOKENS,
  DEFAULT_MODEL,
  DEFAULT_RETRY_AFTER_CAP_MS,
  DEFAULT_TIMEOUT_MS,
} from "./options";
export { type CliArgs, DEFAULT_API_KEY_ENV, HELP, parseArgs } from "./args";
export { type CliIo, runCli } from "./cli";
