/**
 * What every API check shares: the request context (pinned HTTP target, key, models), one JSON
 * call and one streamed call with the retry rule and the caps, and the mapping of a non-2xx answer
 * to an HttpStatusError whose hint is keyed on the API's own error code first, its status second.
 *
 * Bodies never carry `max_tokens` where Model Studio deprecated it (OpenAI-compatible:
 * `max_completion_tokens` only).
 */
import type { ApiFamilyName } from "../catalog/api-families";
import { HttpStatusError, MalformedResponseError, StreamProtocolError, type VerifyError, VerifyErrorCode } from "./errors";
import {
  type AttemptInfo,
  FINAL_API_CODES,
  type HttpResponse,
  type HttpTarget,
  MAX_STREAM_BYTES,
  encodingError,
  parseRetryAfter,
  readText,
  sendOnce,
  tooLarge,
  withOneRetry,
} from "./http";
import { excerpt, looksBinary, type Redactor } from "./redact";
import type { ChatStreamResult, SseReader } from "./sse";
import type { AttemptRecord, CheckStatus, Usage } from "./types";

/** The prompt of the chat and stream checks: a handful of tokens each way. */
export const VERIFY_PROMPT = "Reply with the single word: pong";

/** @internal */
export interface ApiContext {
  readonly http: HttpTarget;
  /** `https://host[:port]`: every family's base URL follows from it. */
  readonly origin: string;
  /** The OpenAI-compatible base URL (the target's own). */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly model: string;
  readonly embeddingModel: string;
  readonly maxCompletionTokens: number;
  readonly retryAfterCapMs: number;
  readonly redact: Redactor;
}

/** @internal What an API check found (the runner adds name, target and duration). */
export interface ApiOutcome {
  readonly status: CheckStatus;
  readonly message: string;
  readonly error?: VerifyError;
  readonly code?: VerifyErrorCode;
  readonly inconclusive?: boolean;
  readonly httpStatus?: number;
  readonly apiCode?: string;
  readonly requestId?: string;
  readonly attempts: readonly AttemptRecord[];
  readonly models?: readonly string[];
  readonly reply?: string;
  readonly usage?: Usage;
  readonly events?: number;
  readonly dimensions?: number;
}

