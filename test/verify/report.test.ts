// What a run looks like written down (lib/verify/report.ts): the check, target and summary lines,
// their colours, and the whole JUnit XML of a small report.
import { formatCheckLine, formatSummary, formatTargetLine, toJUnit, useColour } from "../../lib/verify/report";
import type { CheckResult, VerifyReport } from "cdktf-dashscope-privatelink/verify";

const T1 = "https://vpc-ap-southeast-1.dashscope.aliyuncs.com/compatible-mode/v1";
const T2 = "http://ep-abc.dashscope.ap-southeast-1.privatelink.aliyuncs.com/compatible-mode/v1";
const check = (o: Partial<CheckResult>): CheckResult => ({ name: "dns", target: T1, status: "pass", durationMs: 12, message: "ok", ...o }) as CheckResult;

function report(checks: CheckResult[], o: Partial<VerifyReport> = {}): VerifyReport {
  return {
    ok: true,
    exitCode: 0,
    target: T1,
    targets: [T1],
    model: "qwen-flash",
    apis: ["openai"],
    startedAt: "2026-12-01T00:00:00.000Z",
    durationMs: 1234,
    checks,
    reply: { chat: null, stream: null },
    usage: null,
    ...o,
  };
}

describe("lines", () => {
  test("a check line: the label, the name padded to 6, the duration right-aligned in 8", () => {
    expect(formatCheckLine(check({}))).toBe("PASS  dns       12 ms  ok");
    expect(formatCheckLine(check({ name: "embeddings", status: "skip", durationMs: 123456 }))).toBe("SKIP  embeddings 123456 ms  ok");
    expect(formatCheckLine(check({ status: "fail" }))).toBe("FAIL  dns       12 ms  ok");
    expect(formatCheckLine(check({ status: "warn" }))).toBe("WARN  dns       12 ms  ok");
  });

  test("in colour: green, red, yellow, grey labels", () => {
    expect(formatCheckLine(check({}), true)).toBe("\u001b[32mPASS\u001b[0m  dns       12 ms  ok");
    expect(formatCheckLine(check({ status: "fail" }), true)).toBe("\u001b[31mFAIL\u001b[0m  dns       12 ms  ok");
    expect(formatCheckLine(check({ status: "warn" }), true)).toBe("\u001b[33mWARN\u001b[0m  dns       12 ms  ok");
    expect(formatCheckLine(check({ status: "skip" }), true)).toBe("\u001b[90mSKIP\u001b[0m  dns       12 ms  ok");
  });

  test("a target line names the kind unless it is a plain base URL", () => {
    expect(formatTargetLine(T1)).toBe(`target ${T1}`);
    expect(formatTargetLine(T1, "base-url")).toBe(`target ${T1}`);
    expect(formatTargetLine(T1, "custom-domain")).toBe(`target ${T1} (custom-domain)`);
  });

  test("the summary: counts, targets when more than one, seconds, verdict and exit code", () => {
    const checks = [check({}), check({ status: "warn" }), check({ status: "skip" }), check({ status: "skip", target: T2 })];
    expect(formatSummary(report(checks))).toBe("1 passed, 0 failed, 1 warned, 2 skipped in 1.23 s: OK (exit 0)");
    expect(formatSummary(report(checks, { targets: [T1, T2], exitCode: 1, durationMs: 5 }))).toBe("1 passed, 0 failed, 1 warned, 2 skipped across 2 targets in 0.01 s: FAILED (exit 1)");
    expect(formatSummary(report([check({ status: "fail" })], { exitCode: 3 }))).toBe("0 passed, 1 failed, 0 warned, 0 skipped in 1.23 s: INCONCLUSIVE (exit 3)");
    expect(formatSummary(report([], { exitCode: 0 }), true)).toMatch(/: \u001b\[32mOK\u001b\[0m \(exit 0\)$/);
    expect(formatSummary(report([], { exitCode: 3 }), true)).toMatch(/: \u001b\[33mINCONCLUSIVE\u001b\[0m \(exit 3\)$/);
    expect(formatSummary(report([], { exitCode: 1 }), true)).toMatch(/: \u001b\[31mFAILED\u001b\[0m \(exit 1\)$/);
  });

  test("useColour: TERM=dumb and an empty NO_COLOR", () => {
    expect(useColour({ isTTY: true }, { TERM: "dumb" })).toBe(false);
    expect(useColour({ isTTY: true }, { TERM: "xterm", NO_COLOR: "" })).toBe(true);
  });
});

describe("toJUnit", () => {
  test("the whole document of a two-target run", () => {
    const xml = toJUnit(
      report(
        [
          check({ durationMs: 1500, message: "a → b", addresses: ["10.0.0.1"] } as Partial<CheckResult>),
          check({ name: "tcp", status: "warn", durationMs: 2, message: "v6 <none>" }),
          check({ name: "chat", status: "fail", durationMs: 250, message: "api: 'x' & \"y\"\u0001\u0007 done", httpStatus: 401 } as Partial<CheckResult>),
          check({ name: "dns", target: T2, status: "fail", durationMs: 3, message: "nx", code: "DSV_DNS_NOT_FOUND" }),
          check({ name: "tcp", target: T2, status: "skip", durationMs: 0, message: "dns failed" }),
        ],
        { targets: [T1, T2], durationMs: 4321 },
      ),
    );
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="dashscope-verify" tests="5" failures="2" errors="0" time="4.321">',
        `  <testsuite name="dashscope-verify ${T1}" tests="3" failures="1" errors="0" skipped="0" time="1.752" timestamp="2026-12-01T00:00:00.000Z">`,
        '    <testcase classname="dashscope-verify.vpc-ap-southeast-1.dashscope.aliyuncs.com" name="dns" time="1.500">',
        "      <system-out>a → b</system-out>",
        "    </testcase>",
        '    <testcase classname="dashscope-verify.vpc-ap-southeast-1.dashscope.aliyuncs.com" name="tcp" time="0.002">',
        "      <system-out>WARN v6 &lt;none&gt;</system-out>",
        "    </testcase>",
        '    <testcase classname="dashscope-verify.vpc-ap-southeast-1.dashscope.aliyuncs.com" name="chat" time="0.250">',
        '      <failure message="api: &apos;x&apos; &amp; &quot;y&quot; done" type="DSV_FAILED">api: &apos;x&apos; &amp; &quot;y&quot; done',
        "{",
        "  &quot;httpStatus&quot;: 401",
        "}</failure>",
        "    </testcase>",
        "  </testsuite>",
        `  <testsuite name="dashscope-verify ${T2}" tests="2" failures="1" errors="0" skipped="1" time="0.003" timestamp="2026-12-01T00:00:00.000Z">`,
        '    <testcase classname="dashscope-verify.ep-abc.dashscope.ap-southeast-1.privatelink.aliyuncs.com" name="dns" time="0.003">',
        '      <failure message="nx" type="DSV_DNS_NOT_FOUND">nx',
        "{",
        "  &quot;code&quot;: &quot;DSV_DNS_NOT_FOUND&quot;",
        "}</failure>",
        "    </testcase>",
        '    <testcase classname="dashscope-verify.ep-abc.dashscope.ap-southeast-1.privatelink.aliyuncs.com" name="tcp" time="0.000">',
        '      <skipped message="dns failed"/>',
        "    </testcase>",
        "  </testsuite>",
        "</testsuites>",
        "",
      ].join("\n"),
    );
  });

  test("a target that is not a URL is its own class name; the characters XML cannot hold are dropped", () => {
    const xml = toJUnit(report([check({ target: "not a url", message: "a\u0000b\u000bc\u000cd\u001fe\ufffef\uffffg\th\ni\rj" })], { targets: ["not a url"] }));
    expect(xml).toContain('<testcase classname="dashscope-verify.not a url" name="dns" time="0.012">');
    expect(xml).toContain("<system-out>abcdefg\th\ni\rj</system-out>");
  });
});
