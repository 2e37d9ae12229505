/**
 * `npm run bench`: runs every suite's groups, prints the machine, a table of cases and a table of
 * ratios and targets (met / MISSED), and the total time; `--json FILE` writes every sample.
 * Timings are reported, never asserted: a missed target does not fail the command.
 */
import { USAGE, UsageError, parseArgs } from "./args";
import { BenchCheck, CaseResult, evaluate, runGroup } from "./harness";
import { casesTable, checksTable, describeMachine, jsonReport, machineInfo, writeJson } from "./report";
import { SUITES } from "./suites";

/** The issue's budget for the whole run. */
const BUDGET_MS = 5 * 60 * 1000;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const groups = SUITES.flatMap((s) => s.groups());
  const checks: BenchCheck[] = SUITES.flatMap((s) => s.checks());
  if (args.list) {
    process.stdout.write(`${groups.map((g) => [g.id, ...g.cases.map((c) => `  ${c.id}`)].join("\n")).join("\n")}\n`);
    return 0;
  }

  process.env.CHECKPOINT_DISABLE = "1";
  const startedAt = new Date();
  const started = performance.now();
  const machine = machineInfo();
  const log = (line: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
  log(`${args.quick ? "quick run" : "full run"} on ${describeMachine(machine)}`);

  const results = new Map<string, CaseResult>();
  for (const group of groups) {
    for (const result of await runGroup(group, { quick: args.quick, filters: args.filters, log })) results.set(result.case.id, result);
  }
  if (results.size === 0) {
    process.stderr.write(`bench: no case id contains ${args.filters.map((f) => JSON.stringify(f)).join(" or ")}; see --list\n`);
    return 2;
  }
  const evaluated = evaluate(checks, results);
  const totalMs = performance.now() - started;

  const out = [
    `Machine: ${describeMachine(machine)}${args.quick ? " — QUICK RUN (3 rounds), not for the README" : ""}`,
    "",
    casesTable([...results.values()]),
    "",
    evaluated.length > 0 ? checksTable(evaluated) : "(no comparison has all of its cases in this run)",
    "",
    `Total: ${(totalMs / 1000).toFixed(1)} s${totalMs > BUDGET_MS ? ` — over the ${BUDGET_MS / 60000}-minute budget` : ""}`,
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  if (args.json) {
    writeJson(args.json, jsonReport(startedAt, machine, { quick: args.quick, filters: args.filters }, totalMs, [...results.values()], evaluated));
    log(`wrote ${args.json}`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
