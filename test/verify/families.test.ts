// The four API families through one pinned, verified connection, against the loopback server that
// speaks all of them; each family's error and stream faults fail with their own codes.
import { type CheckName, type VerifyOptions, type VerifyReport, VerifyErrorCode } from "cdktf-dashscope-privatelink/verify";
import { ANTHROPIC_DELTAS, DASHSCOPE_DELTAS, EMBEDDING_DIMENSION } from "../support/family-wire";
import { type Route } from "../support/openai-server";
import { type VerifyWorld, startVerifyWorld, verifyInWorld } from "../support/verify-world";

const KEY = "sk-families-test-5e4d3c2b1a09f8e7";
const ALL = ["openai", "anthropic", "dashscope", "embeddings"] as const;

let world: VerifyWorld;
beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(() => world.close());
beforeEach(() => world.reset());

function verify(overrides: Partial<VerifyOptions> = {}): Promise<VerifyReport> {
  return verifyInWorld(world, KEY, { apis: ALL, ...overrides });
}

const check = (report: VerifyReport, name: CheckName) => report.checks.find((c) => c.name === name);

describe("--api openai,anthropic,dashscope,embeddings", () => {
  test("passes every family, plain and streamed, over the one pinned HTTPS connection", async () => {
    const report = await verify();
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ["dns", "pass"],
      ["tcp", "pass"],
      ["tls", "pass"],
      ["models", "pass"],
      ["chat", "pass"],
      ["stream", "pass"],
      ["anthropic", "pass"],
      ["anthropic-stream", "pass"],
      ["dashscope", "pass"],
      ["dashscope-stream", "pass"],
      ["embeddings", "pass"],
    ]);
    expect(report).toMatchObject({ ok: true, exitCode: 0, apis: [...ALL] });
    expect(check(report, "anthropic-stream")?.reply).toBe(ANTHROPIC_DELTAS.join(""));
    expect(check(report, "dashscope-stream")?.reply).toBe(DASHSCOPE_DELTAS.join(""));
    expect(check(report, "embeddings")).toMatchObject({ dimensions: EMBEDDING_DIMENSION });
    expect(check(report, "anthropic")?.usage).toEqual({ promptTokens: 12, completionTokens: 1, totalTokens: 13 });
  });

  test("speaks each family's wire format: paths, auth headers, streaming switches", async () => {
    await verify();
    const byRoute = (route: Route) => world.https.requests.find((r) => r.route === route);
    const anthropic = byRoute("anthropic-stream");
    expect(anthropic?.path).toBe("/apps/anthropic/v1/messages");
    expect(anthropic?.headers).toMatchObject({ "x-api-key": KEY, "anthropic-version": "2023-06-01" });
    expect(anthropic?.headers.authorization).toBeUndefined();
    expect(anthropic?.body).toMatchObject({ stream: true, max_tokens: 16, messages: [{ role: "user" }] });
    const dashscope = byRoute("dashscope-stream");
    expect(dashscope?.path).toBe("/api/v1/services/aigc/text-generation/generation");
    expect(dashscope?.headers).toMatchObject({ authorization: `Bearer ${KEY}`, "x-dashscope-sse": "enable" });
    expect(dashscope?.body).toMatchObject({ input: { messages: [{ role: "user" }] }, parameters: { result_format: "message", incremental_output: true } });
    expect(byRoute("dashscope")?.headers["x-dashscope-sse"]).toBeUndefined();
    expect(byRoute("embeddings")).toMatchObject({ path: "/compatible-mode/v1/embeddings", body: { model: "text-embedding-v4", input: "pong" } });
    // One host for all: every request went to the custom domain's server.
    expect(new Set(world.https.requests.map((r) => r.headers.host))).toEqual(new Set([new URL(world.customBaseUrl).host]));
  });

  test("runs only the families asked for, in catalog order", async () => {
    const report = await verify({ apis: ["embeddings", "anthropic"] });
    expect(report.checks.map((c) => c.name)).toEqual(["dns", "tcp", "tls", "anthropic", "anthropic-stream", "embeddings"]);
  });

  test("an unknown family is a config error before anything is sent", async () => {
    const err = await verify({ apis: ["openai", "gemini" as never] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: VerifyErrorCode.CONFIG_INVALID, message: expect.stringMatching(/`apis` has "gemini", which is not an API family — allowed: openai, anthropic, dashscope, embeddings/) });
    expect(world.dns.queries).toHaveLength(0);
  });
});

