#!/usr/bin/env node
// The package.json that goes into a tarball, derived from the repo's own. Both flavours use it:
// `npm pack` (cdktf) through the prepack/postpack hooks below, `npm run pack:cdktn` through
// scripts/pack-flavour.js.
//
// What changes from the repo's package.json:
// - no lifecycle script runs at install: `prepare` (kept in the repo, so a git install still
//   builds), `preinstall`, `install`, `postinstall` are dropped, and so is every other script;
// - no devDependencies (a consumer never installs them);
// - `typesVersions` is derived from `exports`, so TypeScript's node10 resolution (the
//   `"module": "CommonJS"` tsconfig that `cdktf init` writes) finds every subpath's types;
// - for the cdktn flavour: its name and its peers (cdktn and the constructs range cdktn accepts).
//
//   node scripts/pack-manifest.js prepack    build, then rewrite package.json for packing (backup kept)
//   node scripts/pack-manifest.js postpack   put the repo's package.json back
//   node scripts/pack-manifest.js check      exit 1 when package.json's typesVersions is not derived from exports
"use strict";

const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "package.json");
const BACKUP = path.join(ROOT, "dist", "pack", "package.json.orig");

/** The flavours: the core each builds against, and what its tarball is called and peers on. */
const FLAVOURS = {
  cdktf: {
    name: "cdktf-dashscope-privatelink",
    core: "cdktf",
    peerDependencies: { cdktf: "0.21.x", constructs: "^10.4.2" },
  },
  cdktn: {
    name: "cdktn-dashscope-privatelink",
    core: "cdktn",
    peerDependencies: { cdktn: "^0.24.0", constructs: ">=10.6.0 <10.8.0" },
  },
};

/** `typesVersions` for every subpath of `exports` (except "." and "./package.json"). */
function typesVersionsFor(exportsMap) {
  const map = {};
  for (const [subpath, target] of Object.entries(exportsMap)) {
    if (subpath === "." || subpath === "./package.json" || typeof target !== "object" || !target.types) continue;
    map[subpath.replace(/^\.\//, "")] = [target.types.replace(/^\.\//, "")];
  }
  return { "*": map };
}

/** The subpaths a consumer imports: "" for the root, then "/alicloud", "/verify", ... */
function subpaths(pkg) {
  return Object.keys(pkg.exports)
    .filter((s) => s !== "./package.json")
    .map((s) => (s === "." ? "" : s.slice(1)));
}

/**
 * The manifest of the tarball of `flavour`: no `scripts` at all. npm runs `postpack` (which restores the
 * repo's package.json) from the manifest it read before `prepack`, so the rewritten file needs no hooks.
 */
function packedManifest(pkg, flavour) {
  const f = FLAVOURS[flavour];
  if (!f) throw new Error(`pack-manifest: unknown flavour '${flavour}'; use cdktf or cdktn`);
  const out = {};
  for (const [key, value] of Object.entries(pkg)) {
    if (key === "devDependencies") continue;
    if (key === "scripts") continue;
    out[key] = value;
  }
  out.name = f.name;
  if (flavour === "cdktn") {
    out.description = pkg.description.replace(/^cdktf constructs/, "CDK Terrain (cdktn) constructs");
    out.keywords = [...new Set(["cdktn", "cdk-terrain", ...pkg.keywords.filter((k) => k !== "cdktf")])];
  }
  out.typesVersions = typesVersionsFor(pkg.exports);
  out.peerDependencies = { ...f.peerDependencies };
  return out;
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function prepack() {
  // A pack that died before postpack left the repo's manifest in the backup: take it back first.
  if (fs.existsSync(BACKUP)) fs.copyFileSync(BACKUP, MANIFEST);
  // `prepare` (the build) no longer runs once it is stripped below, so build here.
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-if-stale.js")], { cwd: ROOT, stdio: "inherit" });
  const text = fs.readFileSync(MANIFEST, "utf8");
  // Shipped bundles (dist/*.cjs) are built by `npm run bundle` when the repo has one.
  if (JSON.parse(text).scripts.bundle) execFileSync("npm", ["run", "--silent", "bundle"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  fs.mkdirSync(path.dirname(BACKUP), { recursive: true });
  fs.writeFileSync(BACKUP, text);
  writeJson(MANIFEST, packedManifest(JSON.parse(text), "cdktf"));
}

function postpack() {
  if (!fs.existsSync(BACKUP)) return;
  fs.copyFileSync(BACKUP, MANIFEST);
  fs.rmSync(BACKUP);
}

function check() {
  const pkg = JSON.parse(fs.readFileSync(MANIFEST, "utf8"));
  const want = typesVersionsFor(pkg.exports);
  if (JSON.stringify(pkg.typesVersions) !== JSON.stringify(want)) {
    process.stderr.write(`package.json: typesVersions must be derived from exports; set it to ${JSON.stringify(want)}\n`);
    process.exitCode = 1;
  }
}

module.exports = { FLAVOURS, packedManifest, typesVersionsFor, subpaths };

if (require.main === module) {
  const mode = process.argv[2];
  if (mode === "prepack") prepack();
  else if (mode === "postpack") postpack();
  else if (mode === "check") check();
  else {
    process.stderr.write("usage: node scripts/pack-manifest.js prepack|postpack|check\n");
    process.exitCode = 2;
  }
}
