// A Stryker test runner, `jest-by-file` (stryker.config.json): Stryker's jest runner, except that a
// mutant runs only the test *files* that hold the tests covering it.
//
// Stryker's jest runner hands jest the covering tests as a name pattern, and jest still loads every
// test file it selects (all of them, or those `--findRelatedTests` finds). Almost every suite imports
// lib/validation, so jest then loads ~30 files (cdktf and the construct tree each time) to run perhaps
// three tests: 5–7 s a mutant on this machine. The per-test coverage of the initial run already says
// which file each covering test lives in; this runner writes that down (all test-runner processes
// share Stryker's sandbox, so it is a file there) and hands jest those files, one at a time, stopping
// at the first that kills the mutant. The tests that run for a survivor are the same as Stryker's;
// only the loading is saved. (Test names are unique across this repository's suites, so the name
// pattern selects no test in a file that holds none of the covering ids.) The hit limit that catches
// an endless loop counts per file here.
// A mutant whose tests are not all in the record (or with no per-test filter) runs as before.
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { PluginKind, commonTokens, declareFactoryPlugin, tokens } from "@stryker-mutator/api/plugin";

const require = createRequire(import.meta.url);
const runnerDir = path.dirname(require.resolve("@stryker-mutator/jest-runner/package.json"));
const { jestTestRunnerFactory } = await import(pathToFileURL(path.join(runnerDir, "dist", "src", "jest-test-runner.js")).href);

const RECORD = ".stryker-test-files.json";

function jestByFileFactory(injector) {
  const runner = jestTestRunnerFactory(injector);
  const record = path.join(process.cwd(), RECORD);
  let filesOf; // test id -> test files, read once per process
  const lastKill = new Map(); // test file -> when it last killed a mutant (a counter)
  let kills = 0;

  const dryRun = runner.dryRun.bind(runner);
  runner.dryRun = async (options) => {
    const result = await dryRun(options);
    if (result.status === "complete") {
      const map = {};
      for (const test of result.tests) if (test.fileName) (map[test.id] ??= []).includes(test.fileName) || map[test.id].push(test.fileName);
      fs.writeFileSync(record, JSON.stringify(map));
      filesOf = map;
    }
    return result;
  };

  const mutantRun = runner.mutantRun.bind(runner);
  runner.mutantRun = async (options) => {
    if (filesOf === undefined) filesOf = fs.existsSync(record) ? JSON.parse(fs.readFileSync(record, "utf8")) : {};
    const files = new Set();
    for (const id of options.testFilter ?? []) {
      const found = filesOf[id];
      if (!found) return mutantRun(options);
      for (const file of found) files.add(file);
    }
    if (files.size === 0) return mutantRun(options);
    // One file at a time, the file that killed the last mutant first (neighbouring mutants tend to
    // die by the same tests): a killed mutant stops at the first failing file. Jest's own `bail`
    // cannot be used here; it ends the process (jestjs/jest#11766).
    const order = [...files].sort((a, b) => (lastKill.get(b) ?? 0) - (lastKill.get(a) ?? 0));
    const adapter = runner.jestTestAdapter;
    const run = adapter.run;
    let ran = 0;
    try {
      for (const file of order) {
        adapter.run = (settings) => run.call(adapter, { ...settings, testFiles: [file] });
        const result = await mutantRun(options);
        if (result.status !== "survived") {
          if (result.status === "killed") lastKill.set(file, ++kills);
          return result;
        }
        ran += result.nrOfTests ?? 0;
      }
    } finally {
      adapter.run = run;
    }
    return { status: "survived", nrOfTests: ran };
  };
  return runner;
}
jestByFileFactory.inject = tokens(commonTokens.injector);

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, "jest-by-file", jestByFileFactory)];
