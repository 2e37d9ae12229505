/**
 * HTTP for the models, chat and stream checks: undici 7, one Agent per attempt, its connections
 * pinned to the addresses the dns check accepted (a `connect.lookup` that answers only for the
 * target host and honours `all: true`), while SNI and `Host` stay the URL's host. TLS verification
 * uses Node's root CAs plus the extra CAs; it is never disabled. Redirects are not followed.
 *
 * Timeouts: connect (`connectTimeoutMs`), response headers (`headersTimeoutMs`), body idle between
 * two chunks (`idleTimeoutMs`), and the run's overall deadline, which aborts whatever is in flight.
 *
 * Retries (chat and stream only, a deliberate choice for a POST): at most one, and only after a 429,
 * 502, 503 or 504, or a connection failure before the request was written (the connector never
 * handed undici a socket, so the POST cannot have reached the server). `Retry-After` (seconds or an
 * HTTP date) is honoured up to `retryAfterCapMs`; without it the wait is {@link DEFAULT_RETRY_WAIT_MS}.
 * A retry that would not fit before the deadline is not made. An answer whose API code says no retry
 * can help (quota, billing) is not retried either.
 *
 * Caps: a JSON answer is read up to {@link MAX_BODY_BYTES}, a stream up to {@link MAX_STREAM_BYTES};
 * past the cap the check fails with `DSV_RESPONSE_TOO_LARGE` (and the rest is not read).
 */
import type { LookupFunction } from "node:net";
import type { SecureContext } from "node:tls";
import { Agent, buildConnector, request } from "undici";
import { ConnectError, ConnectTimeoutError, MalformedResponseError, TimeoutError, VerifyError, VerifyErrorCode, asVerifyError } from "./errors";
import { formatEndpoint, isTlsFailure, mapSocketError, mapTlsError } from "./connect";
import type { Deadline } from "./deadline";
import type { ResolvedAddress } from "./resolve";
import type { AttemptRecord } from "./types";

/** The largest JSON answer read (1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The largest event stream read (8 MiB): a tiny request's stream is a few kilobytes. */
export const MAX_STREAM_BYTES = 8 * 1024 * 1024;

/** API error codes that no retry fixes: quota and billing. */
export const FINAL_API_CODES: ReadonlySet<string> = new Set([
  "insufficient_quota",
  "Arrearage",
  "AccessDenied.Unpurchased",
  "AllocationQuota.FreeTierOnly",
]);

/** The wait before the retry when the answer has no `Retry-After`. */
export const DEFAULT_RETRY_WAIT_MS = 500;

/** Statuses worth one retry. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** @internal */
export interface HttpTarget {
  /** The URL's host name (no brackets). */
  readonly hostname: string;
  readonly port: number;
  /** The addresses connections are pinned to. */
  readonly addresses: readonly ResolvedAddress[];
  /** The trust store for https (root CAs plus extras), shared by the run. */
  readonly trust?: SecureContext;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly deadline: Deadline;
}

/** @internal */
export interface HttpRequest {
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** @internal */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: AsyncIterable<Uint8Array>;
}

/** @internal A pinned lookup: answers only for `hostname`, with the accepted addresses. */
export function pinnedLookup(hostname: string, addresses: readonly ResolvedAddress[]): LookupFunction {
  const wanted = hostname.toLowerCase();
  return ((name: string, options: { family?: number | string; all?: boolean }, callback: (...args: unknown[]) => void) => {
    const family = options?.family === "IPv4" ? 4 : options?.family === "IPv6" ? 6 : Number(options?.family ?? 0);
    const list = addresses.filter((a) => !family || a.family === family);
    if (name.toLowerCase() !== wanted || list.length === 0) {
      const err = Object.assign(new Error(`the verifier resolves only ${hostname} (asked for ${name})`), {
        code: "ENOTFOUND",
      });
      process.nextTick(callback, err);
      return;
    }
    if (options?.all) process.nextTick(callback, null, list.map((a) => ({ address: a.address, family: a.family })));
    else process.nextTick(callback, null, list[0].address, list[0].family);
  }) as unknown as LookupFunction;
}

/**
 * @internal Sends one request and hands the response to `handle` (which consumes the body). Every transport
 * failure, in either phase, comes out as a VerifyError.
 */
