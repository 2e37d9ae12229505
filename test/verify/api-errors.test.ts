// How a non-2xx answer becomes the message a user reads (lib/verify/api.ts statusError + hintFor),
// and the retry rule (lib/verify/http.ts withOneRetry): in this process, on in-memory responses.
import { type ApiContext, hintFor, join, retried, statusError, tokens } from "../../lib/verify/api";
import { Deadline } from "../../lib/verify/deadline";
import { ConnectError, HttpStatusError, VerifyError } from "../../lib/verify/errors";
import { type AttemptInfo, type HttpResponse, encodingError, isRetryable, readText, tooLarge, withOneRetry } from "../../lib/verify/http";
import { createRedactor } from "../../lib/verify/redact";

const KEY = "sk-5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a";
const ctx = { redact: createRedactor(KEY) } as unknown as ApiContext;

function response(status: number, body: string | Buffer, headers: HttpResponse["headers"] = {}): HttpResponse {
  return { status, headers, body: (async function* () { yield Buffer.from(body); })() };
}
async function errorOf(res: HttpResponse, what = "chat", family: Parameters<typeof hintFor>[3] = "openai"): Promise<{ err: HttpStatusError; info: AttemptInfo }> {
  const info: AttemptInfo = {};
  return { err: await statusError(res, what, family, info, ctx), info };
}
const json = (v: unknown) => JSON.stringify(v);

describe("hintFor", () => {
  const REGION = "the key belongs to another region or workspace, or was revoked (ap-southeast-1 and cn-beijing keys are separate)";
  test.each([
    [400, "insufficient_quota", "the account's quota or balance is exhausted (or the model is not purchased): top up or raise the quota in Model Studio; no retry will fix this"],
    [429, "Arrearage", "the account's quota or balance is exhausted (or the model is not purchased): top up or raise the quota in Model Studio; no retry will fix this"],
    [403, "AccessDenied.Unpurchased", "the account's quota or balance is exhausted (or the model is not purchased): top up or raise the quota in Model Studio; no retry will fix this"],
    [403, "AllocationQuota.FreeTierOnly", "the account's quota or balance is exhausted (or the model is not purchased): top up or raise the quota in Model Studio; no retry will fix this"],
    [400, "invalid_api_key", REGION],
    [400, "InvalidApiKey", REGION],
    [400, "authentication_error", REGION],
    [400, "model_not_found", "no such model in this region: check `model` against the models the region offers"],
    [400, "ModelNotFound", "no such model in this region: check `model` against the models the region offers"],
    [400, "not_found_error", "no such model in this region: check `model` against the models the region offers"],
    [400, "DataInspectionFailed", "content inspection rejected the prompt: quote the request id to Model Studio support"],
    [400, "data_inspection_failed", "content inspection rejected the prompt: quote the request id to Model Studio support"],
    ...["Throttling", "Throttling.RateQuota", "Throttling.BurstRate", "rate_limit_exceeded", "limit_requests", "rate_limit_error"].map((code) => [500, code, "rate limited: the result is inconclusive, run again later"]),
    [400, "SomethingElse", "the request was rejected: see the API's code and message"],
    [400, undefined, "the request was rejected: see the API's code and message"],
    [401, undefined, REGION],
    [403, undefined, "the key's workspace may not call this model, or the model is not activated in Model Studio"],
    [404, undefined, "no such model or path: check `model` and that the base URL ends in /compatible-mode/v1"],
    [429, undefined, "rate limit reached: the result is inconclusive, run again later"],
    ...[502, 503, 504].map((status) => [status, undefined, "the endpoint could not reach Model Studio, or it is overloaded: run again later and quote the request id"]),
    [500, undefined, "Model Studio failed: run again later and quote the request id"],
    [501, undefined, "Model Studio failed: run again later and quote the request id"],
    [599, undefined, "Model Studio failed: run again later and quote the request id"],
    [300, undefined, "the verifier does not follow redirects: use the final base URL"],
    [302, undefined, "the verifier does not follow redirects: use the final base URL"],
    [399, undefined, "the verifier does not follow redirects: use the final base URL"],
    [405, undefined, "see the API's error code"],
    [299, undefined, "see the API's error code"],
    [418, undefined, "see the API's error code"],
  ] as Array<[number, string | undefined, string]>)("HTTP %s, code %s", (status, code, hint) => {
    expect(hintFor(status, code, "chat", "openai")).toBe(hint);
  });

  test("404 and model_not_found per family and check", () => {
    expect(hintFor(404, undefined, "models", "openai")).toBe("GET /models is not served here");
    expect(hintFor(404, undefined, "anthropic", "anthropic")).toBe("no such model or path: check `model` and that the host serves /apps/anthropic");
    expect(hintFor(404, undefined, "dashscope", "dashscope")).toBe("no such model or path: check `model` and that the host serves /api/v1");
    expect(hintFor(404, undefined, "embeddings", "embeddings")).toBe("no such model or path: check `model` and that the base URL ends in /compatible-mode/v1");
    expect(hintFor(404, "model_not_found", "embeddings", "embeddings")).toBe("no such model in this region: check `model` (`embeddingModel`) against the models the region offers");
  });
});

