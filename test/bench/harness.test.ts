// The benchmark harness's logic: alternation, statistics, checks, tables and the command line.
// Nothing here measures time; samples are made up.
import { parseArgs, UsageError } from "../../bench/args";
import { BenchCase, BenchGroup, CaseResult, Sample, evaluate, ratioCheck, ratioOfMedians, runGroup, stat, summarize, valueCheck } from "../../bench/harness";
import { casesTable, checksTable } from "../../bench/report";

const quiet = { quick: false, filters: [] as string[], log: () => undefined };

function recordingGroup(order: string[], ids: string[], rounds = { warmup: 1, samples: 3 }): BenchGroup {
  let n = 0;
  return {
    id: "g",
    title: "group",
    rounds,
    quickRounds: { warmup: 0, samples: 1 },
    cases: ids.map(
      (id): BenchCase => ({
        id,
        title: id,
        mode: "fake",
        run: async () => {
          order.push(id);
          return { wallMs: ++n };
        },
      }),
    ),
  };
}

function result(id: string, samples: Sample[]): CaseResult {
  return summarize("g", { id, title: id, mode: "fake" }, samples);
}

describe("runGroup", () => {
  test("runs the cases alternately, round by round, and drops the warm-up rounds", async () => {
    const order: string[] = [];
    const results = await runGroup(recordingGroup(order, ["a", "b"]), quiet);
    expect(order).toEqual(["a", "b", "a", "b", "a", "b", "a", "b"]);
    expect(results.map((r) => r.samples.map((s) => s.wallMs))).toEqual([
      [3, 5, 7],
      [4, 6, 8],
    ]);
  });

  test("runs only the cases whose id contains a filter, and the quick rounds with --quick", async () => {
    const order: string[] = [];
    const results = await runGroup(recordingGroup(order, ["synth.a", "synth.b", "verify.c"]), { ...quiet, quick: true, filters: ["b", "verify"] });
    expect(order).toEqual(["synth.b", "verify.c"]);
    expect(results.map((r) => r.case.id)).toEqual(["synth.b", "verify.c"]);
  });

  test("hands the filtered cases and rounds to a group that runs them itself", async () => {
    const seen: unknown[] = [];
    const group: BenchGroup = {
      ...recordingGroup([], ["x", "y"]),
      runAll: async (cases, rounds) => {
        seen.push(cases.map((c) => c.id), rounds);
        return { y: [{ wallMs: 2 }] };
      },
    };
    const results = await runGroup(group, { ...quiet, filters: ["y"] });
    expect(seen).toEqual([["y"], { warmup: 1, samples: 3 }]);
    expect(results[0].wall).toEqual({ median: 2, min: 2, max: 2 });
  });

  test("calls teardown even when a case fails, and names a case without samples", async () => {
    let tornDown = false;
    const failing: BenchGroup = {
      ...recordingGroup([], ["a"]),
      cases: [{ id: "a", title: "a", mode: "fake", run: async () => Promise.reject(new Error("child exited 1")) }],
      teardown: async () => {
        tornDown = true;
      },
    };
    await expect(runGroup(failing, quiet)).rejects.toThrow(/child exited 1/);
    expect(tornDown).toBe(true);
    await expect(runGroup({ ...recordingGroup([], ["a"]), runAll: async () => ({}) }, quiet)).rejects.toThrow(/case a produced no samples/);
  });
});

