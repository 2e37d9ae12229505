/**
 * Renders a run: one human line per check as it finishes, a summary line, and JUnit XML (one
 * testsuite per target, one testcase per check: fail → <failure>, skip → <skipped>, warn → a pass
 * with the warning in <system-out>).
 */
import type { CheckResult, CheckStatus, VerifyReport } from "./types";

const LABEL: Record<CheckStatus, string> = { pass: "PASS", fail: "FAIL", warn: "WARN", skip: "SKIP" };
const COLOUR: Record<CheckStatus, string> = { pass: "32", fail: "31", warn: "33", skip: "90" };

function paint(text: string, code: string, colour: boolean): string {
  return colour ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** Whether to colour output on `stream`: a TTY, and NO_COLOR unset or empty. */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return !!stream.isTTY && !env.NO_COLOR && env.TERM !== "dumb";
}

/** `PASS  dns       12 ms  vpc-… → ep-… → 10.0.1.5, 10.0.2.6 (…)`. */
export function formatCheckLine(check: CheckResult, colour = false): string {
  const label = paint(LABEL[check.status], COLOUR[check.status], colour);
  const ms = `${check.durationMs} ms`.padStart(8);
  return `${label}  ${check.name.padEnd(6)} ${ms}  ${check.message}`;
}

/** `target https://… (custom-domain)` */
export function formatTargetLine(target: string, kind?: string): string {
  return `target ${target}${kind && kind !== "base-url" ? ` (${kind})` : ""}`;
}

/** The closing line: counts, verdict and exit code. */
export function formatSummary(report: VerifyReport, colour = false): string {
  const count = (s: CheckStatus) => report.checks.filter((c) => c.status === s).length;
  const verdict =
    report.exitCode === 0 ? paint("OK", COLOUR.pass, colour) : report.exitCode === 3 ? paint("INCONCLUSIVE", COLOUR.warn, colour) : paint("FAILED", COLOUR.fail, colour);
  const targets = report.targets.length > 1 ? ` across ${report.targets.length} targets` : "";
  return (
    `${count("pass")} passed, ${count("fail")} failed, ${count("warn")} warned, ${count("skip")} skipped${targets} ` +
    `in ${(report.durationMs / 1000).toFixed(2)} s: ${verdict} (exit ${report.exitCode})`
  );
}

function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** JUnit XML for CI test reporters. */
export function toJUnit(report: VerifyReport): string {
  const suites = report.targets.map((target) => {
    const checks = report.checks.filter((c) => c.target === target);
    const host = (() => {
      try {
        return new URL(target).host;
      } catch {
        return target;
      }
    })();
    const cases = checks.map((c) => {
      const head = `    <testcase classname="dashscope-verify.${xml(host)}" name="${xml(c.name)}" time="${seconds(c.durationMs)}"`;
      const detail = JSON.stringify(
        Object.fromEntries(Object.entries(c).filter(([k]) => !["name", "target", "status", "durationMs", "message"].includes(k))),
        null,
        2,
      );
      if (c.status === "fail") {
        const type = c.code ?? "DSV_FAILED";
        return `${head}>\n      <failure message="${xml(c.message)}" type="${xml(type)}">${xml(`${c.message}\n${detail}`)}</failure>\n    </testcase>`;
      }
      if (c.status === "skip") return `${head}>\n      <skipped message="${xml(c.message)}"/>\n    </testcase>`;
      const out = c.status === "warn" ? `WARN ${c.message}` : c.message;
      return `${head}>\n      <system-out>${xml(out)}</system-out>\n    </testcase>`;
    });
    const failures = checks.filter((c) => c.status === "fail").length;
    const skipped = checks.filter((c) => c.status === "skip").length;
    const time = seconds(checks.reduce((sum, c) => sum + c.durationMs, 0));
    return (
      `  <testsuite name="dashscope-verify ${xml(target)}" tests="${checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}" timestamp="${xml(report.startedAt)}">\n` +
      `${cases.join("\n")}\n  </testsuite>`
    );
  });
  const total = report.checks.length;
  const failures = report.checks.filter((c) => c.status === "fail").length;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="dashscope-verify" tests="${total}" failures="${failures}" errors="0" time="${seconds(report.durationMs)}">\n` +
    `${suites.join("\n")}\n</testsuites>\n`
  );
}
