/**
 * `planOffline`: real `terraform init`, `validate` and `plan` of a synthesized stack, offline. The
 * stack is copied to a temporary directory; the stand-in provider is installed there as
 * registry.terraform.io/aliyun/alicloud through a filesystem mirror and a generated CLI config
 * (TF_CLI_CONFIG_FILE: nothing is written to the user's terraform configuration); an override file
 * swaps any backend for a local one and gives variables without a default a type-correct dummy
 * default. Terraform needs no network: the checkpoint call is off and providers come only from
 * the mirror.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OfflineDiagnostic, fromInitOutput, fromPlanStream, fromTerraform } from "./diagnostics";
import { PROVIDER_ADDRESS, loadProviderSchema } from "./schema";
import { dummyValue } from "./variables";

/** The provider version the pinned schema is from. */
export const PINNED_PROVIDER_VERSION = "1.289.0";

export interface PlanOfflineOptions {
  /**
   * A `terraform providers schema -json` file to serve.
   * @default - the pinned aliyun/alicloud 1.289.0 schema shipped in this package (provider/alicloud-schema.json)
   */
  readonly schema?: string;
  /** A tfvars file passed to `plan` as `-var-file`; its values win over the dummy defaults. @default - none */
  readonly varFile?: string;
  /** The terraform executable. @default "terraform" (from PATH) */
  readonly terraform?: string;
  /** Run `plan` after a clean `validate`. @default true */
  readonly plan?: boolean;
  /** Kill a terraform command that runs longer than this. @default 300000 */
  readonly timeoutMs?: number;
}

export interface OfflineReport {
  /** The stack's directory, as given. */
  readonly stack: string;
  readonly validate: { readonly ok: boolean; readonly diagnostics: OfflineDiagnostic[] };
  /** `null` when plan did not run (`plan: false`, or init/validate failed). */
  readonly plan: {
    readonly ok: boolean;
    readonly add: number;
    readonly change: number;
    readonly destroy: number;
    /** Resources an `import` block brings in (each also counts as a change: the stand-in cannot read the real object). */
    readonly import: number;
    readonly diagnostics: OfflineDiagnostic[];
  } | null;
  /** Wall time of each phase, ms, and how many times terraform started the stand-in (once per provider configuration per command, plus schema loads). */
  readonly timings: { readonly initMs: number; readonly validateMs: number; readonly planMs: number; readonly totalMs: number; readonly providerStarts: number };
}

/** Where the package's own files are: lib/testing (ts-jest) or dist/lib/testing (compiled). */
const PACKAGE_ROOT = path.resolve(__dirname, __filename.endsWith(".ts") ? "../.." : "../../..");
export const PINNED_SCHEMA = path.join(PACKAGE_ROOT, "provider", "alicloud-schema.json");
const PLUGIN_MAIN = path.join(PACKAGE_ROOT, "dist", "lib", "testing", "plugin-main.js");

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    const done = (code: number | null, extra = "") => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") + extra, ms: Date.now() - started });
    };
    child.on("error", (e) => done(null, `\n╷\n│ Error: cannot run ${cmd}: ${e.message}\n╵\n`));
    child.on("close", (code, signal) => done(code, signal ? `\n╷\n│ Error: terraform ${args[0]} was killed (${signal}) after ${timeoutMs} ms\n╵\n` : ""));
  });
}

const platforms = new Map<string, Promise<{ version: string; platform: string }>>();

/** Terraform's version and platform (`linux_amd64`), once per executable. */
export function terraformInfo(terraform = "terraform"): Promise<{ version: string; platform: string }> {
  let info = platforms.get(terraform);
  if (!info) {
    info = run(terraform, ["version", "-json"], os.tmpdir(), { ...process.env, CHECKPOINT_DISABLE: "1" }, 30_000).then((r) => {
      if (r.code !== 0) throw new Error(`cannot run \`${terraform} version -json\`: ${r.stderr.trim() || `exit ${r.code}`}; install terraform >= 1.5 or pass its path`);
      const parsed = JSON.parse(r.stdout) as { terraform_version: string; platform: string };
      return { version: parsed.terraform_version, platform: parsed.platform };
    });
    platforms.set(terraform, info);
  }
  return info;
}

function providerVersion(tf: Record<string, unknown>[]): string {
  for (const doc of tf) {
    const rp = (doc.terraform as { required_providers?: Record<string, { source?: string; version?: string }> } | undefined)?.required_providers;
    for (const p of Object.values(rp ?? {})) {
      const exact = /^=?\s*(\d+\.\d+\.\d+)$/.exec(p.version?.trim() ?? "");
      if (/(^|\/)aliyun\/alicloud$/.test(p.source ?? "") && exact) return exact[1];
    }
  }
  return PINNED_PROVIDER_VERSION;
}

