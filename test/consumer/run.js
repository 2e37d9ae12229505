#!/usr/bin/env node
// Consumer tests: the packed tarballs installed, for real, into fresh projects outside the repo (no
// tsconfig `paths`, no jest mapping), the way a user gets the package.
//
//   node test/consumer/run.js [--keep] [--no-pack]
//     --keep     leave the temp projects in place and print where they are
//     --no-pack  reuse the tarballs already in the repo root
//
// (a) init-app: exactly what `cdktf init --template=typescript` writes (tsconfig, package.json and
//     cdktf.json taken from cdktf-cli's template), with the README quickstart as main.ts: `tsc`, then
//     `node main.js` synthesizes; check-outputs.ts reads the ./verify subpath. Inside it, separately
//     compiled: baseline/ (the template's own main.ts, for the tsc time without the library),
//     own-bindings/ (d) and examples/ (the repo's examples as user code, the cdktf half of the
//     flavour comparison).
// (b) esm-cdktf: "type": "module", NodeNext, named imports from all three subpaths.
// (c) esm-cdktn: the same app on CDK Terrain with cdktn-dashscope-privatelink, plus examples/ with
//     the specifiers rewritten to "cdktn" / "cdktn-dashscope-privatelink".
// Then: every example stack's cdk.tf.json is byte-identical under both flavours, apart from what the
// core stamps itself (//.metadata.version, the core's version, and the default local backend's
// absolute state path, compared relative to the project); ./verify loads neither core nor
// constructs; installing printed no lifecycle-script warning; and `npx cdktf synth` works in the repo.
//
// Installs use `npm install --prefer-offline`: the packages are the versions of the repo's lock
// file, already in the npm cache after the repo's own `npm ci`.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");
const { ourLifecycleWarning } = require("./npm-output");

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURES = __dirname;
const TEMPLATE = path.join(ROOT, "node_modules", "cdktf-cli", "bundle", "templates", "typescript");
const TSC = require.resolve("typescript/bin/tsc");
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
const version = (name) => lock.packages[`node_modules/${name}`].version;

const args = { keep: process.argv.includes("--keep"), pack: !process.argv.includes("--no-pack") };
const timings = [];
const notes = [];

function timed(label, fn) {
  const started = process.hrtime.bigint();
  const result = fn();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  timings.push([label, ms]);
  process.stderr.write(`consumer: ${label} ${(ms / 1000).toFixed(1)} s\n`);
  return result;
}

/** Every command of the run (npm install, npx, tsc, node) gets this long; a hang fails the run, naming the command. */
const COMMAND_TIMEOUT_MS = 5 * 60_000;

function run(cmd, argv, cwd, env = {}) {
  try {
    return execFileSync(cmd, argv, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
      timeout: COMMAND_TIMEOUT_MS,
      killSignal: "SIGKILL",
    });
  } catch (err) {
    if (err.signal === "SIGKILL" || (err.code === "ETIMEDOUT")) {
      throw new Error(`${path.basename(cwd)}: ${cmd} ${argv.join(" ")} timed out after ${COMMAND_TIMEOUT_MS / 1000} s:\n${err.stdout || ""}${err.stderr || ""}`);
    }
    throw new Error(`${path.basename(cwd)}: ${cmd} ${argv.join(" ")} failed:\n${err.stdout || ""}${err.stderr || ""}`);
  }
}

