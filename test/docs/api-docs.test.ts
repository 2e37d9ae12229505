import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

describe("docs/api (the TypeDoc reference)", () => {
  test("is what `npm run docs` generates from the current TSDoc", () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "api-docs.js"), "--check"], { cwd: ROOT, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  }, 120000);
});
