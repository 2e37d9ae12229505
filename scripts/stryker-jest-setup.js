// Jest global setup under Stryker (stryker.jest.config.js): what test/global-setup.js does, minus
// the dist/ rebuild. Every process a test starts still loads the loopback guard through NODE_OPTIONS.
"use strict";
const path = require("path");

module.exports = async () => {
  const guard = path.join(__dirname, "..", "test", "loopback-guard.js");
  const current = process.env.NODE_OPTIONS ?? "";
  if (!current.includes(guard)) process.env.NODE_OPTIONS = `${current} --require ${JSON.stringify(guard)}`.trim();
  process.env.CHECKPOINT_DISABLE = "1";
};
