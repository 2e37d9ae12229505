// The embeddings check (lib/verify/checks/embeddings.ts) as a user sees it against the loopback
// world: one retry of a 503, the status and request id of a passing check, the check named in a
// not-JSON failure, infinite numbers refused, and the request's accept and content type.
import type { VerifyReport } from "cdktf-dashscope-privatelink/verify";
import { type VerifyWorld, startVerifyWorld, verifyInWorld } from "../support/verify-world";

const KEY = "sk-9f8e7d6c5b4a39281706f5e4d3c2b1a0";

let world: VerifyWorld;
beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(() => world.close());
beforeEach(() => world.reset());

const embeddings = (report: VerifyReport) => report.checks.find((c) => c.name === "embeddings")!;
const run = (overrides = {}) => verifyInWorld(world, KEY, { apis: ["embeddings"], stream: false, ...overrides });

test("a passing check reports the HTTP status and request id of its answer", async () => {
  const report = await run();
  expect(embeddings(report)).toMatchObject({ status: "pass", httpStatus: 200, requestId: expect.stringMatching(/^req-\d+$/) });
  expect(embeddings(report).requestId).toBe(embeddings(report).attempts?.[0].requestId);
});

test("a 503 once is retried, and the check passes with both attempts", async () => {
  world.https.enqueue("embeddings", { kind: "status", status: 503, headers: { "retry-after": "0" }, body: { error: { code: "ServiceUnavailable", message: "busy" } } });
  const report = await run();
  expect(embeddings(report)).toMatchObject({ status: "pass", httpStatus: 200 });
  expect(embeddings(report).attempts?.map((a) => a.status)).toEqual([503, 200]);
  expect(report.exitCode).toBe(0);
});

test("a 2xx answer that is not JSON names the embeddings check", async () => {
  world.https.setFault("embeddings", { kind: "status", status: 200, body: "<html>x</html>" });
  expect(embeddings(await run())).toMatchObject({
    status: "fail",
    message: "api: embeddings: the 2xx answer is not JSON: <html>x</html> — an HTML page or other text answered: check that the base URL ends in /compatible-mode/v1",
  });
});

test("a vector holding an infinite number is not a vector of numbers", async () => {
  const body = '{"data":[{"index":0,"embedding":[1e999]}]}';
  world.https.setFault("embeddings", { kind: "status", status: 200, body, headers: { "content-type": "application/json" } });
  expect(embeddings(await run({ embeddingModel: "my-embedder" }))).toMatchObject({
    status: "fail",
    code: "DSV_RESPONSE_MALFORMED",
    message: `api: embeddings: the answer has no data[index 0].embedding of numbers: ${body} — something other than the OpenAI-compatible embeddings API answered: check the base URL`,
  });
});

test("the request accepts JSON and sends its body as JSON", async () => {
  await run();
  const found = world.https.requests.filter((r) => r.route === "embeddings");
  expect(found).toHaveLength(1);
  expect(found[0].headers).toMatchObject({ accept: "application/json", "content-type": "application/json" });
});