describe("statusError", () => {
  test("OpenAI's error shape: code, message, the request id from x-request-id, Retry-After", async () => {
    const { err, info } = await errorOf(response(429, json({ error: { code: "rate_limit_exceeded", message: "slow down" } }), { "x-request-id": "req-1", "retry-after": "2" }));
    expect(err).toMatchObject({ code: "DSV_HTTP_STATUS", layer: "api", status: 429, apiCode: "rate_limit_exceeded", apiMessage: "slow down", requestId: "req-1", retryAfterMs: 2000 });
    expect(err.message).toBe("api: HTTP 429 rate_limit_exceeded: slow down (request id req-1) — rate limited: the result is inconclusive, run again later");
    expect(info.requestId).toBe("req-1");
  });

  test("Anthropic's shape (error.type), DashScope's (top-level code and request_id), and the request id headers in order", async () => {
    const anthropic = await errorOf(response(401, json({ type: "error", error: { type: "authentication_error", message: "bad key" } }), { "x-dashscope-request-id": "ds-2", "request-id": "r-3" }), "anthropic", "anthropic");
    expect(anthropic.err.message).toBe("api: HTTP 401 authentication_error: bad key (request id ds-2) — the key belongs to another region or workspace, or was revoked (ap-southeast-1 and cn-beijing keys are separate)");
    const dashscope = await errorOf(response(400, json({ code: "InvalidParameter", message: "bad", request_id: "body-4" }), { "request-id": ["r-5", "r-6"] }), "dashscope", "dashscope");
    expect(dashscope.err).toMatchObject({ apiCode: "InvalidParameter", requestId: "r-5" });
    const fromBody = await errorOf(response(400, json({ code: "InvalidParameter", message: "bad", request_id: "body-4" })));
    expect(fromBody.err.requestId).toBe("body-4");
    const none = await errorOf(response(400, json({ code: "", type: 5, message: 7 })));
    expect(none.err).toMatchObject({ apiCode: undefined, apiMessage: undefined, requestId: undefined });
    expect(none.err.message).toBe("api: HTTP 400 — the request was rejected: see the API's code and message");
  });

  test("an error code that is not a plain identifier is dropped; a long message and request id are cut; the key is redacted", async () => {
    const { err } = await errorOf(
      response(400, json({ error: { code: "two words", message: `${"m".repeat(300)} ${KEY}` } }), { "x-request-id": `${KEY}-${"r".repeat(100)}` }),
    );
    expect(err.apiCode).toBeUndefined();
    expect(err.apiMessage).toBe(`${"m".repeat(200)}… (truncated, 311 chars)`);
    expect(err.requestId).toBe(`[REDACTED]-${"r".repeat(53)}… (truncated, 111 chars)`);
    expect(err.message).not.toContain(KEY.slice(0, 8));
    const long = await errorOf(response(400, json({ error: { code: "c".repeat(65) } })));
    expect(long.err.apiCode).toBeUndefined();
    const max = await errorOf(response(400, json({ error: { code: `a.b:c-${"d".repeat(58)}` } })));
    expect(max.err.apiCode).toBe(`a.b:c-${"d".repeat(58)}`);
  });

  test("DashScope's event-stream error body: the error event's data, else the first event with data", async () => {
    const sse = "event:result\ndata:\n\nid:1\nevent:error\ndata:{\"code\":\"Arrearage\",\"message\":\"pay up\",\"request_id\":\"sse-7\"}\n\n";
    const { err } = await errorOf(response(400, sse, { "content-type": "text/event-stream;charset=UTF-8" }), "dashscope-stream", "dashscope");
    expect(err).toMatchObject({ apiCode: "Arrearage", apiMessage: "pay up", requestId: "sse-7" });
    const first = await errorOf(response(500, "data: {\"code\":\"InternalError\",\"message\":\"x\"}\r\n\r\ndata: {\"code\":\"Other\"}\r\n\r\n", { "content-type": "TEXT/EVENT-STREAM" }));
    expect(first.err.apiCode).toBe("InternalError");
    const empty = await errorOf(response(503, "", { "content-type": "text/event-stream" }));
    expect(empty.err.message).toBe("api: HTTP 503 (non-JSON body: empty) — the endpoint could not reach Model Studio, or it is overloaded: run again later and quote the request id");
  });

  test("a body that is not JSON: shown (cut at 80), or described when binary or empty; 429 keeps its own hint", async () => {
    const html = await errorOf(response(502, `<html>${"x".repeat(100)}</html>`));
    expect(html.err.message).toBe(
      `api: HTTP 502 (non-JSON body: <html>${"x".repeat(74)}… (truncated, 113 chars)) — the body is not the API's JSON: a proxy, gateway or load balancer answered instead of Model Studio; check the path to the endpoint and the base URL`,
    );
    const binary = await errorOf(response(500, Buffer.from([0x1f, 0x8b, 0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6])));
    expect(binary.err.message).toMatch(/^api: HTTP 500 \(non-JSON body: 20 bytes, not text\) — the body is not the API's JSON/);
    const blank = await errorOf(response(500, "  "));
    expect(blank.err.message).toBe("api: HTTP 500 (non-JSON body: empty) — Model Studio failed: run again later and quote the request id");
    const limited = await errorOf(response(429, "Too Many Requests"));
    expect(limited.err.message).toBe("api: HTTP 429 (non-JSON body: Too Many Requests) — rate limit reached: the result is inconclusive, run again later");
    const redirect = await errorOf(response(399, "moved"));
    expect(redirect.err.message).toBe("api: HTTP 399 (non-JSON body: moved) — the verifier does not follow redirects: use the final base URL");
    const array = await errorOf(response(400, "[1]"));
    expect(array.err.message).toBe("api: HTTP 400 — the request was rejected: see the API's code and message");
  });
});

describe("the small helpers of the messages", () => {
  test("tokens, retried, join", () => {
    expect(tokens({ promptTokens: 14, completionTokens: 1, totalTokens: 15 })).toBe(" (14+1 tokens)");
    expect(tokens(undefined)).toBe("");
    expect(retried([{ attempt: 1, durationMs: 1, outcome: "DSV_HTTP_STATUS", status: 503 }, { attempt: 2, durationMs: 1, outcome: "ok" }])).toBe(" after 1 retry (DSV_HTTP_STATUS 503)");
    expect(retried([{ attempt: 1, durationMs: 1, outcome: "DSV_CONNECT_REFUSED" }, { attempt: 2, durationMs: 1, outcome: "ok" }])).toBe(" after 1 retry (DSV_CONNECT_REFUSED)");
    expect(retried([{ attempt: 1, durationMs: 1, outcome: "ok" }])).toBe("");
    expect(join("https://h/compatible-mode/v1//", "/models")).toBe("https://h/compatible-mode/v1/models");
    expect(join("https://h", "/x")).toBe("https://h/x");
  });

  test("readText: the cap, strict or not", async () => {
    const body = () => (async function* () { yield Buffer.from("abcd"); yield Buffer.from("efgh"); })();
    expect(await readText(body(), 6)).toBe("abcdef");
    expect(await readText(body(), 8, true)).toBe("abcdefgh");
    await expect(readText(body(), 6, true, "models")).rejects.toMatchObject({ code: "DSV_RESPONSE_TOO_LARGE", message: expect.stringMatching(/^api: models: the answer is larger than /) });
    expect(tooLarge("stream", 8 * 1024 * 1024).message).toBe(
      "api: stream: the answer is larger than 8 MiB, the verifier's cap — a tiny request gets a tiny answer: something other than Model Studio answered (a proxy, a download), or it streams without end",
    );
  });

  test("encodingError: only a real content-encoding", () => {
    expect(encodingError("chat", {})).toBeUndefined();
    expect(encodingError("chat", { "content-encoding": "" })).toBeUndefined();
    expect(encodingError("chat", { "content-encoding": "Identity" })).toBeUndefined();
    expect(encodingError("chat", { "content-encoding": "GZIP" })).toMatchObject({
      code: "DSV_RESPONSE_MALFORMED",
      message: "api: chat: the answer is gzip-encoded although the verifier asked for identity — a proxy or gateway on the path compresses answers regardless of Accept-Encoding: Model Studio does not; check what answers on this host",
    });
  });
});

describe("the retry rule", () => {
  const status = (code: number, apiCode?: string, retryAfterMs?: number) => new HttpStatusError(`HTTP ${code}`, { status: code, apiCode, retryAfterMs });

  test("isRetryable: 429/502/503/504 and a connection not yet written; never quota or billing", () => {
    for (const code of [429, 502, 503, 504]) expect(isRetryable(status(code))).toBe(true);
    for (const code of [400, 401, 500, 501]) expect(isRetryable(status(code))).toBe(false);
    expect(isRetryable(status(429, "insufficient_quota"))).toBe(false);
    expect(isRetryable(status(429, "Throttling"))).toBe(true);
    expect(isRetryable(new ConnectError("DSV_CONNECT_REFUSED", "x", { beforeRequestWritten: true }))).toBe(true);
    expect(isRetryable(new ConnectError("DSV_CONNECTION_LOST", "x"))).toBe(false);
    expect(isRetryable(new VerifyError("DSV_INTERNAL", "internal", "x"))).toBe(false);
  });

  test("one retry after the capped wait, then the second failure is final", async () => {
    let calls = 0;
    const started = Date.now();
    const { error, attempts } = await withOneRetry(new Deadline(5000), 100, true, async (info) => {
      calls++;
      info.status = 503;
      info.requestId = `r${calls}`;
      throw status(503, undefined, 60_000);
    });
    expect(calls).toBe(2);
    expect(error).toMatchObject({ status: 503 });
    expect(attempts).toEqual([
      expect.objectContaining({ attempt: 1, status: 503, outcome: "DSV_HTTP_STATUS", requestId: "r1", waitedMs: 100 }),
      { attempt: 2, durationMs: expect.any(Number), status: 503, outcome: "DSV_HTTP_STATUS", requestId: "r2" },
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  test("without Retry-After the wait is 500 ms; no retry when it was not asked for", async () => {
    const { attempts } = await withOneRetry(new Deadline(5000), 10_000, true, async () => {
      throw status(502);
    });
    expect(attempts[0].waitedMs).toBe(500);
    let calls = 0;
    const once = await withOneRetry(new Deadline(5000), 100, false, async () => {
      calls++;
      throw status(503);
    });
    expect(calls).toBe(1);
    expect(once.attempts).toHaveLength(1);
    expect(once.attempts[0].waitedMs).toBeUndefined();
  });

  test("the retry must fit before the deadline: the wait plus 250 ms", async () => {
    let calls = 0;
    const tight = await withOneRetry(new Deadline(400), 200, true, async () => {
      calls++;
      throw status(503, undefined, 200);
    });
    expect(calls).toBe(1);
    expect(tight.attempts).toHaveLength(1);
    calls = 0;
    const roomy = await withOneRetry(new Deadline(2000), 200, true, async () => {
      calls++;
      if (calls === 1) throw status(503, undefined, 200);
      return "ok";
    });
    expect(roomy).toMatchObject({ value: "ok", attempts: [expect.objectContaining({ waitedMs: 200 }), expect.objectContaining({ attempt: 2, outcome: "ok" })] });
  });

  test("a non-VerifyError is an internal error, not retried", async () => {
    const { error, attempts } = await withOneRetry(new Deadline(5000), 100, true, async () => {
      throw new TypeError("bug");
    });
    expect(error).toMatchObject({ code: "DSV_INTERNAL", message: "internal: internal error: bug" });
    expect(attempts).toHaveLength(1);
  });
});