describe("each family's faults fail with their own codes", () => {
  test.each<[Route, string, string]>([
    ["anthropic", "rate_limit_error", "anthropic"],
    ["dashscope", "Arrearage", "dashscope"],
    ["embeddings", "model_not_found", "embeddings"],
  ])("%s: a 4xx in the family's error shape names its code", async (route, code, name) => {
    const status = code === "rate_limit_error" ? 400 : 403;
    world.https.setFault(route, { kind: "status", status, body: route === "anthropic" ? { type: "error", error: { type: code, message: "nope" } } : route === "dashscope" ? { code, message: "nope", request_id: "r1" } : { error: { code, message: "nope" } } });
    const report = await verify();
    expect(check(report, name as CheckName)).toMatchObject({ status: "fail", code: VerifyErrorCode.HTTP_STATUS, apiCode: code, httpStatus: status });
  });

  test("a dashscope error body is read as {code, message, request_id}", async () => {
    world.https.setFault("dashscope", { kind: "status", status: 400, body: { code: "InvalidParameter", message: "Range of max_tokens should be [1, 8192]", request_id: "ds-req-7" } });
    const report = await verify({ apis: ["dashscope"] });
    expect(check(report, "dashscope")).toMatchObject({ status: "fail", apiCode: "InvalidParameter", message: expect.stringMatching(/^api: HTTP 400 InvalidParameter: Range of max_tokens/) });
    expect(check(report, "dashscope-stream")).toMatchObject({ status: "skip", message: "dashscope failed" });
  });

  test.each<[Route, string]>([
    ["stream", VerifyErrorCode.STREAM_NO_DONE],
    ["anthropic-stream", VerifyErrorCode.STREAM_NO_DONE],
    ["dashscope-stream", VerifyErrorCode.STREAM_NO_DONE],
  ])("%s: a stream without the family's end marker fails", async (route, code) => {
    world.https.setFault(route, { kind: "no-done" });
    const report = await verify();
    expect(check(report, route as CheckName)).toMatchObject({ status: "fail", code });
    const others = report.checks.filter((c) => c.name !== route && c.status !== "pass");
    expect(others).toEqual([]);
  });

  test.each<Route>(["stream", "anthropic-stream", "dashscope-stream"])("%s: a malformed event fails as such", async (route) => {
    world.https.setFault(route, { kind: "malformed-sse" });
    const report = await verify();
    expect(check(report, route as CheckName)).toMatchObject({ status: "fail", code: VerifyErrorCode.STREAM_MALFORMED_EVENT });
  });

  test.each<[Route, RegExp]>([
    ["stream", /error event: internal_error generation aborted/],
    ["anthropic-stream", /error event: overloaded_error Overloaded/],
    ["dashscope-stream", /error event: InternalError An internal error has occured/],
  ])("%s: the family's error event fails the stream", async (route, message) => {
    world.https.setFault(route, { kind: "error-event" });
    const report = await verify();
    expect(check(report, route as CheckName)).toMatchObject({ status: "fail", code: VerifyErrorCode.STREAM_PROTOCOL, message: expect.stringMatching(message) });
  });

  test("embeddings: a vector of the wrong dimension fails", async () => {
    world.https.setFault("embeddings", { kind: "wrong-dimension" });
    const report = await verify({ apis: ["embeddings"] });
    expect(check(report, "embeddings")).toMatchObject({
      status: "fail",
      code: VerifyErrorCode.RESPONSE_MALFORMED,
      message: expect.stringMatching(/1536 dimensions, text-embedding-v4 documents 1024 by default/),
    });
  });

  test("anthropic: a wrong key is a 401 in the Anthropic error shape", async () => {
    const report = await verify({ apis: ["anthropic"], apiKey: "sk-0ther-tenant-1a2b3c4d5e6f" });
    expect(check(report, "anthropic")).toMatchObject({ status: "fail", httpStatus: 401, apiCode: "authentication_error" });
  });
});

describe("DashScope native streaming faults: a non-2xx status with an event-stream body", () => {
  test("the code in its event:error data is read: a quota code fails (exit 1, not inconclusive) with the quota hint", async () => {
    world.https.setFault("dashscope-stream", { kind: "sse-error", status: 429, code: "AllocationQuota.FreeTierOnly", message: "The free tier of the model has been exhausted." });
    const report = await verify({ apis: ["dashscope"] });
    const stream = check(report, "dashscope-stream");
    expect(stream).toMatchObject({ status: "fail", code: VerifyErrorCode.HTTP_STATUS, httpStatus: 429, apiCode: "AllocationQuota.FreeTierOnly" });
    expect(stream?.inconclusive).toBeFalsy();
    expect(stream?.message).toMatch(/quota or balance is exhausted/);
    expect(stream?.message).not.toMatch(/non-JSON|proxy/);
    expect(report.exitCode).toBe(1);
  });
});
