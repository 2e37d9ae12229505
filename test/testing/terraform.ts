/**
 * Shared by the offline terraform suites: whether terraform is here (the suites skip with one line
 * when it is not; .ci/run fails instead), and a pool that runs at most one terraform pipeline per
 * CPU core at a time across a test file.
 */
import { spawnSync } from "child_process";
import * as os from "os";

/** terraform's version, or undefined when there is no usable `terraform` on PATH. */
export function terraformVersion(): string | undefined {
  const r = spawnSync("terraform", ["version", "-json"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" }, timeout: 30_000 });
  if (r.status !== 0) return undefined;
  const version = (JSON.parse(r.stdout) as { terraform_version: string }).terraform_version;
  const [major, minor] = version.split(".").map(Number);
  return major > 1 || (major === 1 && minor >= 5) ? version : undefined;
}

export const SKIP_REASON = "terraform >= 1.5 is not on PATH: the offline validate/plan tests are skipped (.ci/run requires terraform)";

/**
 * True when terraform is here. Otherwise declares one skipped test saying so — or, in CI (CI set),
 * one failing test: there the offline checks are mandatory.
 */
export function terraformOrSkip(): boolean {
  if (terraformVersion()) return true;
  if (process.env.CI) {
    test("terraform >= 1.5 is on PATH (required in CI)", () => {
      throw new Error("terraform >= 1.5 is not on PATH; CI runs the offline validate/plan tests and needs it");
    });
  } else {
    process.stderr.write(`${SKIP_REASON}\n`);
    test.skip(SKIP_REASON, () => undefined);
  }
  return false;
}

/** Runs jobs with at most `os.cpus().length` at once; each call returns its own job's promise. */
export function pool(limit = os.cpus().length): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (running >= limit || queue.length === 0) return;
    running++;
    queue.shift()!();
  };
  return <T>(job: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push(() =>
        job()
          .then(resolve, reject)
          .finally(() => {
            running--;
            next();
          }),
      );
      next();
    });
}
