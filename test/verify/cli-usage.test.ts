// The command line of `dashscope-verify` in this process: what parseArgs accepts, the one-line usage
// errors (exit 2) the CLI prints for what it refuses, and that a value that may be a pasted key is
// never echoed. Nothing here reaches a server: every run fails before it would send anything.
import { DEFAULT_API_KEY_ENV, HELP, apiKeyEnvsIn, parseArgs } from "../../lib/verify/args";
import { keyWindows, runCliInProcess } from "../support/cli-process";

const KEY = "sk-7f3a9c1e5b2d468011aa22bb33cc44dd";
const URL_ = "http://127.0.0.1:9/compatible-mode/v1";
const SEE_HELP = "see dashscope-verify --help";
const FAMILIES = "openai, anthropic, dashscope, embeddings";

/** The one stderr line of a usage error, and that nothing else was written. */
async function usageLine(argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const run = await runCliInProcess(argv, env);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr.endsWith("\n")).toBe(true);
  expect(run.stderr.split("\n")).toHaveLength(2);
  expect(keyWindows(KEY, run.stderr)).toEqual([]);
  return run.stderr.slice(0, -1);
}
const line = (problem: string, hint = SEE_HELP) => `dashscope-verify: config: ${problem} — ${hint}`;

describe("--help", () => {
  test.each([[["--help"]], [["-h"]], [["--help", "--base-url", URL_, "--outputs", "o.json", "--stack", "s"]]])("%j prints the help, exit 0", async (argv) => {
    const run = await runCliInProcess(argv, {});
    expect(run).toEqual({ code: 0, stdout: HELP, stderr: "" });
    expect(HELP).toMatch(/^dashscope-verify: prove that Model Studio \(DashScope\) answers privately/);
  });

  test("--version is parsed without a target", () => {
    expect(parseArgs(["--version"])).toMatchObject({ version: true, help: false });
    expect(parseArgs(["-h"])).toMatchObject({ version: false, help: true });
  });
});

describe("what parseArgs reads", () => {
  test("the defaults", () => {
    expect(parseArgs(["--base-url", URL_])).toEqual({
      help: false,
      version: false,
      baseUrl: URL_,
      apiKeyEnv: DEFAULT_API_KEY_ENV,
      dnsServers: [],
      ca: [],
      expectIps: [],
      stream: true,
      allowPublicAddress: false,
    });
    expect(DEFAULT_API_KEY_ENV).toBe("DASHSCOPE_API_KEY");
  });

  test("lists: --api and --expect-ips split on commas and are trimmed; --dns-server and --ca are repeatable, not split", () => {
    const args = parseArgs([
      "--outputs=o.json",
      "--stack",
      "s",
      "--output-prefix",
      "Cn_beijing9",
      "--api",
      " anthropic , dashscope,",
      "--expect-ips",
      " 10.0.0.1 , ,10.0.0.2",
      "--expect-ips",
      "10.0.0.3",
      "--dns-server",
      " 127.0.0.1:5353 ",
      "--dns-server",
      "a,b",
      "--ca",
      "",
      "--ca",
      "x.pem",
      "--api-key-env",
      "_K1",
      "--embedding-model",
      "text-embedding-v3",
      "--dns-timeout-ms",
      "250",
      "--timeout-ms",
      "0",
    ]);
    expect(args).toMatchObject({
      outputs: "o.json",
      stack: "s",
      outputPrefix: "Cn_beijing9",
      apis: ["anthropic", "dashscope"],
      expectIps: ["10.0.0.1", "10.0.0.2", "10.0.0.3"],
      dnsServers: ["127.0.0.1:5353", "a,b"],
      ca: ["x.pem"],
      apiKeyEnv: "_K1",
      embeddingModel: "text-embedding-v3",
      dnsTimeoutMs: 250,
      timeoutMs: 0,
    });
  });

  test("--json - is stdout: it never collides with a file, not even one named -", () => {
    expect(parseArgs(["--outputs", "-", "--json", "-"])).toMatchObject({ outputs: "-", json: "-" });
    expect(parseArgs(["--base-url", URL_, "--json", "-", "--junit", "-"])).toMatchObject({ json: "-", junit: "-" });
  });

  test("apiKeyEnvsIn: the names --api-key-env gives, in both spellings, before argv is valid", () => {
    expect(apiKeyEnvsIn(["--api-key-env", "A", "--bogus", "--api-key-env=B", "--api-key-envX", "C", "--api-key-env"])).toStrictEqual(["A", "B"]);
    expect(apiKeyEnvsIn(["A", "--api-key-env="])).toEqual([""]);
  });
});

