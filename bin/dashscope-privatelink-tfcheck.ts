#!/usr/bin/env node
/**
 * `dashscope-privatelink-tfcheck`: real `terraform validate` and `terraform plan` of synthesized
 * stacks, offline, against a stand-in aliyun/alicloud provider serving the pinned schema (see
 * lib/testing). Exit 0: every stack clean; 1: findings (an error diagnostic, or a failed run); 2: usage.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import { formatDiagnostic } from "../lib/testing/diagnostics";
import { OfflineReport, planOffline, stackDirs, terraformInfo } from "../lib/testing/driver";
import { loadProviderSchema } from "../lib/testing/schema";

const HELP = `Usage: dashscope-privatelink-tfcheck <stack dir>... [options]

Runs real terraform init, validate -json and plan -json on each synthesized stack (a directory with
cdk.tf.json, e.g. cdktf.out/stacks/landing-zone; cdktf.out itself means every stack in it), offline:
the aliyun/alicloud provider is a stand-in that serves the provider schema and plans every computed
attribute as known after apply. Remote backends are swapped for a local one; variables without a
default get type-correct dummy values. Nothing is written to the stack or your terraform config.

Options:
  --schema FILE     serve this \`terraform providers schema -json\` output (default: the pinned 1.289.0 subset)
  --var-file FILE   tfvars passed to plan; its values win over the dummy values
  --no-plan         stop after validate
  --terraform PATH  the terraform executable (default: terraform on PATH; needs >= 1.5)
  --json            print one JSON report: [{ stack, validate: { ok, diagnostics }, plan: { ok, add, change, destroy, import, diagnostics } | null, timings }]
  -h, --help        this help

Exit status: 0 clean, 1 findings (error diagnostics), 2 usage.
`;

interface Args {
  stacks: string[];
  schema?: string;
  varFile?: string;
  terraform?: string;
  plan: boolean;
  json: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | "help" {
  const args: Args = { stacks: [], plan: true, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "-h" || a === "--help") return "help";
    else if (a === "--schema") args.schema = value();
    else if (a === "--var-file") args.varFile = value();
    else if (a === "--terraform") args.terraform = value();
    else if (a === "--no-plan") args.plan = false;
    else if (a === "--json") args.json = true;
    else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else args.stacks.push(a);
  }
  if (args.stacks.length === 0) throw new UsageError("give at least one stack directory (e.g. cdktf.out/stacks/landing-zone)");
  for (const file of [args.schema, args.varFile]) if (file && !fs.existsSync(file)) throw new UsageError(`${file} does not exist`);
  if (args.schema) {
    try {
      loadProviderSchema(args.schema);
    } catch (err) {
      throw new UsageError(`--schema: ${(err as Error).message}`);
    }
  }
  try {
    args.stacks = args.stacks.flatMap(stackDirs);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return args;
}

/** Runs the stacks, at most one per CPU core at a time, in the order given. */
async function runAll(args: Args): Promise<OfflineReport[]> {
  const reports: OfflineReport[] = new Array(args.stacks.length);
  let next = 0;
  const worker = async () => {
    while (next < args.stacks.length) {
      const i = next++;
      reports[i] = await planOffline(args.stacks[i], { schema: args.schema, varFile: args.varFile, terraform: args.terraform, plan: args.plan });
    }
  };
  await Promise.all(Array.from({ length: Math.min(os.cpus().length, args.stacks.length) }, worker));
  return reports;
}

const failed = (r: OfflineReport) => !r.validate.ok || (r.plan !== null && !r.plan.ok);

function summary(r: OfflineReport): string {
  const secs = `${(r.timings.totalMs / 1000).toFixed(1)} s`;
  const validate = r.validate.ok ? "validate ok" : "validate FAILED";
  const plan = r.plan === null ? (r.validate.ok ? "plan not run (--no-plan)" : "plan not run") : r.plan.ok ? `plan ok: ${r.plan.add} to add, ${r.plan.change} to change, ${r.plan.destroy} to destroy${r.plan.import ? `, ${r.plan.import} to import` : ""}` : "plan FAILED";
  const lines = [`${r.stack}: ${validate}, ${plan} (${secs})`];
  for (const d of [...r.validate.diagnostics, ...(r.plan?.diagnostics ?? [])]) lines.push(`  ${formatDiagnostic(d)}`);
  return lines.join("\n");
}

async function main(): Promise<number> {
  let args: Args | "help";
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`dashscope-privatelink-tfcheck: ${err.message}\n\n${HELP}`);
    return 2;
  }
  if (args === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  try {
    const { version } = await terraformInfo(args.terraform);
    const [major, minor] = version.split(".").map(Number);
    if (major < 1 || (major === 1 && minor < 5)) throw new Error(`terraform ${version} is too old; the offline check needs >= 1.5`);
  } catch (err) {
    process.stderr.write(`dashscope-privatelink-tfcheck: ${(err as Error).message}\n`);
    return 2;
  }
  const reports = await runAll(args);
  if (args.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  else process.stdout.write(`${reports.map(summary).join("\n")}\n`);
  return reports.some(failed) ? 1 : 0;
}

main().then(
  (code) => process.stdout.write("", () => process.exit(code)),
  (err: unknown) => {
    process.stderr.write(`dashscope-privatelink-tfcheck: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
