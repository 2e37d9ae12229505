// What lib/verify/api.ts makes of the answers at its edges: error bodies that are JSON scalars, cut
// short or DashScope event streams framed in other ways (statusError, in this process), and 2xx or
// 3xx answers of the wrong kind on the JSON and stream routes (callJson, callStream, against the
// loopback world).
import type { VerifyReport } from "cdktf-dashscope-privatelink/verify";
import { type ApiContext, statusError } from "../../lib/verify/api";
import type { AttemptInfo, HttpResponse } from "../../lib/verify/http";
import { createRedactor } from "../../lib/verify/redact";
import type { Route } from "../support/openai-server";
import { type VerifyWorld, startVerifyWorld, verifyInWorld } from "../support/verify-world";

const KEY = "sk-3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b";
const ctx = { redact: createRedactor(KEY) } as unknown as ApiContext;

const PROXY_HINT = "the body is not the API's JSON: a proxy, gateway or load balancer answered instead of Model Studio; check the path to the endpoint and the base URL";
const QUOTA_HINT = "the account's quota or balance is exhausted (or the model is not purchased): top up or raise the quota in Model Studio; no retry will fix this";
const STREAM_HINT = "the server ignored the streaming request, or a proxy rewrote the answer";

function response(status: number, body: string, headers: HttpResponse["headers"] = {}): HttpResponse {
  return { status, headers, body: (async function* () { yield Buffer.from(body); })() };
}
async function messageOf(res: HttpResponse, what = "dashscope-stream"): Promise<{ message: string; apiCode?: string }> {
  const info: AttemptInfo = {};
  const err = await statusError(res, what, "dashscope", info, ctx);
  return { message: err.message, apiCode: err.apiCode };
}
const sse = (status: number, body: string) => messageOf(response(status, body, { "content-type": "text/event-stream;charset=UTF-8" }));

describe("statusError: error bodies at the edges", () => {
  test("an error body that breaks off mid-read is reported as empty, with the status's hint", async () => {
    const broken: HttpResponse = {
      status: 502,
      headers: {},
      body: (async function* () {
        yield* [];
        throw new Error("socket reset");
      })(),
    };
    expect((await messageOf(broken, "chat")).message).toBe(
      "api: HTTP 502 (non-JSON body: empty) — the endpoint could not reach Model Studio, or it is overloaded: run again later and quote the request id",
    );
  });

  test("a JSON scalar is not the API's error object: shown as a non-JSON body, with the proxy hint", async () => {
    expect((await messageOf(response(500, "42"), "chat")).message).toBe(`api: HTTP 500 (non-JSON body: 42) — ${PROXY_HINT}`);
    expect((await messageOf(response(500, "null"), "chat")).message).toBe(`api: HTTP 500 (non-JSON body: null) — ${PROXY_HINT}`);
  });

  test("HTTP 400 with an HTML page gets the proxy hint, not 'the request was rejected'", async () => {
    expect((await messageOf(response(400, "<html>bad</html>"), "chat")).message).toBe(`api: HTTP 400 (non-JSON body: <html>bad</html>) — ${PROXY_HINT}`);
  });
});

describe("statusError: DashScope's event-stream error body, framed in other ways", () => {
  test("LF-only framing, `event: error` with a space, after an event that has data: the error event's code", async () => {
    const { message, apiCode } = await sse(400, 'event: result\ndata:{"code":"First"}\n\nevent: error\ndata:{"code":"Arrearage","message":"pay up"}\n\n');
    expect(apiCode).toBe("Arrearage");
    expect(message).toBe(`api: HTTP 400 Arrearage: pay up — ${QUOTA_HINT}`);
  });

  test("an event line after a data line that mentions 'event:' still names the error event", async () => {
    const { apiCode } = await sse(400, 'event:result\ndata:{"code":"First"}\n\ndata:{"code":"Arrearage","m":"event:x"}\nevent:error\n\n');
    expect(apiCode).toBe("Arrearage");
  });

  test("a comment line that mentions 'data:' is not data", async () => {
    const { message, apiCode } = await sse(400, 'event:error\n:no data: here\ndata:{"code":"Arrearage","message":"pay up"}\n\n');
    expect(apiCode).toBe("Arrearage");
    expect(message).toBe(`api: HTTP 400 Arrearage: pay up — ${QUOTA_HINT}`);
  });

  test("data lines are joined with a newline, as the SSE standard says: JSON cut across two lines at a number is not JSON", async () => {
    const { message, apiCode } = await sse(500, 'event:error\ndata:{"code":"Arrearage","n":1\ndata:2}\n\n');
    expect(apiCode).toBeUndefined();
    expect(message).toBe(`api: HTTP 500 (non-JSON body: event:error data:{"code":"Arrearage","n":1 data:2}) — ${PROXY_HINT}`);
  });

  test("a first block without data (a keep-alive comment) is passed over", async () => {
    const { message, apiCode } = await sse(400, ':keepalive\n\ndata:{"code":"Arrearage","message":"pay up"}\n\n');
    expect(apiCode).toBe("Arrearage");
    expect(message).toBe(`api: HTTP 400 Arrearage: pay up — ${QUOTA_HINT}`);
  });
});

