// The verifier's CLI as a real process (node dist/bin/dashscope-verify.js), for the CLI suites, and in this process (runCliInProcess).
import { execFile } from "node:child_process";
import * as path from "node:path";
// Imported at load, not lazily inside a test: StrykerJS counts code that first runs inside a test as
// covered by that test alone, so the verifier's module-level constants would be judged by the first
// in-process test of each file instead of being reported as static (docs/quality.md).
import { HELP, parseArgs } from "../../lib/verify/args";
import { runCli as run } from "../../lib/verify/cli";
import { VerifyConfigError } from "../../lib/verify/errors";

export const ROOT = path.resolve(__dirname, "..", "..");
export const BIN = path.join(ROOT, "dist", "bin", "dashscope-verify.js");

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * Runs the CLI with only PATH, NODE_OPTIONS (it carries the loopback guard, see test/global-setup.js)
 * and `env`; a run past `timeoutMs` is killed and comes back with code null.
 */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH, NODE_OPTIONS: process.env.NODE_OPTIONS, ...env }, timeout: timeoutMs, encoding: "utf8" },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : null) : 0;
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      },
    );
  });
}

/** Every 8-character window of `key` found in `text` (the redaction rule: none may appear). */
export function keyWindows(key: string, text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 8 <= key.length; i++) if (text.includes(key.slice(i, i + 8))) found.push(key.slice(i, i + 8));
  return found;
}

// The same CLI in this process: parseArgs + runCli (lib/verify/args.ts, lib/verify/cli.ts) with an
// in-memory CliIo, the way bin/dashscope-verify.ts wires them (help, usage errors as one line, exit
// 2). Unlike the real binary it adds no last-resort scrub: what comes out is what the library wrote.

/** What an in-process run wrote and returned. */
export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface InProcessOptions {
  /** The directory relative paths are resolved against (CliIo.cwd). */
  readonly cwd?: string;
  /** Whether stdout / stderr claim to be a TTY (colour). @default false */
  readonly stdoutTty?: boolean;
  readonly stderrTty?: boolean;
}

/** An in-memory writable: collects every chunk written to it. */
export function memoryStream(isTTY = false): NodeJS.WritableStream & { isTTY: boolean; text: () => string } {
  let text = "";
  return {
    isTTY,
    text: () => text,
    write(chunk: string | Uint8Array) {
      text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      return true;
    },
  } as unknown as NodeJS.WritableStream & { isTTY: boolean; text: () => string };
}

/** Runs `dashscope-verify argv` in this process with exactly `env` as its environment. */
export async function runCliInProcess(argv: readonly string[], env: NodeJS.ProcessEnv, options: InProcessOptions = {}): Promise<InProcessRun> {
  const stdout = memoryStream(options.stdoutTty);
  const stderr = memoryStream(options.stderrTty);
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof VerifyConfigError)) throw err;
    return { code: 2, stdout: stdout.text(), stderr: `dashscope-verify: ${err.message}\n` };
  }
  if (args.help) return { code: 0, stdout: HELP, stderr: "" };
  const code = await run(args, { stdout, stderr, env, cwd: options.cwd });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
