/**
 * The verifier's coded error tree. Every fault a check can meet is one of these classes, matched by
 * `code` (stable, part of the public API) and `layer` (which part of the path failed), each keeping
 * the low-level `cause`. Messages say which layer failed and what to look at; they never contain
 * the API key or a request header.
 *
 *   VerifyError
 *   ├── VerifyConfigError      usage / configuration (exit 2)
 *   ├── DnsError               resolution, public or unexpected addresses
 *   ├── ConnectError           refused, unreachable, lost connection
 *   │   └── ConnectTimeoutError
 *   ├── TlsError               handshake, certificate name, trust, expiry
 *   ├── HttpStatusError        a non-2xx answer, with the API's error.code / message / request id
 *   ├── MalformedResponseError a 2xx answer that is not what the API documents
 *   ├── StreamProtocolError    SSE framing, malformed event, no `data: [DONE]`
 *   └── TimeoutError           headers, body (idle between chunks) or the overall deadline
 */

/**
 * @internal A value as an error message may show it: quoted only when short and shaped like an
 * ordinary value (a name, a number, an address, a list); anything else may be a pasted key and is
 * described by its length alone.
 */
export function shownValue(value: string): string {
  const plain = value.length <= 16 && /^[\w.,:/-]*$/.test(value) && !/^sk-/i.test(value) && !/[A-Za-z0-9]{12,}/.test(value);
  return plain ? JSON.stringify(value) : hidden(value);
}

const hidden = (value: string): string => `(${value.length} characters, not shown: it may be a key)`;

/**
 * @internal How a name-like value the user typed (a DNS server, a stack name, a hub prefix) appears in a
 * message: up to 64 characters of a name's alphabet, but never anything shaped like a key (an `sk-`
 * prefix, or six or more each of letters and digits, as in a hex or UUID-shaped secret), which is
 * described by its length alone. Stack names (`DashScopeLandingZone`), hub prefixes (`cn_beijing`)
 * and resolver addresses (`[fd00::53]:5353`) are shown.
 */
export function shownName(value: string): string {
  return isShowableName(value) ? JSON.stringify(value) : hidden(value);
}

/**
 * @internal Whether some part of `value` is shaped like a DashScope key (`sk-` and 32 hex digits, or
 * the hex digits alone): a part that starts with `sk-`, or a run of 16 or more hex digits that holds
 * both letters and digits. Paths, model names and variable names rarely are: a CI build number, a
 * date, a UUID or a CamelCase name is not.
 */
export function looksLikeKey(value: string): boolean {
  return /(^|[^A-Za-z0-9-])sk-/i.test(value) || (value.match(/[0-9A-Fa-f]{16,}/g) ?? []).some((run) => /[0-9]/.test(run) && /[A-Fa-f]/.test(run));
}

/**
 * @internal How a file path the user typed (`--outputs`, `--ca`, a report file) appears in a message:
 * as typed, so a CI log names the file, unless it {@link looksLikeKey} or holds a control or format
 * character (a line break, a bidi override); then it is described by its length alone.
 */
export function shownPath(value: string): string {
  return looksLikeKey(value) || /[\p{Cc}\p{Cf}\u2028\u2029]/u.test(value) ? hidden(value) : value;
}

/** @internal Whether {@link shownName} shows `value` (and so a message may print it bare). */
export function isShowableName(value: string): boolean {
  const digits = value.replace(/[^0-9]/g, "").length;
  const letters = value.replace(/[^A-Za-z]/g, "").length;
  return value.length <= 64 && /^[\w.,:/[\]-]*$/.test(value) && !/^sk-/i.test(value) && !(digits >= 6 && letters >= 6);
}

