/**
 * The run of `dashscope-verify` after argv is parsed: reads the key from its variable, builds the
 * targets, runs the checks printing one line per check, writes the reports and returns the exit
 * code. Everything it writes passes through the key redactor, and the library's option names
 * (`timeoutMs`) are written as the CLI's flags (`--timeout-ms`).
 *
 * Exit codes: 0 all passed (warnings allowed), 1 a check failed, 2 usage or configuration error
 * (nothing was sent), 3 inconclusive (still rate-limited after the retry). A report file that
 * cannot be written does not hide the run: the summary is still printed and the other report
 * still written, a `DSV_REPORT_WRITE_FAILED` line names the file, and the exit code is the run's
 * when it is 1 or 3, else 1 (the run's artifact is missing). An unexpected internal error prints
 * one line ending in "internal error" and exits 1: the deployment was not proven to work.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { CliArgs } from "./args";
import { VerifyConfigError, VerifyErrorCode, shownPath } from "./errors";
import { checkApiKey } from "./options";
import { parseOutputsJson, targetsFromOutputs } from "./outputs";
import { createRedactor } from "./redact";
import { formatCheckLine, formatSummary, formatTargetLine, toJUnit, useColour } from "./report";
import type { ApiFamilyName, CheckResult, VerifyTarget } from "./types";
import { verifyDeployment } from "./verifier";

/** @internal */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

const PREFIX = "dashscope-verify";

/** @internal The library's option names as the CLI's flags, for every message the CLI prints. */
export const FLAG_OF: Readonly<Record<string, string>> = {
  "`timeoutMs`": "--timeout-ms",
  "`dnsTimeoutMs`": "--dns-timeout-ms",
  "`model`": "--model",
  "`embeddingModel`": "--embedding-model",
  "`apis`": "--api",
  "`dnsServers`": "--dns-server",
  "`ca`": "--ca FILE",
  "`expectedIps`": "--expect-ips",
  "`allowPublicAddress`": "--allow-public-address",
  "`stream: false`": "--no-stream",
  "`stack`": "--stack",
  "`prefix`": "--output-prefix PREFIX",
  "`baseUrl`": "--base-url",
};

/** @internal Rewrites option names into flags. */
export function toFlags(text: string): string {
  return text.replace(/`[A-Za-z]+(?:: false)?`/g, (name) => FLAG_OF[name] ?? name).replace(/ with its --expect-ips/g, " and --expect-ips");
}

/** @internal Runs the verifier for parsed arguments; resolves with the exit code (never rejects). */
export async function runCli(args: CliArgs, io: CliIo): Promise<number> {
  const apiKey = io.env[args.apiKeyEnv];
  const redact = createRedactor(apiKey);
  const clean = (text: string) => redact(toFlags(text));
  const say = (stream: NodeJS.WritableStream, line: string) => stream.write(`${clean(line)}\n`);
  try {
    if (!apiKey) {
      throw new VerifyConfigError(`the API key variable ${args.apiKeyEnv} is unset or empty`, {
        code: VerifyErrorCode.API_KEY_MISSING,
        hint: `export the DashScope API key as ${args.apiKeyEnv} (or name another variable with --api-key-env); it is never read from the command line`,
      });
    }
    checkApiKey(apiKey, `the API key variable ${args.apiKeyEnv}`);
    const cwd = io.cwd ?? process.cwd();
    const targets = readTargets(args, cwd);
    const ca = args.ca.map((file) => readCa(file, cwd));
    const progress = args.json === "-" ? io.stderr : io.stdout;
    const colour = useColour(progress, io.env);
    let current: string | undefined;
    let index = 0;
    const report = await verifyDeployment({
      targets,
      apiKey,
      apis: args.apis as ApiFamilyName[] | undefined,
      model: args.model,
      embeddingModel: args.embeddingModel,
      dnsServers: args.dnsServers,
      dnsTimeoutMs: args.dnsTimeoutMs,
      ca,
      expectedIps: args.expectIps.length ? args.expectIps : undefined,
      timeoutMs: args.timeoutMs,
      stream: args.stream,
      allowPublicAddress: args.allowPublicAddress,
      env: io.env,
      onCheck: (check: CheckResult) => {
        if (check.target !== current) {
          current = check.target;
          say(progress, formatTargetLine(check.target, targets[index++]?.kind));
        }
        say(progress, formatCheckLine(check, colour));
      },
    });
    const failures: string[] = [];
    const json = `${JSON.stringify(report, null, 2)}\n`;
    if (args.json === "-") io.stdout.write(clean(json));
    else if (args.json) writeReport(args.json, cwd, clean(json), "--json", failures);
    if (args.junit) writeReport(args.junit, cwd, clean(toJUnit(report)), "--junit", failures);
    // A report that could not be written turns a passing run into exit 1: the summary says so.
    const exitCode = failures.length > 0 && report.exitCode === 0 ? 1 : report.exitCode;
    const summary = formatSummary(report, colour);
    say(progress, `${PREFIX}: ${exitCode === report.exitCode ? summary : summary.replace(/ \(exit 0\)$/, `, but exit ${exitCode}: a report was not written`)}`);
    for (const line of failures) say(io.stderr, `${PREFIX}: ${line}`);
    return exitCode;
  } catch (err) {
    if (err instanceof VerifyConfigError) {
      say(io.stderr, `${PREFIX}: ${err.message}`);
      return 2;
    }
    say(io.stderr, `${PREFIX}: ${err instanceof Error ? err.message : String(err)} (internal error)`);
    return 1;
  }
}

function readTargets(args: CliArgs, cwd: string): VerifyTarget[] {
  if (args.baseUrl) return [{ baseUrl: args.baseUrl, kind: "base-url" }];
  const file = path.resolve(cwd, args.outputs as string);
  const shown = shownPath(args.outputs as string);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new VerifyConfigError(`cannot read --outputs ${shown} (${(err as NodeJS.ErrnoException).code ?? "error"})`, {
      code: VerifyErrorCode.OUTPUTS_INVALID,
      hint: "write it with `cdktf deploy --outputs-file FILE` or `terraform output -json > FILE`",
    });
  }
  return targetsFromOutputs(parseOutputsJson(text, args.stack, `--outputs ${shown}`, args.outputPrefix));
}

/** Reads a `--ca` file, resolved against `cwd`; messages name it as typed. */
function readCa(file: string, cwd: string): string {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (err) {
    throw new VerifyConfigError(`cannot read --ca ${shownPath(file)} (${(err as NodeJS.ErrnoException).code ?? "error"})`, {
      hint: "give the path of the PEM file of the CA that signed the endpoint's certificate",
    });
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new VerifyConfigError(`--ca ${shownPath(file)} holds no PEM certificate`, { hint: "give the CA certificate in PEM form" });
  }
  return text;
}

/** Writes a report to `file` resolved against `cwd`; a failure is recorded (not thrown): the run already happened. */
function writeReport(file: string, cwd: string, text: string, flag: string, failures: string[]): void {
  try {
    const resolved = path.resolve(cwd, file);
    fs.mkdirSync(path.dirname(resolved), { recursive: true });
    fs.writeFileSync(resolved, text);
  } catch (err) {
    failures.push(
      `${VerifyErrorCode.REPORT_WRITE_FAILED}: cannot write ${flag} ${shownPath(file)} (${(err as NodeJS.ErrnoException).code ?? "error"}); the checks ran as printed above — fix the path or its permissions`,
    );
  }
}
