// What each API check says of a 2xx answer that is not what its API documents, and of the odd but
// valid ones (lib/verify/checks/*): against the loopback world, one check's route answering a
// crafted 200 (or 404/429 for models).
import type { VerifyReport } from "cdktf-dashscope-privatelink/verify";
import type { Route } from "../support/openai-server";
import { type VerifyWorld, startVerifyWorld, verifyInWorld } from "../support/verify-world";

const KEY = "sk-6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d";

let world: VerifyWorld;
beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(() => world.close());
beforeEach(() => world.reset());

const answer = (route: Route, body: unknown, status = 200) => world.https.setFault(route, { kind: "status", status, body });
const check = (report: VerifyReport, name: string) => report.checks.find((c) => c.name === name)!;
const run = (apis: Array<"openai" | "anthropic" | "dashscope" | "embeddings">, overrides = {}) => verifyInWorld(world, KEY, { apis, stream: false, ...overrides });

describe("models", () => {
  test("a list without the model, an empty list, entries that are not models", async () => {
    answer("models", { data: [{ id: "qwen-max" }, { id: 5 }, null, "qwen-flash", { id: "qwen-plus" }] });
    expect(check(await run(["openai"]), "models")).toMatchObject({ status: "pass", message: "2 model(s) listed, qwen-flash not among them", models: ["qwen-max", "qwen-plus"], httpStatus: 200 });
    answer("models", { data: [] });
    expect(check(await run(["openai"]), "models").message).toBe("0 model(s) listed");
  });

  test("at most 50 models are kept in the report", async () => {
    answer("models", { data: Array.from({ length: 60 }, (_, i) => ({ id: `m${i}` })) });
    const models = check(await run(["openai"]), "models");
    expect(models.message).toBe("60 model(s) listed, qwen-flash not among them");
    expect(models.models).toHaveLength(50);
  });

  test("no data array: a failure naming what answered", async () => {
    answer("models", { object: "list" });
    expect(check(await run(["openai"]), "models")).toMatchObject({
      status: "fail",
      code: "DSV_RESPONSE_MALFORMED",
      message: 'api: models: the answer has no data array: {"object":"list"} — something other than the OpenAI-compatible API answered: check the base URL',
    });
  });

  test("404 and 429 are warnings (and 429 is not inconclusive there); 500 fails", async () => {
    answer("models", { error: { message: "no" } }, 404);
    const report = await run(["openai"]);
    expect(check(report, "models")).toMatchObject({ status: "warn", httpStatus: 404, message: expect.stringMatching(/— GET \/models is not served here$/) });
    expect(check(report, "chat").status).toBe("pass");
    expect(report.exitCode).toBe(0);
    answer("models", { error: { code: "Throttling", message: "slow" } }, 429);
    const limited = check(await run(["openai"]), "models");
    expect(limited).toMatchObject({ status: "warn", httpStatus: 429 });
    expect(limited.inconclusive).toBeUndefined();
    answer("models", { error: { message: "boom" } }, 500);
    expect(check(await run(["openai"]), "models")).toMatchObject({ status: "fail", httpStatus: 500 });
  });
});

describe("chat", () => {
  test("no choice 0 with a text message: a failure", async () => {
    for (const body of [{ choices: [] }, { choices: [{ index: 1, message: { content: "x" } }] }, { choices: [{ index: 0, message: { content: 5 } }] }, { choices: "x" }]) {
      answer("chat", body);
      expect(check(await run(["openai"]), "chat")).toMatchObject({
        status: "fail",
        code: "DSV_RESPONSE_MALFORMED",
        message: `api: chat: the answer has no choices[index 0].message.content: ${JSON.stringify(body)} — something other than the OpenAI-compatible API answered: check the base URL`,
      });
    }
  });

  test("a reply without usage, and a long reply kept to 4096 characters", async () => {
    answer("chat", { choices: [{ index: 0, message: { content: "p".repeat(5000) } }] });
    const chat = check(await run(["openai"]), "chat");
    expect(chat.status).toBe("pass");
    expect(chat.reply).toHaveLength(4096);
    expect(chat.message).toBe(`replied "${"p".repeat(60)}… (truncated, 4096 chars)"`);
  });
});

