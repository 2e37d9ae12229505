#!/usr/bin/env node
// Builds and packs a flavour of the package from the one source:
//
//   node scripts/pack-flavour.js cdktn [--no-pack]
//
// 1. stages a copy of lib/, bin/, provider/ and the docs in build/<flavour>/ (inside the repo, so
//    the repo's node_modules resolve the core);
// 2. swaps the core's module specifier in the one seam, lib/cdk.ts (and nowhere else: a direct
//    import of the core anywhere else in lib/ or bin/ stops the build);
// 3. generates the alicloud bindings with that core's generator (scripts/gen-bindings.js --core);
// 4. compiles with the repo's compiler options (no source maps: the tarball ships no TypeScript);
// 5. writes the flavour's package.json (scripts/pack-manifest.js) and runs `npm pack` into the repo
//    root. The last line printed is the tarball's file name.
//
// Plain `npm pack` in the repo root stays the cdktf flavour.
"use strict";

const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { FLAVOURS, packedManifest } = require("./pack-manifest");

const ROOT = path.resolve(__dirname, "..");
const STAGED = ["lib", "bin", "provider", "README.md", "LICENSE", "CHANGELOG.md"];
const SEAM = path.join("lib", "cdk.ts");
const CORE_IMPORT = /(?:from\s+|require\(\s*|import\(\s*)["'](cdktf|cdktn)["']/g;
/** The source without its comments, so that a usage example in a doc comment is not taken for an import. */
const COMMENTS = /\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm;

function log(line) {
  process.stderr.write(`pack-flavour: ${line}\n`);
}

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (/\.ts$/.test(entry.name)) out.push(p);
  }
  return out;
}

/** Rewrites the seam's specifier; refuses a direct core import anywhere else. */
function swapSeam(stage, core) {
  const offenders = [];
  for (const dir of ["lib", "bin"]) {
    if (!fs.existsSync(path.join(stage, dir))) continue;
    for (const file of walk(path.join(stage, dir))) {
      const rel = path.relative(stage, file);
      if (rel !== SEAM && CORE_IMPORT.test(fs.readFileSync(file, "utf8").replace(COMMENTS, ""))) offenders.push(rel);
      CORE_IMPORT.lastIndex = 0;
    }
  }
  if (offenders.length) {
    throw new Error(`these files import the CDK core directly instead of through ${SEAM}: ${offenders.join(", ")}`);
  }
  const seam = path.join(stage, SEAM);
  const text = fs.readFileSync(seam, "utf8");
  const matches = text.match(CORE_IMPORT) || [];
  if (matches.length !== 1) throw new Error(`${SEAM} must import the core exactly once, found ${matches.length}`);
  fs.writeFileSync(seam, text.replace(CORE_IMPORT, (m, name) => m.replace(name, core)));
}

function writeTsconfig(stage) {
  const tsconfig = {
    extends: path.relative(stage, path.join(ROOT, "tsconfig.json")).split(path.sep).join("/"),
    compilerOptions: {
      rootDir: ".",
      outDir: "dist",
      sourceMap: false,
      types: ["node"],
      paths: {},
      tsBuildInfoFile: "dist/.tsbuildinfo",
    },
    include: ["lib/**/*.ts", "bin/**/*.ts", ".gen/**/*.ts"],
    exclude: ["dist"],
  };
  fs.writeFileSync(path.join(stage, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
}

function main() {
  const flavour = process.argv[2];
  const noPack = process.argv.includes("--no-pack");
  if (!FLAVOURS[flavour]) throw new Error(`usage: node scripts/pack-flavour.js ${Object.keys(FLAVOURS).join("|")} [--no-pack]`);
  const { core } = FLAVOURS[flavour];
  const started = Date.now();
  const stage = path.join(ROOT, "build", flavour);

  // Keep dist/ and the build-info between runs (incremental tsc); replace every staged source.
  fs.mkdirSync(stage, { recursive: true });
  for (const entry of [...STAGED, ".gen"]) fs.rmSync(path.join(stage, entry), { recursive: true, force: true });
  for (const entry of STAGED) {
    const from = path.join(ROOT, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(stage, entry), { recursive: true });
  }
  swapSeam(stage, core);

  execFileSync(process.execPath, [path.join(ROOT, "scripts", "gen-bindings.js"), "--core", core, "--out", path.join(stage, ".gen")], {
    cwd: stage,
    stdio: ["ignore", "ignore", "inherit"],
  });
  writeTsconfig(stage);
  fs.rmSync(path.join(stage, "dist", "lib"), { recursive: true, force: true });
  fs.rmSync(path.join(stage, "dist", "bin"), { recursive: true, force: true });
  fs.rmSync(path.join(stage, "dist", ".gen"), { recursive: true, force: true });
  fs.rmSync(path.join(stage, "dist", ".tsbuildinfo"), { force: true });
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(stage, "tsconfig.json")], {
    cwd: stage,
    stdio: "inherit",
  });

  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  // Other built files the package ships (e.g. a bundle in dist/) do not depend on the core: take the
  // repo's build of them.
  for (const entry of pkg.files) {
    if (!entry.startsWith("dist/") || /[*!]/.test(entry) || /^dist\/(lib|bin|\.gen)(\/|$)/.test(entry)) continue;
    const from = path.join(ROOT, entry);
    if (!fs.existsSync(from)) throw new Error(`${entry} (in package.json files) is not built; build it first`);
    fs.cpSync(from, path.join(stage, entry), { recursive: true });
  }
  fs.writeFileSync(path.join(stage, "package.json"), `${JSON.stringify(packedManifest(pkg, flavour), null, 2)}\n`);
  log(`${flavour}: built in ${((Date.now() - started) / 1000).toFixed(1)} s in ${path.relative(ROOT, stage)}`);
  if (noPack) {
    process.stdout.write(`${stage}\n`);
    return;
  }
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", ROOT], {
    cwd: stage,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [{ filename, size }] = JSON.parse(out);
  log(`${filename}: ${(size / 1024).toFixed(0)} KiB`);
  process.stdout.write(`${filename}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`pack-flavour: ${err && err.message ? err.message : err}\n`);
  process.exitCode = 1;
}
