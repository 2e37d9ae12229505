// The consumer run fails on npm's lifecycle-script warning for our package, and only for it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ourLifecycleWarning } = require("./npm-output") as { ourLifecycleWarning: (out: string) => string | undefined };

const header = "npm warn install-scripts 2 packages have install scripts not yet covered by allowScripts:";

describe("ourLifecycleWarning", () => {
  test("npm 11's install-scripts warning about other packages is not ours", () => {
    const out = [header, "npm warn install-scripts   esbuild@0.25.0 (postinstall: node install.js)", "npm warn install-scripts", "npm warn install-scripts Run `npm install-scripts approve` to allow them"].join("\n");
    expect(ourLifecycleWarning(out)).toBeUndefined();
  });

  test.each(["cdktf-dashscope-privatelink", "cdktn-dashscope-privatelink"])("a lifecycle script of %s is reported", (name) => {
    const line = `npm warn install-scripts   ${name}@0.1.0 (install: node x.js; prepare: tsc)`;
    expect(ourLifecycleWarning([header, line].join("\n"))).toBe(line);
    const later = `  ${name}@0.1.0 (bin: x; postinstall: node y.js)`;
    expect(ourLifecycleWarning(later)).toBe(later);
  });

  test("a word like 'prepare' elsewhere, or a package whose name only starts like ours, is not", () => {
    expect(ourLifecycleWarning("npm warn deprecated glob@7: prepare to upgrade; install scripts are fine")).toBeUndefined();
    expect(ourLifecycleWarning("  cdktf-dashscope-privatelink-extra@1.0.0 (install: x)")).toBeUndefined();
  });
});
