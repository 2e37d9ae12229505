/**
 * The models, chat and stream checks: tiny OpenAI-compatible requests over the pinned connection.
 * Bodies never carry `max_tokens` (deprecated by Model Studio in 2026): `max_completion_tokens` only.
 */
import { HttpStatusError, MalformedResponseError, StreamProtocolError, VerifyError, VerifyErrorCode } from "./errors";
import { type AttemptInfo, type HttpResponse, type HttpTarget, parseRetryAfter, readText, sendOnce, withOneRetry } from "./http";
import { excerpt } from "./redact";
import { ChatStreamReader, parseUsage } from "./sse";
import type { AttemptRecord, CheckStatus, Usage } from "./types";

/** The prompt of the chat and stream checks: a handful of tokens each way. */
export const VERIFY_PROMPT = "Reply with the single word: pong";

export interface ApiContext {
  readonly http: HttpTarget;
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly model: string;
  readonly maxCompletionTokens: number;
  readonly retryAfterCapMs: number;
}

/** What an API check found (the runner adds name, target and duration). */
export interface ApiOutcome {
  readonly status: CheckStatus;
  readonly message: string;
  readonly error?: VerifyError;
  readonly inconclusive?: boolean;
  readonly httpStatus?: number;
  readonly apiCode?: string;
  readonly requestId?: string;
  readonly attempts: readonly AttemptRecord[];
  readonly models?: readonly string[];
  readonly reply?: string;
  readonly usage?: Usage;
  readonly events?: number;
}

/** The JSON body of the chat (and, with `stream`, the stream) check. */
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