describe("embeddings", () => {
  test("a vector that is not numbers, or empty, or missing: a failure", async () => {
    for (const body of [{ data: [{ index: 0, embedding: [1, "2"] }] }, { data: [{ index: 0, embedding: [] }] }, { data: [{ index: 0, embedding: [1, null] }] }, { data: "x" }, {}]) {
      answer("embeddings", body);
      expect(check(await run(["embeddings"]), "embeddings")).toMatchObject({
        status: "fail",
        message: `api: embeddings: the answer has no data[index 0].embedding of numbers: ${JSON.stringify(body)} — something other than the OpenAI-compatible embeddings API answered: check the base URL`,
      });
    }
  });

  test("the wrong dimension for a known model; any length for another; usage when given", async () => {
    answer("embeddings", { data: [{ index: 1, embedding: [1] }, { index: 0, embedding: [1, 2, 3] }] });
    expect(check(await run(["embeddings"]), "embeddings").message).toBe(
      "api: embeddings: the vector has 3 dimensions, text-embedding-v4 documents 1024 by default — something other than Model Studio's embedding model answered",
    );
    answer("embeddings", { data: [{ embedding: [0.5, 1, 2] }], usage: { prompt_tokens: 1, total_tokens: 1 } });
    expect(check(await run(["embeddings"], { embeddingModel: "my-embedder" }), "embeddings")).toMatchObject({
      status: "pass",
      dimensions: 3,
      message: "my-embedder returned a 3-dimension vector (1 tokens)",
      usage: { promptTokens: 1, completionTokens: 0, totalTokens: 1 },
    });
    answer("embeddings", { data: [{ embedding: [0.5] }] });
    expect(check(await run(["embeddings"], { embeddingModel: "my-embedder" }), "embeddings").message).toBe("my-embedder returned a 1-dimension vector");
  });
});

describe("anthropic and dashscope", () => {
  test("anthropic: not a message with a text block", async () => {
    for (const body of [{ type: "message", content: [{ type: "tool_use" }] }, { type: "other", content: [{ type: "text", text: "x" }] }, { type: "message", content: "x" }]) {
      answer("anthropic", body);
      expect(check(await run(["anthropic"]), "anthropic")).toMatchObject({
        status: "fail",
        message: `api: anthropic: the answer is not a message with a text block: ${JSON.stringify(body)} — something other than the Anthropic-compatible API answered: check that the host serves /apps/anthropic`,
      });
    }
    answer("anthropic", { type: "message", content: [{ type: "thinking" }, { type: "text", text: "hi" }], usage: { input_tokens: 3, output_tokens: 1 } });
    expect(check(await run(["anthropic"]), "anthropic")).toMatchObject({ status: "pass", message: 'replied "hi" (3+1 tokens)' });
  });

  test("dashscope: no output.choices[0].message.content", async () => {
    for (const body of [{ output: {} }, { output: { choices: [{ message: { content: 1 } }] } }, { output: { choices: [{ index: 1, message: { content: "x" } }] } }]) {
      answer("dashscope", body);
      expect(check(await run(["dashscope"]), "dashscope")).toMatchObject({
        status: "fail",
        message: `api: dashscope: the answer has no output.choices[0].message.content: ${JSON.stringify(body)} — something other than the DashScope API answered, or result_format was ignored: check that the host serves /api/v1`,
      });
    }
    answer("dashscope", { output: { choices: [{ message: { content: "hey" } }] } });
    expect(check(await run(["dashscope"]), "dashscope")).toMatchObject({ status: "pass", message: 'replied "hey"', reply: "hey" });
  });
});

describe("2xx answers of the wrong kind", () => {
  test("JSON that is not an object; text that is not JSON", async () => {
    answer("chat", [1]);
    expect(check(await run(["openai"]), "chat").message).toBe("api: chat: the 2xx answer is not a JSON object: [1] — check that the base URL ends in /compatible-mode/v1");
    answer("anthropic", "<html>login</html>");
    expect(check(await run(["anthropic"]), "anthropic").message).toBe("api: anthropic: the 2xx answer is not JSON: <html>login</html> — an HTML page or other text answered: check that the host serves /apps/anthropic");
    answer("dashscope", "");
    expect(check(await run(["dashscope"]), "dashscope").message).toBe("api: dashscope: the 2xx answer is not JSON: empty body — an HTML page or other text answered: check that the host serves /api/v1");
  });

  test("a streamed request answered without an event stream", async () => {
    answer("stream", { choices: [] });
    expect(check(await run(["openai"], { stream: true }), "stream")).toMatchObject({
      status: "fail",
      code: "DSV_STREAM_PROTOCOL",
      message: 'stream: stream: expected text/event-stream, got application/json: {"choices":[]} — the server ignored the streaming request, or a proxy rewrote the answer',
    });
    world.https.setFault("anthropic-stream", { kind: "status", status: 200, body: "x", headers: { "content-type": "" } });
    expect(check(await run(["anthropic"], { stream: true }), "anthropic-stream").message).toBe(
      "stream: anthropic-stream: expected text/event-stream, got no content-type: x — the server ignored the streaming request, or a proxy rewrote the answer",
    );
  });
});
