/** What `npm run bench` prints (markdown tables) and writes (`--json`). */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CaseResult, CheckResult, Stat, fmt } from "./harness";

export interface MachineInfo {
  readonly nproc: number;
  readonly cpu: string;
  readonly ramGiB: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load average when the run started: a busy machine explains slow figures. */
  readonly loadAverage: number;
}

/** The CPU model as /proc/cpuinfo names it (os.cpus() elsewhere). */
function cpuModel(): string {
  try {
    const line = fs.readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => /^model name\s*:/.test(l));
    if (line) return line.split(":").slice(1).join(":").trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? "unknown";
}

export function machineInfo(): MachineInfo {
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu: cpuModel(),
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

export function describeMachine(m: MachineInfo): string {
  return `${m.nproc} × ${m.cpu}, ${m.ramGiB} GiB RAM, node ${m.node}, ${m.platform}, load average ${m.loadAverage} at start`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

const ms = (s: Stat | undefined) => (s ? `${fmt(s.median)} ms` : "—");
const range = (s: Stat | undefined, unit: string) => (s ? `${fmt(s.min)}–${fmt(s.max)} ${unit}` : "—");
const mb = (s: Stat | undefined) => (s ? `${fmt(s.median)} MB (${fmt(s.min)}–${fmt(s.max)})` : "—");

function phases(result: CaseResult): string {
  const entries = Object.entries(result.phases).filter(([name]) => name !== "total");
  return entries.length === 0 ? "—" : `${entries.map(([name, s]) => `${name} ${fmt(s.median)}`).join(" · ")} ms`;
}

function extras(result: CaseResult): string {
  const specs = result.case.metrics ?? [];
  const shown = specs.flatMap((spec) => {
    const s = result.metrics[spec.key];
    return s ? [`${spec.label} ${fmt(s.median)} ${spec.unit} (${fmt(s.min)}–${fmt(s.max)})`] : [];
  });
  return shown.join("; ");
}

/** One row per case: wall time, peak RSS (process cases), retained heap (in-process cases), phases. */
export function casesTable(results: readonly CaseResult[]): string {
  const rows = results.map((r) => {
    const notes = [phases(r), extras(r)].filter((t) => t && t !== "—").join("; ") || "—";
    return [r.case.title, r.case.mode, String(r.samples.length), ms(r.wall), range(r.wall, "ms"), mb(r.rss), mb(r.heap), notes];
  });
  return table(["case", "mode", "runs", "wall median", "wall min–max", "peak RSS median (min–max)", "retained heap median (min–max)", "phase medians"], rows);
}

/** One row per check: measured value, target, met/MISSED (or `info`; `n/a` when nothing was measured). */
export function checksTable(checks: readonly CheckResult[]): string {
  const rows = checks.map((c) => {
    const unit = c.check.unit;
    const measured = !Number.isNaN(c.value);
    const value = !measured ? "n/a" : unit === "×" ? `${c.value.toFixed(2)}×` : `${fmt(c.value)} ${unit}`;
    const target = c.check.target ? `${c.check.target.op} ${unit === "×" ? `${c.check.target.limit}×` : `${c.check.target.limit} ${unit}`}` : (c.check.note ?? "—");
    const status = !measured ? "n/a" : c.met === undefined ? "info" : c.met ? "met" : "**MISSED**";
    return [c.check.title, value, c.detail ?? "", target, status];
  });
  return table(["comparison / target", "measured", "spread", "target", "status"], rows);
}

export interface JsonReport {
  readonly startedAt: string;
  readonly machine: MachineInfo;
  readonly options: { readonly quick: boolean; readonly filters: readonly string[] };
  readonly totalMs: number;
  readonly cases: ReadonlyArray<{
    id: string;
    group: string;
    title: string;
    mode: string;
    summary: Omit<CaseResult, "case" | "samples" | "group">;
    samples: CaseResult["samples"];
  }>;
  /** `value` is NaN (null in the file) and `met` absent when a case had no value of the metric. */
  readonly checks: ReadonlyArray<{ id: string; title: string; value: number; unit: string; detail?: string; target?: { op: string; limit: number }; met?: boolean }>;
}

export function jsonReport(
  startedAt: Date,
  machine: MachineInfo,
  options: JsonReport["options"],
  totalMs: number,
  results: readonly CaseResult[],
  checks: readonly CheckResult[],
): JsonReport {
  return {
    startedAt: startedAt.toISOString(),
    machine,
    options,
    totalMs,
    cases: results.map(({ case: c, group, samples, ...summary }) => ({ id: c.id, group, title: c.title, mode: c.mode, summary, samples })),
    checks: checks.map((c) => ({
      id: c.check.id,
      title: c.check.title,
      value: c.value,
      unit: c.check.unit,
      detail: c.detail,
      target: c.check.target,
      met: c.met,
    })),
  };
}

export function writeJson(file: string, report: JsonReport): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
