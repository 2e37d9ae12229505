// The CLI as a process: no 8-character run of the key in any output or file, even through a
// gateway that echoes every header back; --output-prefix; report-write failures; flags in messages.
import * as fs from "node:fs";
import * as path from "node:path";
import type { VerifyReport } from "cdktf-dashscope-privatelink/verify";
import { type Route, ROUTES } from "../support/openai-server";
import { keyWindows as keyWindows8, runCli } from "../support/cli-process";
import { CUSTOM_DOMAIN, ENDPOINT_DOMAIN, type VerifyWorld, startVerifyWorld } from "../support/verify-world";

const KEY = "sk-7f3a9c1e5b2d468011aa22bb33cc44dd";

const cli = (args: readonly string[], env: NodeJS.ProcessEnv = { DASHSCOPE_API_KEY: KEY }) => runCli(args, env, 30_000);
const keyWindows = (text: string) => keyWindows8(KEY, text);

let world: VerifyWorld;
beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(() => world.close());
beforeEach(() => world.reset());

const file = (name: string) => path.join(world.dir, name);
const base = () => ["--dns-server", world.dns.address, "--ca", world.caFile];

describe("no part of the key in any output", () => {
  test.each(["echo-auth", "echo-headers"] as const)("with a gateway answering %s on every family's route", async (kind) => {
    for (const route of ROUTES) world.https.setFault(route as Route, { kind });
    const run = await cli([
      "--base-url",
      world.customBaseUrl,
      ...base(),
      "--api",
      "openai,anthropic,dashscope,embeddings",
      "--json",
      file(`${kind}.json`),
      "--junit",
      file(`${kind}.xml`),
    ]);
    expect(run.code).toBe(1);
    const outputs = { stdout: run.stdout, stderr: run.stderr, json: fs.readFileSync(file(`${kind}.json`), "utf8"), junit: fs.readFileSync(file(`${kind}.xml`), "utf8") };
    for (const [where, text] of Object.entries(outputs)) expect({ where, windows: keyWindows(text) }).toEqual({ where, windows: [] });
    // The echo did arrive (the gateway really reflected the key), and was redacted.
    expect(outputs.json).toContain("[REDACTED]");
    expect(world.https.requests.length).toBeGreaterThan(4);
  });

  test("every file the run writes is clean too (the report directory)", async () => {
    world.https.setFault("chat", { kind: "echo-auth" });
    await cli(["--base-url", world.customBaseUrl, ...base(), "--json", file("dir/r.json"), "--junit", file("dir/r.xml")]);
    for (const name of fs.readdirSync(file("dir"))) expect(keyWindows(fs.readFileSync(path.join(file("dir"), name), "utf8"))).toEqual([]);
  });
});

describe("server text in the output", () => {
  test("an error code or request id with control bytes cannot forge a line; the request id is capped", async () => {
    const forged = "bad\n\u001b[32mPASS  chat  https://x  forged";
    world.https.setFault("chat", {
      kind: "status",
      status: 401,
      headers: { "x-request-id": `rid-${"r".repeat(500)}` },
      body: { error: { code: forged, message: "no" } },
    });
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--json", file("forged.json")]);
    expect(run.code).toBe(1);
    const text = run.stdout + run.stderr;
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("forged");
    expect(text).toContain("(request id rid-rrr");
    expect(text).not.toMatch(/^\S*PASS\S*\s+chat/m);
    const chat = (JSON.parse(fs.readFileSync(file("forged.json"), "utf8")) as VerifyReport).checks.find((c) => c.name === "chat")!;
    expect(chat.apiCode).toBeUndefined();
    expect(JSON.stringify(chat)).not.toContain("\\u001b");
    for (const a of chat.attempts ?? []) expect((a.requestId ?? "").length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(chat)).not.toContain("r".repeat(100));
  });
});

