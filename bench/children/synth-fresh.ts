/**
 * One synth in a fresh process: `node dist/bench/children/synth-fresh.js <subject> <outdir>`,
 * subject `floor`, `pattern:<n>` or `hand-wired:<n>`. Reports its peak RSS and phases (ms):
 * boot (node start-up until this script runs), load (requiring cdktf, the bindings and, for the
 * pattern, the library), build (constructing the tree), synth (`app.synth()`: prepare, resolve,
 * validate, write cdk.tf.json).
 */
const bootMs = performance.now();

import type * as cdktf from "cdktf";
import * as fs from "fs";
import { loadSubject, parseSubject } from "../stacks";
import { main, report } from "./report";

main(() => {
  const [subjectArg, outdir] = process.argv.slice(2);
  if (!subjectArg || !outdir) throw new Error("usage: synth-fresh.js <subject> <outdir>");
  const subject = parseSubject(subjectArg);
  fs.mkdirSync(outdir, { recursive: true });

  const t0 = performance.now();
  const build = loadSubject(subject.kind);
  const { App } = require("cdktf") as typeof cdktf;
  const t1 = performance.now();
  const app = new App({ outdir });
  build(app, subject.count);
  const t2 = performance.now();
  app.synth();
  const t3 = performance.now();
  report({ phases: { boot: bootMs, load: t1 - t0, build: t2 - t1, synth: t3 - t2, total: t3 } });
});
