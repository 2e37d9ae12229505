/**
 * The benchmark harness: groups of cases measured round-robin (A B C A B C ...) after warm-up
 * rounds, so that every side of a comparison sees the same machine drift; summaries (median,
 * min-max) per metric; checks (ratios of medians, absolute values) with optional targets.
 *
 * A case is one function that yields one sample; most spawn a child process (see ./spawn) and the
 * child reports its own peak RSS and phase timings. A group may instead run all of its rounds
 * itself (`runAll`), e.g. inside one child process for in-process measurements. Cases of part 2
 * (the verifier) plug in the same way: a group, its cases, its checks.
 */

/** One measurement of one case. */
export interface Sample {
  /** Wall time in milliseconds (for a process: spawn to exit, as the harness saw it). */
  readonly wallMs: number;
  /** Peak resident set size of the measured process, in MiB. */
  readonly rssMB?: number;
  /** Heap retained by what the case built (in-process cases), in MiB. */
  readonly heapMB?: number;
  /** Phase timings in milliseconds, as the measured code reported them (e.g. load, build, synth). */
  readonly phases?: Readonly<Record<string, number>>;
  /** Any other figure, e.g. throughput in MB/s; describe it in the case's `metrics`. */
  readonly metrics?: Readonly<Record<string, number>>;
}

/** How to show a custom metric of {@link Sample.metrics}. */
export interface MetricSpec {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
}

export interface BenchCase {
  /** Unique id, matched by `--filter` and used in the JSON (e.g. `synth.fresh.pattern:100`). */
  readonly id: string;
  /** The row's label. */
  readonly title: string;
  /** How it is measured, e.g. `fresh process`, `in-process`, `npm script`. */
  readonly mode: string;
  /** Takes one sample. Not called when the group has `runAll`. */
  readonly run?: () => Promise<Sample>;
  /** Custom metrics to show for this case. */
  readonly metrics?: readonly MetricSpec[];
}

export interface Rounds {
  readonly warmup: number;
  readonly samples: number;
}

export interface BenchGroup {
  readonly id: string;
  readonly title: string;
  readonly cases: readonly BenchCase[];
  /** Rounds of a full run, and of `--quick`. */
  readonly rounds: Rounds;
  readonly quickRounds: Rounds;
  /** Runs before the first round (e.g. start loopback servers) and after the last. */
  readonly setup?: () => Promise<void>;
  readonly teardown?: () => Promise<void>;
  /**
   * Runs every round of the given cases itself and returns their samples by case id, e.g. in one
   * child process that alternates them in-process. Must alternate its cases like the harness does.
   */
  readonly runAll?: (cases: readonly BenchCase[], rounds: Rounds) => Promise<Record<string, Sample[]>>;
}

