/**
 * Synth in one warm process, alternating subjects:
 * `node --expose-gc dist/bench/children/synth-inprocess.js --subjects a,b,... --warmup W --samples S --outdir DIR`.
 * Loads every subject first, runs W warm-up rounds, then S rounds of one synth per subject in the
 * given order. Each sample is timed from `new App()` to the end of `app.synth()` after a full GC,
 * and reports the heap still held afterwards (heap after a second full GC, app still alive,
 * minus heap before). Reports `{ data: { samples: { subject: Sample[] }, loadMs } }`.
 */
import type * as cdktf from "cdktf";
import * as fs from "fs";
import * as path from "path";
import type { Sample } from "../harness";
import { StackBuilder, loadSubject, parseSubject } from "../stacks";
import { main, report } from "./report";

const MiB = 1024 * 1024;

function option(args: string[], name: string): string {
  const i = args.indexOf(name);
  if (i < 0 || i + 1 >= args.length) throw new Error(`synth-inprocess: ${name} is required`);
  return args[i + 1];
}

main(() => {
  const args = process.argv.slice(2);
  const subjects = option(args, "--subjects").split(",");
  const warmup = Number(option(args, "--warmup"));
  const rounds = Number(option(args, "--samples"));
  const outdir = option(args, "--outdir");
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("synth-inprocess needs node --expose-gc");

  const loadMs: Record<string, number> = {};
  const builders = new Map<string, { build: StackBuilder; count: number }>();
  for (const text of subjects) {
    const { kind, count } = parseSubject(text);
    const t0 = performance.now();
    builders.set(text, { build: loadSubject(kind), count });
    loadMs[kind] ??= performance.now() - t0;
  }
  const { App } = require("cdktf") as typeof cdktf;
  const outdirs = new Map(subjects.map((s) => [s, path.join(outdir, s.replace(/[^a-z0-9-]+/gi, "-"))]));
  for (const dir of outdirs.values()) fs.mkdirSync(dir, { recursive: true });

  const once = (subject: string, measure: boolean): Sample | undefined => {
    const { build, count } = builders.get(subject)!;
    if (measure) gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const app = new App({ outdir: outdirs.get(subject)! });
    build(app, count);
    const t1 = performance.now();
    app.synth();
    const t2 = performance.now();
    if (!measure) return undefined;
    gc();
    const retained = process.memoryUsage().heapUsed - heapBefore;
    // Keeps the app alive until the heap is measured.
    if (app.node.children.length === 0) throw new Error(`${subject} built nothing`);
    return { wallMs: t2 - t0, heapMB: retained / MiB, phases: { build: t1 - t0, synth: t2 - t1 } };
  };

  const samples: Record<string, Sample[]> = Object.fromEntries(subjects.map((s) => [s, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (const subject of subjects) {
      const sample = once(subject, round >= warmup);
      if (sample) samples[subject].push(sample);
    }
  }
  report({ data: { samples, loadMs } });
});
