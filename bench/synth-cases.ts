/**
 * Part 1 of issue 6: what synthesis costs. Three groups, each alternating its cases round by round:
 *
 * - fresh process: `node dist/bench/children/synth-fresh.js <subject>` per sample, so wall time
 *   includes node start-up and module loading, as in `cdktf synth`/CI;
 * - in-process: one `node --expose-gc` child that loads every subject, warms up, then alternates
 *   them, timing `new App()` .. `app.synth()` alone (the editor/test loop);
 * - `npm run synth` of the example app end to end on a built tree, against `node scripts/synth.js`.
 *
 * Subjects: the floor (empty App + TerraformStack), the `DashScopePrivateAccess` pattern with 1, 10,
 * 50 and 100 requesters, and the hand-wired L1 equivalent with 1, 10 and 100 (bench/stacks). The
 * landing-zone sizes (300, 1,000 and 2,000 requesters over eight regions, against hand-wired at each,
 * flat and at the pattern's addresses) run in groups of their own with fewer rounds: a
 * 2,000-requester sample takes seconds.
 */
import * as path from "path";
import { BenchCase, BenchCheck, BenchGroup, Sample, ratioCheck, valueCheck } from "./harness";
import { CHILD_ENV, MeasuredRun, ROOT, runProcess, parseReport, runReportingChild, runWithGnuTime, tempDir } from "./spawn";

const FRESH_CHILD = path.join(__dirname, "children", "synth-fresh.js");
const INPROCESS_CHILD = path.join(__dirname, "children", "synth-inprocess.js");

/** The subjects, in the order each round runs them. */
const SUBJECTS = ["floor", "pattern:1", "hand-wired:1", "pattern:10", "hand-wired:10", "pattern:50", "pattern:100", "hand-wired:100"];
/** The landing-zone sizes: pattern and hand-wired at each, eight regions (bench/stacks/landing-zone-spec.ts). */
const LARGE = [300, 1000, 2000];
/**
 * Plus hand-wired code at the pattern's own construct paths at each size: the same JSON, byte for
 * byte. pattern / nested is the library's code alone; nested / hand-wired is what the longer
 * addresses cost (docs/performance.md, "where each synth miss comes from").
 */
const LARGE_SUBJECTS = LARGE.flatMap((n) => [`pattern:${n}`, `hand-wired:${n}`, `hand-wired-nested:${n}`]);
/** The requester counts at which the pattern is compared with hand-wired L1 code (fresh process). */
const COMPARED = [1, 10, 100, ...LARGE];
/** The same in process: 300 runs fresh only (the in-process landing-zone group measures the growth at 1,000 and 2,000). */
const COMPARED_IN_PROCESS = COMPARED.filter((n) => n !== 300);
/** The library's overhead budget over hand-wired L1 code (wall and peak RSS), at every size. */
const OVERHEAD_LIMIT = 1.05;

function titleOf(subject: string): string {
  const [kind, count] = subject.split(":");
  const requesters = `${count} requester${count === "1" ? "" : "s"}`;
  if (kind === "floor") return "floor: empty App + TerraformStack";
  if (kind === "hand-wired-nested") return `hand-wired L1 at the pattern's addresses, ${requesters}`;
  return kind === "pattern" ? `DashScopePrivateAccess, ${requesters}` : `hand-wired L1, ${requesters}`;
}

/** The sample of a command run under GNU time: its wall time and peak RSS. */
const timed = async (measuring: Promise<MeasuredRun>): Promise<Sample> => {
  const { run, rssMB } = await measuring;
  return { wallMs: run.wallMs, rssMB };
};

const freshId = (subject: string) => `synth.fresh.${subject}`;
const inProcessId = (subject: string) => `synth.inprocess.${subject}`;