describe("answers of the wrong kind, against the loopback world", () => {
  let world: VerifyWorld;
  beforeAll(async () => {
    world = await startVerifyWorld({ apiKey: KEY });
  });
  afterAll(() => world.close());
  beforeEach(() => world.reset());

  const answer = (route: Route, body: unknown, status = 200, headers?: Record<string, string>) => world.https.setFault(route, { kind: "status", status, body, headers });
  const check = (report: VerifyReport, name: string) => report.checks.find((c) => c.name === name)!;
  const run = (overrides = {}) => verifyInWorld(world, KEY, { apis: ["openai"], stream: false, ...overrides });
  /** 20 control bytes: text that looks binary. */
  const BINARY = Array.from({ length: 20 }, (_, i) => String.fromCharCode(1 + (i % 8))).join("");

  test("a passing chat reports the HTTP status and the request id of its answer", async () => {
    const chat = check(await run(), "chat");
    expect(chat).toMatchObject({ status: "pass", httpStatus: 200, requestId: expect.stringMatching(/^req-\d+$/) });
  });

  test("a 2xx JSON scalar is not a JSON object", async () => {
    answer("chat", 42);
    expect(check(await run(), "chat")).toMatchObject({
      status: "fail",
      code: "DSV_RESPONSE_MALFORMED",
      message: "api: chat: the 2xx answer is not a JSON object: 42 — check that the base URL ends in /compatible-mode/v1",
    });
  });

  test("a 2xx JSON answer of binary bytes is described, not printed", async () => {
    answer("chat", BINARY, 200, { "content-type": "application/json" });
    expect(check(await run(), "chat")).toMatchObject({
      status: "fail",
      code: "DSV_RESPONSE_MALFORMED",
      message: "api: chat: the 2xx answer is not JSON: 20 bytes of binary data — something other than Model Studio answered with binary data: check what answers on this host",
    });
  });

  test("HTTP 300 on models is a redirect the verifier does not follow, not a list", async () => {
    answer("models", { data: [] }, 300);
    expect(check(await run(), "models")).toMatchObject({
      status: "fail",
      code: "DSV_HTTP_STATUS",
      httpStatus: 300,
      message: expect.stringMatching(/^api: HTTP 300 \(request id req-\d+\) — the verifier does not follow redirects: use the final base URL$/),
    });
  });

  test("HTTP 300 on the stream route is a redirect too, not a stream of the wrong type", async () => {
    answer("stream", { choices: [] }, 300);
    expect(check(await run({ stream: true }), "stream")).toMatchObject({
      status: "fail",
      code: "DSV_HTTP_STATUS",
      httpStatus: 300,
      message: expect.stringMatching(/^api: HTTP 300 \(request id req-\d+\) — the verifier does not follow redirects: use the final base URL$/),
    });
  });

  test("a gzip-encoded event stream is named as such", async () => {
    world.https.setFault("stream", { kind: "gzip-200" });
    expect(check(await run({ stream: true }), "stream")).toMatchObject({
      status: "fail",
      code: "DSV_RESPONSE_MALFORMED",
      message:
        "api: stream: the answer is gzip-encoded although the verifier asked for identity — a proxy or gateway on the path compresses answers regardless of Accept-Encoding: Model Studio does not; check what answers on this host",
    });
  });

  test("a streamed answer without any content-type header says so", async () => {
    // An empty list of values makes Node's server write no content-type line at all.
    answer("stream", "x", 200, { "content-type": [] as unknown as string });
    expect(check(await run({ stream: true }), "stream")).toMatchObject({
      status: "fail",
      code: "DSV_STREAM_PROTOCOL",
      message: `stream: stream: expected text/event-stream, got no content-type: x — ${STREAM_HINT}`,
    });
  });

  test("a streamed answer of another type whose body stalls shows no body text", async () => {
    // content-length promises more than is sent: the body read stalls until the idle timeout.
    answer("stream", "x", 200, { "content-type": "application/json", "content-length": "1000" });
    expect(check(await run({ stream: true, idleTimeoutMs: 300 }), "stream")).toMatchObject({
      status: "fail",
      code: "DSV_STREAM_PROTOCOL",
      message: `stream: stream: expected text/event-stream, got application/json:  — ${STREAM_HINT}`,
    });
  });

  test("a streamed answer of binary bytes is described, not printed", async () => {
    answer("stream", BINARY, 200, { "content-type": "application/octet-stream" });
    expect(check(await run({ stream: true }), "stream")).toMatchObject({
      status: "fail",
      code: "DSV_STREAM_PROTOCOL",
      message: `stream: stream: expected text/event-stream, got application/octet-stream: 20 bytes of binary data — ${STREAM_HINT}`,
    });
  });

  test("a valid stream of exactly 8 MiB is within the cap", async () => {
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", model: "qwen-flash", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const head = chunk({ role: "assistant", content: "pong" }) + chunk({}, "stop");
    const tail = `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", choices: [], usage: { prompt_tokens: 14, completion_tokens: 1, total_tokens: 15 } })}\n\ndata: [DONE]\n\n`;
    const total = 8 * 1024 * 1024;
    // Padding: SSE comment lines of 1,000 bytes, then one of the rest, then the blank line ending the event.
    let room = total - Buffer.byteLength(`${head}\n${tail}`);
    const comments: string[] = [];
    for (; room > 1001; room -= 1000) comments.push(`:${"x".repeat(998)}\n`);
    comments.push(`:${"x".repeat(room - 2)}\n`);
    const body = `${head}${comments.join("")}\n${tail}`;
    expect(Buffer.byteLength(body)).toBe(total);
    answer("stream", body, 200, { "content-type": "text/event-stream" });
    const stream = check(await run({ stream: true, timeoutMs: 20_000 }), "stream");
    expect(stream).toMatchObject({ status: "pass", reply: "pong", usage: { promptTokens: 14, completionTokens: 1, totalTokens: 15 } });
  });
});