function write(file, content) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`);
}

/** Specifiers as a CDK Terrain user writes them. */
function toCdktn(source) {
  return source
    .replace(/(["'])cdktf-dashscope-privatelink(\/[a-z]+)?\1/g, (_m, q, sub) => `${q}cdktn-dashscope-privatelink${sub || ""}${q}`)
    .replace(/(["'])cdktf\1/g, "$1cdktn$1");
}

function pack() {
  if (!args.pack) {
    const find = (prefix) => {
      const name = fs.readdirSync(ROOT).find((f) => f.startsWith(prefix) && f.endsWith(".tgz"));
      if (!name) throw new Error(`--no-pack: no ${prefix}*.tgz in the repo root`);
      return path.join(ROOT, name);
    };
    return { cdktf: find("cdktf-dashscope-privatelink-"), cdktn: find("cdktn-dashscope-privatelink-") };
  }
  const cdktf = timed("npm pack (cdktf flavour)", () => {
    const [{ filename }] = JSON.parse(run("npm", ["pack", "--json"], ROOT));
    return path.join(ROOT, filename);
  });
  const cdktn = timed("npm run pack:cdktn", () => {
    const lines = run(process.execPath, [path.join(ROOT, "scripts", "pack-flavour.js"), "cdktn"], ROOT).trim().split("\n");
    return path.join(ROOT, lines[lines.length - 1]);
  });
  return { cdktf, cdktn };
}

/** `npm install` of the tarball and its peers; fails when npm reports a lifecycle script of our package. */
function install(dir, deps, devDeps) {
  const common = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=warn"];
  const out = run("npm", [...common, ...deps], dir) + run("npm", [...common, "--save-dev", ...devDeps], dir);
  const warning = ourLifecycleWarning(out);
  if (warning) throw new Error(`${path.basename(dir)}: installing printed a lifecycle-script warning for our package: ${warning}`);
}

function tsc(dir, project) {
  return run(process.execPath, [TSC, ...(project ? ["-p", project] : [])], dir);
}

/** What cdktf init writes, from cdktf-cli's own template. */
function initApp(dir, name) {
  const fill = (text) =>
    text
      .replace(/\{\{ \$base \}\}/g, name)
      .replace(/\{\{projectId\}\}/g, "00000000-0000-4000-8000-000000000000")
      .replace(/\{\{sendCrashReports\}\}/g, "false")
      .replace(/\{\{futureFlags\}\}/g, "");
  for (const file of ["tsconfig.json", "package.json", "cdktf.json", "main.ts"]) {
    write(path.join(dir, file), fill(fs.readFileSync(path.join(TEMPLATE, file), "utf8")));
  }
}

function stacksOf(outdir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  return Object.fromEntries(
    Object.entries(manifest.stacks).map(([name, s]) => [name, { file: path.join(outdir, s.synthesizedStackPath), annotations: s.annotations }]),
  );
}

/**
 * cdk.tf.json with what the core stamps itself set aside: `//.metadata.version` (the core's own
 * version) and the default local backend's `path`, which the core makes absolute from the project's
 * directory (compared relative to it). Everything else must be byte-identical.
 */
function comparable(file, projectDir) {
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  const stamped = json["//"] && json["//"].metadata ? json["//"].metadata.version : undefined;
  if (stamped !== undefined) json["//"].metadata.version = "<core version>";
  const local = json.terraform && json.terraform.backend && json.terraform.backend.local;
  if (local && typeof local.path === "string" && path.isAbsolute(local.path)) local.path = `<project>/${path.relative(projectDir, local.path)}`;
  return { text: JSON.stringify(json, null, 2), stamped };
}

/** The repo's examples as user code in dir/examples, with a driver that synthesizes every stack the example app builds. */
function addExamples(dir, flavour) {
  const target = path.join(dir, "examples");
  fs.cpSync(path.join(ROOT, "examples"), target, { recursive: true, filter: (src) => fs.statSync(src).isDirectory() || src.endsWith(".ts") });
  for (const file of fs.readdirSync(target, { recursive: true })) {
    const p = path.join(target, file);
    if (p.endsWith(".ts") && flavour === "cdktn") fs.writeFileSync(p, toCdktn(fs.readFileSync(p, "utf8")));
  }
  write(path.join(target, "package.json"), { type: "commonjs" });
  write(path.join(target, "tsconfig.json"), {
    compilerOptions: { target: "ES2022", module: "CommonJS", lib: ["ES2022"], types: ["node"], strict: true, skipLibCheck: true, esModuleInterop: true },
    include: ["**/*.ts"],
  });
  write(path.join(target, "synth-all.js"), `const { buildExampleApp } = require("./app");\nbuildExampleApp({ outdir: process.argv[2], env: {} }).synth();\n`);
  timed(`${flavour} examples: tsc`, () => tsc(target, "."));
  const outdir = path.join(target, "cdktf.out");
  run(process.execPath, ["synth-all.js", outdir], target);
  return outdir;
}