/** The stable codes. Match on them, not on message text. */
export const VerifyErrorCode = {
  /** A flag, option or input file is wrong (exit 2). */
  CONFIG_INVALID: "DSV_CONFIG_INVALID",
  /** The API key variable is unset or empty (exit 2). */
  API_KEY_MISSING: "DSV_API_KEY_MISSING",
  /** The outputs file cannot be read or lacks the outputs the verifier needs (exit 2). */
  OUTPUTS_INVALID: "DSV_OUTPUTS_INVALID",
  /** The name does not exist (NXDOMAIN). */
  DNS_NOT_FOUND: "DSV_DNS_NOT_FOUND",
  /** The name exists but has no A/AAAA record. */
  DNS_NO_ADDRESS: "DSV_DNS_NO_ADDRESS",
  /** The DNS server did not answer in time. */
  DNS_TIMEOUT: "DSV_DNS_TIMEOUT",
  /** Any other resolver failure (server refused, malformed answer, ...). */
  DNS_FAILED: "DSV_DNS_FAILED",
  /** The name resolved to an address outside the private ranges. */
  DNS_PUBLIC_ADDRESS: "DSV_DNS_PUBLIC_ADDRESS",
  /** The name resolved to an address that is not one of the expected endpoint IPs. */
  DNS_UNEXPECTED_ADDRESS: "DSV_DNS_UNEXPECTED_ADDRESS",
  /** The TCP connection was refused (RST). */
  CONNECT_REFUSED: "DSV_CONNECT_REFUSED",
  /** No route to the address. */
  CONNECT_UNREACHABLE: "DSV_CONNECT_UNREACHABLE",
  /** The TCP handshake did not complete in time (packets dropped). */
  CONNECT_TIMEOUT: "DSV_CONNECT_TIMEOUT",
  /** Any other connection failure. */
  CONNECT_FAILED: "DSV_CONNECT_FAILED",
  /** The connection closed or reset before the response was complete. */
  CONNECTION_LOST: "DSV_CONNECTION_LOST",
  /** The certificate is not valid for the host name. */
  TLS_CERT_NAME_MISMATCH: "DSV_TLS_CERT_NAME_MISMATCH",
  /** The certificate chain does not lead to a trusted CA (system CAs plus `--ca`). */
  TLS_CERT_UNTRUSTED: "DSV_TLS_CERT_UNTRUSTED",
  /** The certificate has expired or is not yet valid. */
  TLS_CERT_EXPIRED: "DSV_TLS_CERT_EXPIRED",
  /** The TLS handshake failed for another reason (e.g. the port speaks plain HTTP). */
  TLS_HANDSHAKE_FAILED: "DSV_TLS_HANDSHAKE_FAILED",
  /** The API answered with a non-2xx status. */
  HTTP_STATUS: "DSV_HTTP_STATUS",
  /** A 2xx answer whose body is not what the API documents (compressed, not JSON, fields missing). */
  RESPONSE_MALFORMED: "DSV_RESPONSE_MALFORMED",
  /** A body or stream larger than the verifier's cap (1 MiB for a JSON answer, 8 MiB for a stream). */
  RESPONSE_TOO_LARGE: "DSV_RESPONSE_TOO_LARGE",
  /** An SSE event whose data is not what the API family documents. */
  STREAM_MALFORMED_EVENT: "DSV_STREAM_MALFORMED_EVENT",
  /** The stream ended without its end marker (`data: [DONE]`, `message_stop`, a final `finish_reason`). */
  STREAM_NO_DONE: "DSV_STREAM_NO_DONE",
  /** Warning: `include_usage` was asked but the stream carried no usage chunk. */
  STREAM_NO_USAGE: "DSV_STREAM_NO_USAGE",
  /** Warning: a proxy variable is set and `NO_PROXY` does not cover the host. */
  PROXY_BYPASSED: "DSV_PROXY_BYPASSED",
  /** Warning: an IPv6 address has no route from here; the checks went on over IPv4. */
  IPV6_NO_ROUTE: "DSV_IPV6_NO_ROUTE",
  /** A report file (`--json`, `--junit`) could not be written. */
  REPORT_WRITE_FAILED: "DSV_REPORT_WRITE_FAILED",
  /** The streaming answer is not an event stream, or carries an error event. */
  STREAM_PROTOCOL: "DSV_STREAM_PROTOCOL",
  /** No response headers within the headers timeout. */
  TIMEOUT_HEADERS: "DSV_TIMEOUT_HEADERS",
  /** No body bytes within the idle timeout. */
  TIMEOUT_BODY: "DSV_TIMEOUT_BODY",
  /** The overall deadline (`timeoutMs`, `--timeout-ms`) passed. */
  TIMEOUT_DEADLINE: "DSV_TIMEOUT_DEADLINE",
  /** A bug in the verifier itself. */
  INTERNAL: "DSV_INTERNAL",
} as const;

export type VerifyErrorCode = (typeof VerifyErrorCode)[keyof typeof VerifyErrorCode];

/** Which part of the path failed. */
export type VerifyLayer = "config" | "dns" | "tcp" | "tls" | "http" | "api" | "stream" | "deadline" | "internal";

export interface VerifyErrorOptions {
  /** What to look at; appended to the message after " — ". */
  readonly hint?: string;
  /** The low-level error. */
  readonly cause?: unknown;
}

/** The base of every verifier error. */
export class VerifyError extends Error {
  public readonly code: VerifyErrorCode;
  public readonly layer: VerifyLayer;
  /** What to look at, without the description of the failure. */
  public readonly hint?: string;

