// The verifier's CLI as a real process (node dist/bin/dashscope-verify.js), for the CLI suites.
import { execFile } from "node:child_process";
import * as path from "node:path";

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
