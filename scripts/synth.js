#!/usr/bin/env node
// `npm run synth`: synthesizes the example app (every stack under examples/) into
// cdktf.out/stacks/<stack>/cdk.tf.json with compiled JavaScript in this process: no terraform, no
// credentials, no network, and none of the seconds `npx cdktf synth` spends starting its CLI.
// Prints one line per stack (its resource count, data source count and output names), then every
// warning and error Annotation of every stack, as `cdktf synth` does.
//
//   node scripts/synth.js [--outdir DIR] [--app MODULE]
//     --app MODULE  a module exporting buildApp({ outdir }) (or buildExampleApp) returning the App;
//                   default: the compiled example app, dist/examples/app.js
//
// A synth that fails (a DSPL_* validation at synth, an error Annotation) exits 1 and prints the
// codes first: `synth failed [DSPL_CIDR_OVERLAP]: ...`. From code, synthesize() throws a SynthFailure
// whose `code` is the first DSPL_* code and `codes` all of them.
"use strict";

process.env.CHECKPOINT_DISABLE = "1";

const fs = require("fs");
const path = require("path");
const { ensureBuilt } = require("./build-if-stale");

const ROOT = path.resolve(__dirname, "..");
const CODE = /\[(DSPL_[A-Z0-9_]+)\]/g;

/** The error `synthesize` throws: the core's message, with the DSPL_* codes it carries. */
class SynthFailure extends Error {
  constructor(cause, annotations) {
    super(cause && cause.message ? cause.message : String(cause), { cause });
    this.name = "SynthFailure";
    this.codes = [...new Set([...this.message.matchAll(CODE)].map((m) => m[1]))];
    this.code = this.codes[0];
    this.annotations = annotations;
  }
}

function parseArgs(argv) {
  const args = { outdir: path.join(ROOT, "cdktf.out"), app: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--outdir") args.outdir = path.resolve(argv[++i]);
    else if (argv[i] === "--app") args.app = path.resolve(argv[++i]);
    else throw new Error(`synth: unknown argument '${argv[i]}'; the options are --outdir DIR and --app MODULE`);
  }
  return args;
}

/** Every info/warning/error Annotation of every stack, read from the construct tree (as the core collects them). */
function annotationsOf(app) {
  const out = [];
  const isStack = (c) => typeof c.toTerraform === "function" && typeof c.prepareStack === "function";
  for (const stack of app.node.findAll().filter(isStack)) {
    for (const c of stack.node.findAll()) {
      for (const m of c.node.metadata) {
        const level = /\/(info|warn|error)$/.exec(String(m.type));
        if (level) out.push({ stack: stack.node.id, constructPath: c.node.path, level: level[1], message: String(m.data) });
      }
    }
  }
  return out;
}

function formatAnnotation(a) {
  const label = { info: "Info", warn: "Warning", error: "Error" }[a.level];
  return `[${a.stack}] ${label}: [${a.constructPath}] ${a.message}`;
}

function summarize(stackDir, name) {
  const tf = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
  const count = (blocks) =>
    Object.values(blocks || {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  const outputs = Object.keys(tf.output || {}).sort();
  return `${name}: ${count(tf.resource)} resources, ${count(tf.data)} data sources, outputs: ${outputs.join(", ") || "(none)"}`;
}

/** Synthesizes the app; returns its summary lines and annotations, or throws a SynthFailure. */
function synthesize({ outdir, app: appModule } = {}) {
  outdir = outdir || path.join(ROOT, "cdktf.out");
  if (!appModule) ensureBuilt({ quiet: true });
  const mod = require(appModule || path.join(ROOT, "dist", "examples", "app.js"));
  const build = mod.buildApp || mod.buildExampleApp;
  if (typeof build !== "function") throw new Error(`synth: ${appModule} exports neither buildApp nor buildExampleApp`);
  fs.rmSync(path.join(outdir, "stacks"), { recursive: true, force: true });
  const app = build({ outdir });
  try {
    app.synth();
  } catch (err) {
    throw new SynthFailure(err, annotationsOf(app));
  }
  const annotations = annotationsOf(app);
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  const lines = Object.entries(manifest.stacks).map(([name, stack]) =>
    summarize(path.join(outdir, path.dirname(stack.synthesizedStackPath)), name),
  );
  return { lines, annotations };
}

module.exports = { synthesize, SynthFailure, annotationsOf };

if (require.main === module) {
  try {
    const { lines, annotations } = synthesize(parseArgs(process.argv.slice(2)));
    for (const line of lines) process.stdout.write(`${line}\n`);
    for (const a of annotations) process.stdout.write(`${formatAnnotation(a)}\n`);
  } catch (err) {
    // Validation failures are the common case here: print the codes and the message (it carries
    // the fix), and the stacks' other annotations, not a stack trace from inside cdktf.
    if (err instanceof SynthFailure) {
      for (const a of err.annotations.filter((x) => x.level !== "error")) process.stderr.write(`${formatAnnotation(a)}\n`);
      process.stderr.write(`synth failed${err.codes.length ? ` [${err.codes.join(", ")}]` : ""}: ${err.message}\n`);
    } else {
      process.stderr.write(`synth failed: ${err && err.message ? err.message : err}\n`);
    }
    process.exitCode = 1;
  }
}
