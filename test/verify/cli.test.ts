// `dashscope-verify` as a real process (node dist/bin/dashscope-verify.js) against the loopback
// DNS, HTTP and HTTPS servers. `npm test` compiles dist first; run `npx tsc -p tsconfig.json`
// before `npx jest test/verify` on its own.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { VerifyReport } from "cdktf-dashscope-privatelink/verify";
import { BIN, ROOT, runCli } from "../support/cli-process";
import { STREAM_REPLY } from "../support/openai-server";
import { CUSTOM_DOMAIN, ENDPOINT_DOMAIN, PUBLIC_ADDRESS, type VerifyWorld, startVerifyWorld } from "../support/verify-world";

const KEY = "sk-cli-test-DISTINCTIVE-7c1d9e2f4a6b";

const cli = (args: readonly string[], env: NodeJS.ProcessEnv = { DASHSCOPE_API_KEY: KEY }) => runCli(args, env, 20_000);

let world: VerifyWorld;

beforeAll(async () => {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run npx tsc -p tsconfig.json first (npm test does)`);
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(async () => {
  await world?.close();
});
beforeEach(() => world.reset());

const file = (name: string) => path.join(world.dir, name);
const readReport = (name: string): VerifyReport => JSON.parse(fs.readFileSync(file(name), "utf8")) as VerifyReport;
const base = () => ["--dns-server", world.dns.address, "--ca", world.caFile];
const statusOf = (report: VerifyReport, name: string, target = report.target) =>
  report.checks.find((c) => c.name === name && c.target === target)?.status;

describe("dashscope-verify", () => {
  test("passes against the custom domain over HTTPS and reassembles the stream exactly", async () => {
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--json", file("ok.json")]);
    expect(run.code).toBe(0);
    const report = readReport("ok.json");
    for (const name of ["dns", "tcp", "tls", "models", "chat", "stream"]) expect(statusOf(report, name)).toBe("pass");
    expect(report.reply.stream).toBe(STREAM_REPLY);
    expect(run.stdout).toMatch(/^target https:\/\/vpc-ap-southeast-1\.dashscope\.aliyuncs\.com:\d+\/compatible-mode\/v1\n/);
    expect(run.stdout).toMatch(/^PASS {2}dns +\d+ ms {2}vpc-ap-southeast-1\.dashscope\.aliyuncs\.com → ep-0test1234abcd5678\.dashscope\.ap-southeast-1\.privatelink\.aliyuncs\.com → 127\.0\.0\.1 /m);
    expect(run.stdout).toMatch(/^PASS {2}stream .*streamed "Pong — ポン 🏓 ✓ done" in 10 events/m);
    expect(run.stdout).toMatch(/\ndashscope-verify: 6 passed, 0 failed, 0 warned, 0 skipped in \d+\.\d\d s: OK \(exit 0\)\n$/);
    expect(run.stdout).not.toContain("\u001b["); // no colour off a TTY
    expect(run.stderr).toBe("");
  });

  test("passes an http target whose addresses are private", async () => {
    const run = await cli(["--base-url", world.endpointBaseUrl, ...base(), "--json", "-"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as VerifyReport;
    expect(statusOf(report, "tls")).toBe("skip");
    expect(statusOf(report, "chat")).toBe("pass");
    expect(run.stderr).toMatch(/^SKIP {2}tls .*plain http target: no TLS$/m);
  });

  test("--help answers fast without loading the engine", async () => {
    const run = await cli(["--help"], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^dashscope-verify: prove that Model Studio \(DashScope\) answers privately/);
    const probe = await new Promise<string>((resolve) =>
      execFile(
        process.execPath,
        [
          "-e",
          `process.argv = [process.argv[0], "dashscope-verify", "--help"];
           process.on("exit", () => process.stderr.write(JSON.stringify(Object.keys(require.cache).filter((p) => /node_modules[\\\\/](undici|cdktf|constructs)[\\\\/]/.test(p)))));
           require(${JSON.stringify(BIN)});`,
        ],
        { cwd: ROOT },
        (_err, _stdout, stderr) => resolve(stderr),
      ),
    );
    expect(JSON.parse(probe)).toEqual([]);
    const version = await cli(["--version"], {});
    expect(version).toMatchObject({ code: 0, stdout: `${(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version}\n` });
  });

  test("exits 2 naming the variable when the key is missing", async () => {
    const unset = await cli(["--base-url", world.customBaseUrl], {});
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/^dashscope-verify: config: the API key variable DASHSCOPE_API_KEY is unset or empty — export/);
    const empty = await cli(["--base-url", world.customBaseUrl, "--api-key-env", "MY_DASHSCOPE_KEY"], { MY_DASHSCOPE_KEY: "" });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/the API key variable MY_DASHSCOPE_KEY is unset or empty/);
    expect(world.dns.queries).toHaveLength(0);
  });

  test.each([
    ["DASHSCOPE_API_KEY", "ends with a line break", [], `${KEY}\n`],
    ["MY_DASHSCOPE_KEY", "ends with a line break", ["--api-key-env", "MY_DASHSCOPE_KEY"], `${KEY}\r\n`],
    ["MY_DASHSCOPE_KEY", "starts or ends with whitespace", ["--api-key-env", "MY_DASHSCOPE_KEY"], ` ${KEY}`],
  ])("exits 2 naming %s when the key %s, and never prints the key", async (name, problem, flags, value) => {
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), ...flags, "--json", "-"], { [name]: value });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^dashscope-verify: config: the API key variable ${name} ${problem}; nothing was sent — .*strip it where the key is set.*\n$`));
    expect(run.stdout).toBe("");
    for (const text of [run.stdout, run.stderr]) expect(text).not.toContain(KEY);
    expect(world.dns.queries).toHaveLength(0);
    expect(world.https.connections()).toBe(0);
  });

  test("the last-resort redaction uses the variable --api-key-env names, and the default before argv is parsed", async () => {
    // An uncaught fault whose message carries the key, thrown after argv is parsed: the bin's own handler prints it.
    const thrower = file("throw-key.js");
    fs.writeFileSync(thrower, `setImmediate(() => { throw new Error("boom with " + process.env.OTHER_KEY_VAR); });\n`);
    const run = await cli(["--base-url", world.endpointBaseUrl, ...base(), "--api-key-env", "OTHER_KEY_VAR"], {
      OTHER_KEY_VAR: KEY,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${JSON.stringify(thrower)}`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("dashscope-verify: boom with [REDACTED] (internal error)\n");
    // A usage error that echoes a value: parseArgs failed, so DASHSCOPE_API_KEY is the key.
    const usage = await cli(["--base-url", world.endpointBaseUrl, "--timeout-ms", KEY]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe(`dashscope-verify: config: --timeout-ms (${KEY.length} characters, not shown: it may be a key) is not a whole number of milliseconds — see dashscope-verify --help\n`);
  });

  test("exits 2 on a usage error, in one line without a stack trace", async () => {
    const run = await cli(["--base-url", world.customBaseUrl, "--frobnicate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("dashscope-verify: config: unknown option --frobnicate — see dashscope-verify --help\n");
  });

  test("exits 1 on 401 and says where to look", async () => {
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--json", file("401.json")], { DASHSCOPE_API_KEY: "sk-anothr-tenant-9f8e7d6c5b4a" });
    expect(run.code).toBe(1);
    const report = readReport("401.json");
    expect(report.checks.find((c) => c.name === "chat")).toMatchObject({ status: "fail", httpStatus: 401, apiCode: "invalid_api_key", layer: "api" });
    expect(run.stdout).toMatch(/^FAIL {2}chat .*HTTP 401 invalid_api_key: .* — the key belongs to another region or workspace/m);
  });

  test("exits 3 when still rate-limited after the retry", async () => {
    world.https.setFault("chat", { kind: "status", status: 429, headers: { "retry-after": "0" }, body: { error: { code: "Throttling.RateQuota", message: "Requests rate limit exceeded" } } });
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--json", file("429.json")]);
    expect(run.code).toBe(3);
    const chat = readReport("429.json").checks.find((c) => c.name === "chat");
    expect(chat).toMatchObject({ status: "fail", inconclusive: true, httpStatus: 429 });
    expect(chat?.attempts).toHaveLength(2);
    expect(run.stdout).toMatch(/INCONCLUSIVE \(exit 3\)\n$/);
  });

  test("a hung server ends within the deadline plus a margin", async () => {
    world.https.setFault("chat", { kind: "hang" });
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--timeout-ms", "1500", "--json", file("hang.json")]);
    expect(run.code).toBe(1);
    // A hung server never answers: without the deadline the run would last until the runner kills it
    // at 20 s (code null). The bound tells the two apart on a loaded machine; speed is the bench's.
    expect(run.ms).toBeLessThan(1500 + 10_000);
    expect(readReport("hang.json").checks.find((c) => c.name === "chat")).toMatchObject({ code: "DSV_TIMEOUT_DEADLINE", layer: "deadline" });
    expect(run.stdout).toMatch(/^FAIL {2}chat .*deadline: the overall deadline of 1500 ms passed/m);
  });

  test("DNS to a public address: fails and the server receives nothing", async () => {
    world.dns.setRecords({ [CUSTOM_DOMAIN]: { cname: ENDPOINT_DOMAIN }, [ENDPOINT_DOMAIN]: { a: [PUBLIC_ADDRESS] } });
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--json", file("public.json")]);
    expect(run.code).toBe(1);
    const report = readReport("public.json");
    expect(report.checks.find((c) => c.name === "dns")).toMatchObject({ status: "fail", code: "DSV_DNS_PUBLIC_ADDRESS", layer: "dns" });
    for (const name of ["tcp", "tls", "models", "chat", "stream"]) expect(statusOf(report, name)).toBe("skip");
    expect(run.stdout).toMatch(/^SKIP {2}tcp .*dns failed: nothing was sent to vpc-ap-southeast-1\.dashscope\.aliyuncs\.com$/m);
    expect(world.https.connections()).toBe(0);
    expect(world.https.requests).toHaveLength(0);
  });

  test("TLS name mismatch: fails and no HTTP request is sent", async () => {
    const run = await cli(["--base-url", world.wrongNameHttps.baseUrl(CUSTOM_DOMAIN), ...base(), "--json", file("tls.json")]);
    expect(run.code).toBe(1);
    const report = readReport("tls.json");
    expect(report.checks.find((c) => c.name === "tls")).toMatchObject({ status: "fail", code: "DSV_TLS_CERT_NAME_MISMATCH", layer: "tls" });
    for (const name of ["models", "chat", "stream"]) expect(statusOf(report, name)).toBe("skip");
    expect(world.wrongNameHttps.requests).toHaveLength(0);
    // The tcp probe and the tls probe, one address each: no HTTPS request even tried to connect.
    expect(world.wrongNameHttps.connections()).toBe(2);
  });

  test("the key never appears in stdout, stderr, the JSON report or the JUnit report", async () => {
    world.https.setFault("chat", { kind: "echo-auth" });
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--json", file("leak.json"), "--junit", file("leak.xml")]);
    expect(run.code).toBe(1);
    const json = fs.readFileSync(file("leak.json"), "utf8");
    const junit = fs.readFileSync(file("leak.xml"), "utf8");
    for (const text of [run.stdout, run.stderr, json, junit]) expect(text).not.toContain(KEY);
    expect(json).toContain("Bearer [REDACTED]");
    expect(junit).toMatch(/<testcase classname="dashscope-verify\.vpc-ap-southeast-1\.dashscope\.aliyuncs\.com:\d+" name="chat" time="[\d.]+">\n {6}<failure message="api: HTTP 401 invalid_api_key: Incorrect API key provided: Bearer \[REDACTED\]/);
    expect(junit.match(/<testcase /g)).toHaveLength(6);
    // And the JSON on stdout.
    const toStdout = await cli(["--base-url", world.customBaseUrl, ...base(), "--json", "-"]);
    expect(toStdout.stdout).not.toContain(KEY);
    expect(toStdout.stderr).not.toContain(KEY);
  });

  describe("--outputs", () => {
    const ips = ["127.0.0.1"];
    // The outputs name the real ports (443, 80), where nothing listens on loopback: dns must pass
    // for both domains against endpoint_zone_ips, and the run fails at tcp without sending anything.
    const expectBothTargets = (report: VerifyReport) => {
      expect(report.targets).toEqual([
        `https://${CUSTOM_DOMAIN}/compatible-mode/v1`,
        `http://${ENDPOINT_DOMAIN}/compatible-mode/v1`,
      ]);
      for (const target of report.targets) {
        const dns = report.checks.find((c) => c.name === "dns" && c.target === target);
        expect(dns).toMatchObject({ status: "pass", addresses: ips });
        expect(dns?.message).toMatch(/all expected endpoint IPs/);
      }
    };

    test("reads a cdktf --outputs-file with nested construct outputs and --stack", async () => {
      fs.writeFileSync(
        file("cdktf-outputs.json"),
        JSON.stringify({
          "single-region": { endpoint_domain: "ep-other.dashscope.ap-southeast-1.privatelink.aliyuncs.com" },
          "cross-region": {
            access: { endpoint: { endpoint_id: "ep-0test1234abcd5678", endpoint_domain: ENDPOINT_DOMAIN, endpoint_zone_ips: ips } },
            custom_domain: CUSTOM_DOMAIN,
          },
        }),
      );
      const run = await cli(["--outputs", file("cdktf-outputs.json"), "--stack", "cross-region", "--dns-server", world.dns.address, "--timeout-ms", "5000", "--json", file("o1.json")]);
      expect(run.code).toBe(1);
      expectBothTargets(readReport("o1.json"));
      expect(run.stdout).toMatch(/^target https:\/\/vpc-ap-southeast-1\.dashscope\.aliyuncs\.com\/compatible-mode\/v1 \(custom-domain\)$/m);
      expect(run.stdout).toMatch(/^target http:\/\/ep-0test1234abcd5678\..* \(endpoint-domain\)$/m);
    });

    test("reads terraform output -json", async () => {
      const out = (value: unknown, type: unknown) => ({ sensitive: false, type, value });
      fs.writeFileSync(
        file("tf-outputs.json"),
        JSON.stringify({
          custom_domain: out(CUSTOM_DOMAIN, "string"),
          endpoint_domain: out(ENDPOINT_DOMAIN, "string"),
          endpoint_zone_ips: out(ips, ["list", "string"]),
        }),
      );
      const run = await cli(["--outputs", file("tf-outputs.json"), "--dns-server", world.dns.address, "--timeout-ms", "5000", "--json", file("o2.json")]);
      expect(run.code).toBe(1);
      expectBothTargets(readReport("o2.json"));
    });

    test("exits 2 when the stack is ambiguous", async () => {
      fs.writeFileSync(file("two.json"), JSON.stringify({ a: { endpoint_domain: ENDPOINT_DOMAIN }, b: { endpoint_domain: ENDPOINT_DOMAIN } }));
      const run = await cli(["--outputs", file("two.json")]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/has 2 stacks; say which with --stack — its stacks: a, b/);
    });
  });
});

describe("the ./verify package export", () => {
  test("loads no module from cdktf or constructs", async () => {
    const loaded = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          "-e",
          `const v = require("cdktf-dashscope-privatelink/verify");
           if (typeof v.verifyDeployment !== "function") throw new Error("no verifyDeployment");
           console.log(JSON.stringify(Object.keys(require.cache).filter((p) => /node_modules[\\\\/](cdktf|constructs)[\\\\/]/.test(p))));`,
        ],
        { cwd: ROOT },
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      ),
    );
    expect(JSON.parse(loaded)).toEqual([]);
  });
});
