// Runs once in jest's parent process, before the workers start: every worker, and every process a
// test starts, loads the loopback guard through NODE_OPTIONS.
const path = require("path");

module.exports = async () => {
  const guard = path.join(__dirname, "loopback-guard.js");
  const current = process.env.NODE_OPTIONS ?? "";
  if (!current.includes(guard)) process.env.NODE_OPTIONS = `${current} --require ${JSON.stringify(guard)}`.trim();
  process.env.CHECKPOINT_DISABLE = "1";
};