describe("--output-prefix: one hub of a stack with two", () => {
  const outputs = () => ({
    "data-residency": {
      cn_beijing_endpoint_id: "ep-bj",
      cn_beijing_endpoint_domain: "ep-0bj.dashscope.cn-beijing.privatelink.aliyuncs.com",
      cn_beijing_custom_domain: "vpc-cn-beijing.dashscope.aliyuncs.com",
      cn_beijing_endpoint_region: "cn-beijing",
      cn_beijing_endpoint_zone_ips: ["10.9.9.9"],
      ap_southeast_1_endpoint_id: "ep-sg",
      ap_southeast_1_endpoint_domain: ENDPOINT_DOMAIN,
      ap_southeast_1_custom_domain: CUSTOM_DOMAIN,
      ap_southeast_1_endpoint_region: "ap-southeast-1",
      ap_southeast_1_endpoint_zone_ips: ["127.0.0.1"],
    },
  });

  test("verifies only the chosen hub", async () => {
    fs.writeFileSync(file("two-hubs.json"), JSON.stringify(outputs()));
    // Only the Singapore names resolve here; Beijing's would fail if they were tried.
    const run = await cli(["--outputs", file("two-hubs.json"), "--output-prefix", "ap_southeast_1", ...base(), "--json", "-"]);
    const report = JSON.parse(run.stdout) as VerifyReport;
    expect(report.targets.map((t) => new URL(t).hostname)).toEqual([CUSTOM_DOMAIN, ENDPOINT_DOMAIN]);
    expect(world.dns.queries.map((q) => q.name).filter((n) => n.includes("beijing"))).toEqual([]);
    // 443 / 80 are not the loopback ports: the dns check (the hub's names and IPs) is what proves the choice here.
    expect(report.checks.filter((c) => c.name === "dns").map((c) => c.status)).toEqual(["pass", "pass"]);
  });

  test("a prefix with no outputs is a coded config error naming the prefixes present", async () => {
    fs.writeFileSync(file("two-hubs.json"), JSON.stringify(outputs()));
    const run = await cli(["--outputs", file("two-hubs.json"), "--output-prefix", "eu_central_1", ...base()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/has no outputs of the hub "eu_central_1" .* — the hubs present: ap_southeast_1, cn_beijing/);
    expect(world.dns.queries).toHaveLength(0);
  });

  test("two hubs without --output-prefix: say which", async () => {
    fs.writeFileSync(file("two-hubs.json"), JSON.stringify(outputs()));
    const run = await cli(["--outputs", file("two-hubs.json"), ...base()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/holds 2 hub\(s\) with prefixed outputs: ap_southeast_1, cn_beijing — say which with --output-prefix PREFIX/);
  });
});

describe("reports that cannot be written", () => {
  test("keep the summary and the other report; exit 1 after a passing run, and the summary says exit 1", async () => {
    fs.writeFileSync(file("not-a-dir"), "x");
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--json", file("kept.json"), "--junit", file("not-a-dir/r.xml")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/dashscope-verify: 6 passed, 0 failed, .*: OK, but exit 1: a report was not written\n$/);
    expect(run.stdout).not.toContain("(exit 0)");
    expect(run.stderr).toMatch(/DSV_REPORT_WRITE_FAILED: cannot write --junit .*not-a-dir\/r\.xml \((ENOTDIR|EEXIST)\); the checks ran as printed above/);
    expect((JSON.parse(fs.readFileSync(file("kept.json"), "utf8")) as VerifyReport).ok).toBe(true);
  });
});

describe("report paths that collide: a usage error before anything is sent", () => {
  test.each([
    ["--json and --junit, spelt differently", (dir: string) => ["--base-url", world.customBaseUrl, "--json", path.join(dir, "r.out"), "--junit", `${dir}/x/../r.out`], /--json and --junit name the same file/],
    ["--json and the --outputs file", (dir: string) => ["--outputs", path.join(dir, "o.json"), "--json", `${dir}/./o.json`], /--json names the --outputs file/],
    ["--junit and the --outputs file", (dir: string) => ["--outputs", path.join(dir, "o.json"), "--junit", `${dir}//o.json`], /--junit names the --outputs file/],
  ])("%s", async (_what, argv, message) => {
    fs.writeFileSync(file("o.json"), JSON.stringify({ s: { endpoint_domain: ENDPOINT_DOMAIN, custom_domain: CUSTOM_DOMAIN, endpoint_zone_ips: ["127.0.0.1"] } }));
    const before = fs.readFileSync(file("o.json"), "utf8");
    const run = await cli([...argv(world.dir), ...base()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(world.dns.queries).toHaveLength(0);
    expect(world.https.requests).toHaveLength(0);
    expect(fs.readFileSync(file("o.json"), "utf8")).toBe(before);
  });
});

describe("messages speak in flags", () => {
  test("the deadline hint names --timeout-ms, not timeoutMs", async () => {
    world.https.setFault("chat", { kind: "hang" });
    const run = await cli(["--base-url", world.customBaseUrl, ...base(), "--timeout-ms", "1500"]);
    expect(run.stdout).toMatch(/raise --timeout-ms/);
    expect(run.stdout).not.toMatch(/`timeoutMs`/);
  });

  test("a key pasted as --api-key-env's value is not echoed, though no variable holds it", async () => {
    const run = await cli(["--base-url", "http://127.0.0.1:9/x", "--api-key-env", KEY], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--api-key-env \(35 characters, not shown: it may be a key\) is not a variable name/);
    expect(keyWindows(run.stderr + run.stdout)).toEqual([]);
  });

  test("a usage error is scrubbed with the variable --api-key-env names, though argv did not parse", async () => {
    // The whole key (hidden by its shape) and an 8-character run of it (short enough to be quoted: the scrub must catch it).
    for (const value of [KEY, KEY.slice(6, 14)]) {
      const run = await cli(["--api-key-env", "MYK", "--base-url", "http://127.0.0.1:9/x", "--timeout-ms", value], { MYK: KEY });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--timeout-ms .* is not a whole number/);
      expect(keyWindows(run.stderr + run.stdout)).toEqual([]);
    }
  });

  test.each([
    ["--dns-timeout-ms", KEY],
    ["--api", KEY],
    ["--expect-ips", KEY],
    ["--model", `${KEY}!`],
    ["--output-prefix", KEY],
  ])("a key pasted as %s is not echoed", async (flag, value) => {
    fs.writeFileSync(file("one-hub.json"), JSON.stringify({ s: { endpoint_domain: ENDPOINT_DOMAIN, custom_domain: CUSTOM_DOMAIN, endpoint_zone_ips: ["127.0.0.1"] } }));
    const target = flag === "--output-prefix" ? ["--outputs", file("one-hub.json")] : ["--base-url", "http://127.0.0.1:9/x"];
    const run = await cli([...target, flag, value, ...base()], { DASHSCOPE_API_KEY: "sk-another-valid-key-0000000000" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not shown: it may be a key/);
    expect(keyWindows(run.stderr + run.stdout)).toEqual([]);
    expect(world.https.requests).toHaveLength(0);
  });

  test("a pasted key as an option or argument is never echoed", async () => {
    for (const argv of [[`--${KEY}`], [KEY], ["--base-url", world.customBaseUrl, KEY], [`--api-key=${KEY}`]]) {
      const run = await cli(argv, {});
      expect(run.code).toBe(2);
      expect(keyWindows(run.stderr + run.stdout)).toEqual([]);
    }
  });
});
