// Runs once in jest's parent process, before the workers start:
// - dist/ is rebuilt when a source is newer (the CLI and bench tests run compiled code, and
//   `npx jest <path>` does not run tsc first the way `npm test` does; ~10 ms when current);
// - every worker, and every process a test starts, loads the loopback guard through NODE_OPTIONS.
const path = require("path");
const { ensureBuilt } = require("../scripts/build-if-stale");

module.exports = async () => {
  ensureBuilt({ quiet: true });
  const guard = path.join(__dirname, "loopback-guard.js");
  const current = process.env.NODE_OPTIONS ?? "";
  if (!current.includes(guard)) process.env.NODE_OPTIONS = `${current} --require ${JSON.stringify(guard)}`.trim();
  process.env.CHECKPOINT_DISABLE = "1";
};