describe("usage errors: one line, exit 2", () => {
  test.each([
    [[], "say what to verify: --base-url URL or --outputs FILE"],
    [["--base-url", URL_, "--outputs", "o.json"], "--base-url and --outputs are exclusive: give one"],
    [["--base-url", URL_, "--stack", "s"], "--stack only applies to --outputs"],
    [["--base-url", URL_, "--output-prefix", "cn_beijing"], "--output-prefix only applies to --outputs"],
    [["--base-url", URL_, "--frobnicate"], "unknown option --frobnicate"],
    [["--base-url", URL_, "--Frobnicate"], "unknown option --Frobnicate"],
    [["--base-url", URL_, "-x"], "unknown option -x"],
    [["--base-url", URL_, "-hx"], "unknown option -x"],
    [["--base-url", URL_, `--${"a".repeat(31)}`], `unknown option --${"a".repeat(31)}`],
    [["--base-url", URL_, `--${"a".repeat(32)}`], "unknown option (not shown: it may be a pasted key)"],
    [["--base-url", URL_, "--frobNicate"], "unknown option (not shown: it may be a pasted key)"],
    [["--base-url", URL_, `--${KEY}`], "unknown option (not shown: it may be a pasted key)"],
    [["--base-url", URL_, "--sk1234abcd-key"], "unknown option (not shown: it may be a pasted key)"], // the whole name must look like a flag, not its end
    [["--base-url", URL_, "--no-stream=yes"], "--no-stream takes no value"],
    [["--base-url"], "--base-url needs a value"],
    [["--base-url", "--no-stream"], "--base-url needs a value"],
    [["--base-url="], "--base-url needs a value"],
    [["--base-url", URL_, "--json=--x"], "--json needs a value"],
    [["--base-url", URL_, "--model", "a", "--model", "b"], "--model was given 2 times"],
    [["--base-url", URL_, "--json", "a", "--json", "b", "--json", "c"], "--json was given 3 times"],
    [["--base-url", URL_, "--", "-q"], "unexpected argument (not shown): every option starts with --"],
    [["--base-url", URL_, "--model", "xxstack", "extra"], "unexpected argument #5 (5 characters, not shown): every option starts with --"],
    [["--base-url", URL_, "--timeout-ms", "15x"], '--timeout-ms "15x" is not a whole number of milliseconds'],
    [["--base-url", URL_, "--timeout-ms", "x15"], '--timeout-ms "x15" is not a whole number of milliseconds'],
    [["--base-url", URL_, "--dns-timeout-ms=1.5"], '--dns-timeout-ms "1.5" is not a whole number of milliseconds'],
    [["--base-url", URL_, "--timeout-ms", KEY], `--timeout-ms (${KEY.length} characters, not shown: it may be a key) is not a whole number of milliseconds`],
  ])("%j", async (argv, problem) => {
    expect(await usageLine(argv)).toBe(line(problem));
  });

  test.each([
    [["--outputs", "o.json", "--output-prefix", "1abc"], '--output-prefix "1abc" is not an output name prefix'],
    [["--outputs", "o.json", "--output-prefix", "_abc"], '--output-prefix "_abc" is not an output name prefix'],
    [["--outputs", "o.json", "--output-prefix", "ab-c"], '--output-prefix "ab-c" is not an output name prefix'],
    [["--outputs", "o.json", "--output-prefix", KEY], `--output-prefix (${KEY.length} characters, not shown: it may be a key) is not an output name prefix`],
  ])("a bad prefix: %j", async (argv, problem) => {
    expect(await usageLine(argv)).toBe(line(problem, "letters, digits and _, e.g. cn_beijing"));
  });

  test.each([
    [["--api="], "--api is empty"],
    [["--api", " , "], "--api is empty"],
    [["--api", "openai,bogus"], '--api has "bogus", which is not an API family'],
    [["--api", KEY], `--api has (${KEY.length} characters, not shown: it may be a key), which is not an API family`],
  ])("--api: %j", async (flags, problem) => {
    expect(await usageLine(["--base-url", URL_, ...flags])).toBe(line(problem, `allowed: ${FAMILIES}`));
  });

  test.each([
    ["1ABC", '--api-key-env "1ABC" is not a variable name'],
    ["AB-C", '--api-key-env "AB-C" is not a variable name'],
    [KEY, `--api-key-env (${KEY.length} characters, not shown: it may be a key) is not a variable name`],
  ])("--api-key-env %s", async (name, problem) => {
    expect(await usageLine(["--base-url", URL_, "--api-key-env", name])).toBe(
      line(problem, "the name of the variable holding the key, e.g. DASHSCOPE_API_KEY — never the key itself"),
    );
  });

  test.each(["--api-key", "--apikey", "--API-KEY", "--key", "--token", "--bearer"])("%s (with its value) is refused without echoing the value", async (flag) => {
    const hint = "export it in an environment variable and name that with --api-key-env (default DASHSCOPE_API_KEY)";
    const problem = `${flag} is not an option: the API key is never taken from the command line`;
    expect(await usageLine(["--base-url", URL_, flag, KEY])).toBe(line(problem, hint));
    expect(await usageLine([`${flag}=${KEY}`, "--base-url", URL_])).toBe(line(problem, hint));
  });

  test("--api-keys is just an unknown option", async () => {
    expect(await usageLine(["--base-url", URL_, "--api-keys"])).toBe(line("unknown option --api-keys"));
  });

  test.each([
    [[KEY], 1],
    [["--base-url", URL_, KEY], 3],
    [["--base-url", URL_, "--no-stream", KEY], 4],
    [[`--base-url=${URL_}`, KEY], 2],
    [["-h", KEY], 2],
    [["--bogus", KEY], 2],
  ])("a stray argument is counted, never shown: %#", async (argv, position) => {
    expect(await usageLine(argv)).toBe(line(`unexpected argument #${position} (${KEY.length} characters, not shown): every option starts with --`));
  });

  test.each([
    ["--json and --junit, spelt differently", ["--base-url", URL_, "--json", "/tmp/r.out", "--junit", "/tmp/x/../r.out"], "--json and --junit name the same file", "give each report its own file"],
    ["--json and the --outputs file", ["--outputs", "/tmp/o.json", "--json", "/tmp/./o.json"], "--json names the --outputs file: the report would overwrite the deployment's outputs", "write the report to another file"],
    ["--junit and the --outputs file", ["--outputs", "o.json", "--junit", "./o.json"], "--junit names the --outputs file: the report would overwrite the deployment's outputs", "write the report to another file"],
  ])("report paths that collide: %s", async (_what, argv, problem, hint) => {
    expect(await usageLine(argv)).toBe(line(problem, hint));
  });
});

