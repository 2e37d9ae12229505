// What the consumer run reads in npm's output. Kept apart from run.js so that jest can test it.
const { FLAVOURS } = require("../../scripts/pack-manifest");

const OUR_NAMES = Object.values(FLAVOURS).map((f) => f.name);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const EVENTS = "(?:pre|post)?install|(?:pre|post)?prepare|prepublish";

/**
 * The line of npm's output that reports a lifecycle script of one of OUR packages, if any. npm 11 lists
 * the packages whose install scripts are not covered by allowScripts as `  <name>@<version> (<event>: <command>; …)`
 * under its "install-scripts" warning; the header, and other packages' lines, do not count.
 */
function ourLifecycleWarning(output, names = OUR_NAMES) {
  const line = new RegExp(`(?:^|\\s)(?:${names.map(escape).join("|")})@\\S+ \\((?:[^)]*; )?(?:${EVENTS}):`);
  return output.split("\n").find((l) => line.test(l));
}

module.exports = { ourLifecycleWarning, OUR_NAMES };