/** median, min, max of one metric. */
export interface Stat {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export interface CaseResult {
  readonly group: string;
  readonly case: BenchCase;
  readonly samples: Sample[];
  readonly wall: Stat;
  readonly rss?: Stat;
  readonly heap?: Stat;
  readonly phases: Record<string, Stat>;
  readonly metrics: Record<string, Stat>;
}

/** A target a check's value must meet. */
export interface Target {
  readonly op: "<=" | ">=";
  readonly limit: number;
}

/** A derived figure: a ratio of medians, an absolute median, anything computed from results. */
export interface BenchCheck {
  readonly id: string;
  readonly title: string;
  /** The case ids it needs; a check whose cases were filtered out is skipped. */
  readonly needs: readonly string[];
  readonly compute: (results: ReadonlyMap<string, CaseResult>) => { value: number; detail?: string };
  /** How the value is printed (`ratio`, `ms`, `MB/s`, ...). */
  readonly unit: string;
  readonly target?: Target;
  /** Printed in place of a target for an informative row, e.g. `≈ 10 when linear`. */
  readonly note?: string;
}

export interface CheckResult {
  readonly check: BenchCheck;
  readonly value: number;
  readonly detail?: string;
  /** undefined for an informative row, and when there was nothing to measure (`value` NaN). */
  readonly met?: boolean;
}

export type MetricName = "wallMs" | "rssMB" | "heapMB" | `metrics.${string}` | `phases.${string}`;

/** The values of one metric across samples (samples lacking it are left out). */
export function valuesOf(samples: readonly Sample[], metric: MetricName): number[] {
  const pick = (s: Sample): number | undefined => {
    if (metric === "wallMs" || metric === "rssMB" || metric === "heapMB") return s[metric];
    const [bag, key] = metric.split(".", 2) as ["metrics" | "phases", string];
    return s[bag]?.[key];
  };
  return samples.map(pick).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

export function stat(values: readonly number[]): Stat | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

export function summarize(group: string, benchCase: BenchCase, samples: Sample[]): CaseResult {
  const keys = (bag: "phases" | "metrics") => [...new Set(samples.flatMap((s) => Object.keys(s[bag] ?? {})))];
  const stats = (bag: "phases" | "metrics") =>
    Object.fromEntries(keys(bag).flatMap((k) => {
      const s = stat(valuesOf(samples, `${bag}.${k}`));
      return s ? [[k, s]] : [];
    }));
  return {
    group,
    case: benchCase,
    samples,
    wall: stat(valuesOf(samples, "wallMs")) ?? { median: NaN, min: NaN, max: NaN },
    rss: stat(valuesOf(samples, "rssMB")),
    heap: stat(valuesOf(samples, "heapMB")),
    phases: stats("phases"),
    metrics: stats("metrics"),
  };
}

/** What a check reports when a case has no value of its metric (e.g. peak RSS without GNU time). */
function noSamples(metric: MetricName): { value: number; detail: string } {
  return { value: NaN, detail: `no ${metric} samples` };
}

/**
 * Median of `metric` of case `a` over the median of case `b`, with the range of per-round ratios;
 * NaN when either case has no value of that metric.
 */
export function ratioOfMedians(results: ReadonlyMap<string, CaseResult>, a: string, b: string, metric: MetricName): { value: number; detail: string } {
  const va = valuesOf(results.get(a)!.samples, metric);
  const vb = valuesOf(results.get(b)!.samples, metric);
  const [ma, mb] = [stat(va), stat(vb)];
  if (!ma || !mb) return noSamples(metric);
  // Round i of a and round i of b ran back to back: their ratio is free of slow drift.
  const paired = stat(va.slice(0, Math.min(va.length, vb.length)).map((x, i) => x / vb[i]));
  return { value: ma.median / mb.median, detail: paired ? `per-round median ${paired.median.toFixed(2)}, ${paired.min.toFixed(2)}–${paired.max.toFixed(2)}` : "" };
}

/** A check: median(a) / median(b) of a metric. */
export function ratioCheck(id: string, title: string, a: string, b: string, metric: MetricName, target?: Target, note?: string): BenchCheck {
  return { id, title, needs: [a, b], unit: "×", target, note, compute: (r) => ratioOfMedians(r, a, b, metric) };
}

/** A check: the median of one case's metric. */
export function valueCheck(id: string, title: string, caseId: string, metric: MetricName, unit: string, target?: Target, note?: string): BenchCheck {
  return {
    id,
    title,
    needs: [caseId],
    unit,
    target,
    note,
    compute: (r) => {
      const s = stat(valuesOf(r.get(caseId)!.samples, metric));
      return s ? { value: s.median, detail: `min–max ${fmt(s.min)}–${fmt(s.max)}` } : noSamples(metric);
    },
  };
}

export function meets(value: number, target: Target): boolean {
  return target.op === "<=" ? value <= target.limit : value >= target.limit;
}

/** A number with a precision that suits its size. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  return abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export interface RunOptions {
  readonly quick: boolean;
  /** Case ids must contain one of these (empty: every case). */
  readonly filters: readonly string[];
  /** Progress lines (to stderr). */
  readonly log: (line: string) => void;
}

/** Runs one group: warm-up rounds, then sample rounds, every case once per round, in order. */
export async function runGroup(group: BenchGroup, options: RunOptions): Promise<CaseResult[]> {
  const cases = group.cases.filter((c) => options.filters.length === 0 || options.filters.some((f) => c.id.includes(f)));
  if (cases.length === 0) return [];
  const rounds = options.quick ? group.quickRounds : group.rounds;
  const started = performance.now();
  options.log(`${group.title}: ${cases.length} case(s), ${rounds.warmup} warm-up + ${rounds.samples} round(s)`);
  await group.setup?.();
  let byCase: Record<string, Sample[]>;
  try {
    if (group.runAll) {
      byCase = await group.runAll(cases, rounds);
    } else {
      byCase = Object.fromEntries(cases.map((c) => [c.id, [] as Sample[]]));
      for (let round = 0; round < rounds.warmup + rounds.samples; round++) {
        for (const c of cases) {
          if (!c.run) throw new Error(`case ${c.id} has no run() and its group no runAll()`);
          const sample = await c.run();
          if (round >= rounds.warmup) byCase[c.id].push(sample);
        }
      }
    }
  } finally {
    await group.teardown?.();
  }
  options.log(`${group.title}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return cases.map((c) => {
    const samples = byCase[c.id];
    if (!samples || samples.length === 0) throw new Error(`case ${c.id} produced no samples`);
    return summarize(group.id, c, samples);
  });
}

/** Evaluates the checks whose cases all ran. */
export function evaluate(checks: readonly BenchCheck[], results: ReadonlyMap<string, CaseResult>): CheckResult[] {
  return checks
    .filter((check) => check.needs.every((id) => results.has(id)))
    .map((check) => {
      const { value, detail } = check.compute(results);
      // Nothing measured (NaN) neither meets nor misses its target.
      return { check, value, detail, met: check.target && !Number.isNaN(value) ? meets(value, check.target) : undefined };
    });
}
