/**
 * Issue 11: what the offline terraform check costs. Two groups:
 *
 * - offline plan: `planOffline` (terraform init, validate -json, plan -json against the stand-in
 *   provider) of every example stack `npm run synth` writes, in this process, one stack at a time;
 *   phases init/validate/plan and the number of provider start-ups terraform made;
 * - stand-in start-up: spawn of the plugin with terraform's handshake environment (magic cookie,
 *   AutoMTLS client certificate) until it prints the go-plugin handshake line, next to node running
 *   an empty script. Terraform starts the plugin once per provider configuration per command, so
 *   this times the stack's provider configurations count.
 *
 * Without terraform on PATH the suite has no groups and says so.
 */
import { execFileSync, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { planOffline, PINNED_SCHEMA } from "../lib/testing/driver";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../lib/testing/plugin";
import { selfSignedCertificate } from "../lib/testing/tls";
import { BenchCheck, BenchGroup, Sample, ratioCheck, valueCheck } from "./harness";
import { CHILD_ENV, ROOT, runProcess, tempDir } from "./spawn";

const PLUGIN_MAIN = path.join(ROOT, "dist", "lib", "testing", "plugin-main.js");
const hasTerraform = () => spawnSync("terraform", ["version"], { env: CHILD_ENV }).status === 0;

let stacks: string[] | undefined;
let outdir: ReturnType<typeof tempDir> | undefined;

/** Synthesizes the example app once (at suite construction: the cases are its stacks). */
function exampleStacks(): string[] {
  if (!stacks) {
    outdir = tempDir("tfcheck");
    execFileSync(process.execPath, [path.join(ROOT, "scripts", "synth.js"), "--outdir", outdir.dir], { env: CHILD_ENV, stdio: "ignore" });
    stacks = fs.readdirSync(path.join(outdir.dir, "stacks")).sort();
  }
  return stacks;
}

/** Spawn to handshake line of the stand-in, as terraform starts it. */
function pluginStartup(): Promise<Sample> {
  const clientCert = selfSignedCertificate().certPem;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const env = { ...CHILD_ENV, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "5,6", PLUGIN_CLIENT_CERT: clientCert };
    const child = spawn(process.execPath, [PLUGIN_MAIN, PINNED_SCHEMA], { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      if (!out.includes("\n")) return;
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      child.kill();
      if (/^1\|6\|unix\|[^|]+\|grpc\|[A-Za-z0-9+/]+\n$/.test(out)) resolve({ wallMs });
      else reject(new Error(`stand-in: unexpected handshake line ${JSON.stringify(out)}`));
    });
    child.on("exit", (code) => out.includes("\n") || reject(new Error(`stand-in exited ${code} before its handshake`)));
  });
}

const planId = (stack: string) => `tfcheck.plan.${stack}`;

export function tfcheckGroups(): BenchGroup[] {
  if (!hasTerraform()) {
    process.stderr.write("bench tfcheck: terraform is not on PATH; the offline plan cases are skipped\n");
    return [];
  }
  const plan: BenchGroup = {
    id: "tfcheck.plan",
    title: "offline terraform validate + plan per example stack (stand-in provider)",
    // Two rounds, no warm-up: these times have no target (info), and each round plans all seven
    // stacks (~20 s); five rounds made this group half of the five-minute budget.
    rounds: { warmup: 0, samples: 2 },
    quickRounds: { warmup: 0, samples: 1 },
    teardown: async () => outdir?.remove(),
    cases: exampleStacks().map((stack) => ({
      id: planId(stack),
      title: `planOffline(${stack})`,
      mode: "terraform",
      metrics: [{ key: "providerStarts", label: "provider start-ups", unit: "" }],
      run: async (): Promise<Sample> => {
        const r = await planOffline(path.join(outdir!.dir, "stacks", stack));
        if (!r.validate.ok || !r.plan?.ok) throw new Error(`planOffline(${stack}) was not clean: ${JSON.stringify([...r.validate.diagnostics, ...(r.plan?.diagnostics ?? [])])}`);
        const { initMs, validateMs, planMs, totalMs, providerStarts } = r.timings;
        return { wallMs: totalMs, phases: { init: initMs, validate: validateMs, plan: planMs }, metrics: { providerStarts } };
      },
    })),
  };
  const startup: BenchGroup = {
    id: "tfcheck.startup",
    title: "stand-in provider start-up (spawn to handshake)",
    rounds: { warmup: 2, samples: 15 },
    quickRounds: { warmup: 1, samples: 3 },
    cases: [
      { id: "tfcheck.startup.stand-in", title: "stand-in plugin, AutoMTLS", mode: "fresh process", run: pluginStartup },
      { id: "tfcheck.startup.node", title: "node, empty script", mode: "fresh process", run: async () => ({ wallMs: (await runProcess(process.execPath, ["-e", "0"], { env: CHILD_ENV })).wallMs }) },
    ],
  };
  return [plan, startup];
}

export function tfcheckChecks(): BenchCheck[] {
  if (!stacks) return [];
  return [
    ...stacks.map((s) => valueCheck(`tfcheck.plan.wall:${s}`, `offline validate + plan, ${s}`, planId(s), "wallMs", "ms", undefined, "no target (most of it: provider start-ups × stand-in start-up)")),
    ratioCheck("tfcheck.startup.ratio", "stand-in start-up / node empty script", "tfcheck.startup.stand-in", "tfcheck.startup.node", "wallMs", { op: "<=", limit: 3 }),
  ];
}
