/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Type-checking is the `tsc` step of `npm test`; jest only transpiles (isolatedModules).
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  // The examples import the package by its public name, as a user would (see tsconfig paths).
  moduleNameMapper: {
    "^cdktf-dashscope-privatelink$": "<rootDir>/lib/index.ts",
    "^cdktf-dashscope-privatelink/alicloud$": "<rootDir>/.gen/providers/alicloud/index.ts",
    "^cdktf-dashscope-privatelink/verify$": "<rootDir>/lib/verify/index.ts",
    "^cdktf-dashscope-privatelink/testing$": "<rootDir>/lib/testing/index.ts",
  },
  globalSetup: "<rootDir>/test/global-setup.js",
  globalTeardown: "<rootDir>/test/global-teardown.js",
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  testTimeout: 30000,
};