export function synthGroups(): BenchGroup[] {
  let freshOut: ReturnType<typeof tempDir> | undefined;
  const freshCase = (subject: string): BenchCase => ({
    id: freshId(subject),
    title: titleOf(subject),
    mode: "fresh process",
    run: async () => (await runReportingChild(FRESH_CHILD, [subject, path.join(freshOut!.dir, subject.replace(":", "-"))])).sample,
  });
  let exampleOut: ReturnType<typeof tempDir> | undefined;

  const fresh: BenchGroup = {
    id: "synth.fresh",
    title: "synth, fresh node process",
    rounds: { warmup: 1, samples: 20 },
    quickRounds: { warmup: 1, samples: 3 },
    setup: async () => {
      freshOut = tempDir("synth-fresh");
    },
    teardown: async () => freshOut?.remove(),
    cases: SUBJECTS.map((subject) => freshCase(subject)),
  };

  const inProcess: BenchGroup = {
    id: "synth.inprocess",
    title: "synth, in-process after warm-up",
    rounds: { warmup: 3, samples: 20 },
    quickRounds: { warmup: 1, samples: 3 },
    cases: SUBJECTS.map((subject): BenchCase => ({ id: inProcessId(subject), title: titleOf(subject), mode: "in-process" })),
    runAll: async (cases, rounds) => {
      const dir = tempDir("synth-inprocess");
      try {
        const subjects = cases.map((c) => c.id.slice("synth.inprocess.".length));
        const args = ["--subjects", subjects.join(","), "--warmup", String(rounds.warmup), "--samples", String(rounds.samples), "--outdir", dir.dir];
        const run = await runProcess(process.execPath, ["--expose-gc", INPROCESS_CHILD, ...args], { timeoutMs: 600_000 });
        const report = parseReport("synth-inprocess", run);
        const bySubject = (report.data as { samples: Record<string, Sample[]> }).samples;
        return Object.fromEntries(subjects.map((s) => [inProcessId(s), bySubject[s]]));
      } finally {
        dir.remove();
      }
    },
  };

  const npmSynth: BenchGroup = {
    id: "synth.example",
    title: "example app synth, end to end",
    rounds: { warmup: 1, samples: 15 },
    quickRounds: { warmup: 1, samples: 3 },
    setup: async () => {
      exampleOut = tempDir("synth-example");
    },
    teardown: async () => exampleOut?.remove(),
    cases: [
      {
        id: "synth.example.npm-run-synth",
        title: "`npm run synth` (3 example stacks)",
        mode: "npm script",
        // Into a temporary outdir, so a run never rewrites the repository's cdktf.out.
        run: () => timed(runWithGnuTime("npm", ["run", "synth", "--", "--outdir", exampleOut!.dir], { env: CHILD_ENV })),
      },
      {
        id: "synth.example.node-synth",
        title: "`node scripts/synth.js` (same, without npm)",
        mode: "process",
        run: () => timed(runWithGnuTime(process.execPath, [path.join(ROOT, "scripts", "synth.js"), "--outdir", exampleOut!.dir], { env: CHILD_ENV })),
      },
    ],
  };
  const freshLarge: BenchGroup = {
    ...fresh,
    id: "synth.fresh.large",
    title: "synth, fresh node process, landing-zone sizes",
    rounds: { warmup: 0, samples: 3 },
    quickRounds: { warmup: 0, samples: 1 },
    cases: LARGE_SUBJECTS.map((subject) => freshCase(subject)),
  };
  const inProcessLarge: BenchGroup = {
    ...inProcess,
    id: "synth.inprocess.large",
    title: "synth, in-process after warm-up, landing-zone sizes",
    rounds: { warmup: 1, samples: 3 },
    quickRounds: { warmup: 1, samples: 1 },
    // The growth T(2000)/T(1000) needs only these; the fresh group covers 300 and the nested subject.
    cases: ["pattern:1000", "hand-wired:1000", "pattern:2000", "hand-wired:2000"].map((subject): BenchCase => ({ id: inProcessId(subject), title: titleOf(subject), mode: "in-process" })),
  };
  return [fresh, freshLarge, inProcess, inProcessLarge, npmSynth];
}

