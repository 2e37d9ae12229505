// Runs once in jest's parent process after the last test: removes the run's TMPDIR (see
// test/global-setup.js), and with it every temp dir a test or cdktf's Testing helpers left there.
const fs = require("fs");

module.exports = async () => {
  const dir = process.env.DSPL_JEST_TMPDIR;
  if (!dir) return;
  fs.rmSync(dir, { recursive: true, force: true });
  if (process.env.DSPL_JEST_ORIGINAL_TMPDIR) process.env.TMPDIR = process.env.DSPL_JEST_ORIGINAL_TMPDIR;
  else delete process.env.TMPDIR;
  delete process.env.DSPL_JEST_TMPDIR;
  delete process.env.DSPL_JEST_ORIGINAL_TMPDIR;
};
