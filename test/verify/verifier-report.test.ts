// The report a run builds (lib/verify/verifier.ts): its exit code when inconclusive and failed
// checks mix, the replies of the primary target only, usage summed over every check, skips.
import type { VerifyReport } from "cdktf-dashscope-privatelink/verify";
import { CHAT_REPLY, STREAM_REPLY } from "../support/openai-server";
import { type VerifyWorld, startVerifyWorld, verifyInWorld } from "../support/verify-world";

const KEY = "sk-2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e";

let world: VerifyWorld;
beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(() => world.close());
beforeEach(() => world.reset());
const check = (report: VerifyReport, name: string, target = report.target) => report.checks.find((c) => c.name === name && c.target === target)!;
const limited = { kind: "status", status: 429, headers: { "retry-after": "0" }, body: { error: { code: "Throttling", message: "slow" } } } as const;

test("an inconclusive check next to a failed one is exit 1; inconclusive alone is 3", async () => {
  world.https.setFault("chat", limited);
  world.https.setFault("embeddings", { kind: "status", status: 500, body: { error: { message: "boom" } } });
  const mixed = await verifyInWorld(world, KEY, { apis: ["openai", "embeddings"], stream: false });
  expect(check(mixed, "chat")).toMatchObject({ status: "fail", inconclusive: true });
  expect(mixed).toMatchObject({ ok: false, exitCode: 1 });
  world.https.clearFaults();
  world.https.setFault("embeddings", limited);
  const alone = await verifyInWorld(world, KEY, { apis: ["embeddings"] });
  expect(alone).toMatchObject({ ok: false, exitCode: 3, reply: { chat: null, stream: null }, usage: null });
});

test("two targets: the replies are the primary target's, usage sums every check of both, a warning keeps its reply", async () => {
  world.http.setFault("models", { kind: "status", status: 500, body: { error: { message: "boom" } } });
  world.https.setFault("stream", { kind: "no-usage" });
  const report = await verifyInWorld(world, KEY, { targets: [{ baseUrl: world.customBaseUrl }, { baseUrl: world.endpointBaseUrl }] });
  expect(report.targets).toEqual([world.customBaseUrl, world.endpointBaseUrl]);
  expect(report.target).toBe(world.customBaseUrl);
  expect(check(report, "stream")).toMatchObject({ status: "warn", code: "DSV_STREAM_NO_USAGE" });
  expect(report.reply).toEqual({ chat: CHAT_REPLY, stream: STREAM_REPLY });
  const used = report.checks.flatMap((c) => (c.usage ? [c.usage] : []));
  expect(used).toHaveLength(3);
  expect(report.usage).toEqual({
    promptTokens: used.reduce((n, u) => n + u.promptTokens, 0),
    completionTokens: used.reduce((n, u) => n + u.completionTokens, 0),
    totalTokens: used.reduce((n, u) => n + u.totalTokens, 0),
  });
  expect(check(report, "models", world.endpointBaseUrl)).toMatchObject({ status: "fail", httpStatus: 500 });
  expect(report.exitCode).toBe(1);
  expect(report.durationMs).toBeGreaterThanOrEqual(0);
  expect(Date.parse(report.startedAt)).toBeLessThanOrEqual(Date.now());
});

test("the primary target's failed chat gives no reply even when another target's passed", async () => {
  world.https.setFault("chat", { kind: "status", status: 500, body: { error: { message: "boom" } } });
  const report = await verifyInWorld(world, KEY, { targets: [{ baseUrl: world.customBaseUrl }, { baseUrl: world.endpointBaseUrl }], stream: false });
  expect(check(report, "chat", world.endpointBaseUrl).status).toBe("pass");
  expect(report.reply).toEqual({ chat: null, stream: null });
});
