// Every request a full run sends, whole: method, path, the headers that matter and the exact JSON
// body of each family's plain and streamed call (lib/verify/api.ts and checks/*), as the loopback
// server received them.
import { type VerifyWorld, startVerifyWorld, verifyInWorld } from "../support/verify-world";
import type { Route } from "../support/openai-server";

const KEY = "sk-4f5e6d7c8b9a0f1e2d3c4b5a69788796";
const PROMPT = [{ role: "user", content: "Reply with the single word: pong" }];

let world: VerifyWorld;
beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
// A run per test, not one for the file: Stryker counts what runs in beforeAll as static coverage and
// then never runs these tests against the request builders' mutants (12 survived that way).
beforeEach(async () => {
  world.reset();
  await verifyInWorld(world, KEY, { apis: ["openai", "anthropic", "dashscope", "embeddings"], model: "qwen-plus", maxCompletionTokens: 20 });
});
afterAll(() => world.close());

const request = (route: Route) => {
  const found = world.https.requests.filter((r) => r.route === route);
  expect(found).toHaveLength(1);
  return found[0];
};

test("the order of the requests", () => {
  expect(world.https.requests.map((r) => r.route)).toEqual(["models", "chat", "stream", "anthropic", "anthropic-stream", "dashscope", "dashscope-stream", "embeddings"]);
});

test("headers: the key where each family wants it, the user agent, accept and content type, identity encoding", () => {
  for (const route of ["models", "chat", "stream", "dashscope", "dashscope-stream", "embeddings"] as const) {
    expect(request(route).headers).toMatchObject({ authorization: `Bearer ${KEY}`, "user-agent": "dashscope-verify", "accept-encoding": "identity" });
  }
  expect(request("models")).toMatchObject({ method: "GET", path: "/compatible-mode/v1/models", headers: { accept: "application/json" } });
  expect(request("models").headers["content-type"]).toBeUndefined();
  expect(request("chat").headers).toMatchObject({ accept: "application/json", "content-type": "application/json" });
  expect(request("stream").headers).toMatchObject({ accept: "text/event-stream", "content-type": "application/json" });
  expect(request("dashscope").headers).toMatchObject({ accept: "application/json" });
  expect(request("dashscope-stream").headers).toMatchObject({ accept: "text/event-stream" });
  expect(request("anthropic").headers).toMatchObject({ "x-api-key": KEY, "anthropic-version": "2023-06-01", "content-type": "application/json", accept: "application/json", "user-agent": "dashscope-verify" });
  expect(request("anthropic-stream").headers).toMatchObject({ accept: "text/event-stream" });
});

test("the OpenAI-compatible bodies", () => {
  const chat = { model: "qwen-plus", messages: PROMPT, max_completion_tokens: 20, temperature: 0, enable_thinking: false };
  expect(request("chat")).toMatchObject({ method: "POST", path: "/compatible-mode/v1/chat/completions" });
  expect(request("chat").body).toEqual(chat);
  expect(request("stream").body).toEqual({ ...chat, stream: true, stream_options: { include_usage: true } });
  expect(request("embeddings").body).toEqual({ model: "text-embedding-v4", input: "pong", encoding_format: "float" });
});

test("the Anthropic and DashScope bodies", () => {
  expect(request("anthropic").body).toEqual({ model: "qwen-plus", max_tokens: 20, messages: PROMPT });
  expect(request("anthropic-stream").body).toEqual({ model: "qwen-plus", max_tokens: 20, messages: PROMPT, stream: true });
  const parameters = { result_format: "message", max_tokens: 20, temperature: 0, enable_thinking: false };
  expect(request("dashscope").body).toEqual({ model: "qwen-plus", input: { messages: PROMPT }, parameters });
  expect(request("dashscope-stream").body).toEqual({ model: "qwen-plus", input: { messages: PROMPT }, parameters: { ...parameters, incremental_output: true } });
});
