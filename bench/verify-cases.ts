/**
 * Part 2 of issue 6: what the post-deploy smoke test costs. Every case runs against the loopback
 * servers of test/support (`startVerifyWorld`: a DNS responder serving the Private Zone's CNAME
 * chain, an HTTPS server for vpc-ap-southeast-1.dashscope.aliyuncs.com with a throwaway CA), which
 * run in the harness's own process and start in the group's setup. Three groups, each alternating
 * its cases round by round:
 *
 * - fresh process: `dashscope-verify` with every check (dns via --dns-server, tcp, tls with --ca,
 *   models, chat, stream); the raw undici floor issuing the
 *   same requests (children/undici-floor); and one chat completion made by the official `openai`
 *   SDK (children/openai-chat), as its README sets it up for Node (undici fetch and dispatcher)
 *   and on Node's built-in fetch (no undici to load). All run under GNU time (peak RSS); a sample counts only when the
 *   process exits 0, the server saw exactly the requests it should (with the key: the servers accept
 *   no other), and the name was resolved through the DNS responder;
 * - `dashscope-verify --help` cold start, next to node starting an empty script, and the same for
 *   the standalone bundle (`npm run bundle`: dist/dashscope-verify.cjs, copied alone into an empty
 *   directory and run with plain node), with the bundle's size;
 * - SSE parsing throughput: one `node --expose-gc` child parses a ≥ 24 MiB synthetic stream with
 *   `ChatStreamReader` and with a bare eventsource-parser + JSON.parse floor (children/sse-throughput).
 */
import * as fs from "fs";
import * as path from "path";
import type { VerifyWorld } from "../test/support";
import { BenchCheck, BenchGroup, MetricSpec, Sample, ratioCheck, valueCheck } from "./harness";
import { CHILD_ENV, ROOT, parseReport, runProcess, runWithGnuTime, tail, tempDir } from "./spawn";

const BIN = path.join(ROOT, "dist", "bin", "dashscope-verify.js");
const CHILD = (name: string) => path.join(__dirname, "children", `${name}.js`);
/** The fake key: the servers accept only it, so every sample proves the key was sent. */
const KEY_ENV = "DASHSCOPE_API_KEY";
const KEY = "sk-bench-loopback-0123456789abcdef";
/** Size of the synthetic SSE stream, MiB. */
const SSE_MIB = 24;
/** The checks `dashscope-verify` runs against an https target, in its order. */
const CHECKS = ["dns", "tcp", "tls", "models", "chat", "stream"];
/** A process case that has not exited after this long is killed (and the run fails). */
const PROCESS_TIMEOUT_MS = 30_000;

export const VERIFY_CASES = {
  verifier: "verify.process.dashscope-verify",
  floor: "verify.process.undici-floor",
  openai: "verify.process.openai-sdk",
  openaiBuiltin: "verify.process.openai-sdk-builtin-fetch",
  help: "verify.help.dashscope-verify",
  bundleHelp: "verify.help.bundle",
  node: "verify.help.node-empty",
  reader: "verify.sse.reader",
  sseFloor: "verify.sse.floor",
} as const;

const THROUGHPUT: MetricSpec = { key: "mbPerSec", label: "throughput", unit: "MB/s" };
const BUNDLE_SIZE: MetricSpec = { key: "sizeKiB", label: "size", unit: "KiB" };


/**
 * The per-check durations `dashscope-verify` printed (`PASS  dns     3 ms  ...`); every check of an
 * https target must have passed.
 */
export function verifierPhases(stdout: string): Record<string, number> {
  const phases: Record<string, number> = {};
  for (const match of stdout.matchAll(/^(PASS|WARN|FAIL|SKIP) {2}(\w+) +(\d+) ms/gm)) {
    if (match[1] !== "PASS") throw new Error(`dashscope-verify: ${match[2]} did not pass: ${match[0]}`);
    phases[match[2]] = Number(match[3]);
  }
  const missing = CHECKS.filter((c) => phases[c] === undefined);
  if (missing.length > 0) throw new Error(`dashscope-verify printed no PASS line for ${missing.join(", ")}:\n${tail(stdout)}`);
  return phases;
}