/** The packed tfcheck as installed: real terraform validate and plan on every stack of cdktf.out, exit 0. */
function tfcheckInstalled(dir) {
  const out = run("npx", ["--no-install", "dashscope-privatelink-tfcheck", "cdktf.out", "--json"], dir, {
    PATH: `/usr/local/bin${path.delimiter}${process.env.PATH}`,
  });
  let reports;
  try {
    reports = JSON.parse(out);
  } catch {
    throw new Error(`${path.basename(dir)}: tfcheck --json printed no JSON:\n${out}`);
  }
  const ok = (r) => typeof r.stack === "string" && r.validate && r.validate.ok === true && r.plan && r.plan.ok === true && Number.isInteger(r.plan.add);
  if (!Array.isArray(reports) || reports.length === 0 || !reports.every(ok)) {
    throw new Error(`${path.basename(dir)}: tfcheck --json: want [{ stack, validate: { ok: true }, plan: { ok: true, add } }], got ${out.slice(0, 2000)}`);
  }
  return `tfcheck (installed): ${reports.map((r) => `${path.basename(r.stack)} +${r.plan.add}`).join(", ")}`;
}

function verifyLoadsNoCore(dir, pkgName) {
  const script = `require(${JSON.stringify(`${pkgName}/verify`)});
const loaded = Object.keys(require.cache).filter((f) => /[\\\\/]node_modules[\\\\/](cdktf|cdktn|constructs)[\\\\/]/.test(f));
if (loaded.length) { console.error(loaded.slice(0, 3).join("\\n")); process.exit(1); }`;
  run(process.execPath, ["-e", script], dir);
}

