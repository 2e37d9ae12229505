// A request still waiting for its headers when the run's deadline passes fails on the deadline
// (DSV_TIMEOUT_DEADLINE, "raise `timeoutMs`"), never as a headers timeout that did not happen.
// Undici runs its headers timer on a coarse tick (~0.5 s, shared by every request in flight): a
// headers timeout capped at the deadline's remainder used to fire up to half a second early.
import { type VerifyWorld, startVerifyWorld, verifyInWorld } from "../support/verify-world";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const undiciTimers = require("undici/lib/util/timers") as { setFastTimeout(cb: () => void, ms: number): { clear(): void } };

const KEY = "sk-0f1e2d3c4b5a69788796a5b4c3d2e1f0";

let world: VerifyWorld;
beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(() => world.close());

test("a hung models request with another request's timer ticking: the deadline, on time", async () => {
  world.https.setFault("models", { kind: "hang" });
  // Another request in flight keeps undici's timer tick running at its own phase.
  const other = undiciTimers.setFastTimeout(() => undefined, 60_000);
  try {
    const started = Date.now();
    const report = await verifyInWorld(world, KEY, { timeoutMs: 1000, stream: false });
    const models = report.checks.find((c) => c.name === "models");
    expect(models).toMatchObject({ status: "fail", code: "DSV_TIMEOUT_DEADLINE", layer: "deadline" });
    expect(models?.message).toBe("deadline: the overall deadline of 1000 ms passed — raise `timeoutMs`, or look at the step that was slow");
    expect(report.checks.find((c) => c.name === "chat")).toMatchObject({ status: "skip", message: "the overall deadline had passed" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  } finally {
    other.clear();
  }
});
