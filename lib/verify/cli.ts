/**
 * The run of `dashscope-verify` after argv is parsed: reads the key from its variable, builds the
 * targets, runs the checks printing one line per check, writes the reports and returns the exit
 * code. Everything it writes passes through the key redactor.
 *
 * Exit codes: 0 all passed (warnings allowed), 1 a check failed, 2 usage or configuration error,
 * 3 inconclusive (still rate-limited after the retry). An unexpected internal error prints one
 * line ending in "internal error" and exits 1: the deployment was not proven to work.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { CliArgs } from "./args";
import { VerifyConfigError, VerifyErrorCode } from "./errors";
import { checkApiKey } from "./options";
import { parseOutputsJson, targetsFromOutputs } from "./outputs";
import { createRedactor } from "./redact";
import { formatCheckLine, formatSummary, formatTargetLine, toJUnit, useColour } from "./report";
import type { CheckResult, VerifyTarget } from "./types";
import { verifyDeployment } from "./verifier";

export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

const PREFIX = "dashscope-verify";

/** Runs the verifier for parsed arguments; resolves with the exit code (never rejects). */
export async function runCli(args: CliArgs, io: CliIo): Promise<number> {
  const apiKey = io.env[args.apiKeyEnv];
  const redact = createRedactor(apiKey);
  const say = (stream: NodeJS.WritableStream, line: string) => stream.write(`${redact(line)}\n`);
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
    const ca = args.ca.map((file) => readCa(path.resolve(cwd, file)));
    const progress = args.json === "-" ? io.stderr : io.stdout;
    const colour = useColour(progress, io.env);
    // Checks arrive target by target, in the order given, each target's starting with dns.
    let next = 0;
    const report = await verifyDeployment({
      targets,
      apiKey,
      model: args.model,
      dnsServers: args.dnsServers,
      ca,
      expectedIps: args.expectIps.length ? args.expectIps : undefined,
      timeoutMs: args.timeoutMs,
      stream: args.stream,
      allowPublicAddress: args.allowPublicAddress,
      onCheck: (check: CheckResult) => {
        if (check.name === "dns") say(progress, formatTargetLine(check.target, targets[next++]?.kind));
        say(progress, formatCheckLine(check, colour));
      },
    });
    const json = `${JSON.stringify(report, null, 2)}\n`;
    if (args.json === "-") io.stdout.write(redact(json));
    else if (args.json) writeReport(path.resolve(cwd, args.json), redact(json), "--json");
    if (args.junit) writeReport(path.resolve(cwd, args.junit), redact(toJUnit(report)), "--junit");
    say(progress, `${PREFIX}: ${formatSummary(report, colour)}`);
    return report.exitCode;
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
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new VerifyConfigError(`cannot read --outputs ${args.outputs} (${(err as NodeJS.ErrnoException).code ?? "error"})`, {
      code: VerifyErrorCode.OUTPUTS_INVALID,
      hint: "write it with `cdktf deploy --outputs-file FILE` or `terraform output -json > FILE`",
    });
  }
  return targetsFromOutputs(parseOutputsJson(text, args.stack, `--outputs ${args.outputs}`));
}

function readCa(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new VerifyConfigError(`cannot read --ca ${file} (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new VerifyConfigError(`--ca ${file} holds no PEM certificate`, { hint: "give the CA certificate in PEM form" });
  }
  return text;
}

function writeReport(file: string, text: string, flag: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  } catch (err) {
    throw new VerifyConfigError(`cannot write ${flag} ${file} (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
}
