import { mapTlsError } from "../../lib/verify/connect";
import { Deadline } from "../../lib/verify/deadline";
import { type HttpTarget, mapTransportError, pinnedLookup } from "../../lib/verify/http";
import { useColour } from "../../lib/verify/report";
import { REDACTED, VerifyConfigError, toJUnit, type VerifyReport } from "cdktf-dashscope-privatelink/verify";
import { isPrivateAddress } from "../../lib/verify/addresses";
import { chatRequestBody } from "../../lib/verify/api";
import { HELP, parseArgs } from "../../lib/verify/args";
import { runCli } from "../../lib/verify/cli";
import { parseRetryAfter } from "../../lib/verify/http";
import { createRedactor } from "../../lib/verify/redact";

function usageError(argv: string[]): VerifyConfigError {
  try {
    parseArgs(argv);
  } catch (err) {
    if (err instanceof VerifyConfigError) return err;
    throw err;
  }
  throw new Error("expected a usage error");
}

describe("isPrivateAddress", () => {
  test.each(["10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "100.127.255.254", "127.0.0.1", "::1", "fd00::1", "::ffff:10.0.0.1"])(
    "%s is private",
    (ip) => expect(isPrivateAddress(ip)).toBe(true),
  );
  test.each(["8.8.8.8", "47.74.1.1", "203.0.113.10", "169.254.1.1", "100.128.0.1", "2001:db8::1", "fe80::1", "::ffff:8.8.8.8", "not-an-ip"])(
    "%s is not private",
    (ip) => expect(isPrivateAddress(ip)).toBe(false),
  );
});

describe("parseRetryAfter", () => {
  test("reads seconds", () => expect(parseRetryAfter("2")).toBe(2000));
  test("reads an HTTP date", () => {
    const now = Date.parse("Sun, 22 Nov 2026 02:00:00 GMT");
    expect(parseRetryAfter("Sun, 22 Nov 2026 02:00:03 GMT", now)).toBe(3000);
  });
  test("a date in the past means no wait", () => expect(parseRetryAfter("Sun, 22 Nov 2020 02:00:00 GMT")).toBe(0));
  test("ignores garbage", () => expect(parseRetryAfter("soon")).toBeUndefined());
});

describe("chatRequestBody", () => {
  test("uses max_completion_tokens and never max_tokens", () => {
    const body = chatRequestBody("qwen-flash", 16, false);
    expect(body).toMatchObject({ model: "qwen-flash", max_completion_tokens: 16 });
    expect(body).not.toHaveProperty("max_tokens");
    expect(body).not.toHaveProperty("stream");
  });
  test("asks the stream for usage", () => {
    expect(chatRequestBody("qwen-flash", 16, true)).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });
});

describe("createRedactor", () => {
  test("replaces every occurrence of the key", () => {
    const redact = createRedactor("sk-secret-1234");
    expect(redact("a sk-secret-1234 b Bearer sk-secret-1234")).toBe(`a ${REDACTED} b Bearer ${REDACTED}`);
  });
});

describe("parseArgs", () => {
  test("reads every flag", () => {
    const args = parseArgs([
      "--base-url=https://vpc-ap-southeast-1.dashscope.aliyuncs.com/compatible-mode/v1",
      "--model",
      "qwen-plus",
      "--api-key-env",
      "MY_KEY",
      "--dns-server",
      "10.0.0.2",
      "--dns-server",
      "127.0.0.1:5353",
      "--ca",
      "ca.pem",
      "--expect-ips",
      "10.0.1.5,10.0.2.6",
      "--timeout-ms",
      "1500",
      "--no-stream",
      "--allow-public-address",
      "--json",
      "-",
      "--junit",
      "out/junit.xml",
    ]);
    expect(args).toMatchObject({
      model: "qwen-plus",
      apiKeyEnv: "MY_KEY",
      dnsServers: ["10.0.0.2", "127.0.0.1:5353"],
      ca: ["ca.pem"],
      expectIps: ["10.0.1.5", "10.0.2.6"],
      timeoutMs: 1500,
      stream: false,
      allowPublicAddress: true,
      json: "-",
      junit: "out/junit.xml",
    });
  });

  test("refuses a key on the command line without echoing it", () => {
    const err = usageError(["--api-key", "sk-should-not-echo", "--base-url", "http://x"]);
    expect(err.message).toMatch(/^config: --api-key is not an option: the API key is never taken from the command line/);
    expect(err.message).not.toContain("sk-should-not-echo");
  });

  test("does not echo a stray argument", () => {
    const err = usageError(["--base-url", "http://x", "sk-pasted-key"]);
    expect(err.message).toMatch(/unexpected argument #3 \(13 characters, not shown\)/);
    expect(err.message).not.toContain("sk-pasted-key");
  });

  test.each([
    [[], /say what to verify: --base-url URL or --outputs FILE/],
    [["--base-url", "http://x", "--outputs", "o.json"], /--base-url and --outputs are exclusive/],
    [["--base-url", "http://x", "--stack", "s"], /--stack only applies to --outputs/],
    [["--base-url", "http://x", "--timeout-ms", "soon"], /--timeout-ms "soon" is not a whole number/],
    [["--base-url", "http://x", "--bogus"], /unknown option --bogus/],
    [["--base-url"], /--base-url needs a value/],
  ])("rejects %j", (argv, pattern) => {
    expect(usageError(argv as string[]).message).toMatch(pattern);
  });

  test("the help names every flag", () => {
    for (const flag of ["--base-url", "--outputs", "--stack", "--model", "--api-key-env", "--dns-server", "--ca", "--expect-ips", "--timeout-ms", "--no-stream", "--allow-public-address", "--json", "--junit"]) {
      expect(HELP).toContain(flag);
    }
  });
});

describe("pinnedLookup", () => {
  const lookup = pinnedLookup("vpc-ap-southeast-1.dashscope.aliyuncs.com", [
    { address: "10.0.1.5", family: 4 },
    { address: "fd00::5", family: 6 },
  ]) as unknown as (host: string, options: object, cb: (...args: unknown[]) => void) => void;
  const ask = (host: string, options: object) => new Promise<unknown[]>((resolve) => lookup(host, options, (...args) => resolve(args)));

  test("answers every accepted address when asked for all (happy eyeballs)", async () => {
    expect(await ask("VPC-ap-southeast-1.dashscope.aliyuncs.com", { all: true })).toEqual([
      null,
      [
        { address: "10.0.1.5", family: 4 },
        { address: "fd00::5", family: 6 },
      ],
    ]);
  });

  test("answers one address of the asked family otherwise", async () => {
    expect(await ask("vpc-ap-southeast-1.dashscope.aliyuncs.com", { family: 6 })).toEqual([null, "fd00::5", 6]);
  });

  test("refuses any other host", async () => {
    const [err] = await ask("dashscope-intl.aliyuncs.com", { all: true });
    expect(err).toMatchObject({ code: "ENOTFOUND", message: "the verifier resolves only vpc-ap-southeast-1.dashscope.aliyuncs.com (asked for dashscope-intl.aliyuncs.com)" });
  });
});

describe("mapTransportError", () => {
  const deadline = new Deadline(60_000);
  const target: HttpTarget = {
    hostname: "fd00::5",
    port: 443,
    addresses: [{ address: "fd00::5", family: 6 }],
    connectTimeoutMs: 1000,
    headersTimeoutMs: 1000,
    idleTimeoutMs: 1000,
    deadline,
  };
  const fault = (code: string | undefined, message = "low-level") => Object.assign(new Error(message), code ? { code } : {});

  test("a socket errno before the connection was up is a connect failure, the IPv6 address bracketed", () => {
    expect(mapTransportError(fault("ECONNREFUSED"), target, false)).toMatchObject({
      code: "DSV_CONNECT_REFUSED",
      layer: "tcp",
      address: "[fd00::5]:443",
      message: expect.stringMatching(/^tcp: \[fd00::5\]:443 refused the connection — nothing listens on port 443 there/),
    });
    expect(mapTransportError(fault("ETIMEDOUT"), target, false)).toMatchObject({ code: "DSV_CONNECT_FAILED", beforeRequestWritten: true });
  });

  test.each([
    ["UND_ERR_INVALID_ARG", false],
    ["UND_ERR_NOT_SUPPORTED", false],
    ["UND_ERR_INVALID_ARG", true],
    ["ERR_INVALID_ARG_TYPE", false],
    [undefined, false],
    [undefined, true],
  ])("%s (connected: %s) is an internal error, never blamed on the network", (code, connected) => {
    expect(mapTransportError(fault(code, "invalid authorization header"), target, connected)).toMatchObject({
      code: "DSV_INTERNAL",
      layer: "internal",
      message: "internal: internal error: invalid authorization header",
    });
  });

  test.each(["UND_ERR_SOCKET", "ECONNRESET", "HPE_INVALID_CONSTANT"])("%s after the connection was up is a lost connection", (code) => {
    expect(mapTransportError(fault(code), target, true)).toMatchObject({
      code: "DSV_CONNECTION_LOST",
      layer: "http",
      message: expect.stringMatching(new RegExp(`^http: the connection to \\[fd00::5\\]:443 closed before the response was complete \\(${code}\\)`)),
    });
  });

  test("a TLS failure names the bracketed endpoint", () => {
    expect(mapTransportError(fault("CERT_HAS_EXPIRED"), target, false)).toMatchObject({
      code: "DSV_TLS_CERT_EXPIRED",
      message: expect.stringMatching(/^tls: the certificate of \[fd00::5\]:443 is outside its validity/),
    });
  });
});

describe("mapTlsError", () => {
  test("passes a non-TLS failure on as a socket error for the same endpoint and port", () => {
    const err = Object.assign(new Error("refused"), { code: "ECONNREFUSED" });
    expect(mapTlsError(err, "vpc-ap-southeast-1.dashscope.aliyuncs.com", "[fd00::5]:8443", 8443)).toMatchObject({
      code: "DSV_CONNECT_REFUSED",
      address: "[fd00::5]:8443",
      message: expect.stringMatching(/^tcp: \[fd00::5\]:8443 refused the connection — nothing listens on port 8443 there/),
    });
  });
});

describe("useColour", () => {
  test("colours a TTY unless NO_COLOR is set", () => {
    expect(useColour({ isTTY: true }, {})).toBe(true);
    expect(useColour({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(useColour({ isTTY: false }, {})).toBe(false);
    expect(useColour({}, {})).toBe(false);
  });
});

describe("runCli", () => {
  test("an unexpected fault is one line ending in (internal error) and exit 1", async () => {
    const lines: string[] = [];
    const broken = { write: () => { throw new Error("stdout is gone"); } } as unknown as NodeJS.WritableStream;
    const stderr = { write: (text: string) => lines.push(text) } as unknown as NodeJS.WritableStream;
    const code = await runCli(parseArgs(["--base-url", "http://127.0.0.1:9/compatible-mode/v1", "--timeout-ms", "1000"]), {
      stdout: broken,
      stderr,
      env: { DASHSCOPE_API_KEY: "sk-unit-test-key" },
    });
    expect(code).toBe(1);
    expect(lines).toEqual(["dashscope-verify: stdout is gone (internal error)\n"]);
  });
});

describe("toJUnit", () => {
  test("writes one testcase per check with failure, skipped and escaped text", () => {
    const target = "https://vpc-ap-southeast-1.dashscope.aliyuncs.com/compatible-mode/v1";
    const report: VerifyReport = {
      ok: false,
      exitCode: 1,
      target,
      targets: [target],
      model: "qwen-flash",
      apis: ["openai"],
      startedAt: "2026-11-22T00:00:00.000Z",
      durationMs: 1234,
      checks: [
        { name: "dns", target, status: "pass", durationMs: 3, message: "a → b" },
        { name: "tcp", target, status: "fail", durationMs: 5000, message: 'tcp: <refused> & "x"', code: "DSV_CONNECT_TIMEOUT" },
        { name: "tls", target, status: "skip", durationMs: 0, message: "tcp failed" },
      ],
      reply: { chat: null, stream: null },
      usage: null,
    };
    const xml = toJUnit(report);
    expect(xml).toContain('<testsuite name="dashscope-verify https://vpc-ap-southeast-1.dashscope.aliyuncs.com/compatible-mode/v1" tests="3" failures="1" errors="0" skipped="1"');
    expect(xml).toContain('<testcase classname="dashscope-verify.vpc-ap-southeast-1.dashscope.aliyuncs.com" name="tcp" time="5.000">');
    expect(xml).toContain('<failure message="tcp: &lt;refused&gt; &amp; &quot;x&quot;" type="DSV_CONNECT_TIMEOUT">');
    expect(xml).toContain('<skipped message="tcp failed"/>');
  });
});