export function verifyGroups(): BenchGroup[] {
  let world: VerifyWorld | undefined;
  /** NODE_EXTRA_CA_CERTS for the built-in fetch case: the machine's own extra CAs (if any) plus the test CA. */
  let extraCa: ReturnType<typeof tempDir> | undefined;
  const env = (): NodeJS.ProcessEnv => ({ ...CHILD_ENV, [KEY_ENV]: KEY });
  const target = (): string[] => ["--base-url", world!.customBaseUrl, "--dns-server", world!.dns.address, "--ca", world!.caFile];

  /** Runs one sample of a process case and checks what the servers saw. */
  const sample = async (routes: readonly string[], take: () => Promise<Sample>): Promise<Sample> => {
    world!.https.resetRecords();
    world!.dns.queries.length = 0;
    const result = await take();
    const seen = world!.https.requests.map((r) => r.route ?? r.path);
    if (seen.join(",") !== routes.join(",")) throw new Error(`the server saw ${seen.join(", ") || "nothing"}; expected ${routes.join(", ")}`);
    if (world!.dns.queries.length === 0) throw new Error("nothing was resolved through the DNS responder");
    return result;
  };
  const reportingChild = async (name: string, routes: readonly string[], extra: readonly string[] = [], extraEnv: NodeJS.ProcessEnv = {}): Promise<Sample> =>
    sample(routes, async () => {
      const { run, rssMB } = await runWithGnuTime(process.execPath, [CHILD(name), ...target(), "--api-key-env", KEY_ENV, ...extra], { env: { ...env(), ...extraEnv }, timeoutMs: PROCESS_TIMEOUT_MS });
      const report = parseReport(name, run);
      return { wallMs: run.wallMs, rssMB: rssMB ?? report.maxRssKB / 1024, phases: report.phases };
    });

  const processes: BenchGroup = {
    id: "verify.process",
    title: "verifier, fresh process against loopback",
    rounds: { warmup: 2, samples: 30 },
    quickRounds: { warmup: 1, samples: 3 },
    setup: async () => {
      const { startVerifyWorld } = await import("../test/support");
      world = await startVerifyWorld({ apiKey: KEY });
      // Node parses NODE_EXTRA_CA_CERTS at start-up: the case that needs it keeps the machine's
      // file in it, so it starts exactly like the other processes.
      extraCa = tempDir("verify-ca");
      const inherited = CHILD_ENV.NODE_EXTRA_CA_CERTS && fs.existsSync(CHILD_ENV.NODE_EXTRA_CA_CERTS) ? fs.readFileSync(CHILD_ENV.NODE_EXTRA_CA_CERTS, "utf8") : "";
      fs.writeFileSync(path.join(extraCa.dir, "extra-ca.pem"), `${inherited.trimEnd()}\n${world.caPem}`);
    },
    teardown: async () => {
      await world?.close();
      extraCa?.remove();
      world = undefined;
    },
    cases: [
      {
        id: VERIFY_CASES.verifier,
        title: "`dashscope-verify`, all 6 checks",
        mode: "fresh process",
        run: () =>
          sample(["models", "chat", "stream"], async () => {
            const { run, rssMB } = await runWithGnuTime(process.execPath, [BIN, ...target()], { env: env(), timeoutMs: PROCESS_TIMEOUT_MS });
            return { wallMs: run.wallMs, rssMB, phases: verifierPhases(run.stdout) };
          }),
      },
      {
        id: VERIFY_CASES.floor,
        title: "floor: the same requests with undici alone",
        mode: "fresh process",
        run: () => reportingChild("undici-floor", ["models", "chat", "stream"]),
      },
      {
        id: VERIFY_CASES.openai,
        title: "`openai` SDK, one chat completion",
        mode: "fresh process",
        run: () => reportingChild("openai-chat", ["chat"]),
      },
      {
        id: VERIFY_CASES.openaiBuiltin,
        title: "`openai` SDK, one chat completion, Node's built-in fetch",
        mode: "fresh process",
        run: () => reportingChild("openai-chat", ["chat"], ["--builtin-fetch"], { NODE_EXTRA_CA_CERTS: path.join(extraCa!.dir, "extra-ca.pem") }),
      },
    ],
  };

  let bundle: ReturnType<typeof tempDir> | undefined;
  const help: BenchGroup = {
    id: "verify.help",
    title: "dashscope-verify --help, cold start",
    rounds: { warmup: 2, samples: 30 },
    quickRounds: { warmup: 1, samples: 3 },
    setup: async () => {
      // The standalone build, alone in an empty directory: what a runner without npm gets.
      const built = await runProcess(process.execPath, [path.join(ROOT, "scripts", "bundle.js")], { timeoutMs: 120_000 });
      if (built.code !== 0) throw new Error(`npm run bundle failed:\n${tail(built.stderr)}`);
      bundle = tempDir("verify-bundle");
      fs.copyFileSync(path.join(ROOT, "dist", "dashscope-verify.cjs"), path.join(bundle.dir, "dashscope-verify.cjs"));
    },
    teardown: async () => {
      bundle?.remove();
      bundle = undefined;
    },
    cases: [
      {
        id: VERIFY_CASES.help,
        title: "`dashscope-verify --help`",
        mode: "fresh process",
        run: async () => {
          const { run, rssMB } = await runWithGnuTime(process.execPath, [BIN, "--help"], { env: CHILD_ENV, timeoutMs: PROCESS_TIMEOUT_MS });
          if (!run.stdout.startsWith("dashscope-verify: prove")) throw new Error(`--help printed: ${run.stdout.slice(0, 200)}`);
          return { wallMs: run.wallMs, rssMB };
        },
      },
      {
        id: VERIFY_CASES.bundleHelp,
        title: "`node dashscope-verify.cjs --help` (the bundle, from an empty directory)",
        mode: "fresh process",
        metrics: [BUNDLE_SIZE],
        run: async () => {
          const file = path.join(bundle!.dir, "dashscope-verify.cjs");
          const { run, rssMB } = await runWithGnuTime(process.execPath, [file, "--help"], { cwd: bundle!.dir, env: CHILD_ENV, timeoutMs: PROCESS_TIMEOUT_MS });
          if (!run.stdout.startsWith("dashscope-verify: prove")) throw new Error(`the bundle's --help printed: ${run.stdout.slice(0, 200)}`);
          return { wallMs: run.wallMs, rssMB, metrics: { sizeKiB: fs.statSync(file).size / 1024 } };
        },
      },
      {
        id: VERIFY_CASES.node,
        title: "node running an empty script",
        mode: "fresh process",
        run: async () => {
          const { run, rssMB } = await runWithGnuTime(process.execPath, [CHILD("noop")], { env: CHILD_ENV, timeoutMs: PROCESS_TIMEOUT_MS });
          return { wallMs: run.wallMs, rssMB };
        },
      },
    ],
  };

  const sse: BenchGroup = {
    id: "verify.sse",
    title: "SSE parsing throughput, in-process",
    rounds: { warmup: 3, samples: 15 },
    quickRounds: { warmup: 1, samples: 3 },
    cases: [
      { id: VERIFY_CASES.reader, title: `ChatStreamReader, ${SSE_MIB} MiB stream in 1–8 KiB pieces`, mode: "in-process", metrics: [THROUGHPUT] },
      { id: VERIFY_CASES.sseFloor, title: "floor: eventsource-parser + JSON.parse, same stream", mode: "in-process", metrics: [THROUGHPUT] },
    ],
    runAll: async (cases, rounds) => {
      const parsers = cases.map((c) => c.id.slice("verify.sse.".length));
      const args = ["--parsers", parsers.join(","), "--warmup", String(rounds.warmup), "--samples", String(rounds.samples), "--mib", String(SSE_MIB)];
      const run = await runProcess(process.execPath, ["--expose-gc", CHILD("sse-throughput"), ...args], { timeoutMs: 120_000 });
      const byParser = (parseReport("sse-throughput", run).data as { samples: Record<string, Sample[]> }).samples;
      return Object.fromEntries(parsers.map((p) => [`verify.sse.${p}`, byParser[p]]));
    },
  };
  return [processes, help, sse];
}