export async function sendOnce<T>(
  target: HttpTarget,
  req: HttpRequest,
  handle: (res: HttpResponse) => Promise<T>,
): Promise<T> {
  const state = { connected: false };
  const base = buildConnector({
    timeout: Math.max(1, Math.min(target.connectTimeoutMs, target.deadline.remaining())),
    lookup: pinnedLookup(target.hostname, target.addresses),
    ...(target.trust ? { secureContext: target.trust, rejectUnauthorized: true } : {}),
  });
  const agent = new Agent({
    connect: (opts, callback) =>
      base(opts, (...args) => {
        if (args[0] === null) state.connected = true;
        callback(...args);
      }),
    // Not capped by the deadline: undici runs its headers timer on a ~0.5 s tick, so a cap could fire
    // before the deadline and be reported as a headers timeout that never happened. The deadline's
    // own signal (below) ends the request on time.
    headersTimeout: target.headersTimeoutMs,
    bodyTimeout: target.idleTimeoutMs,
    connections: 1,
    pipelining: 1,
    keepAliveTimeout: 1000,
  });
  try {
    target.deadline.throwIfExpired();
    const res = await request(req.url, {
      dispatcher: agent,
      method: req.method,
      headers: { "accept-encoding": "identity", ...req.headers },
      body: req.body,
      signal: target.deadline.signal,
    });
    try {
      return await handle({ status: res.statusCode, headers: res.headers, body: res.body });
    } finally {
      // A body left unread (a cap, a bad content type) errors on destroy: nothing to report there.
      res.body.on("error", () => undefined);
      res.body.destroy();
    }
  } catch (err) {
    throw mapTransportError(err, target, state.connected);
  } finally {
    agent.destroy().catch(() => undefined);
  }
}

/** Undici's codes for a peer or path that broke the exchange after the connection was up. */
const PEER_FAULTS: ReadonlySet<string> = new Set(["UND_ERR_SOCKET", "UND_ERR_RES_CONTENT_LENGTH_MISMATCH"]);

/** A socket's own failure: an errno name (`ECONNREFUSED`, `ENOTFOUND`, ...) or Node's `ERR_SOCKET_*`. */
function isSocketFailure(code: string): boolean {
  return /^E(?!RR_)[A-Z0-9_]+$/.test(code) || code.startsWith("ERR_SOCKET_");
}

