// `dashscope-verify` in this process (parseArgs + runCli with an in-memory CliIo) against the
// loopback world: the behaviours test/verify/cli.test.ts proves on the built binary, checked where
// a mutant of lib/verify/cli.ts, args.ts or report.ts can be seen.
import * as fs from "node:fs";
import * as path from "node:path";
import type { VerifyReport } from "cdktf-dashscope-privatelink/verify";
import { parseArgs } from "../../lib/verify/args";
import { runCli } from "../../lib/verify/cli";
import { keyWindows, runCliInProcess } from "../support/cli-process";
import { STREAM_REPLY } from "../support/openai-server";
import { CUSTOM_DOMAIN, ENDPOINT_DOMAIN, PUBLIC_ADDRESS, type VerifyWorld, startVerifyWorld } from "../support/verify-world";

const KEY = "sk-inproc-DISTINCTIVE-5e1f9a3c7b2d";

let world: VerifyWorld;
beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(() => world.close());
beforeEach(() => world.reset());

const cli = (argv: readonly string[], env: NodeJS.ProcessEnv = { DASHSCOPE_API_KEY: KEY }, options = {}) => runCliInProcess(argv, env, options);
const file = (name: string) => path.join(world.dir, name);
const readReport = (name: string): VerifyReport => JSON.parse(fs.readFileSync(file(name), "utf8")) as VerifyReport;
const base = () => ["--dns-server", world.dns.address, "--ca", world.caFile];
const statusOf = (report: VerifyReport, name: string, target = report.target) => report.checks.find((c) => c.name === name && c.target === target)?.status;
const SUMMARY_OK = /\ndashscope-verify: 6 passed, 0 failed, 0 warned, 0 skipped in \d+\.\d\d s: OK \(exit 0\)\n$/;

