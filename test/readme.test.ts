import * as fs from "fs";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { render } = require("../scripts/readme-snippets.js");

const ROOT = path.resolve(__dirname, "..");
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("README.md", () => {
  test("shows the two commands first, npm ci && npm run synth, then npm test", () => {
    const firstBlock = readme.match(/```bash\n([\s\S]*?)```/)![1];
    expect(firstBlock.split("\n")[0]).toMatch(/^npm ci && npm run synth\b/);
    expect(firstBlock.split("\n")[1]).toMatch(/^npm test\b/);
  });

  test("its code snippets are the examples' code, verbatim", () => {
    const { stale } = render(readme);
    expect(stale).toEqual([]);
    expect(readme.match(/<!-- snippet: /g)?.length ?? 0).toBeGreaterThanOrEqual(3);
  });

  test("documents every validation code", () => {
    const { ValidationCode } = require("../lib/validation/errors");
    const undocumented = Object.values<string>(ValidationCode).filter((code) => !readme.includes(`\`${code}\``));
    expect(undocumented).toEqual([]);
  });
});
