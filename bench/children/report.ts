/** The reporting side of the child protocol (see ../spawn): one JSON line, last on stdout. */
import type { ChildReport } from "../spawn";

/** Peak RSS of this process so far, KiB. */
export function maxRssKB(): number {
  return process.resourceUsage().maxRSS;
}

export function report(result: Omit<ChildReport, "maxRssKB"> & { maxRssKB?: number }): void {
  process.stdout.write(`${JSON.stringify({ maxRssKB: maxRssKB(), ...result })}\n`);
}

/** Runs a child's main function; a failure goes to stderr with exit code 1. */
export function main(fn: () => void | Promise<void>): void {
  Promise.resolve()
    .then(fn)
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}
