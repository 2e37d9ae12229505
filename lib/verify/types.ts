/**
 * The verifier's public types: what to verify (options, targets) and what it found (the report).
 * The report's top-level shape `{ ok, target, checks, reply, usage }` and the check fields are a
 * documented contract; they change only with a major version.
 */
import type { ApiFamilyName } from "../catalog/api-families";
import type { CheckName } from "./checks";
import type { VerifyErrorCode, VerifyLayer } from "./errors";

export type { CheckName };
export type { ApiFamilyName };

export type CheckStatus = "pass" | "fail" | "warn" | "skip";

/** Where a target came from. */
export type TargetKind = "base-url" | "custom-domain" | "endpoint-domain";

/** One base URL to verify. */
export interface VerifyTarget {
  /** The OpenAI-compatible base URL, e.g. `https://vpc-ap-southeast-1.dashscope.aliyuncs.com/compatible-mode/v1`. */
  readonly baseUrl: string;
  /**
   * Every resolved address must be one of these (the endpoint's ENI IPs).
   * @default - the run's `expectedIps`, else any private address
   */
  readonly expectedIps?: readonly string[];
  /**
   * Where the target came from.
   * @default "base-url"
   */
  readonly kind?: TargetKind;
}

export interface VerifyOptions {
  /** What to verify, in order. The first target is the report's `target`. */
  readonly targets: readonly VerifyTarget[];
  /**
   * The DashScope API key. Sent only as `Authorization: Bearer` (`x-api-key` to the
   * Anthropic-compatible API); never printed or reported, not even in part.
   */
  readonly apiKey: string;
  /**
   * The API families to prove, each with a plain and (where it streams) a streamed request through
   * the same pinned, verified connection: `openai` (models, chat, stream), `anthropic`
   * (anthropic, anthropic-stream), `dashscope` (dashscope, dashscope-stream), `embeddings`.
   * @default ["openai"]
   */
  readonly apis?: readonly ApiFamilyName[];
  /**
   * The model of the chat-like checks of every family.
   * @default "qwen-flash"
   */
  readonly model?: string;
  /**
   * The model of the embeddings check.
   * @default "text-embedding-v4"
   */
  readonly embeddingModel?: string;
  /**
   * The environment the proxy check reads (`HTTPS_PROXY`, `NO_PROXY`, ...).
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * DNS servers, `IP` or `IP:PORT` (`[v6]:PORT`).
   * @default - the system resolver (getaddrinfo for addresses, resolv.conf servers for the CNAME chain)
   */
  readonly dnsServers?: readonly string[];
  /**
   * Extra trusted CA certificates (PEM text), added to Node's bundled root CAs.
   * @default - the root CAs only
   */
  readonly ca?: readonly string[];
  /**
   * Expected endpoint IPs for every target that does not name its own.
   * @default - any private address
   */
  readonly expectedIps?: readonly string[];
  /**
   * The overall deadline of the whole run, every target included.
   * @default 60000
   */
  readonly timeoutMs?: number;
  /**
   * Per-query DNS timeout.
   * @default 3000
   */
  readonly dnsTimeoutMs?: number;
  /**
   * TCP (and TLS) connect timeout.
   * @default 5000
   */
  readonly connectTimeoutMs?: number;
  /**
   * Time from request sent to response headers.
   * @default 30000
   */
  readonly headersTimeoutMs?: number;
  /**
   * Longest silence between two body chunks (a stalled stream).
   * @default 15000
   */
  readonly idleTimeoutMs?: number;
  /**
   * Longest wait a `Retry-After` can impose before the one retry.
   * @default 10000
   */
  readonly retryAfterCapMs?: number;
  /**
   * Run the streamed checks (stream, anthropic-stream, dashscope-stream).
   * @default true
   */
  readonly stream?: boolean;
  /**
   * Continue (with a warning) when a name resolves to a public address, instead of failing the
   * `dns` check and sending nothing. HTTPS targets only: a plain http target with a public address
   * always fails (the key would travel in clear text).
   * @default false
   */
  readonly allowPublicAddress?: boolean;
  /**
   * `max_completion_tokens` of the chat and stream requests.
   * @default 16
   */
  readonly maxCompletionTokens?: number;
  /**
   * Called as each check finishes, in order (for progress output).
   * @default - none
   */
  readonly onCheck?: (check: CheckResult) => void;
}

