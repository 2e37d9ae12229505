// The jest config Stryker runs (stryker.config.json): the repository's, with two changes.
// - The global setup (scripts/stryker-jest-setup.js) must not rebuild dist/ inside Stryker's sandbox
//   (the mutants are switched at run time in the instrumented TypeScript that ts-jest loads; dist/ is
//   the build `npm run mutate` makes first).
// - Suites that exercise built artefacts, terraform or other processes are left out: the packed
//   tarball, the API reports, the TypeDoc output, terraform with the provider stand-in (test/testing;
//   lib/testing is therefore not mutated, see stryker.config.json), the bundle, the CI workflow,
//   `npm run synth` and the bench harness. Most of what they reach runs in dist/ or a child process,
//   which the mutants never reach; the bench suites do load lib/ and might kill a mutant the unit
//   suites miss, so the scores are a lower bound. Left in, they cost minutes per mutant.
const base = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  globalSetup: "<rootDir>/scripts/stryker-jest-setup.js",
  testPathIgnorePatterns: [
    "/node_modules/",
    "<rootDir>/test/(consumer|api|docs|testing|package|ci|scripts|bench)/",
    "<rootDir>/test/verify/(bundle|ci-example)\\.test\\.ts$",
    "<rootDir>/test/conformance/bindings-in-sync\\.test\\.ts$",
    "<rootDir>/test/tmpdir\\.test\\.ts$", // checks the per-run TMPDIR of test/global-setup.js, which Stryker does not use
    // MUTATE_SKIP_TESTS: more suites to leave out, as a regular expression over test paths, when they
    // cannot reach the mutated module (e.g. "/test/verify/" for a construct module): a shorter
    // initial run, the same scores.
    ...(process.env.MUTATE_SKIP_TESTS ? [process.env.MUTATE_SKIP_TESTS] : []),
  ],
};