export function verifyChecks(): BenchCheck[] {
  const c = VERIFY_CASES;
  return [
    ratioCheck("verify.vs-floor.wall", "`dashscope-verify` / raw undici floor, wall, fresh process", c.verifier, c.floor, "wallMs", { op: "<=", limit: 1.3 }),
    ratioCheck("verify.vs-openai.wall", "`dashscope-verify` / `openai` SDK single chat call, wall, fresh process", c.verifier, c.openai, "wallMs", { op: "<=", limit: 1 }),
    ratioCheck("verify.vs-openai-builtin.wall", "`dashscope-verify` / `openai` SDK on Node's built-in fetch, wall", c.verifier, c.openaiBuiltin, "wallMs", undefined, "no undici to load"),
    ratioCheck("verify.vs-floor.rss", "`dashscope-verify` / raw undici floor, peak RSS", c.verifier, c.floor, "rssMB", undefined, "no target"),
    ratioCheck("verify.vs-openai.rss", "`dashscope-verify` / `openai` SDK, peak RSS", c.verifier, c.openai, "rssMB", undefined, "no target"),
    valueCheck("verify.help.wall", "`dashscope-verify --help` cold start, wall", c.help, "wallMs", "ms", { op: "<=", limit: 150 }),
    ratioCheck("verify.help.vs-node", "`dashscope-verify --help` / node running an empty script, wall", c.help, c.node, "wallMs", undefined, "share of node start-up"),
    valueCheck("verify.bundle.help.wall", "standalone bundle `--help` cold start, wall", c.bundleHelp, "wallMs", "ms", undefined, "one file, no node_modules"),
    ratioCheck("verify.bundle.help.vs-node", "standalone bundle `--help` / node running an empty script, wall", c.bundleHelp, c.node, "wallMs", undefined, "parsing one 0.6 MB file"),
    valueCheck("verify.bundle.size", "standalone bundle size (dist/dashscope-verify.cjs, minified)", c.bundleHelp, `metrics.${BUNDLE_SIZE.key}`, "KiB", { op: "<=", limit: 1024 }),
    valueCheck("verify.sse.throughput", "SSE parsing throughput, `ChatStreamReader`", c.reader, `metrics.${THROUGHPUT.key}`, "MB/s", { op: ">=", limit: 50 }),
    ratioCheck("verify.sse.vs-floor", "`ChatStreamReader` / eventsource-parser + JSON.parse floor, parse time", c.reader, c.sseFloor, "wallMs", undefined, "the reader's own cost"),
  ];
}