export function synthChecks(): BenchCheck[] {
  const checks: BenchCheck[] = [];
  const limit = { op: "<=", limit: OVERHEAD_LIMIT } as const;
  for (const n of COMPARED) {
    const [p, h] = [freshId(`pattern:${n}`), freshId(`hand-wired:${n}`)];
    checks.push(ratioCheck(`synth.overhead.wall:${n}`, `pattern / hand-wired, wall, ${n} requester(s), fresh process`, p, h, "wallMs", limit));
    checks.push(ratioCheck(`synth.overhead.rss:${n}`, `pattern / hand-wired, peak RSS, ${n} requester(s), fresh process`, p, h, "rssMB", limit));
  }
  checks.push(
    ratioCheck("synth.scaling.fresh", "pattern time(100) / time(10), fresh process", freshId("pattern:100"), freshId("pattern:10"), "wallMs", { op: "<=", limit: 4 }),
    valueCheck("synth.example.npm", "`npm run synth` wall, built tree", "synth.example.npm-run-synth", "wallMs", "ms", { op: "<=", limit: 1000 }),
  );
  for (const n of COMPARED_IN_PROCESS) {
    const [p, h] = [inProcessId(`pattern:${n}`), inProcessId(`hand-wired:${n}`)];
    checks.push(ratioCheck(`synth.overhead.inprocess.wall:${n}`, `pattern / hand-wired, wall, ${n} requester(s), in-process`, p, h, "wallMs", undefined, "no target (shows the library's own cost without start-up)"));
  }
  for (const n of COMPARED_IN_PROCESS.filter((c) => c > 1)) {
    const [p, h] = [inProcessId(`pattern:${n}`), inProcessId(`hand-wired:${n}`)];
    checks.push(ratioCheck(`synth.overhead.inprocess.heap:${n}`, `pattern / hand-wired, retained heap, ${n} requesters, in-process`, p, h, "heapMB", undefined, "no target"));
  }
  for (const n of LARGE) {
    const [p, nested, h] = [freshId(`pattern:${n}`), freshId(`hand-wired-nested:${n}`), freshId(`hand-wired:${n}`)];
    const code = "no target: the library's code alone";
    const addresses = "no target: the cost of the pattern's longer addresses, without the library";
    checks.push(
      ratioCheck(`synth.overhead.nested.wall:${n}`, `pattern / hand-wired at the same addresses, wall, ${n} requesters, fresh process`, p, nested, "wallMs", undefined, code),
      ratioCheck(`synth.overhead.nested.rss:${n}`, `pattern / hand-wired at the same addresses, peak RSS, ${n} requesters, fresh process`, p, nested, "rssMB", undefined, code),
      ratioCheck(`synth.addresses.wall:${n}`, `hand-wired at the pattern's addresses / hand-wired, wall, ${n} requesters, fresh process`, nested, h, "wallMs", undefined, addresses),
      ratioCheck(`synth.addresses.rss:${n}`, `hand-wired at the pattern's addresses / hand-wired, peak RSS, ${n} requesters, fresh process`, nested, h, "rssMB", undefined, addresses),
    );
  }
  checks.push(
    ratioCheck("synth.scaling.inprocess.2000", "pattern time(2000) / time(1000), in-process", inProcessId("pattern:2000"), inProcessId("pattern:1000"), "wallMs", { op: "<=", limit: 2.2 }),
    ratioCheck("synth.scaling.inprocess.2000.hand-wired", "hand-wired time(2000) / time(1000), in-process", inProcessId("hand-wired:2000"), inProcessId("hand-wired:1000"), "wallMs", undefined, "the same growth without the library"),
    // The build phase is where the library's own code runs (checks, plans, constructs); synth is cdktf's.
    ratioCheck("synth.scaling.inprocess.2000.build", "pattern build time(2000) / build time(1000), in-process", inProcessId("pattern:2000"), inProcessId("pattern:1000"), "phases.build", undefined, "linear: ≈ 2"),
    ratioCheck("synth.scaling.inprocess.2000.build.hand-wired", "hand-wired build time(2000) / build time(1000), in-process", inProcessId("hand-wired:2000"), inProcessId("hand-wired:1000"), "phases.build", undefined, "the same growth without the library"),
    ratioCheck("synth.scaling.inprocess.2000.synth", "pattern synth-phase time(2000) / time(1000), in-process", inProcessId("pattern:2000"), inProcessId("pattern:1000"), "phases.synth", undefined, "cdktf's synth of the tree"),
    ratioCheck("synth.scaling.inprocess.2000.synth.hand-wired", "hand-wired synth-phase time(2000) / time(1000), in-process", inProcessId("hand-wired:2000"), inProcessId("hand-wired:1000"), "phases.synth", undefined, "the same growth without the library"),
    ratioCheck("synth.scaling.inprocess.10", "pattern time(100) / time(10), in-process", inProcessId("pattern:100"), inProcessId("pattern:10"), "wallMs", undefined, "linear: < 10 (fixed part); quadratic: ≈ 100"),
    ratioCheck("synth.scaling.inprocess.50", "pattern time(100) / time(50), in-process", inProcessId("pattern:100"), inProcessId("pattern:50"), "wallMs", undefined, "linear: ≤ 2; quadratic: ≈ 4"),
    ratioCheck("synth.floor.share", "floor / pattern with 100 requesters, fresh process", freshId("floor"), freshId("pattern:100"), "wallMs", undefined, "share of cdktf start-up"),
  );
  return checks;
}
