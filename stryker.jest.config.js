// The jest config Stryker runs (stryker.config.json): the repository's, except the global setup,
// which must not rebuild dist/ inside Stryker's sandbox (the mutants are switched at run time in the
// instrumented TypeScript that ts-jest loads; dist/ is the build `npm run mutate` makes first).
const base = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = { ...base, globalSetup: "<rootDir>/scripts/stryker-jest-setup.js" };
