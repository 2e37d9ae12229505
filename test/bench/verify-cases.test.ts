// The verifier cases of `npm run bench`: their scripts send what the verifier sends, the synthetic
// SSE stream is one the verifier's reader accepts, and each case yields a valid sample against the
// loopback servers. Timings are never asserted (npm run bench measures them). The process cases run
// compiled JavaScript, which jest's globalSetup rebuilds when a source is newer (test/global-setup.js).
import * as fs from "node:fs";
import * as path from "node:path";
import { ChatStreamReader, DEFAULT_MAX_COMPLETION_TOKENS, DEFAULT_MODEL } from "cdktf-dashscope-privatelink/verify";
import { VERIFY_PROMPT, chatRequestBody } from "../../lib/verify/api";
import { splitStream, syntheticChatStream } from "../../bench/children/sse-stream";
import { BENCH_PROMPT, benchChatBody, parseTargetArgs } from "../../bench/children/verify-requests";
import { SUITES } from "../../bench/suites";
import { VERIFY_CASES, verifierPhases, verifyChecks, verifyGroups } from "../../bench/verify-cases";

const ROOT = path.resolve(__dirname, "..", "..");
/** The compiled cases: they locate the children and the CLI under dist/. */
const COMPILED = path.join(ROOT, "dist", "bench", "verify-cases.js");
const compiled = (): typeof import("../../bench/verify-cases") => {
  if (!fs.existsSync(COMPILED)) throw new Error(`${COMPILED} is missing: the jest globalSetup should have built it (scripts/build-if-stale.js)`);
  return require(COMPILED) as typeof import("../../bench/verify-cases");
};

describe("verifier comparison scripts", () => {
  test("send the verifier's chat and stream bodies", () => {
    expect(BENCH_PROMPT).toBe(VERIFY_PROMPT);
    for (const stream of [false, true]) expect(benchChatBody(stream)).toEqual(chatRequestBody(DEFAULT_MODEL, DEFAULT_MAX_COMPLETION_TOKENS, stream));
  });

  test("require every target argument", () => {
    expect(parseTargetArgs(["--base-url", "https://h:1/v1", "--dns-server", "127.0.0.1:53", "--ca", "ca.pem", "--api-key-env", "K"])).toEqual({
      baseUrl: "https://h:1/v1",
      dnsServer: "127.0.0.1:53",
      ca: "ca.pem",
      apiKeyEnv: "K",
    });
    expect(() => parseTargetArgs(["--base-url", "https://h:1/v1"])).toThrow(/^--dns-server is required/);
  });
});

describe("synthetic SSE stream", () => {
  const MiB = 1024 * 1024;
  const stream = syntheticChatStream(2 * MiB);

  test("is at least the size asked for and the same for the same seed", () => {
    expect(stream.wire.length).toBeGreaterThanOrEqual(2 * MiB);
    expect(syntheticChatStream(64 * 1024).wire.equals(syntheticChatStream(64 * 1024).wire)).toBe(true);
    expect(syntheticChatStream(64 * 1024, 1).wire.equals(syntheticChatStream(64 * 1024, 2).wire)).toBe(false);
  });

  test("is made of chat.completion.chunk events ending in a usage chunk and [DONE]", () => {
    const events = stream.wire.toString("utf8").split("\n\n").filter(Boolean);
    expect(events).toHaveLength(stream.events);
    expect(events[events.length - 1]).toBe("data: [DONE]");
    for (const event of events.slice(0, -1)) expect(JSON.parse(event.replace(/^data: /, ""))).toMatchObject({ object: "chat.completion.chunk", model: "qwen-plus" });
    expect(JSON.parse(events[events.length - 2].slice(6))).toMatchObject({ choices: [], usage: { prompt_tokens: 14 } });
  });

  test("is cut into pieces of the given sizes, some inside a multi-byte character", () => {
    const pieces = splitStream(stream.wire, 1024, 8192);
    expect(Buffer.concat(pieces).equals(stream.wire)).toBe(true);
    for (const piece of pieces.slice(0, -1)) {
      expect(piece.length).toBeGreaterThanOrEqual(1024);
      expect(piece.length).toBeLessThanOrEqual(8192);
    }
    // A piece that starts with a UTF-8 continuation byte was cut inside a character.
    expect(pieces.some((p) => (p[0] & 0xc0) === 0x80)).toBe(true);
  });

  test("is reassembled exactly by ChatStreamReader from those pieces", () => {
    const reader = new ChatStreamReader(undefined, Infinity);
    for (const piece of splitStream(stream.wire, 1024, 8192)) reader.push(piece);
    const result = reader.end();
    expect(result.text).toBe(stream.text);
    expect(result.events).toBe(stream.events);
    expect(result.finishReason).toBe("stop");
    expect(result.usage?.promptTokens).toBe(14);
    expect(stream.text).toMatch(/[\u4e00-\u9fff]/);
    expect(stream.text).toContain("\n");
  });
});

