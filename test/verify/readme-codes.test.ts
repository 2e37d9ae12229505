// The README's verifier section documents every DSV_* code, every check and every API family.
import * as fs from "node:fs";
import * as path from "node:path";
import { API_FAMILY_NAMES, CHECK_NAMES, VerifyErrorCode } from "cdktf-dashscope-privatelink/verify";

const README = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
const start = README.indexOf("## Verify a deployment");
const section = README.slice(start, README.indexOf("\n## ", start + 5));

describe("README: ## Verify a deployment", () => {
  test("exists", () => expect(start).toBeGreaterThanOrEqual(0));
  test.each(Object.values(VerifyErrorCode))("documents %s in a code table row with its usual cause", (code) => {
    expect(section).toMatch(new RegExp(`^\\| \`${code}\` \\|[^|]+\\|`, "m"));
  });
  test.each([...CHECK_NAMES])("lists the check %s", (name) => expect(section).toMatch(new RegExp(`^\\| \`${name}\` \\|`, "m")));
  test.each([...API_FAMILY_NAMES])("describes the API family %s", (name) => expect(section).toMatch(new RegExp(`^\\| \`${name}\` \\|`, "m")));
});
