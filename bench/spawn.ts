/**
 * Measuring processes. Every spawn is asynchronous (a case may talk to servers in the harness's
 * own process), timed from spawn() to the exit of the child as the harness sees it.
 *
 * Two ways to get a process's peak RSS:
 * - a child we write reports it: it prints one JSON line ({@link ChildReport}) as its last line on
 *   stdout, with `process.resourceUsage().maxRSS` and its own phase timings;
 * - a command we do not control runs under GNU time (`/usr/bin/time -f %M`), which reports the
 *   largest RSS of the command and the children it waited for.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Sample } from "./harness";

/** What a reporting child prints as its last stdout line. */
export interface ChildReport {
  /** `process.resourceUsage().maxRSS`, KiB. */
  readonly maxRssKB: number;
  readonly phases?: Record<string, number>;
  readonly metrics?: Record<string, number>;
  readonly heapMB?: number;
  /** Anything else the child wants the harness to see (e.g. samples of an in-process run). */
  readonly data?: unknown;
}

export interface ProcessRun {
  readonly wallMs: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the child after this long. @default 120000 */
  readonly timeoutMs?: number;
}

/** The repository root (bench/ compiles to dist/bench/, so two levels up from here). */
export const ROOT = path.resolve(__dirname, "..", "..");
/** The environment children run with: the harness's own, HashiCorp checkpoint calls off. */
export const CHILD_ENV: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1" };

export function runProcess(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? CHILD_ENV,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      resolve({ wallMs, code, signal, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") });
    });
  });
}

/** The last 15 lines of a process's output, for error messages. */
export function tail(text: string): string {
  return text.trim().split("\n").slice(-15).join("\n");
}

function failure(what: string, run: ProcessRun): Error {
  return new Error(`${what} failed (exit ${run.code ?? run.signal}):\n${tail(run.stderr) || tail(run.stdout)}`);
}

/** The child's report: its last non-empty stdout line, parsed. */
export function parseReport(what: string, run: ProcessRun): ChildReport {
  if (run.code !== 0) throw failure(what, run);
  const last = run.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(last) as ChildReport;
  } catch {
    throw new Error(`${what} printed no JSON report as its last line; stdout ended with: ${last.slice(0, 300)}`);
  }
}

/** Runs `node [nodeArgs] script [args]` (a reporting child) and returns the sample it measured. */
export async function runReportingChild(
  script: string,
  args: readonly string[],
  options: SpawnOptions & { nodeArgs?: readonly string[] } = {},
): Promise<{ sample: Sample; report: ChildReport }> {
  const run = await runProcess(process.execPath, [...(options.nodeArgs ?? []), script, ...args], options);
  const report = parseReport(`node ${path.relative(ROOT, script)} ${args.join(" ")}`, run);
  return {
    report,
    sample: {
      wallMs: run.wallMs,
      rssMB: report.maxRssKB / 1024,
      heapMB: report.heapMB,
      phases: report.phases,
      metrics: report.metrics,
    },
  };
}

export const GNU_TIME = "/usr/bin/time";

/** A finished process and the peak RSS GNU time saw. */
export interface MeasuredRun {
  readonly run: ProcessRun;
  /** Peak RSS of the command and the children it waited for, MiB; undefined without GNU time. */
  readonly rssMB?: number;
}

/** A command line for messages: the command's base name, paths inside the repository relative to it. */
function commandLine(command: string, args: readonly string[]): string {
  const short = (arg: string) => (path.isAbsolute(arg) && arg.startsWith(ROOT + path.sep) ? path.relative(ROOT, arg) : arg);
  return [path.basename(command), ...args.map(short)].join(" ");
}

/**
 * Runs a command under GNU time and returns the finished process (wall time measured here, its
 * output) and its peak RSS (from GNU time, written to a file so the command's own stderr stays
 * its own). Without GNU time there is no RSS. A non-zero exit throws with the command's output.
 */
export async function runWithGnuTime(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<MeasuredRun> {
  const what = commandLine(command, args);
  if (!fs.existsSync(GNU_TIME)) {
    const run = await runProcess(command, args, options);
    if (run.code !== 0) throw failure(what, run);
    return { run };
  }
  const out = path.join(os.tmpdir(), `dspl-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  try {
    const run = await runProcess(GNU_TIME, ["-f", "%M", "-o", out, command, ...args], options);
    if (run.code !== 0) throw failure(what, run);
    const maxRssKB = Number(fs.readFileSync(out, "utf8").trim().split("\n").pop());
    return { run, rssMB: Number.isFinite(maxRssKB) && maxRssKB > 0 ? maxRssKB / 1024 : undefined };
  } finally {
    fs.rmSync(out, { force: true });
  }
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dspl-bench-${prefix}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