describe("verifierPhases", () => {
  const stdout = [
    "target https://vpc-ap-southeast-1.dashscope.aliyuncs.com:4433/compatible-mode/v1",
    ...["dns", "tcp", "tls", "models", "chat", "stream"].map((name, i) => `PASS  ${name.padEnd(6)} ${i + 1} ms  ...`),
    "dashscope-verify: 6 passed, 0 failed, 0 warned, 0 skipped in 0.08 s: OK (exit 0)",
  ].join("\n");

  test("reads every check's duration", () => {
    expect(verifierPhases(stdout)).toEqual({ dns: 1, tcp: 2, tls: 3, models: 4, chat: 5, stream: 6 });
  });

  test("rejects a run in which a check did not pass or did not run", () => {
    expect(() => verifierPhases(stdout.replace("PASS  models", "WARN  models"))).toThrow(/^dashscope-verify: models did not pass: WARN {2}models/);
    expect(() => verifierPhases(stdout.replace(/^PASS {2}stream.*$/m, ""))).toThrow(/^dashscope-verify printed no PASS line for stream/);
  });
});

describe("verify suite", () => {
  test("is run by npm run bench, with unique case ids and checks on cases it has", () => {
    expect(SUITES.map((s) => s.id)).toContain("verify");
    const ids = verifyGroups().flatMap((g) => g.cases.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(Object.values(VERIFY_CASES).sort());
    for (const check of verifyChecks()) for (const id of check.needs) expect(ids).toContain(id);
  });

  test("holds the issue's targets", () => {
    const targets = Object.fromEntries(verifyChecks().filter((c) => c.target).map((c) => [c.id, c.target]));
    expect(targets).toEqual({
      "verify.vs-floor.wall": { op: "<=", limit: 1.3 },
      "verify.vs-openai.wall": { op: "<=", limit: 1 },
      "verify.help.wall": { op: "<=", limit: 150 },
      "verify.bundle.size": { op: "<=", limit: 1024 },
      "verify.sse.throughput": { op: ">=", limit: 50 },
    });
  });

  test("every process case yields a valid sample against the loopback servers", async () => {
    const groups = compiled().verifyGroups();
    for (const group of groups.filter((g) => g.id !== "verify.sse")) {
      await group.setup?.();
      try {
        for (const c of group.cases) {
          const sample = await c.run!();
          expect(sample.wallMs).toBeGreaterThan(0);
          if (c.id === VERIFY_CASES.verifier) expect(Object.keys(sample.phases ?? {})).toEqual(["dns", "tcp", "tls", "models", "chat", "stream"]);
          if (c.id === VERIFY_CASES.floor) expect(Object.keys(sample.phases ?? {})).toEqual(["boot", "load", "dns", "models", "chat", "stream", "total"]);
          if (c.id === VERIFY_CASES.openai || c.id === VERIFY_CASES.openaiBuiltin) expect(Object.keys(sample.phases ?? {})).toEqual(["boot", "load", "chat", "total"]);
        }
      } finally {
        await group.teardown?.();
      }
    }
  });

  test("the SSE group reports a throughput per parser", async () => {
    const sse = compiled().verifyGroups().find((g) => g.id === "verify.sse")!;
    const samples = await sse.runAll!(sse.cases, { warmup: 0, samples: 1 });
    expect(Object.keys(samples).sort()).toEqual([VERIFY_CASES.sseFloor, VERIFY_CASES.reader]);
    for (const list of Object.values(samples)) expect(list[0].metrics?.mbPerSec).toBeGreaterThan(0);
  });
});
