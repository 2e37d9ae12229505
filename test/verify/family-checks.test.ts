// The Anthropic, DashScope and models checks (lib/verify/checks/anthropic.ts, dashscope.ts,
// models.ts) as a user sees them against the loopback world: one retry of a 503 for the generation
// checks and none for models, which text block is the reply, replies kept to 4096 characters, the
// check named in a streaming failure, the DashScope request's content type, the model found in the
// list; and the two stream readers on error events without a type or with a numeric code, and usage
// carried by an early event.
import type { VerifyReport } from "cdktf-dashscope-privatelink/verify";
import { AnthropicStreamReader } from "../../lib/verify/checks/anthropic";
import { DashScopeStreamReader } from "../../lib/verify/checks/dashscope";
import type { SseReader } from "../../lib/verify/sse";
import type { Route } from "../support/openai-server";
import { type VerifyWorld, startVerifyWorld, verifyInWorld } from "../support/verify-world";

const KEY = "sk-0e1d2c3b4a5968778695a4b3c2d1e0f9";

let world: VerifyWorld;
beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(() => world.close());
beforeEach(() => world.reset());

const answer = (route: Route, body: unknown, status = 200) => world.https.setFault(route, { kind: "status", status, body });
const busyOnce = (route: Route) => world.https.enqueue(route, { kind: "status", status: 503, headers: { "retry-after": "0" }, body: { error: { code: "ServiceUnavailable", message: "busy" } } });
const check = (report: VerifyReport, name: string) => report.checks.find((c) => c.name === name)!;
const run = (apis: Array<"openai" | "anthropic" | "dashscope" | "embeddings">, overrides = {}) => verifyInWorld(world, KEY, { apis, stream: false, ...overrides });

describe("a 503 once", () => {
  test("anthropic: retried, and the check passes with both attempts", async () => {
    busyOnce("anthropic");
    const report = await run(["anthropic"]);
    expect(check(report, "anthropic")).toMatchObject({ status: "pass", httpStatus: 200 });
    expect(check(report, "anthropic").attempts?.map((a) => a.status)).toEqual([503, 200]);
    expect(report.exitCode).toBe(0);
  });

  test("dashscope: retried, and the check passes with both attempts", async () => {
    busyOnce("dashscope");
    const report = await run(["dashscope"]);
    expect(check(report, "dashscope")).toMatchObject({ status: "pass", httpStatus: 200 });
    expect(check(report, "dashscope").attempts?.map((a) => a.status)).toEqual([503, 200]);
    expect(report.exitCode).toBe(0);
  });

  test("models: not retried (a GET of the list), so the check fails with its one attempt", async () => {
    busyOnce("models");
    const models = check(await run(["openai"]), "models");
    expect(models).toMatchObject({ status: "fail", httpStatus: 503, apiCode: "ServiceUnavailable" });
    expect(models.attempts?.map((a) => a.status)).toEqual([503]);
  });
});

describe("anthropic: the reply", () => {
  test("the first text block whose text is a string, past thinking blocks, non-text blocks with text, and null", async () => {
    answer("anthropic", { type: "message", content: [null, { type: "thinking", text: "hmm" }, { type: "text", text: 5 }, { type: "text", text: "hi" }] });
    expect(check(await run(["anthropic"]), "anthropic")).toMatchObject({ status: "pass", message: 'replied "hi"', reply: "hi" });
  });

  test("a long reply kept to 4096 characters", async () => {
    answer("anthropic", { type: "message", content: [{ type: "text", text: "a".repeat(5000) }] });
    const anthropic = check(await run(["anthropic"]), "anthropic");
    expect(anthropic.status).toBe("pass");
    expect(anthropic.reply).toHaveLength(4096);
    expect(anthropic.message).toBe(`replied "${"a".repeat(60)}… (truncated, 4096 chars)"`);
  });
});

describe("dashscope", () => {
  test("a long reply kept to 4096 characters", async () => {
    answer("dashscope", { output: { choices: [{ message: { content: "d".repeat(5000) } }] } });
    const dashscope = check(await run(["dashscope"]), "dashscope");
    expect(dashscope.status).toBe("pass");
    expect(dashscope.reply).toHaveLength(4096);
    expect(dashscope.message).toBe(`replied "${"d".repeat(60)}… (truncated, 4096 chars)"`);
  });

  test("a streamed request answered without an event stream names dashscope-stream", async () => {
    answer("dashscope-stream", {});
    expect(check(await run(["dashscope"], { stream: true }), "dashscope-stream")).toMatchObject({
      status: "fail",
      code: "DSV_STREAM_PROTOCOL",
      message: "stream: dashscope-stream: expected text/event-stream, got application/json: {} — the server ignored the streaming request, or a proxy rewrote the answer",
    });
  });

  test("both requests send a JSON body with content-type application/json", async () => {
    await run(["dashscope"], { stream: true });
    for (const route of ["dashscope", "dashscope-stream"] as const) {
      const found = world.https.requests.filter((r) => r.route === route);
      expect(found).toHaveLength(1);
      expect(found[0].headers).toMatchObject({ "content-type": "application/json" });
    }
  });
});

describe("models", () => {
  test("the default list names the model among them", async () => {
    const models = check(await run(["openai"]), "models");
    expect(models.status).toBe("pass");
    expect(models.message).toMatch(/^\d+ model\(s\) listed, qwen-flash among them$/);
  });
});

const ev = (event: string | undefined, data: unknown) => `${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
function failure(reader: SseReader, text: string): Error & { code?: string } {
  try {
    reader.push(text);
    reader.end();
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error("expected a failure");
}

describe("the stream readers", () => {
  test("anthropic: an error event whose data has no type is shown as error", () => {
    const start = ev("message_start", { type: "message_start", message: { usage: { input_tokens: 1, output_tokens: 1 } } });
    expect(failure(new AnthropicStreamReader(), start + ev("error", { message: "m" }))).toMatchObject({
      code: "DSV_STREAM_PROTOCOL",
      message: expect.stringMatching(/^stream: the stream carried an error event: error m — Model Studio aborted/),
    });
  });

  test("dashscope: a numeric code without output is a malformed event, not an error event", () => {
    expect(failure(new DashScopeStreamReader(), ev("result", { code: 400, message: "bad" }))).toMatchObject({
      code: "DSV_STREAM_MALFORMED_EVENT",
      message: 'stream: event 1 has no output.choices: data: {"code":400,"message":"bad"}',
    });
    expect(failure(new DashScopeStreamReader(), ev("result", { code: "", message: "bad" }))).toMatchObject({ code: "DSV_STREAM_MALFORMED_EVENT" });
  });

  test("dashscope: usage from an earlier event is kept when the last one has none", () => {
    const part = (content: string, finish: string, extra: Record<string, unknown> = {}) => ev("result", { output: { choices: [{ message: { content }, finish_reason: finish }] }, ...extra });
    const reader = new DashScopeStreamReader();
    reader.push(part("po", "null", { usage: { input_tokens: 5, output_tokens: 1, total_tokens: 6 } }) + part("ng", "stop"));
    expect(reader.end()).toEqual({ text: "pong", usage: { promptTokens: 5, completionTokens: 1, totalTokens: 6 }, events: 2, finishReason: "stop" });
  });
});