describe("statistics and checks", () => {
  test("median of odd and even counts, with min and max", () => {
    expect(stat([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5 });
    expect(stat([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(stat([])).toBeUndefined();
  });

  test("a ratio check divides the medians and reports the per-round ratios", () => {
    const results = new Map([
      ["p", result("p", [{ wallMs: 110, rssMB: 100 }, { wallMs: 130, rssMB: 100 }, { wallMs: 120, rssMB: 100 }])],
      ["h", result("h", [{ wallMs: 100, rssMB: 80 }, { wallMs: 100, rssMB: 80 }, { wallMs: 100, rssMB: 80 }])],
    ]);
    const [wall, rss] = evaluate(
      [ratioCheck("w", "wall", "p", "h", "wallMs", { op: "<=", limit: 1.15 }), ratioCheck("r", "rss", "p", "h", "rssMB", { op: "<=", limit: 1.15 })],
      results,
    );
    expect(wall.value).toBeCloseTo(1.2);
    expect(wall.met).toBe(false);
    expect(wall.detail).toBe("per-round median 1.20, 1.10–1.30");
    expect(rss.value).toBeCloseTo(1.25);
  });

  test("checks on custom metrics, informative rows, and checks whose cases did not run", () => {
    const results = new Map([["sse", result("sse", [{ wallMs: 1, metrics: { mbps: 80 } }, { wallMs: 1, metrics: { mbps: 60 } }])]]);
    const evaluated = evaluate(
      [
        valueCheck("t", "SSE throughput", "sse", "metrics.mbps", "MB/s", { op: ">=", limit: 50 }),
        valueCheck("i", "info", "sse", "wallMs", "ms", undefined, "no target"),
        ratioCheck("gone", "needs a filtered case", "sse", "missing", "wallMs"),
      ],
      results,
    );
    expect(evaluated.map((c) => [c.check.id, c.value, c.met])).toEqual([
      ["t", 70, true],
      ["i", 1, undefined],
    ]);
  });
});

describe("checks without samples", () => {
  // Without GNU time a process case has no peak RSS: its checks must not end the run.
  const results = new Map([
    ["a", result("a", [{ wallMs: 300 }, { wallMs: 320 }])],
    ["b", result("b", [{ wallMs: 200, rssMB: 100 }])],
  ]);

  test("report NaN and the missing metric instead of throwing", () => {
    expect(ratioOfMedians(results, "a", "b", "rssMB")).toEqual({ value: NaN, detail: "no rssMB samples" });
    expect(ratioOfMedians(results, "b", "a", "rssMB")).toEqual({ value: NaN, detail: "no rssMB samples" });
    const [ratio, value] = evaluate(
      [
        ratioCheck("r", "a / b rss", "a", "b", "rssMB", { op: "<=", limit: 1.15 }),
        valueCheck("v", "a sse", "a", "metrics.mbPerSec", "MB/s", { op: ">=", limit: 50 }),
      ],
      results,
    );
    expect(ratio).toMatchObject({ value: NaN, detail: "no rssMB samples", met: undefined });
    expect(value).toMatchObject({ value: NaN, detail: "no metrics.mbPerSec samples", met: undefined });
  });

  test("show n/a in the table, never met", () => {
    const text = checksTable(
      evaluate(
        [
          ratioCheck("r", "a / b rss", "a", "b", "rssMB", { op: "<=", limit: 1.15 }),
          valueCheck("v", "a rss", "a", "rssMB", "MB", undefined, "no target"),
          ratioCheck("w", "a / b wall", "a", "b", "wallMs", { op: "<=", limit: 2 }),
        ],
        results,
      ),
    );
    expect(text).toMatch(/^\| a \/ b rss \| n\/a \| no rssMB samples \| <= 1\.15× \| n\/a \|$/m);
    expect(text).toMatch(/^\| a rss \| n\/a \| no rssMB samples \| no target \| n\/a \|$/m);
    expect(text).toMatch(/^\| a \/ b wall \| 1\.55× \| .* \| <= 2× \| met \|$/m);
  });
});

describe("report tables", () => {
  test("print a target column with met, MISSED and info", () => {
    const results = new Map([
      ["a", result("a", [{ wallMs: 300, rssMB: 120, phases: { load: 90, synth: 150 } }])],
      ["b", result("b", [{ wallMs: 200, rssMB: 100 }])],
    ]);
    const text = checksTable(
      evaluate(
        [
          ratioCheck("miss", "a / b wall", "a", "b", "wallMs", { op: "<=", limit: 1.15 }),
          ratioCheck("ok", "a / b rss", "a", "b", "rssMB", { op: "<=", limit: 1.25 }),
          ratioCheck("info", "a / b info", "a", "b", "wallMs", undefined, "linear: ≤ 2"),
        ],
        results,
      ),
    );
    expect(text).toMatch(/^\| comparison \/ target \| measured \| spread \| target \| status \|$/m);
    expect(text).toMatch(/^\| a \/ b wall \| 1\.50× \| .* \| <= 1\.15× \| \*\*MISSED\*\* \|$/m);
    expect(text).toMatch(/^\| a \/ b rss \| 1\.20× \| .* \| <= 1\.25× \| met \|$/m);
    expect(text).toMatch(/^\| a \/ b info \| 1\.50× \| .* \| linear: ≤ 2 \| info \|$/m);
    expect(casesTable([...results.values()])).toMatch(/^\| a \| fake \| 1 \| 300 ms \| 300–300 ms \| 120 MB \(120–120\) \| — \| load 90\.0 · synth 150 ms \|$/m);
  });
});

describe("bench command line", () => {
  test("reads --quick, repeated and comma-separated --filter, and --json", () => {
    expect(parseArgs(["--quick", "--filter", "a,b", "--filter=c", "--json", "out.json"])).toEqual({
      quick: true,
      json: "out.json",
      filters: ["a", "b", "c"],
      list: false,
      help: false,
    });
  });

  test("rejects unknown arguments and a flag without its value", () => {
    expect(() => parseArgs(["--fast"])).toThrow(UsageError);
    expect(() => parseArgs(["--fast"])).toThrow(/unknown argument "--fast"/);
    expect(() => parseArgs(["--json"])).toThrow(/--json needs a value/);
  });
});
