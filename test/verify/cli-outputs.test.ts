// `dashscope-verify --outputs` and the report files, in this process (parseArgs + runCli): which
// targets an outputs file gives, --stack and --output-prefix, the files that cannot be read, and the
// reports that cannot be written. The outputs name the real ports (443, 80), where nothing listens on
// loopback: dns proves the targets (their names and endpoint_zone_ips), tcp then fails, nothing is sent.
import * as fs from "node:fs";
import * as path from "node:path";
import type { VerifyReport } from "cdktf-dashscope-privatelink/verify";
import { runCliInProcess } from "../support/cli-process";
import { CUSTOM_DOMAIN, ENDPOINT_DOMAIN, type VerifyWorld, startVerifyWorld } from "../support/verify-world";

const KEY = "sk-0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d";
const ENV = { DASHSCOPE_API_KEY: KEY };

let world: VerifyWorld;
beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(() => world.close());
beforeEach(() => world.reset());

const file = (name: string) => path.join(world.dir, name);
const write = (name: string, json: unknown) => fs.writeFileSync(file(name), typeof json === "string" ? json : JSON.stringify(json));
const cli = (argv: readonly string[], env: NodeJS.ProcessEnv = ENV) => runCliInProcess(argv, env, { cwd: world.dir });
const dnsArgs = () => ["--dns-server", world.dns.address, "--timeout-ms", "5000"];
const TARGETS = [`https://${CUSTOM_DOMAIN}/compatible-mode/v1`, `http://${ENDPOINT_DOMAIN}/compatible-mode/v1`];

function expectBothTargets(report: VerifyReport, ips = ["127.0.0.1"]): void {
  expect(report.targets).toEqual(TARGETS);
  for (const target of TARGETS) {
    const dns = report.checks.find((c) => c.name === "dns" && c.target === target);
    expect(dns).toMatchObject({ status: "pass", addresses: ips });
    expect(dns?.message).toMatch(/all expected endpoint IPs/);
  }
}