describe("the library's checks, in flags (runCli: exit 2 before anything is sent)", () => {
  const env = { DASHSCOPE_API_KEY: "sk-another-valid-key-0000000000" };
  test.each([
    [["--timeout-ms", "0"], "--timeout-ms must be an integer from 1 to 3600000, got 0"],
    [["--dns-timeout-ms", "3600001"], "--dns-timeout-ms must be an integer from 1 to 3600000, got 3600001"],
    [["--model", "bad model"], '--model (9 characters, not shown: it may be a key) is not a model name'],
    [["--model", `${KEY}!`], `--model (${KEY.length + 1} characters, not shown: it may be a key) is not a model name`],
    [["--embedding-model", "a!"], "--embedding-model (2 characters, not shown: it may be a key) is not a model name"],
    [["--expect-ips", `10.0.0.1,${KEY}`], `--expect-ips has (${KEY.length} characters, not shown: it may be a key), which is not an IP address — list the endpoint's ENI IPs, comma-separated, e.g. 10.0.1.5,10.0.2.6`],
    [["--dns-server", "nope"], '--dns-server has "nope", which is not IP[:PORT] — give the resolver\'s address, e.g. 100.100.2.136 or 127.0.0.1:5353 or [::1]:53'],
  ])("%j", async (flags, message) => {
    const run = await runCliInProcess(["--base-url", URL_, ...flags], env);
    expect(run).toEqual({ code: 2, stdout: "", stderr: `dashscope-verify: config: ${message}\n` });
  });

  test("a base URL with credentials: the hint says the key is never in the URL", async () => {
    const run = await runCliInProcess(["--base-url", "https://user:pw@vpc-ap-southeast-1.dashscope.aliyuncs.com/compatible-mode/v1"], env);
    expect(run).toEqual({ code: 2, stdout: "", stderr: "dashscope-verify: config: the base URL must not carry credentials — the key is given as `apiKey`, never in the URL\n" });
  });
});
