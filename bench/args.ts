/** The command line of `npm run bench` (`node dist/bench/run.js`). */

export interface BenchArgs {
  readonly quick: boolean;
  readonly json?: string;
  readonly filters: string[];
  readonly list: boolean;
  readonly help: boolean;
}

export const USAGE = `usage: npm run bench -- [--quick] [--filter SUBSTR]... [--json FILE] [--list]

  --quick          a smoke run: 1 warm-up round and 3 sample rounds per group
  --filter SUBSTR  run only cases whose id contains SUBSTR (repeatable, or comma-separated);
                   checks whose cases did not all run are left out
  --json FILE      also write every sample, the summaries and the checks as JSON
  --list           print the case ids and exit
  --help           this text`;

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): BenchArgs {
  let quick = false;
  let json: string | undefined;
  let list = false;
  let help = false;
  const filters: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === "--quick") quick = true;
    else if (arg === "--json") json = value();
    else if (arg.startsWith("--json=")) json = arg.slice("--json=".length);
    else if (arg === "--filter") filters.push(...value().split(",").filter(Boolean));
    else if (arg.startsWith("--filter=")) filters.push(...arg.slice("--filter=".length).split(",").filter(Boolean));
    else if (arg === "--list") list = true;
    else if (arg === "--help" || arg === "-h") help = true;
    else throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
  }
  return { quick, json, filters, list, help };
}
