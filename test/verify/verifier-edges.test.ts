// The runner's own edges (lib/verify/verifier.ts): a gated check that fails on the overall
// deadline skips the rest with the deadline's text, and the report's duration is the run's.
import { type VerifyReport, VerifyErrorCode } from "cdktf-dashscope-privatelink/verify";
import { type VerifyWorld, startVerifyWorld, verifyInWorld } from "../support/verify-world";

const KEY = "sk-edges-0f1e2d3c4b5a69788796a5b4";

let world: VerifyWorld;
beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(() => world.close());
beforeEach(() => world.reset());

const check = (report: VerifyReport, name: string) => report.checks.find((c) => c.name === name)!;

test("dns failing on the overall deadline skips the rest as 'the overall deadline had passed', not as a failed gate", async () => {
  // The resolver's own timeout is at least 50 ms, so a 30 ms deadline always ends the dns check first.
  world.dns.silent = true;
  const report = await verifyInWorld(world, KEY, { timeoutMs: 30 });
  expect(check(report, "dns")).toMatchObject({ status: "fail", code: VerifyErrorCode.TIMEOUT_DEADLINE });
  for (const name of ["tcp", "tls", "models", "chat"]) expect(check(report, name)).toMatchObject({ status: "skip", message: "the overall deadline had passed" });
  expect(report.exitCode).toBe(1);
});

test("the report's durationMs is the run's duration", async () => {
  const before = Date.now();
  const report = await verifyInWorld(world, KEY, { stream: false });
  expect(report.ok).toBe(true);
  expect(report.durationMs).toBeGreaterThanOrEqual(0);
  expect(report.durationMs).toBeLessThanOrEqual(Date.now() - before);
});
