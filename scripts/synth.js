#!/usr/bin/env node
// `npm run synth`: synthesizes the example app (every stack under examples/) into
// cdktf.out/stacks/<stack>/cdk.tf.json with compiled JavaScript in this process: no terraform, no
// credentials, no network, and none of the seconds `npx cdktf synth` spends starting its CLI.
// Prints one line per stack: its resource count, data source count and output names.
"use strict";

process.env.CHECKPOINT_DISABLE = "1";

const fs = require("fs");
const path = require("path");
const { ensureBuilt } = require("./build-if-stale");

const ROOT = path.resolve(__dirname, "..");

function parseArgs(argv) {
  const args = { outdir: path.join(ROOT, "cdktf.out") };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--outdir") args.outdir = path.resolve(argv[++i]);
    else throw new Error(`synth: unknown argument '${argv[i]}'; the one option is --outdir DIR`);
  }
  return args;
}

function summarize(stackDir, name) {
  const tf = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
  const count = (blocks) =>
    Object.values(blocks || {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  const outputs = Object.keys(tf.output || {}).sort();
  return `${name}: ${count(tf.resource)} resources, ${count(tf.data)} data sources, outputs: ${outputs.join(", ") || "(none)"}`;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  ensureBuilt({ quiet: true });
  const { buildExampleApp } = require(path.join(ROOT, "dist", "examples", "app.js"));
  fs.rmSync(path.join(args.outdir, "stacks"), { recursive: true, force: true });
  const app = buildExampleApp({ outdir: args.outdir });
  app.synth();
  const manifest = JSON.parse(fs.readFileSync(path.join(args.outdir, "manifest.json"), "utf8"));
  for (const [name, stack] of Object.entries(manifest.stacks)) {
    const dir = path.join(args.outdir, path.dirname(stack.synthesizedStackPath));
    process.stdout.write(`${summarize(dir, name)}\n`);
  }
}

try {
  main();
} catch (err) {
  // Validation failures are the common case here: print the message (it carries the code and the
  // fix), not a stack trace from inside cdktf.
  process.stderr.write(`synth failed: ${err && err.message ? err.message : err}\n`);
  process.exitCode = 1;
}
