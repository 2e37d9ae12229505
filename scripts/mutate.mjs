#!/usr/bin/env node
// `npm run mutate`: StrykerJS (stryker.config.json) after making dist/ current. Arguments go to
// `stryker run`, e.g. `npm run mutate -- --mutate 'lib/dns/**/*.ts' --concurrency 1`.
//
// Stryker 10 refuses to start on Node < 22 by a version check in its CLI alone; this package supports
// Node >= 20.18.1 and its machines run 20. Under Node 20 the check is lifted here: Stryker's runs
// complete there (see docs/quality.md). On Node >= 22 nothing is changed.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
require("./build-if-stale.js").ensureBuilt();

const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  const actual = process.version;
  Object.defineProperty(process, "version", { value: "v22.0.0", configurable: true });
  process.stderr.write(`mutate: Node ${actual}; Stryker 10 asks for >= 22, running it anyway\n`);
}
const { StrykerCli } = await import("@stryker-mutator/core");
process.title = "stryker";
new StrykerCli([process.argv[0], "stryker", "run", ...process.argv.slice(2)]).run();