/** @internal The JSON body of the OpenAI-compatible chat (and, with `stream`, the stream) check. */
export function chatRequestBody(model: string, maxCompletionTokens: number, stream: boolean): Record<string, unknown> {
  return {
    model,
    messages: [{ role: "user", content: VERIFY_PROMPT }],
    max_completion_tokens: maxCompletionTokens,
    temperature: 0,
    // Model Studio: hybrid-thinking models reject non-streaming calls with thinking on, and
    // thinking tokens would make the smoke test expensive.
    enable_thinking: false,
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}

/** @internal `Authorization: Bearer` plus the usual headers. */
export function bearerHeaders(ctx: ApiContext, accept: string, json: boolean): Record<string, string> {
  return {
    authorization: `Bearer ${ctx.apiKey}`,
    accept,
    "user-agent": "dashscope-verify",
    ...(json ? { "content-type": "application/json" } : {}),
  };
}

/** The longest request id kept (the server's text: redacted, one printable line, cut). */
const REQUEST_ID_MAX = 64;

/** An API error code as the verifier keeps it: a plain identifier; anything else (control bytes, spaces, a page of text) is dropped. */
const API_CODE = /^[\w.:-]{1,64}$/;

function requestIdOf(res: HttpResponse, redact: Redactor, body?: Record<string, unknown>): string | undefined {
  const header = res.headers["x-request-id"] ?? res.headers["x-dashscope-request-id"] ?? res.headers["request-id"];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const fromBody = body && typeof body.request_id === "string" ? body.request_id : undefined;
  const raw = fromHeader ?? fromBody;
  return raw === undefined ? undefined : excerpt(raw, redact, REQUEST_ID_MAX) || undefined;
}

/** Where the family's base URL ends, for hints. */
const BASE_HINT: Record<ApiFamilyName, string> = {
  openai: "that the base URL ends in /compatible-mode/v1",
  anthropic: "that the host serves /apps/anthropic",
  dashscope: "that the host serves /api/v1",
  embeddings: "that the base URL ends in /compatible-mode/v1",
};

/** @internal Turns a non-2xx answer into an HttpStatusError that says what to look at. */
export async function statusError(res: HttpResponse, what: string, family: ApiFamilyName, info: AttemptInfo, ctx: ApiContext): Promise<HttpStatusError> {
  const text = await readText(res.body, 64 * 1024).catch(() => "");
  const sse = /text\/event-stream/i.test(String(res.headers["content-type"] ?? ""));
  let parsed: Record<string, unknown> | undefined;
  try {
    // DashScope native streaming answers a fault with its status and an SSE body: `event:error`, then `data:{code,message,request_id}`.
    const value: unknown = JSON.parse(sse ? sseErrorData(text) : text);
    if (value && typeof value === "object") parsed = value as Record<string, unknown>;
  } catch {
    parsed = undefined;
  }
  // OpenAI: {error: {code, message}}; Anthropic: {type: "error", error: {type, message}}; DashScope: {code, message, request_id}.
  const error = (parsed?.error && typeof parsed.error === "object" ? parsed.error : parsed) as Record<string, unknown> | undefined;
  const code = typeof error?.code === "string" && error.code ? error.code : typeof error?.type === "string" ? error.type : undefined;
  const apiCode = code !== undefined && API_CODE.test(code) ? code : undefined;
  const apiMessage = typeof error?.message === "string" ? excerpt(error.message, ctx.redact, 200) : undefined;
  const requestId = requestIdOf(res, ctx.redact, parsed);
  info.requestId = requestId;
  const retryAfterMs = parseRetryAfter(res.headers["retry-after"]);
  let problem = `HTTP ${res.status}${apiCode ? ` ${apiCode}` : ""}${apiMessage ? `: ${apiMessage}` : ""}`;
  if (!parsed) problem += ` (non-JSON body: ${looksBinary(text) ? `${text.length} bytes, not text` : excerpt(text, ctx.redact, 80) || "empty"})`;
  if (requestId) problem += ` (request id ${requestId})`;
  const json = parsed !== undefined || text.trim() === "";
  const hint =
    !json && res.status >= 400 && res.status !== 429
      ? "the body is not the API's JSON: a proxy, gateway or load balancer answered instead of Model Studio; check the path to the endpoint and the base URL"
      : hintFor(res.status, apiCode, what, family);
  return new HttpStatusError(problem, { status: res.status, apiCode, apiMessage, requestId, retryAfterMs }, { hint });
}

/** The data of an event-stream error body: its `event:error` event's, else its first event's with data. */
function sseErrorData(text: string): string {
  const events = text.split(/\r?\n\r?\n/).map((block) => {
    const lines = block.split(/\r?\n/);
    const event = lines.find((l) => /^event:/.test(l))?.slice(6).trim();
    const data = lines.filter((l) => /^data:/.test(l)).map((l) => l.slice(5).replace(/^ /, ""));
    return { event, data: data.join("\n") };
  });
  const withData = events.filter((e) => e.data);
  return (withData.find((e) => e.event === "error") ?? withData[0])?.data ?? "";
}

/** @internal The hint of a non-2xx answer: the API's code first, then the status. */
export function hintFor(status: number, apiCode: string | undefined, what: string, family: ApiFamilyName): string {
  if (apiCode && FINAL_API_CODES.has(apiCode)) {
    return "the account's quota or balance is exhausted (or the model is not purchased): top up or raise the quota in Model Studio; no retry will fix this";
  }
  switch (apiCode) {
    case "invalid_api_key":
    case "InvalidApiKey":
    case "authentication_error":
      return "the key belongs to another region or workspace, or was revoked (ap-southeast-1 and cn-beijing keys are separate)";
    case "model_not_found":
    case "ModelNotFound":
    case "not_found_error":
      return `no such model in this region: check \`model\`${family === "embeddings" ? " (`embeddingModel`)" : ""} against the models the region offers`;
    case "DataInspectionFailed":
    case "data_inspection_failed":
      return "content inspection rejected the prompt: quote the request id to Model Studio support";
    case "Throttling":
    case "Throttling.RateQuota":
    case "Throttling.BurstRate":
    case "rate_limit_exceeded":
    case "limit_requests":
    case "rate_limit_error":
      return "rate limited: the result is inconclusive, run again later";
    default:
      break;
  }
  switch (status) {
    case 400:
      return "the request was rejected: see the API's code and message";
    case 401:
      return "the key belongs to another region or workspace, or was revoked (ap-southeast-1 and cn-beijing keys are separate)";
    case 403:
      return "the key's workspace may not call this model, or the model is not activated in Model Studio";
    case 404:
      return what === "models" ? "GET /models is not served here" : `no such model or path: check \`model\` and ${BASE_HINT[family]}`;
    case 429:
      return "rate limit reached: the result is inconclusive, run again later";
    case 502:
    case 503:
    case 504:
      return "the endpoint could not reach Model Studio, or it is overloaded: run again later and quote the request id";
    default:
      if (status >= 500) return "Model Studio failed: run again later and quote the request id";
      if (status >= 300 && status < 400) return "the verifier does not follow redirects: use the final base URL";
      return "see the API's error code";
  }
}

/** @internal A failed check from its error. 429 is inconclusive, unless the API code says quota or billing. */
export function outcomeOf(error: VerifyError, attempts: readonly AttemptRecord[]): ApiOutcome {
  const http = error instanceof HttpStatusError ? error : undefined;
  const final = http?.apiCode !== undefined && FINAL_API_CODES.has(http.apiCode);
  return {
    status: "fail",
    message: error.message,
    error,
    inconclusive: http?.status === 429 && !final ? true : undefined,
    httpStatus: http?.status,
    apiCode: http?.apiCode,
    requestId: http?.requestId,
    attempts,
  };
}

/** @internal Parses a 2xx JSON body, naming what answered when it is not JSON. */
export function parseJsonObject(text: string, what: string, redact: Redactor, hint: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (cause) {
    const seen = looksBinary(text) ? `${text.length} bytes of binary data` : excerpt(text, redact) || "empty body";
    throw new MalformedResponseError(`${what}: the 2xx answer is not JSON: ${seen}`, {
      hint: looksBinary(text) ? "something other than Model Studio answered with binary data: check what answers on this host" : `an HTML page or other text answered: check ${hint}`,
      cause,
    });
  }
  throw new MalformedResponseError(`${what}: the 2xx answer is not a JSON object: ${excerpt(text, redact)}`, { hint: `check ${hint}` });
}

/** @internal A request the API checks send. */
export interface ApiRequest {
  readonly what: string;
  readonly family: ApiFamilyName;
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
  /** Retry once on 429/502/503/504 (chat-like POSTs). */
  readonly retry: boolean;
}

/** @internal Sends a JSON request; `parse` reads the 2xx body. */
export async function callJson<T>(ctx: ApiContext, req: ApiRequest, parse: (json: Record<string, unknown>, text: string) => T) {
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  return withOneRetry(ctx.http.deadline, ctx.retryAfterCapMs, req.retry, (info) =>
    sendOnce(ctx.http, { method: req.method, url: req.url, headers: req.headers, body }, async (res) => {
      info.status = res.status;
      if (res.status < 200 || res.status >= 300) throw await statusError(res, req.what, req.family, info, ctx);
      const encoded = encodingError(req.what, res.headers);
      if (encoded) throw encoded;
      const text = await readText(res.body, undefined, true, req.what);
      const json = parseJsonObject(text, req.what, ctx.redact, BASE_HINT[req.family]);
      info.requestId = requestIdOf(res, ctx.redact, json);
      return parse(json, text);
    }),
  );
}

/** @internal Sends a streamed request and feeds the body to `reader` (at most {@link MAX_STREAM_BYTES}). */
export async function callStream(ctx: ApiContext, req: ApiRequest, reader: () => SseReader) {
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  return withOneRetry(ctx.http.deadline, ctx.retryAfterCapMs, req.retry, (info) =>
    sendOnce(ctx.http, { method: req.method, url: req.url, headers: req.headers, body }, async (res): Promise<ChatStreamResult> => {
      info.status = res.status;
      info.requestId = requestIdOf(res, ctx.redact);
      if (res.status < 200 || res.status >= 300) throw await statusError(res, req.what, req.family, info, ctx);
      const encoded = encodingError(req.what, res.headers);
      if (encoded) throw encoded;
      const type = String(res.headers["content-type"] ?? "");
      if (!type.toLowerCase().includes("text/event-stream")) {
        const text = await readText(res.body, 4096).catch(() => "");
        const seen = looksBinary(text) ? `${text.length} bytes of binary data` : excerpt(text, ctx.redact);
        throw new StreamProtocolError(VerifyErrorCode.STREAM_PROTOCOL, `${req.what}: expected text/event-stream, got ${type || "no content-type"}: ${seen}`, {
          hint: "the server ignored the streaming request, or a proxy rewrote the answer",
        });
      }
      const sse = reader();
      let size = 0;
      for await (const chunk of res.body) {
        size += chunk.length;
        if (size > MAX_STREAM_BYTES) throw tooLarge(req.what, MAX_STREAM_BYTES);
        sse.push(chunk);
      }
      return sse.end();
    }),
  );
}

/** @internal ` (14+1 tokens)`. */
export function tokens(usage?: Usage): string {
  return usage ? ` (${usage.promptTokens}+${usage.completionTokens} tokens)` : "";
}

/** @internal ` after 1 retry (DSV_HTTP_STATUS 503)`. */
export function retried(attempts: readonly AttemptRecord[]): string {
  return attempts.length > 1 ? ` after ${attempts.length - 1} retry (${attempts[0].outcome}${attempts[0].status ? ` ${attempts[0].status}` : ""})` : "";
}

/** @internal The passing outcome of a chat-like check. */
export function replied(kind: "replied" | "streamed", value: ChatStreamResult | { text: string; usage?: Usage }, attempts: readonly AttemptRecord[], redact: Redactor): ApiOutcome {
  const last = attempts[attempts.length - 1];
  const events = "events" in value ? value.events : undefined;
  return {
    status: "pass",
    message: `${kind} ${JSON.stringify(excerpt(value.text, redact, 60))}${events !== undefined ? ` in ${events} events` : ""}${tokens(value.usage)}${retried(attempts)}`,
    httpStatus: last?.status,
    requestId: last?.requestId,
    attempts,
    reply: value.text,
    usage: value.usage,
    events,
  };
}

/** @internal `origin + path`, with the slashes right. */
export function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path}`;
}
