#!/usr/bin/env node
// npm run bundle: dist/dashscope-verify.cjs, the verifier CLI as one file with every dependency
// inside (undici, eventsource-parser, ipaddr.js, lib/catalog), for runners without npm access:
// copy the file, run `node dashscope-verify.cjs` (Node >= 20). Built from the TypeScript sources
// by esbuild; nothing of cdktf is reachable from bin/dashscope-verify.ts.
"use strict";
const path = require("path");
const fs = require("fs");
const esbuild = require("esbuild");

const root = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const outfile = path.join(root, "dist", "dashscope-verify.cjs");

const result = esbuild.buildSync({
  entryPoints: [path.join(root, "bin", "dashscope-verify.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: true,
  legalComments: "eof",
  // The shebang of bin/dashscope-verify.ts is kept by esbuild.
  define: { DASHSCOPE_VERIFY_VERSION: JSON.stringify(pkg.version) },
  logLevel: "warning",
  metafile: true,
});
fs.chmodSync(outfile, 0o755);
const bytes = fs.statSync(outfile).size;
const inputs = Object.keys(result.metafile.inputs);
const forbidden = inputs.filter((f) => /node_modules\/(cdktf|constructs)\//.test(f));
if (forbidden.length) throw new Error(`the bundle pulled in the CDK: ${forbidden.join(", ")}`);
process.stdout.write(`${path.relative(root, outfile)}: ${(bytes / 1024).toFixed(0)} KiB from ${inputs.length} modules\n`);