function endpoint(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${path}`;
}

function headers(ctx: ApiContext, accept: string, json: boolean): Record<string, string> {
  return {
    authorization: `Bearer ${ctx.apiKey}`,
    accept,
    "user-agent": "dashscope-verify",
    ...(json ? { "content-type": "application/json" } : {}),
  };
}

function requestIdOf(res: HttpResponse, body?: Record<string, unknown>): string | undefined {
  const header = res.headers["x-request-id"] ?? res.headers["x-dashscope-request-id"];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const fromBody = body && typeof body.request_id === "string" ? body.request_id : undefined;
  return fromHeader ?? fromBody;
}

/** Turns a non-2xx answer into an HttpStatusError that says what to look at. */
export async function statusError(res: HttpResponse, what: "models" | "chat" | "stream", info: AttemptInfo): Promise<HttpStatusError> {
  const text = await readText(res.body, 64 * 1024).catch(() => "");
  let parsed: Record<string, unknown> | undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object") parsed = value as Record<string, unknown>;
  } catch {
    parsed = undefined;
  }
  const error = (parsed?.error && typeof parsed.error === "object" ? parsed.error : parsed) as Record<string, unknown> | undefined;
  const apiCode = typeof error?.code === "string" ? error.code : typeof error?.type === "string" ? error.type : undefined;
  const apiMessage = typeof error?.message === "string" ? excerpt(error.message, 200) : undefined;
  const requestId = requestIdOf(res, parsed);
  info.requestId = requestId;
  const retryAfterMs = parseRetryAfter(res.headers["retry-after"]);
  let problem = `HTTP ${res.status}${apiCode ? ` ${apiCode}` : ""}${apiMessage ? `: ${apiMessage}` : ""}`;
  if (!parsed) problem += ` (non-JSON body: ${excerpt(text, 80) || "empty"})`;
  if (requestId) problem += ` (request id ${requestId})`;
  return new HttpStatusError(problem, { status: res.status, apiCode, apiMessage, requestId, retryAfterMs }, {
    hint: statusHint(res.status, what, parsed !== undefined || text.trim() === ""),
  });
}

/** `json`: the body was the API's JSON (or empty). */
function statusHint(status: number, what: string, json: boolean): string {
  if (!json && status >= 400 && status !== 429) {
    return "the body is not the API's JSON: a proxy, gateway or load balancer answered instead of Model Studio; check the path to the endpoint and the base URL";
  }
  switch (status) {
    case 400:
      return "the request was rejected: check --model exists in the endpoint's region";
    case 401:
      return "the key belongs to another region or workspace, or was revoked (ap-southeast-1 and cn-beijing keys are separate)";
    case 403:
      return "the key's workspace may not call this model, or the model is not activated in Model Studio";
    case 404:
      return what === "models"
        ? "GET /models is not served here"
        : "no such model or path: check --model and that the base URL ends in /compatible-mode/v1";
    case 429:
      return "rate limit or quota exhausted: the result is inconclusive, run again later";
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

function outcomeOf(error: VerifyError, attempts: readonly AttemptRecord[]): ApiOutcome {
  const http = error instanceof HttpStatusError ? error : undefined;
  return {
    status: "fail",
    message: error.message,
    error,
    inconclusive: http?.status === 429 ? true : undefined,
    httpStatus: http?.status,
    apiCode: http?.apiCode,
    requestId: http?.requestId,
    attempts,
  };
}

/** GET {base}/models: 2xx with a list passes, 404 warns, 429 warns, anything else fails. */
export async function checkModels(ctx: ApiContext): Promise<ApiOutcome> {
  const { value, error, attempts } = await withOneRetry(ctx.http.deadline, ctx.retryAfterCapMs, false, (info) =>
    sendOnce(ctx.http, { method: "GET", url: endpoint(ctx.baseUrl, "/models"), headers: headers(ctx, "application/json", false) }, async (res) => {
      info.status = res.status;
      if (res.status < 200 || res.status >= 300) throw await statusError(res, "models", info);
      const text = await readText(res.body);
      const body = parseJsonObject(text, "models");
      info.requestId = requestIdOf(res, body);
      if (!Array.isArray(body.data)) {
        throw new MalformedResponseError(`models: the answer has no data array: ${excerpt(text)}`, {
          hint: "something other than the OpenAI-compatible API answered: check the base URL",
        });
      }
      return body.data
        .map((m: unknown) => (m && typeof m === "object" ? (m as Record<string, unknown>).id : undefined))
        .filter((id): id is string => typeof id === "string");
    }),
  );
  if (error) {
    const outcome = outcomeOf(error, attempts);
    if (outcome.httpStatus === 404 || outcome.httpStatus === 429) return { ...outcome, status: "warn", inconclusive: undefined };
    return outcome;
  }
  const models = value ?? [];
  const listed = models.includes(ctx.model) ? `, ${ctx.model} among them` : models.length ? `, ${ctx.model} not among them` : "";
  return {
    status: "pass",
    message: `${models.length} model(s) listed${listed}`,
    httpStatus: attempts[attempts.length - 1]?.status,
    requestId: attempts[attempts.length - 1]?.requestId,
    attempts,
    models: models.slice(0, 50),
  };
}

/** POST {base}/chat/completions, not streamed. */
export async function checkChat(ctx: ApiContext): Promise<ApiOutcome> {
  const body = JSON.stringify(chatRequestBody(ctx.model, ctx.maxCompletionTokens, false));
  const { value, error, attempts } = await withOneRetry(ctx.http.deadline, ctx.retryAfterCapMs, true, (info) =>
    sendOnce(ctx.http, { method: "POST", url: endpoint(ctx.baseUrl, "/chat/completions"), headers: headers(ctx, "application/json", true), body }, async (res) => {
      info.status = res.status;
      if (res.status < 200 || res.status >= 300) throw await statusError(res, "chat", info);
      const text = await readText(res.body);
      const json = parseJsonObject(text, "chat");
      info.requestId = requestIdOf(res, json);
      const choice = Array.isArray(json.choices) ? (json.choices[0] as Record<string, unknown> | undefined) : undefined;
      const message = choice?.message as Record<string, unknown> | undefined;
      if (!message || typeof message.content !== "string") {
        throw new MalformedResponseError(`chat: the answer has no choices[0].message.content: ${excerpt(text)}`, {
          hint: "something other than the OpenAI-compatible API answered: check the base URL",
        });
      }
      return { reply: message.content, usage: parseUsage(json.usage) };
    }),
  );
  if (error || !value) return outcomeOf(error ?? new MalformedResponseError("chat: no answer"), attempts);
  const last = attempts[attempts.length - 1];
  return {
    status: "pass",
    message: `replied ${JSON.stringify(excerpt(value.reply, 60))}${tokens(value.usage)}${retried(attempts)}`,
    httpStatus: last?.status,
    requestId: last?.requestId,
    attempts,
    reply: value.reply,
    usage: value.usage,
  };
}

/** POST {base}/chat/completions with `stream: true`; the SSE stream must end with `data: [DONE]`. */
export async function checkStream(ctx: ApiContext): Promise<ApiOutcome> {
  const body = JSON.stringify(chatRequestBody(ctx.model, ctx.maxCompletionTokens, true));
  const { value, error, attempts } = await withOneRetry(ctx.http.deadline, ctx.retryAfterCapMs, true, (info) =>
    sendOnce(ctx.http, { method: "POST", url: endpoint(ctx.baseUrl, "/chat/completions"), headers: headers(ctx, "text/event-stream", true), body }, async (res) => {
      info.status = res.status;
      info.requestId = requestIdOf(res);
      if (res.status < 200 || res.status >= 300) throw await statusError(res, "stream", info);
      const type = String(res.headers["content-type"] ?? "");
      if (!type.toLowerCase().includes("text/event-stream")) {
        const text = await readText(res.body, 4096).catch(() => "");
        throw new StreamProtocolError(VerifyErrorCode.STREAM_PROTOCOL, `stream: expected text/event-stream, got ${type || "no content-type"}: ${excerpt(text)}`, {
          hint: "the server ignored stream: true, or a proxy rewrote the answer",
        });
      }
      const reader = new ChatStreamReader();
      for await (const chunk of res.body) reader.push(chunk);
      return reader.end();
    }),
  );
  if (error || !value) return outcomeOf(error ?? new MalformedResponseError("stream: no answer"), attempts);
  const last = attempts[attempts.length - 1];
  return {
    status: "pass",
    message: `streamed ${JSON.stringify(excerpt(value.text, 60))} in ${value.events} events${tokens(value.usage)}${retried(attempts)}`,
    httpStatus: last?.status,
    requestId: last?.requestId,
    attempts,
    reply: value.text,
    usage: value.usage,
    events: value.events,
  };
}

function parseJsonObject(text: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (cause) {
    throw new MalformedResponseError(`${what}: the 2xx answer is not JSON: ${excerpt(text) || "empty body"}`, {
      hint: "a proxy or captive portal answered instead of Model Studio: check the path and the base URL",
      cause,
    });
  }
  throw new MalformedResponseError(`${what}: the 2xx answer is not a JSON object: ${excerpt(text)}`, {
    hint: "check the base URL ends in /compatible-mode/v1",
  });
}

function tokens(usage?: Usage): string {
  return usage ? ` (${usage.promptTokens}+${usage.completionTokens} tokens)` : "";
}

function retried(attempts: readonly AttemptRecord[]): string {
  return attempts.length > 1 ? ` after ${attempts.length - 1} retry (${attempts[0].outcome}${attempts[0].status ? ` ${attempts[0].status}` : ""})` : "";
}