/** Copies the stack, leaving out terraform's working files, lock file (it pins the real provider's hashes) and state. */
function copyStack(from: string, to: string): Record<string, unknown>[] {
  const skip = /^(\.terraform|\.terraform\.lock\.hcl|terraform\.tfstate\.d|.*\.tfstate(\.backup)?)$/;
  fs.cpSync(from, to, { recursive: true, filter: (src) => !skip.test(path.basename(src)) });
  return fs
    .readdirSync(to)
    .filter((f) => f.endsWith(".tf.json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(to, f), "utf8")) as Record<string, unknown>);
}

function writeOverride(dir: string, docs: Record<string, unknown>[]): void {
  const variables: Record<string, { default: unknown }> = {};
  for (const doc of docs) {
    for (const [name, v] of Object.entries((doc.variable ?? {}) as Record<string, { type?: string; default?: unknown }>)) {
      if (!("default" in v)) variables[name] = { default: dummyValue(v.type, name) };
    }
  }
  const override: Record<string, unknown> = { terraform: { backend: { local: { path: path.join(dir, "..", "offline.tfstate") } } } };
  if (Object.keys(variables).length) override.variable = variables;
  fs.writeFileSync(path.join(dir, "zz_offline_override.tf.json"), JSON.stringify(override, null, 2));
}

/** The filesystem mirror with the stand-in as the pinned provider version, and the CLI config using only it. */
function installStandIn(work: string, platform: string, version: string, schema: string): string {
  const pkgDir = path.join(work, "mirror", PROVIDER_ADDRESS, version, platform);
  fs.mkdirSync(pkgDir, { recursive: true });
  const launcher = path.join(pkgDir, `terraform-provider-alicloud_v${version}`);
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  // Each start appends one byte to work/starts: the report's providerStarts.
  fs.writeFileSync(launcher, `#!/bin/sh\nprintf . >> ${q(path.join(work, "starts"))}\nexec ${q(process.execPath)} ${q(PLUGIN_MAIN)} ${q(schema)}\n`, { mode: 0o755 });
  const config = path.join(work, "terraform.rc");
  const hcl = JSON.stringify;
  fs.writeFileSync(
    config,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${hcl(path.join(work, "mirror"))}\n    include = [${hcl(PROVIDER_ADDRESS)}]\n  }\n}\n`,
  );
  return config;
}

/**
 * The stack directories `dir` stands for: itself when it holds `*.tf.json` / `*.tf` files, else every
 * stack under its `stacks/` (a cdktf output directory, or what cdktf's `Testing.fullSynth` returns).
 */
export function stackDirs(dir: string): string[] {
  const hasTf = (d: string) => fs.existsSync(d) && fs.statSync(d).isDirectory() && fs.readdirSync(d).some((f) => f.endsWith(".tf.json") || f.endsWith(".tf"));
  if (hasTf(dir)) return [dir];
  const stacks = path.join(dir, "stacks");
  const found = fs.existsSync(stacks) ? fs.readdirSync(stacks).sort().map((s) => path.join(stacks, s)).filter(hasTf) : [];
  if (found.length === 0) throw new Error(`${dir} is not a stack directory (no *.tf.json in it) nor a cdktf output directory with stacks/; synthesize first (npm run synth, cdktf synth or Testing.fullSynth)`);
  return found;
}

/**
 * Runs terraform init, validate and (unless `plan: false`) plan on one synthesized stack: a stack
 * directory, or a cdktf output directory holding exactly one stack (`Testing.fullSynth(stack)`).
 */
export async function planOffline(dir: string, options: PlanOfflineOptions = {}): Promise<OfflineReport> {
  const started = Date.now();
  const dirs = stackDirs(dir);
  if (dirs.length !== 1) throw new Error(`planOffline: ${dir} holds ${dirs.length} stacks (${dirs.map((d) => path.basename(d)).join(", ")}); pass one stack directory`);
  const stackDir = dirs[0];
  if (process.platform === "win32") throw new Error("planOffline: the stand-in provider's launcher is a shell script; run it on Linux or macOS (e.g. WSL)");
  if (!fs.existsSync(PLUGIN_MAIN)) throw new Error(`planOffline: ${PLUGIN_MAIN} is missing; build the package first (npm run build)`);
  const schema = path.resolve(options.schema ?? PINNED_SCHEMA);
  loadProviderSchema(schema); // a wrong file fails here, with its reason, not as a plugin that did not start
  const timeoutMs = options.timeoutMs ?? 300_000;
  const terraform = options.terraform ?? "terraform";
  const { platform } = await terraformInfo(terraform);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "dspl-tfcheck-"));
  try {
    const dir = path.join(work, "stack");
    const docs = copyStack(path.resolve(stackDir), dir);
    writeOverride(dir, docs);
    const env = terraformEnv(work, installStandIn(work, platform, providerVersion(docs), schema));
    const tf = (args: string[]) => run(terraform, args, dir, env, timeoutMs);

    const init = await tf(["init", "-input=false", "-no-color"]);
    const timings = { initMs: init.ms, validateMs: 0, planMs: 0 };
    const starts = () => (fs.existsSync(path.join(work, "starts")) ? fs.statSync(path.join(work, "starts")).size : 0);
    const finish = (report: Omit<OfflineReport, "timings" | "stack">): OfflineReport => ({ stack: stackDir, ...report, timings: { ...timings, totalMs: Date.now() - started, providerStarts: starts() } });
    if (init.code !== 0) {
      const diagnostics = fromInitOutput(init.stderr + init.stdout);
      if (!diagnostics.some((d) => d.severity === "error")) diagnostics.push(fromTerraform("init", { severity: "error", summary: `terraform init failed (exit ${init.code})`, detail: init.stderr.trim() }));
      return finish({ validate: { ok: false, diagnostics }, plan: null });
    }

    const validate = await tf(["validate", "-json", "-no-color"]);
    timings.validateMs = validate.ms;
    let diagnostics: OfflineDiagnostic[];
    try {
      diagnostics = ((JSON.parse(validate.stdout) as { diagnostics?: [] }).diagnostics ?? []).map((d) => fromTerraform("validate", d));
    } catch {
      diagnostics = [fromTerraform("validate", { severity: "error", summary: `terraform validate printed no JSON (exit ${validate.code})`, detail: validate.stderr.trim() })];
    }
    const validateOk = validate.code === 0 && !diagnostics.some((d) => d.severity === "error");
    if (!validateOk || options.plan === false) return finish({ validate: { ok: validateOk, diagnostics }, plan: null });

    const varFile = options.varFile ? [`-var-file=${path.resolve(options.varFile)}`] : [];
    const plan = await tf(["plan", "-json", "-input=false", "-lock=false", "-no-color", ...varFile]);
    timings.planMs = plan.ms;
    const parsed = fromPlanStream(plan.stdout);
    if (plan.code !== 0 && !parsed.diagnostics.some((d) => d.severity === "error")) {
      parsed.diagnostics.push(fromTerraform("plan", { severity: "error", summary: `terraform plan failed (exit ${plan.code})`, detail: plan.stderr.trim() }));
    }
    const planOk = plan.code === 0 && !parsed.diagnostics.some((d) => d.severity === "error");
    const c = parsed.changes ?? { add: 0, change: 0, remove: 0 };
    const counts = { add: c.add, change: c.change, destroy: c.remove, import: c.import ?? 0 };
    return finish({ validate: { ok: true, diagnostics }, plan: { ok: planOk, ...counts, diagnostics: parsed.diagnostics } });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The environment of every terraform run: the caller's, without what would send terraform elsewhere
 * (TF_CLI_ARGS*, TF_DATA_DIR, TF_PLUGIN_CACHE_DIR, TF_WORKSPACE), with the stand-in's CLI config, and
 * PLUGIN_UNIX_SOCKET_DIR in `work` (go-plugin and the stand-in put their sockets there), so that
 * deleting `work` removes them even when the plugin was killed.
 */
export function terraformEnv(work: string, cliConfigFile: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
  for (const k of Object.keys(env)) if (/^TF_(CLI_ARGS.*|DATA_DIR|PLUGIN_CACHE_DIR|WORKSPACE)$/.test(k)) delete env[k];
  env.TF_CLI_CONFIG_FILE = cliConfigFile;
  env.PLUGIN_UNIX_SOCKET_DIR = work;
  return env;
}

/**
 * The provider schema terraform receives from the stand-in: `terraform providers schema -json` in
 * an empty configuration that requires aliyun/alicloud. Equal to the served file when the stand-in
 * encodes the schema faithfully (a test asserts it for the pinned schema).
 */
export async function servedSchema(options: Pick<PlanOfflineOptions, "schema" | "terraform" | "timeoutMs"> = {}): Promise<unknown> {
  const terraform = options.terraform ?? "terraform";
  const { platform } = await terraformInfo(terraform);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "dspl-tfcheck-schema-"));
  try {
    const dir = path.join(work, "stack");
    fs.mkdirSync(dir);
    const config = { terraform: { required_providers: { alicloud: { source: "aliyun/alicloud", version: PINNED_PROVIDER_VERSION } } } };
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config));
    const env = terraformEnv(work, installStandIn(work, platform, PINNED_PROVIDER_VERSION, path.resolve(options.schema ?? PINNED_SCHEMA)));
    for (const args of [["init", "-input=false", "-no-color"], ["providers", "schema", "-json"]]) {
      const r = await run(terraform, args, dir, env, options.timeoutMs ?? 300_000);
      if (r.code !== 0) throw new Error(`terraform ${args.join(" ")} failed (exit ${r.code}): ${r.stderr.trim()}`);
      if (args[0] === "providers") return JSON.parse(r.stdout);
    }
    return undefined;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