describe("--outputs", () => {
  test("a cdktf outputs file with nested construct outputs and --stack: two targets, each with its target line", async () => {
    write("cdktf.json", {
      "single-region": { endpoint_domain: "ep-other.dashscope.ap-southeast-1.privatelink.aliyuncs.com" },
      "cross-region": {
        access: { endpoint: { endpoint_id: "ep-0test1234abcd5678", endpoint_domain: ENDPOINT_DOMAIN, endpoint_zone_ips: ["127.0.0.1"] } },
        custom_domain: CUSTOM_DOMAIN,
      },
    });
    const run = await cli(["--outputs", "cdktf.json", "--stack", "cross-region", ...dnsArgs(), "--json", "o1.json"]);
    expect(run.code).toBe(1);
    expectBothTargets(JSON.parse(fs.readFileSync(file("o1.json"), "utf8")) as VerifyReport);
    const targetLines = run.stdout.split("\n").filter((l) => l.startsWith("target "));
    expect(targetLines).toEqual([`target ${TARGETS[0]} (custom-domain)`, `target ${TARGETS[1]} (endpoint-domain)`]);
    expect(run.stdout).toMatch(/^FAIL {2}tcp .*127\.0\.0\.1:443 refused the connection/m);
    expect(run.stdout).toMatch(/ skipped across 2 targets in \d+\.\d\d s: FAILED \(exit 1\)\n$/);
    expect(world.https.requests).toHaveLength(0);
  });

  test("terraform output -json", async () => {
    const out = (value: unknown, type: unknown) => ({ sensitive: false, type, value });
    write("tf.json", { custom_domain: out(CUSTOM_DOMAIN, "string"), endpoint_domain: out(ENDPOINT_DOMAIN, "string"), endpoint_zone_ips: out(["127.0.0.1"], ["list", "string"]) });
    const run = await cli(["--outputs", file("tf.json"), ...dnsArgs(), "--json", "-"]);
    expect(run.code).toBe(1);
    expectBothTargets(JSON.parse(run.stdout) as VerifyReport);
  });

  test("endpoint_zone_ips are the expected addresses: a name resolving elsewhere fails dns", async () => {
    write("elsewhere.json", { s: { endpoint_domain: ENDPOINT_DOMAIN, endpoint_zone_ips: ["10.9.9.9"] } });
    const run = await cli(["--outputs", "elsewhere.json", ...dnsArgs(), "--json", "-"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as VerifyReport;
    expect(report.targets).toEqual([TARGETS[1]]);
    expect(report.checks[0]).toMatchObject({ name: "dns", status: "fail", code: "DSV_DNS_UNEXPECTED_ADDRESS" });
  });

  test.each([
    ["two stacks without --stack", { a: { endpoint_domain: ENDPOINT_DOMAIN }, b: { endpoint_domain: ENDPOINT_DOMAIN } }, [], `--outputs two.json has 2 stacks; say which with --stack — its stacks: a, b`],
    ["a --stack the file lacks", { a: { endpoint_domain: ENDPOINT_DOMAIN } }, ["--stack", "b"], `--outputs two.json has no stack "b" — its stacks: a`],
    ["no outputs of this library", { s: { other: "x" } }, [], "--outputs two.json (stack s) has neither custom_domain nor endpoint_domain — is this the outputs file of a stack built with this library, written after a successful deploy?"],
    ["two outputs of one name", { s: { a: { endpoint_domain: ENDPOINT_DOMAIN }, b: { endpoint_domain: ENDPOINT_DOMAIN } } }, [], "--outputs two.json has 2 outputs named endpoint_domain (a.endpoint_domain, b.endpoint_domain) — verify the endpoint by --base-url and --expect-ips instead"],
    ["not JSON", "{", [], "--outputs two.json is not JSON — pass the file written by `cdktf deploy --outputs-file` or `terraform output -json`"],
  ])("%s: exit 2, nothing resolved", async (_what, json, flags, message) => {
    write("two.json", json);
    const run = await cli(["--outputs", "two.json", ...flags, ...dnsArgs()]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: `dashscope-verify: config: ${message}\n` });
    expect(world.dns.queries).toHaveLength(0);
  });

  test("a file that cannot be read: exit 2 naming it and how to write it", async () => {
    const run = await cli(["--outputs", "missing.json", ...dnsArgs()]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: "dashscope-verify: config: cannot read --outputs missing.json (ENOENT) — write it with `cdktf deploy --outputs-file FILE` or `terraform output -json > FILE`\n",
    });
  });

  test("--outputs is read relative to the working directory", async () => {
    fs.mkdirSync(file("sub"), { recursive: true });
    fs.writeFileSync(path.join(file("sub"), "o.json"), JSON.stringify({ s: { endpoint_domain: ENDPOINT_DOMAIN } }));
    const inSub = await runCliInProcess(["--outputs", "o.json", ...dnsArgs(), "--json", "-"], ENV, { cwd: file("sub") });
    expect((JSON.parse(inSub.stdout) as VerifyReport).targets).toEqual([TARGETS[1]]);
    const fromDir = await cli(["--outputs", "o.json", ...dnsArgs()]);
    expect(fromDir.stderr).toMatch(/cannot read --outputs o\.json \(ENOENT\)/);
  });
});

describe("--output-prefix: one hub of a stack with two", () => {
  const hubs = {
    "data-residency": {
      cn_beijing_endpoint_domain: "ep-0bj.dashscope.cn-beijing.privatelink.aliyuncs.com",
      cn_beijing_custom_domain: "vpc-cn-beijing.dashscope.aliyuncs.com",
      cn_beijing_endpoint_zone_ips: ["10.9.9.9"],
      ap_southeast_1_endpoint_domain: ENDPOINT_DOMAIN,
      ap_southeast_1_custom_domain: CUSTOM_DOMAIN,
      ap_southeast_1_endpoint_zone_ips: ["127.0.0.1"],
    },
  };

  test("verifies only the chosen hub", async () => {
    write("hubs.json", hubs);
    const run = await cli(["--outputs", "hubs.json", "--output-prefix", "ap_southeast_1", ...dnsArgs(), "--json", "-"]);
    expect(run.code).toBe(1);
    expectBothTargets(JSON.parse(run.stdout) as VerifyReport);
    expect(world.dns.queries.map((q) => q.name).filter((n) => n.includes("beijing"))).toEqual([]);
  });

  test("a prefix with no outputs: exit 2 naming the hubs present", async () => {
    write("hubs.json", hubs);
    const run = await cli(["--outputs", "hubs.json", "--output-prefix", "eu_central_1", ...dnsArgs()]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'dashscope-verify: config: --outputs hubs.json (stack data-residency) has no outputs of the hub "eu_central_1" (no eu_central_1_custom_domain nor eu_central_1_endpoint_domain) — the hubs present: ap_southeast_1, cn_beijing (pass one as --output-prefix PREFIX)\n',
    });
    expect(world.dns.queries).toHaveLength(0);
  });

  test("a prefix for a file without hubs: leave it out", async () => {
    write("one.json", { s: { endpoint_domain: ENDPOINT_DOMAIN } });
    const run = await cli(["--outputs", "one.json", "--output-prefix", "cn_beijing", ...dnsArgs()]);
    expect(run.stderr).toBe(
      'dashscope-verify: config: --outputs one.json (stack s) has no outputs of the hub "cn_beijing" (no cn_beijing_custom_domain nor cn_beijing_endpoint_domain) — the file has no prefixed hub outputs: leave --output-prefix PREFIX out\n',
    );
  });

  test("two hubs without --output-prefix: exit 2 naming the prefixes", async () => {
    write("hubs.json", hubs);
    const run = await cli(["--outputs", "hubs.json", ...dnsArgs()]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: "dashscope-verify: config: --outputs hubs.json (stack data-residency) holds 2 hub(s) with prefixed outputs: ap_southeast_1, cn_beijing — say which with --output-prefix PREFIX\n",
    });
  });
});