  constructor(code: VerifyErrorCode, layer: VerifyLayer, problem: string, options: VerifyErrorOptions = {}) {
    super(options.hint ? `${layer}: ${problem} — ${options.hint}` : `${layer}: ${problem}`, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.layer = layer;
    this.hint = options.hint;
  }
}

/** A usage or configuration error: the run never started (exit 2). */
export class VerifyConfigError extends VerifyError {
  constructor(problem: string, options: VerifyErrorOptions & { readonly code?: VerifyErrorCode } = {}) {
    super(options.code ?? VerifyErrorCode.CONFIG_INVALID, "config", problem, options);
  }
}

export class DnsError extends VerifyError {
  /** The name that was being resolved. */
  public readonly hostname: string;
  constructor(code: VerifyErrorCode, hostname: string, problem: string, options: VerifyErrorOptions = {}) {
    super(code, "dns", problem, options);
    this.hostname = hostname;
  }
}

export class ConnectError extends VerifyError {
  /** `address:port` the connection was for, when known. */
  public readonly address?: string;
  /** True when the request had certainly not been written yet (safe to retry a POST). */
  public readonly beforeRequestWritten: boolean;
  constructor(
    code: VerifyErrorCode,
    problem: string,
    options: VerifyErrorOptions & { readonly address?: string; readonly beforeRequestWritten?: boolean } = {},
  ) {
    super(code, code === VerifyErrorCode.CONNECTION_LOST ? "http" : "tcp", problem, options);
    this.address = options.address;
    this.beforeRequestWritten = options.beforeRequestWritten ?? false;
  }
}

export class ConnectTimeoutError extends ConnectError {
  constructor(problem: string, options: VerifyErrorOptions & { readonly address?: string } = {}) {
    super(VerifyErrorCode.CONNECT_TIMEOUT, problem, { ...options, beforeRequestWritten: true });
  }
}

export class TlsError extends VerifyError {
  /** The OpenSSL / Node error code, e.g. `ERR_TLS_CERT_ALTNAME_INVALID`. */
  public readonly tlsCode?: string;
  constructor(code: VerifyErrorCode, problem: string, options: VerifyErrorOptions & { readonly tlsCode?: string } = {}) {
    super(code, "tls", problem, options);
    this.tlsCode = options.tlsCode;
  }
}

export interface HttpStatusErrorDetails {
  readonly status: number;
  /** `error.code` of the API's error body (OpenAI-compatible), else its `code`. */
  readonly apiCode?: string;
  /** `error.message` of the API's error body. */
  readonly apiMessage?: string;
  /** `x-request-id` / `request_id`, for a support ticket. */
  readonly requestId?: string;
  /** `Retry-After`, in milliseconds. */
  readonly retryAfterMs?: number;
}

export class HttpStatusError extends VerifyError {
  public readonly status: number;
  public readonly apiCode?: string;
  public readonly apiMessage?: string;
  public readonly requestId?: string;
  public readonly retryAfterMs?: number;
  constructor(problem: string, details: HttpStatusErrorDetails, options: VerifyErrorOptions = {}) {
    super(VerifyErrorCode.HTTP_STATUS, "api", problem, options);
    this.status = details.status;
    this.apiCode = details.apiCode;
    this.apiMessage = details.apiMessage;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export class MalformedResponseError extends VerifyError {
  constructor(problem: string, options: VerifyErrorOptions = {}) {
    super(VerifyErrorCode.RESPONSE_MALFORMED, "api", problem, options);
  }
}

export class StreamProtocolError extends VerifyError {
  /** The offending event data (truncated), when one is to blame. */
  public readonly line?: string;
  constructor(
    code: VerifyErrorCode,
    problem: string,
    options: VerifyErrorOptions & { readonly line?: string } = {},
  ) {
    super(code, "stream", problem, options);
    this.line = options.line;
  }
}

export type TimeoutPhase = "headers" | "body" | "deadline";

export class TimeoutError extends VerifyError {
  public readonly phase: TimeoutPhase;
  public readonly timeoutMs: number;
  constructor(phase: TimeoutPhase, timeoutMs: number, problem: string, options: VerifyErrorOptions = {}) {
    super(
      phase === "headers"
        ? VerifyErrorCode.TIMEOUT_HEADERS
        : phase === "body"
          ? VerifyErrorCode.TIMEOUT_BODY
          : VerifyErrorCode.TIMEOUT_DEADLINE,
      phase === "deadline" ? "deadline" : "http",
      problem,
      options,
    );
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}

/** Wraps anything that is not a VerifyError as an internal error (a verifier bug). */
export function asVerifyError(err: unknown): VerifyError {
  if (err instanceof VerifyError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new VerifyError(VerifyErrorCode.INTERNAL, "internal", `internal error: ${message}`, { cause: err });
}