describe("a passing run", () => {
  test("exit 0: one target line, one line per check, the summary; the JSON report written", async () => {
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--json", file("ok.json")]);
    expect(run.code).toBe(0);
    const report = readReport("ok.json");
    for (const name of ["dns", "tcp", "tls", "models", "chat", "stream"]) expect(statusOf(report, name)).toBe("pass");
    expect(report).toMatchObject({ ok: true, exitCode: 0, model: "qwen-flash", apis: ["openai"] });
    expect(report.reply.stream).toBe(STREAM_REPLY);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^target https:\/\/vpc-ap-southeast-1\.dashscope\.aliyuncs\.com:\d+\/compatible-mode\/v1$/);
    expect(lines.filter((l) => l.startsWith("target "))).toHaveLength(1);
    expect(lines.slice(1, 7).map((l) => l.slice(0, 12))).toEqual(["PASS  dns   ", "PASS  tcp   ", "PASS  tls   ", "PASS  models", "PASS  chat  ", "PASS  stream"]);
    expect(run.stdout).toMatch(/^PASS {2}dns +\d+ ms {2}vpc-ap-southeast-1\.dashscope\.aliyuncs\.com → ep-0test1234abcd5678\.dashscope\.ap-southeast-1\.privatelink\.aliyuncs\.com → 127\.0\.0\.1 /m);
    expect(run.stdout).toMatch(/^PASS {2}stream .*streamed "Pong — ポン 🏓 ✓ done" in 10 events/m);
    expect(run.stdout).toMatch(SUMMARY_OK);
    expect(run.stdout).not.toContain("\u001b[");
    expect(run.stderr).toBe("");
  });

  test("--json - puts the report alone on stdout and the progress on stderr", async () => {
    const run = await cli(["--base-url", world.endpointBaseUrl, ...base(), "--json", "-"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as VerifyReport;
    expect(run.stdout).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(statusOf(report, "tls")).toBe("skip");
    expect(statusOf(report, "chat")).toBe("pass");
    expect(run.stderr).toMatch(/^target http:\/\/ep-0test1234abcd5678\.dashscope\.ap-southeast-1\.privatelink\.aliyuncs\.com:\d+\/compatible-mode\/v1\n/);
    expect(run.stderr).toMatch(/^SKIP {2}tls .*plain http target: no TLS$/m);
    expect(run.stderr).toMatch(/\ndashscope-verify: 5 passed, 0 failed, 0 warned, 1 skipped in \d+\.\d\d s: OK \(exit 0\)\n$/);
  });

  test("--junit writes one testcase per check; relative report paths resolve against the working directory", async () => {
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--json", "out/r.json", "--junit", "out/deeper/r.xml"], undefined, { cwd: world.dir });
    expect(run.code).toBe(0);
    expect(readReport("out/r.json").ok).toBe(true);
    const junit = fs.readFileSync(file("out/deeper/r.xml"), "utf8");
    expect(junit).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="dashscope-verify" tests="6" failures="0" errors="0" time="[\d.]+">\n/);
    expect(junit.match(/<testcase /g)).toHaveLength(6);
    expect(junit).toMatch(/<testcase classname="dashscope-verify\.vpc-ap-southeast-1\.dashscope\.aliyuncs\.com:\d+" name="stream" time="[\d.]+">\n {6}<system-out>streamed/);
  });

  test("a relative --ca resolves against the working directory", async () => {
    const run = await cli(["--base-url", world.customBaseUrl, "--dns-server", world.dns.address, "--ca", "ca.pem", "--no-stream"], undefined, { cwd: world.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^SKIP {2}stream +0 ms {2}--no-stream: streaming checks skipped$/m);
    expect(run.stdout).toMatch(/dashscope-verify: 5 passed, 0 failed, 0 warned, 1 skipped in/);
  });
});

describe("--api, --model, --embedding-model", () => {
  test("run the chosen families' checks, in the catalog's order, with the chosen models", async () => {
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--api", "embeddings,anthropic", "--model", "qwen-plus", "--embedding-model", "text-embedding-v3", "--json", "-"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as VerifyReport;
    expect(report.apis).toEqual(["anthropic", "embeddings"]);
    expect(report.model).toBe("qwen-plus");
    expect(report.checks.map((c) => c.name)).toEqual(["dns", "tcp", "tls", "anthropic", "anthropic-stream", "embeddings"]);
    const bodies = world.https.requests.map((r) => ({ route: r.route, model: (r.body as { model?: string } | undefined)?.model }));
    expect(bodies).toEqual([
      { route: "anthropic", model: "qwen-plus" },
      { route: "anthropic-stream", model: "qwen-plus" },
      { route: "embeddings", model: "text-embedding-v3" },
    ]);
  });
});

describe("colour", () => {
  const argv = () => ["--base-url", world.endpointBaseUrl, ...base(), "--no-stream"];
  test("on a TTY: the status labels and the verdict are coloured", async () => {
    const run = await cli(argv(), { DASHSCOPE_API_KEY: KEY }, { stdoutTty: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\u001b\[32mPASS\u001b\[0m {2}dns /m);
    expect(run.stdout).toMatch(/^\u001b\[90mSKIP\u001b\[0m {2}tls /m);
    expect(run.stdout).toMatch(/: \u001b\[32mOK\u001b\[0m \(exit 0\)\n$/);
  });

  test.each([
    ["NO_COLOR is set", { NO_COLOR: "1" }, { stdoutTty: true }, []],
    ["TERM is dumb", { TERM: "dumb" }, { stdoutTty: true }, []],
    ["stdout is not a TTY", {}, { stdoutTty: false, stderrTty: true }, []],
    ["--json - sends the progress to stderr, which is not a TTY", {}, { stdoutTty: true, stderrTty: false }, ["--json", "-"]],
  ])("none when %s", async (_why, env, tty, extra) => {
    const run = await cli([...argv(), ...extra], { DASHSCOPE_API_KEY: KEY, ...env }, tty);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain("\u001b");
  });

  test("--json - on a TTY stderr colours the progress there", async () => {
    const run = await cli([...argv(), "--json", "-"], { DASHSCOPE_API_KEY: KEY }, { stdoutTty: false, stderrTty: true });
    expect(run.stderr).toMatch(/^\u001b\[32mPASS\u001b\[0m {2}dns /m);
    expect(run.stdout).not.toContain("\u001b");
  });
});

describe("the key variable", () => {
  test("unset: exit 2 naming DASHSCOPE_API_KEY, nothing sent", async () => {
    const run = await cli(["--base-url", world.customBaseUrl, ...base()], {});
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "dashscope-verify: config: the API key variable DASHSCOPE_API_KEY is unset or empty — export the DashScope API key as DASHSCOPE_API_KEY (or name another variable with --api-key-env); it is never read from the command line\n",
    });
    expect(world.dns.queries).toHaveLength(0);
  });

  test("empty, named by --api-key-env: exit 2 naming that variable", async () => {
    const run = await cli(["--base-url", world.customBaseUrl, "--api-key-env", "MY_DASHSCOPE_KEY"], { MY_DASHSCOPE_KEY: "", DASHSCOPE_API_KEY: KEY });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^dashscope-verify: config: the API key variable MY_DASHSCOPE_KEY is unset or empty — export the DashScope API key as MY_DASHSCOPE_KEY /);
  });

  test("--api-key-env names the variable the key is read from", async () => {
    const run = await cli(["--base-url", world.endpointBaseUrl, ...base(), "--api-key-env", "OTHER_VAR", "--no-stream"], { OTHER_VAR: KEY, DASHSCOPE_API_KEY: "sk-wrong-key-000000000000" });
    expect(run.code).toBe(0);
  });

  test.each([
    ["DASHSCOPE_API_KEY", "ends with a line break", [], `${KEY}\n`],
    ["MY_DASHSCOPE_KEY", "ends with a line break", ["--api-key-env", "MY_DASHSCOPE_KEY"], `${KEY}\r\n`],
    ["MY_DASHSCOPE_KEY", "starts or ends with whitespace", ["--api-key-env", "MY_DASHSCOPE_KEY"], ` ${KEY}`],
  ])("exit 2 naming %s when the key %s, never printing it", async (name, problem, flags, value) => {
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), ...flags, "--json", "-"], { [name]: value });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^dashscope-verify: config: the API key variable ${name} ${problem}; nothing was sent — .*strip it where the key is set.*\n$`));
    expect(run.stdout).toBe("");
    expect(keyWindows(KEY, run.stdout + run.stderr)).toEqual([]);
    expect(world.dns.queries).toHaveLength(0);
    expect(world.https.connections()).toBe(0);
  });
});

describe("failing runs", () => {
  test("401: exit 1 and where to look", async () => {
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--json", file("401.json")], { DASHSCOPE_API_KEY: "sk-anothr-tenant-9f8e7d6c5b4a" });
    expect(run.code).toBe(1);
    expect(readReport("401.json").checks.find((c) => c.name === "chat")).toMatchObject({ status: "fail", httpStatus: 401, apiCode: "invalid_api_key", layer: "api" });
    expect(run.stdout).toMatch(/^FAIL {2}chat .*HTTP 401 invalid_api_key: .* — the key belongs to another region or workspace/m);
    expect(run.stdout).toMatch(/: FAILED \(exit 1\)\n$/);
  });

  test("still rate-limited after the retry: exit 3, INCONCLUSIVE", async () => {
    world.https.setFault("chat", { kind: "status", status: 429, headers: { "retry-after": "0" }, body: { error: { code: "Throttling.RateQuota", message: "Requests rate limit exceeded" } } });
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--no-stream", "--json", file("429.json")]);
    expect(run.code).toBe(3);
    const chat = readReport("429.json").checks.find((c) => c.name === "chat");
    expect(chat).toMatchObject({ status: "fail", inconclusive: true, httpStatus: 429 });
    expect(chat?.attempts).toHaveLength(2);
    expect(run.stdout).toMatch(/: INCONCLUSIVE \(exit 3\)\n$/);
  });

  test("a hung server: the deadline, and the hint names --timeout-ms", async () => {
    world.https.setFault("chat", { kind: "hang" });
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--timeout-ms", "1000"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}chat .*deadline: the overall deadline of 1000 ms passed — raise --timeout-ms, or look at the step that was slow$/m);
    expect(run.stdout).not.toContain("`timeoutMs`");
  });

  test("DNS to a public address: exit 1, every later check skipped, nothing sent", async () => {
    world.dns.setRecords({ [CUSTOM_DOMAIN]: { cname: ENDPOINT_DOMAIN }, [ENDPOINT_DOMAIN]: { a: [PUBLIC_ADDRESS] } });
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--json", file("public.json")]);
    expect(run.code).toBe(1);
    const report = readReport("public.json");
    expect(report.checks.find((c) => c.name === "dns")).toMatchObject({ status: "fail", code: "DSV_DNS_PUBLIC_ADDRESS" });
    for (const name of ["tcp", "tls", "models", "chat", "stream"]) expect(statusOf(report, name)).toBe("skip");
    expect(run.stdout).toMatch(/^SKIP {2}tcp .*dns failed: nothing was sent to vpc-ap-southeast-1\.dashscope\.aliyuncs\.com$/m);
    expect(run.stdout).toMatch(/dashscope-verify: 0 passed, 1 failed, 0 warned, 5 skipped in/);
    expect(world.https.connections()).toBe(0);
  });

  test("--expect-ips: an address outside the list fails dns", async () => {
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--expect-ips", "10.9.9.9,10.9.9.8", "--json", "-"]);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as VerifyReport).checks[0]).toMatchObject({ name: "dns", status: "fail", code: "DSV_DNS_UNEXPECTED_ADDRESS" });
    const ok = await cli(["--base-url", world.endpointBaseUrl, ...base(), "--expect-ips", "127.0.0.1", "--no-stream"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^PASS {2}dns .*all expected endpoint IPs/m);
  });

  test("TLS name mismatch: exit 1, no HTTP request", async () => {
    const run = await cli(["--base-url", world.wrongNameHttps.baseUrl(CUSTOM_DOMAIN), ...base()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}tls .*/m);
    expect(world.wrongNameHttps.requests).toHaveLength(0);
  });

  test("a silent DNS server: --dns-timeout-ms bounds the wait", async () => {
    world.dns.silent = true;
    const started = Date.now();
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--dns-timeout-ms", "200", "--json", "-"]);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as VerifyReport).checks[0]).toMatchObject({ name: "dns", status: "fail", code: "DSV_DNS_TIMEOUT" });
    expect(Date.now() - started).toBeLessThan(2500);
  });
});

describe("options the CLI hands to the verifier, and its messages in flags", () => {
  test("--allow-public-address: a public address over HTTPS is a warning, in flags", async () => {
    world.dns.setRecords({ [CUSTOM_DOMAIN]: { cname: ENDPOINT_DOMAIN }, [ENDPOINT_DOMAIN]: { a: [PUBLIC_ADDRESS] } });
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--allow-public-address", "--json", "-"]);
    expect((JSON.parse(run.stdout) as VerifyReport).checks[0]).toMatchObject({ name: "dns", status: "warn", code: "DSV_DNS_PUBLIC_ADDRESS" });
    expect(run.stderr).toMatch(/^WARN {2}dns .*203\.0\.113\.10 is not a private address — .* \(continuing: --allow-public-address\)$/m);
    const http = await cli(["--base-url", world.endpointBaseUrl.replace(/:\d+\//, "/"), ...base(), "--allow-public-address"]);
    expect(http.code).toBe(1);
    expect(http.stdout).toMatch(/^FAIL {2}dns .*plain http to a public address would send the key in clear text, and --allow-public-address allows HTTPS only/m);
  });

  test("the environment it is given: a proxy variable there is the proxy warning", async () => {
    const run = await cli(["--base-url", world.endpointBaseUrl, ...base(), "--no-stream"], { DASHSCOPE_API_KEY: KEY, HTTP_PROXY: "http://127.0.0.1:9" });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^WARN {2}proxy .*config: HTTP_PROXY is set and NO_PROXY does not cover ep-0test1234abcd5678\./m);
    expect(run.stdout).toMatch(/dashscope-verify: 4 passed, 0 failed, 1 warned, 2 skipped in/);
  });

  test("every option name in a hint becomes its flag", async () => {
    world.https.setFault("embeddings", { kind: "status", status: 404, body: { error: { code: "model_not_found", message: "no" } } });
    world.https.setFault("chat", { kind: "status", status: 404, body: { error: { message: "nope" } } });
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--api", "openai,embeddings", "--no-stream"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}embeddings .*HTTP 404 model_not_found: no \(request id [\w-]+\) — no such model in this region: check --model \(--embedding-model\) against the models the region offers$/m);
    expect(run.stdout).toMatch(/^FAIL {2}chat .*HTTP 404: nope \(request id [\w-]+\) — no such model or path: check --model and that the base URL ends in \/compatible-mode\/v1$/m);
  });
});

describe("the key never appears", () => {
  test("in stdout, stderr, the JSON or the JUnit report, through a gateway echoing it on every family", async () => {
    for (const route of ["models", "chat", "stream", "anthropic", "anthropic-stream", "dashscope", "dashscope-stream", "embeddings"] as const) {
      world.https.setFault(route, { kind: "echo-headers" });
    }
    world.https.setFault("chat", { kind: "echo-auth" });
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--api", "openai,anthropic,dashscope,embeddings", "--json", file("leak.json"), "--junit", file("leak.xml")]);
    expect(run.code).toBe(1);
    const json = fs.readFileSync(file("leak.json"), "utf8");
    const junit = fs.readFileSync(file("leak.xml"), "utf8");
    for (const [where, text] of Object.entries({ stdout: run.stdout, stderr: run.stderr, json, junit })) expect({ where, windows: keyWindows(KEY, text) }).toEqual({ where, windows: [] });
    expect(json).toContain("Bearer [REDACTED]");
    expect(junit).toMatch(/name="chat" time="[\d.]+">\n {6}<failure message="api: HTTP 401 invalid_api_key: Incorrect API key provided: Bearer \[REDACTED\]/);
    const toStdout = await cli(["--base-url", world.customBaseUrl, ...base(), "--json", "-"]);
    expect(keyWindows(KEY, toStdout.stdout + toStdout.stderr)).toEqual([]);
  });

  test("in the one line of an internal error", async () => {
    const lines: string[] = [];
    const broken = { write: () => { throw new Error(`stdout is gone, it held ${KEY}`); } } as unknown as NodeJS.WritableStream;
    const stderr = { write: (text: string) => lines.push(text) } as unknown as NodeJS.WritableStream;
    const code = await runCli(parseArgs(["--base-url", world.endpointBaseUrl, ...base(), "--timeout-ms", "2000"]), { stdout: broken, stderr, env: { DASHSCOPE_API_KEY: KEY } });
    expect(code).toBe(1);
    expect(lines).toEqual(["dashscope-verify: stdout is gone, it held [REDACTED] (internal error)\n"]);
  });

  test("a thrown non-Error is an internal error too", async () => {
    const lines: string[] = [];
    const broken = { write: () => { throw "a string"; } } as unknown as NodeJS.WritableStream;
    const stderr = { write: (text: string) => lines.push(text) } as unknown as NodeJS.WritableStream;
    const code = await runCli(parseArgs(["--base-url", world.endpointBaseUrl, ...base(), "--timeout-ms", "2000"]), { stdout: broken, stderr, env: { DASHSCOPE_API_KEY: KEY } });
    expect(code).toBe(1);
    expect(lines).toEqual(["dashscope-verify: a string (internal error)\n"]);
  });
});