/** @internal Maps what undici, Node or the deadline threw to the error tree. */
export function mapTransportError(err: unknown, target: HttpTarget, connected: boolean): VerifyError {
  if (target.deadline.expired) return target.deadline.error();
  if (err instanceof VerifyError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? "";
  const where = formatEndpoint(target.hostname, target.port);
  switch (code) {
    case "UND_ERR_CONNECT_TIMEOUT":
      return new ConnectTimeoutError(`no TCP/TLS connection to ${where} within ${target.connectTimeoutMs} ms`, {
        address: where,
        hint: "check the endpoint's security group and the route to the endpoint VPC",
        cause: err,
      });
    case "UND_ERR_HEADERS_TIMEOUT":
      return new TimeoutError(
        "headers",
        target.headersTimeoutMs,
        `no response headers from ${where} within ${target.headersTimeoutMs} ms`,
        { hint: "the endpoint accepted the request but Model Studio did not answer: check the service status and the model", cause: err },
      );
    case "UND_ERR_BODY_TIMEOUT":
      return new TimeoutError("body", target.idleTimeoutMs, `the response body from ${where} stalled for ${target.idleTimeoutMs} ms`, {
        hint: "the stream stopped mid-way: a proxy buffering SSE, or the model stalled",
        cause: err,
      });
    default:
      break;
  }
  if (isTlsFailure(err)) return mapTlsError(err, target.hostname, where, target.port);
  // A socket failure before the connection was up is a connect failure, after it a lost connection.
  // Anything else (an UND_ERR_* such as an invalid header value, an error without a code) is the
  // verifier's own fault: reported as internal, never blamed on the network.
  if (!connected) return isSocketFailure(code) ? mapSocketError(err, where, target.port) : asVerifyError(err);
  if (!isSocketFailure(code) && !PEER_FAULTS.has(code) && !code.startsWith("HPE_")) return asVerifyError(err);
  return new ConnectError(VerifyErrorCode.CONNECTION_LOST, `the connection to ${where} closed before the response was complete (${code})`, {
    address: where,
    hint: "the endpoint or something in between reset the connection: check idle timeouts of proxies on the path, then retry",
    cause: err,
  });
}

/** @internal The error of a body past its cap. */
export function tooLarge(what: string, limit: number): VerifyError {
  return new VerifyError(VerifyErrorCode.RESPONSE_TOO_LARGE, "api", `${what}: the answer is larger than ${limit / 1024 / 1024} MiB, the verifier's cap`, {
    hint: "a tiny request gets a tiny answer: something other than Model Studio answered (a proxy, a download), or it streams without end",
  });
}

/**
 * @internal Reads a body to text, at most `limit` bytes. With `strict` a larger body rejects with
 * `DSV_RESPONSE_TOO_LARGE`; without, the rest is dropped (for error bodies).
 */
export async function readText(body: AsyncIterable<Uint8Array>, limit = MAX_BODY_BYTES, strict = false, what = "response"): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.from(chunk);
    if (size + buf.length > limit) {
      if (strict) throw tooLarge(what, limit);
      chunks.push(buf.subarray(0, limit - size));
      size = limit;
      break;
    }
    chunks.push(buf);
    size += buf.length;
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** @internal A 2xx body the verifier cannot read as text: compressed against its `accept-encoding: identity`. */
export function encodingError(what: string, headers: HttpResponse["headers"]): VerifyError | undefined {
  const encoding = String(headers["content-encoding"] ?? "identity").toLowerCase();
  if (encoding === "identity" || encoding === "") return undefined;
  return new MalformedResponseError(`${what}: the answer is ${encoding}-encoded although the verifier asked for identity`, {
    hint: "a proxy or gateway on the path compresses answers regardless of Accept-Encoding: Model Studio does not; check what answers on this host",
  });
}

/** @internal `Retry-After` in milliseconds (seconds or an HTTP date); `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** @internal Whether a failed attempt may be retried. */
export function isRetryable(err: VerifyError): boolean {
  if (err instanceof ConnectError) return err.beforeRequestWritten;
  const { status, apiCode } = err as { status?: number; apiCode?: string };
  if (apiCode !== undefined && FINAL_API_CODES.has(apiCode)) return false;
  return err.code === VerifyErrorCode.HTTP_STATUS && status !== undefined && RETRYABLE_STATUSES.has(status);
}

/** @internal */
export interface RetryOutcome<T> {
  readonly value?: T;
  readonly error?: VerifyError;
  readonly attempts: readonly AttemptRecord[];
}

/** @internal */
export interface AttemptInfo {
  status?: number;
  requestId?: string;
}

/**
 * @internal Runs `attempt` once, and once more when the failure is retryable and the wait fits before the
 * deadline. `attempt` fills `info` as it learns the status and request id.
 */
export async function withOneRetry<T>(
  deadline: Deadline,
  retryAfterCapMs: number,
  retry: boolean,
  attempt: (info: AttemptInfo) => Promise<T>,
): Promise<RetryOutcome<T>> {
  const attempts: AttemptRecord[] = [];
  for (let n = 1; ; n++) {
    const info: AttemptInfo = {};
    const started = Date.now();
    try {
      const value = await attempt(info);
      attempts.push({ attempt: n, durationMs: Date.now() - started, status: info.status, outcome: "ok", requestId: info.requestId });
      return { value, attempts };
    } catch (raw) {
      const err = asVerifyError(raw);
      const record: AttemptRecord = {
        attempt: n,
        durationMs: Date.now() - started,
        status: info.status,
        outcome: err.code,
        requestId: info.requestId,
      };
      const retryAfterMs = (err as { retryAfterMs?: number }).retryAfterMs;
      const waitMs = Math.min(retryAfterMs ?? DEFAULT_RETRY_WAIT_MS, retryAfterCapMs);
      // The retry needs the wait plus some time to answer (a quarter second at least).
      const fits = deadline.remaining() > waitMs + 250;
      if (!retry || n >= 2 || !isRetryable(err) || !fits) {
        attempts.push(record);
        return { error: err, attempts };
      }
      attempts.push({ ...record, waitedMs: waitMs });
      await deadline.sleep(waitMs);
      if (deadline.expired) return { error: deadline.error(), attempts };
    }
  }
}