/** Token usage as the API reports it. */
export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

/** One HTTP attempt of a check. */
export interface AttemptRecord {
  /** 1 for the first try, 2 for the retry. */
  readonly attempt: number;
  readonly durationMs: number;
  /** The HTTP status, when headers arrived. */
  readonly status?: number;
  /** `ok`, or the error code of the attempt. */
  readonly outcome: "ok" | VerifyErrorCode;
  /** Request id of the answer, when the API gave one. */
  readonly requestId?: string;
  /** How long the verifier waited before the next attempt (Retry-After, capped). */
  readonly waitedMs?: number;
}

/** The result of one TCP connection or TLS handshake to one address. */
export interface ConnectionRecord {
  readonly address: string;
  readonly port: number;
  readonly ok: boolean;
  readonly durationMs: number;
  readonly code?: VerifyErrorCode;
  readonly message?: string;
}

/** What the tls check saw of the server certificate. */
export interface CertificateRecord {
  readonly subject?: string;
  readonly subjectAltName?: string;
  readonly issuer?: string;
  readonly validTo?: string;
  readonly fingerprint256?: string;
  readonly protocol?: string;
}

export interface CheckResult {
  readonly name: CheckName;
  /** The base URL the check ran against. */
  readonly target: string;
  readonly status: CheckStatus;
  readonly durationMs: number;
  /** One line: what was found, or for fail/warn/skip what went wrong and what to look at. */
  readonly message: string;
  /** The error code of a fail or warn. */
  readonly code?: VerifyErrorCode;
  /** The layer that failed. */
  readonly layer?: VerifyLayer;
  /** True when the failure says nothing about the deployment (still rate-limited after the retry). */
  readonly inconclusive?: boolean;
  /** dns: the CNAME chain from the target host, host first. */
  readonly chain?: readonly string[];
  /** dns: every resolved address; tcp/tls: the addresses tried. */
  readonly addresses?: readonly string[];
  /** dns: which resolver answered (`system` or the servers). */
  readonly resolver?: string;
  /** tcp, tls: one record per address. */
  readonly connections?: readonly ConnectionRecord[];
  /** tls: the server certificate. */
  readonly certificate?: CertificateRecord;
  /** API checks: the final HTTP status. */
  readonly httpStatus?: number;
  /** API checks: the API's error code on failure. */
  readonly apiCode?: string;
  /** API checks: request id of the last answer. */
  readonly requestId?: string;
  /** API checks: every HTTP attempt. */
  readonly attempts?: readonly AttemptRecord[];
  /** models: the model ids listed (at most 50). */
  readonly models?: readonly string[];
  /** Chat-like checks: the reply text (streamed: reassembled from the deltas), at most 4,096 characters. */
  readonly reply?: string;
  /** Chat-like checks and embeddings: token usage. */
  readonly usage?: Usage;
  /** Streamed checks: the number of SSE events received, the end marker included. */
  readonly events?: number;
  /** embeddings: the vector's length. */
  readonly dimensions?: number;
}

export interface VerifyReport {
  /** True when no check failed (warnings and skips allowed). */
  readonly ok: boolean;
  /** 0 all passed, 1 a check failed, 3 inconclusive (2 is a usage error: no report). */
  readonly exitCode: 0 | 1 | 3;
  /** The first (primary) target's base URL: the custom domain when verifying from outputs. */
  readonly target: string;
  /** Every target's base URL, in order. */
  readonly targets: readonly string[];
  readonly model: string;
  /** The API families the run proved. */
  readonly apis: readonly ApiFamilyName[];
  readonly startedAt: string;
  readonly durationMs: number;
  /** Every check of every target, in run order; `target` on each says which. */
  readonly checks: readonly CheckResult[];
  /** The primary target's replies (`null` when the check did not pass). */
  readonly reply: { readonly chat: string | null; readonly stream: string | null };
  /** Token usage summed over every chat and stream request of the run (`null` when none reported). */
  readonly usage: Usage | null;
}