describe("--ca", () => {
  test("a file that cannot be read: exit 2 naming it as typed (read relative to the working directory)", async () => {
    const run = await cli(["--base-url", world.customBaseUrl, "--ca", "nope.pem", ...dnsArgs()]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: "dashscope-verify: config: cannot read --ca nope.pem (ENOENT) — give the path of the PEM file of the CA that signed the endpoint's certificate\n",
    });
  });

  test("a file without a PEM certificate: exit 2", async () => {
    write("not-pem.pem", "hello");
    const run = await cli(["--base-url", world.customBaseUrl, "--ca", "not-pem.pem", ...dnsArgs()]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: "dashscope-verify: config: --ca not-pem.pem holds no PEM certificate — give the CA certificate in PEM form\n" });
  });
});

describe("reports that cannot be written", () => {
  beforeEach(() => write("not-a-dir", "x"));
  // The path as typed (relative to the working directory), not as it resolves.
  const writeFailed = (flag: string, name: string) =>
    new RegExp(`^dashscope-verify: DSV_REPORT_WRITE_FAILED: cannot write ${flag} ${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} \\((ENOTDIR|EEXIST)\\); the checks ran as printed above — fix the path or its permissions$`, "m");

  test("after a passing run: exit 1, the summary says so, the other report is still written", async () => {
    const run = await cli(["--base-url", world.endpointBaseUrl, "--dns-server", world.dns.address, "--json", "kept.json", "--junit", "not-a-dir/r.xml"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\ndashscope-verify: 5 passed, 0 failed, 0 warned, 1 skipped in \d+\.\d\d s: OK, but exit 1: a report was not written\n$/);
    expect(run.stdout).not.toContain("(exit 0)");
    expect(run.stderr).toMatch(writeFailed("--junit", "not-a-dir/r.xml"));
    expect(run.stderr.split("\n")).toHaveLength(2);
    expect((JSON.parse(fs.readFileSync(file("kept.json"), "utf8")) as VerifyReport).ok).toBe(true);
  });

  test("both reports unwritable: one line each, --json first", async () => {
    const run = await cli(["--base-url", world.endpointBaseUrl, "--dns-server", world.dns.address, "--json", "not-a-dir/r.json", "--junit", "not-a-dir/r.xml"]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(writeFailed("--json", "not-a-dir/r.json"));
    expect(lines[1]).toMatch(writeFailed("--junit", "not-a-dir/r.xml"));
  });

  test("after a failing run: the run's exit code and summary stand", async () => {
    world.http.setFault("chat", { kind: "status", status: 500, body: { error: { code: "InternalError", message: "boom" } } });
    const run = await cli(["--base-url", world.endpointBaseUrl, "--dns-server", world.dns.address, "--json", "not-a-dir/r.json"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/: FAILED \(exit 1\)\n$/);
    expect(run.stderr).toMatch(writeFailed("--json", "not-a-dir/r.json"));
  });

  test("after an inconclusive run: still exit 3", async () => {
    world.http.setFault("chat", { kind: "status", status: 429, headers: { "retry-after": "0" }, body: { error: { code: "Throttling", message: "slow down" } } });
    const run = await cli(["--base-url", world.endpointBaseUrl, "--dns-server", world.dns.address, "--no-stream", "--junit", "not-a-dir/r.xml"]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/: INCONCLUSIVE \(exit 3\)\n$/);
    expect(run.stderr).toMatch(writeFailed("--junit", "not-a-dir/r.xml"));
  });
});
