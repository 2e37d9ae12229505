#!/usr/bin/env node
/**
 * `dashscope-verify`: the post-deploy smoke test. Parses argv and answers --help / usage errors
 * before loading the engine (undici and the checks are required lazily), so a CI runner gets help
 * in a few tens of milliseconds. Never exits silently, never prints a stack trace for an expected
 * fault; an unexpected one is one line ending in "internal error" and exit 1.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type CliArgs, DEFAULT_API_KEY_ENV, HELP, apiKeyEnvsIn, parseArgs } from "../lib/verify/args";
import { VerifyConfigError } from "../lib/verify/errors";
import { createRedactor } from "../lib/verify/redact";

function finish(code: number): void {
  process.exitCode = code;
  // Flush stdout, then exit even if something (a hung lookup, a socket) would keep the loop alive.
  process.stdout.write("", () => process.exit(code));
}

/**
 * The variables that may hold the key: the default and every one --api-key-env names, read from
 * argv before it is parsed (a usage error must be scrubbed with the key the user meant too).
 */
const keyEnvs = [DEFAULT_API_KEY_ENV, ...apiKeyEnvsIn(process.argv.slice(2))];

/** Last-resort redaction of what this file prints itself (runCli redacts its own output). */
function scrub(text: string): string {
  return keyEnvs.reduce((out, name) => createRedactor(process.env[name])(out), text);
}

function internalError(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`dashscope-verify: ${scrub(message)} (internal error)\n`);
  finish(1);
}

/** Set by `npm run bundle` (esbuild define); absent when run from dist/bin. */
declare const DASHSCOPE_VERIFY_VERSION: string | undefined;

function version(): string {
  if (typeof DASHSCOPE_VERIFY_VERSION === "string") return DASHSCOPE_VERIFY_VERSION;
  for (let dir = __dirname, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "cdktf-dashscope-privatelink") return pkg.version ?? "unknown";
    } catch {
      // keep looking upwards
    }
  }
  return "unknown";
}

async function main(): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof VerifyConfigError)) throw err;
    process.stderr.write(`dashscope-verify: ${scrub(err.message)}\n`);
    return finish(2);
  }
  if (args.help) {
    process.stdout.write(HELP);
    return finish(0);
  }
  if (args.version) {
    process.stdout.write(`${version()}\n`);
    return finish(0);
  }
  if (args.dnsServers.length === 0 && !process.env.RES_OPTIONS) {
    // getaddrinfo cannot be cancelled: the dns check stops waiting at the DNS timeout, but a
    // blocked lookup would hold the process at exit for as long as resolv.conf allows. glibc reads
    // RES_OPTIONS when it first resolves: bound its own wait by the DNS timeout too.
    const seconds = Math.max(1, Math.ceil((args.dnsTimeoutMs ?? 3000) / 1000));
    process.env.RES_OPTIONS = `timeout:${seconds} attempts:1`;
  }
  const { runCli } = await import("../lib/verify/cli");
  const code = await runCli(args, { stdout: process.stdout, stderr: process.stderr, env: process.env });
  finish(code);
}

process.on("uncaughtException", internalError);
process.on("unhandledRejection", internalError);
main().catch(internalError);
