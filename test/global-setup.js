// Runs once in jest's parent process, before the workers start:
// - dist/ is rebuilt when a source is newer (the CLI and bench tests run compiled code, and
//   `npx jest <path>` does not run tsc first the way `npm test` does; ~10 ms when current);
// - every worker, and every process a test starts, loads the loopback guard through NODE_OPTIONS;
// - TMPDIR is a fresh directory of this run (cdktf's Testing.app()/fullSynth() leave
//   /tmp/cdktf.outdir.* behind); test/global-teardown.js removes it.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { ensureBuilt } = require("../scripts/build-if-stale");

module.exports = async () => {
  try {
    ensureBuilt({ quiet: true });
  } catch (err) {
    // tsc emits even with type errors, so dist/ is current; `npm test` runs tsc first and fails on
    // them. Here, a type error elsewhere should not block running one suite.
    process.stderr.write(`global-setup: the build reported errors (${err.message.split("\n")[0]}); the tests run on what tsc emitted\n`);
  }
  const guard = path.join(__dirname, "loopback-guard.js");
  const current = process.env.NODE_OPTIONS ?? "";
  if (!current.includes(guard)) process.env.NODE_OPTIONS = `${current} --require ${JSON.stringify(guard)}`.trim();
  process.env.CHECKPOINT_DISABLE = "1";
  if (!process.env.DSPL_JEST_TMPDIR) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dspl-jest-"));
    process.env.DSPL_JEST_TMPDIR = dir;
    process.env.DSPL_JEST_ORIGINAL_TMPDIR = process.env.TMPDIR ?? "";
    process.env.TMPDIR = dir;
  }
};