function main() {
  const started = Date.now();
  const peers = { cdktf: `cdktf@${version("cdktf")}`, cdktn: `cdktn@${version("cdktn")}`, constructs: `constructs@${version("constructs")}` };
  const dev = [`typescript@${version("typescript")}`, `@types/node@${version("@types/node")}`];
  let work;
  let sizes;
  try {
    // Packed first: a failed pack leaves no project directory behind.
    const tarballs = pack();
    sizes = Object.fromEntries(Object.entries(tarballs).map(([k, f]) => [k, fs.statSync(f).size]));
    work = fs.mkdtempSync(path.join(os.tmpdir(), "dspl-consumer-"));
    // (a) the stock cdktf init app, with the quickstart.
    const a = path.join(work, "init-app");
    initApp(a, "init-app");
    fs.copyFileSync(path.join(FIXTURES, "init-app", "main.ts"), path.join(a, "main.ts"));
    fs.copyFileSync(path.join(FIXTURES, "init-app", "check-outputs.ts"), path.join(a, "check-outputs.ts"));
    timed("(a) npm install (tarball, cdktf, constructs)", () => install(a, [tarballs.cdktf, peers.cdktf, peers.constructs], dev));
    timed("(a) tsc with the library (quickstart)", () => tsc(a));
    timed("(a) node main.js", () => run(process.execPath, ["main.js"], a));
    timed("(a) npx dashscope-privatelink-tfcheck cdktf.out --json", () => notes.push(tfcheckInstalled(a)));
    notes.push(run(process.execPath, ["check-outputs.js"], a).trim());
    verifyLoadsNoCore(a, "cdktf-dashscope-privatelink");

    const baseline = path.join(a, "baseline");
    initApp(baseline, "baseline");
    fs.rmSync(path.join(baseline, "package.json"));
    timed("(a) tsc without the library (the template's empty stack)", () => tsc(baseline, "."));

    // (d) the user's own bindings, generated separately, for another provider version.
    const d = path.join(a, "own-bindings");
    fs.mkdirSync(d, { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, "own-bindings", "main.ts"), path.join(d, "main.ts"));
    fs.copyFileSync(path.join(a, "tsconfig.json"), path.join(d, "tsconfig.json"));
    run(process.execPath, [path.join(ROOT, "scripts", "gen-bindings.js"), "--out", path.join(d, ".gen")], d);
    const providerFile = path.join(d, ".gen", "providers", "alicloud", "provider", "index.ts");
    fs.writeFileSync(providerFile, fs.readFileSync(providerFile, "utf8").replace("providerVersion: '1.289.0'", "providerVersion: '1.290.0'"));
    timed("(d) tsc with own bindings", () => tsc(d, "."));
    run(process.execPath, ["main.js"], d);
    const own = stacksOf(path.join(d, "cdktf.out"))["own-bindings"];
    const ownJson = JSON.parse(fs.readFileSync(own.file, "utf8"));
    if (ownJson.resource.alicloud_privatelink_vpc_endpoint.Endpoint_EEF1FD8F.provider !== "alicloud.ap_southeast_1") throw new Error("(d) the endpoint does not use the user's provider");
    if (ownJson.terraform.required_providers.alicloud.version !== "1.290.0") throw new Error("(d) required_providers does not follow the user's provider");
    const warned = own.annotations.filter((x) => /1\.290\.0/.test(x.message) && /1\.289\.0/.test(x.message));
    if (warned.length !== 1) throw new Error(`(d) expected one provider-version warning, got ${JSON.stringify(own.annotations)}`);
    notes.push(`(d) warning: ${warned[0].message.slice(0, 120)}...`);

    const cdktfExamples = addExamples(a, "cdktf");

    // (b) ESM on cdktf, (c) the same on CDK Terrain.
    const esm = { compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, types: ["node"] }, include: ["main.ts"] };
    const esmSource = fs.readFileSync(path.join(FIXTURES, "esm-app", "main.ts"), "utf8");
    const outputs = {};
    for (const [label, flavour, source, deps] of [
      ["(b)", "cdktf", esmSource, [tarballs.cdktf, peers.cdktf, peers.constructs]],
      ["(c)", "cdktn", toCdktn(esmSource), [tarballs.cdktn, peers.cdktn, peers.constructs]],
    ]) {
      const dir = path.join(work, `esm-${flavour}`);
      write(path.join(dir, "package.json"), { name: `esm-${flavour}`, private: true, type: "module" });
      write(path.join(dir, "tsconfig.json"), esm);
      write(path.join(dir, "main.ts"), source);
      timed(`${label} npm install (${flavour} flavour)`, () => install(dir, deps, dev));
      timed(`${label} tsc (ESM, NodeNext)`, () => tsc(dir));
      notes.push(run(process.execPath, ["main.js"], dir).trim());
      verifyLoadsNoCore(dir, `${flavour}-dashscope-privatelink`);
      outputs[flavour] = path.join(dir, "cdktf.out");
    }
    const cdktnExamples = addExamples(path.join(work, "esm-cdktn"), "cdktn");

    // The same JSON from both flavours: every stack the example app builds, and the ESM app.
    const compared = [];
    for (const [left, right] of [[cdktfExamples, cdktnExamples], [outputs.cdktf, outputs.cdktn]]) {
      const l = stacksOf(left);
      const r = stacksOf(right);
      if (Object.keys(l).sort().join() !== Object.keys(r).sort().join()) throw new Error(`stacks differ: ${Object.keys(l)} vs ${Object.keys(r)}`);
      for (const name of Object.keys(l)) {
        const [x, y] = [comparable(l[name].file, path.dirname(left)), comparable(r[name].file, path.dirname(right))];
        if (x.text !== y.text) throw new Error(`stack ${name}: cdk.tf.json differs between the cdktf and the cdktn flavour`);
        compared.push(`${name} (//.metadata.version ${x.stamped} vs ${y.stamped})`);
      }
    }
    notes.push(`identical under both flavours: ${compared.join(", ")}`);

    // The repo itself: `npx cdktf synth` runs the devDependency cdktf-cli 0.21.0 through cdktf.json.
    // (Into the repo's cdktf.out: the example app chooses its outdir itself.)
    const cliOut = path.join(ROOT, "cdktf.out");
    fs.rmSync(path.join(cliOut, "manifest.json"), { force: true });
    timed("repo: npx cdktf synth", () => run("npx", ["--no-install", "cdktf", "synth"], ROOT));
    const cliStacks = Object.keys(stacksOf(cliOut));
    if (cliStacks.sort().join() !== Object.keys(stacksOf(cdktfExamples)).sort().join()) throw new Error(`npx cdktf synth wrote ${cliStacks}`);
    notes.push(`npx cdktf synth: ${cliStacks.join(", ")}`);
  } finally {
    if (work && args.keep) process.stderr.write(`consumer: projects kept in ${work}\n`);
    else if (work) fs.rmSync(work, { recursive: true, force: true });
  }
  for (const note of notes) process.stdout.write(`${note}\n`);
  for (const [label, ms] of timings) process.stdout.write(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${label}\n`);
  process.stdout.write(`tarballs: cdktf ${(sizes.cdktf / 1024).toFixed(0)} KiB, cdktn ${(sizes.cdktn / 1024).toFixed(0)} KiB\n`);
  process.stdout.write(`consumer tests passed in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`consumer: FAILED: ${err && err.message ? err.message : err}\n`);
  process.exitCode = 1;
}
