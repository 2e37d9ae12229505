#!/usr/bin/env node
// Keeps dist/ current without paying for a tsc run when nothing changed: compares the newest source
// mtime (lib, bin, examples, bench, test, the pinned schema, tsconfig) with tsc's build-info file and
// rebuilds (bindings, then an incremental tsc) only when a source is newer. A no-op check costs a
// directory walk of a few hundred files, ~10 ms.
"use strict";

const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const BUILD_INFO = path.join(ROOT, "dist", ".tsbuildinfo");
const SOURCE_DIRS = ["lib", "bin", "examples", "bench", "test", "provider"];
const SOURCE_FILES = ["tsconfig.json", "package.json"];

function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

function isStale() {
  let built;
  try {
    built = fs.statSync(BUILD_INFO).mtimeMs;
  } catch {
    return true;
  }
  if (!fs.existsSync(path.join(ROOT, ".gen", ".schema-sha256"))) return true;
  const sources = [...SOURCE_DIRS, ...SOURCE_FILES].map((p) => newestMtime(path.join(ROOT, p)));
  return Math.max(...sources) > built;
}

function ensureBuilt({ quiet = false } = {}) {
  if (!isStale()) return false;
  const run = (file, args) =>
    execFileSync(process.execPath, [file, ...args], {
      cwd: ROOT,
      stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    });
  // Stamp the build-info with the time the build *started*: a source edited while tsc runs is then
  // still newer than the stamp, and the next check rebuilds. (tsc leaves the file untouched when its
  // own inputs did not change, e.g. a schema edit that generated identical code, so set it here.)
  // A failed build (tsc still emits, and writes its build-info) is stamped as old, so the next
  // check tries again instead of trusting it.
  const started = new Date();
  try {
    run(path.join(ROOT, "scripts", "gen-bindings.js"), ["--check"]);
    run(require.resolve("typescript/bin/tsc"), ["-p", path.join(ROOT, "tsconfig.json")]);
  } catch (err) {
    if (fs.existsSync(BUILD_INFO)) fs.utimesSync(BUILD_INFO, new Date(0), new Date(0));
    throw err;
  }
  fs.utimesSync(BUILD_INFO, started, started);
  return true;
}

module.exports = { ensureBuilt, isStale };

if (require.main === module) {
  try {
    ensureBuilt();
  } catch (err) {
    process.exitCode = typeof err.status === "number" ? err.status : 1;
  }
}
