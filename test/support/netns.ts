/**
 * Runs the verifier on the *system resolver* path (no --dns-server) against a loopback DNS server:
 * a child process in a user + network + mount namespace of its own, where /etc/resolv.conf is
 * bind-mounted to a file naming 127.0.0.1 and the child serves DNS on 127.0.0.1:53 itself. Inside,
 * nothing but loopback exists, so the child runs without the loopback guard (it could not leave
 * the namespace anyway; the IPv6 case needs a real ENETUNREACH, which the guard would pre-empt).
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { DnsRecords } from "./dns-server";

export interface NetnsScenario {
  readonly records: DnsRecords;
  /** The DNS server swallows every query. */
  readonly silent?: boolean;
  /** resolv.conf `options` line, e.g. `timeout:5 attempts:2`. */
  readonly resolvOptions?: string;
  /** Verify options (JSON) merged into the child's defaults. */
  readonly options?: Record<string, unknown>;
  /** Run the CLI (these extra flags) instead of the library. */
  readonly cli?: readonly string[];
}

/** Whether this machine lets an unprivileged user create the namespaces (a skip reason if not). */
export function netnsUnavailable(): string | undefined {
  try {
    execFileSync("unshare", ["-rnm", "sh", "-c", "ip link set lo up && mount --bind /dev/null /etc/resolv.conf && true"], { stdio: "pipe", timeout: 5000 });
    return undefined;
  } catch (err) {
    return `unshare -rnm is not available here (${(err as Error).message.split("\n")[0]})`;
  }
}

/** Runs the scenario; resolves with the child's report JSON (or its error) and the wall time. */
export function runInNetns(scenario: NetnsScenario): Promise<{ report: Record<string, unknown>; ms: number; stderr: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsv-netns-"));
  const resolv = path.join(dir, "resolv.conf");
  fs.writeFileSync(resolv, `nameserver 127.0.0.1\n${scenario.resolvOptions ? `options ${scenario.resolvOptions}\n` : ""}`);
  // jest runs this file from source; the child is its compiled twin under dist/.
  const child = path.resolve(__dirname, "..", "..", "dist", "test", "support", "netns-child.js");
  const script = `ip link set lo up && mount --bind "$1" /etc/resolv.conf && exec "$2" "$3" "$4"`;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(
      "unshare",
      ["-rnm", "sh", "-c", script, "sh", resolv, process.execPath, child, JSON.stringify(scenario)],
      { env: { PATH: process.env.PATH }, timeout: 30_000, encoding: "utf8" },
      (err, stdout, stderr) => {
        fs.rmSync(dir, { recursive: true, force: true });
        try {
          resolve({ report: JSON.parse(stdout) as Record<string, unknown>, ms: Date.now() - started, stderr });
        } catch {
          reject(new Error(`netns child failed: ${err?.message ?? ""}\n${stderr}\n${stdout}`));
        }
      },
    );
  });
}
