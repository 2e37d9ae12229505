// The verifier's public API (package export `cdktf-dashscope-privatelink/verify`): what the README's
// "From code" section uses. Loads neither cdktf nor constructs: only undici, eventsource-parser,
// ipaddr.js and lib/catalog. Everything else in lib/verify is internal.
export { verifyDeployment } from "./verifier";
export * from "./types";
export * from "./errors";
export { CHECK_NAMES } from "./checks";
export { ChatStreamReader, type ChatStreamResult } from "./sse";
export { type DeploymentOutputs, type TargetsFromOutputsOptions, parseOutputs, parseOutputsJson, targetsFromOutputs } from "./outputs";
export { formatCheckLine, formatSummary, toJUnit } from "./report";
export { REDACTED } from "./redact";
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
export { API_FAMILY_NAMES, DEFAULT_EMBEDDING_MODEL } from "../catalog/api-families";
