// The public API is what etc/*.api.md says: a change to an exported declaration fails this test
// until `npm run api` regenerates the report (and the change is reviewed in its diff). The reports
// come from dist/'s .d.ts files, which jest's global setup keeps current.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const SCRIPT = path.join(ROOT, "scripts", "api-report.js");
const check = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, "--check", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });

describe("API reports (etc/)", () => {
  test("every entry point's report is current", () => {
    const run = check();
    expect(run.stderr).toBe("");
    expect(run.stdout).not.toMatch(/differs/);
    expect(run.status).toBe(0);
    const { entryPoints } = require(SCRIPT) as { entryPoints: () => Array<{ subpath: string }> };
    expect(entryPoints().map((e) => e.subpath)).toEqual(expect.arrayContaining([".", "./verify"]));
    expect(entryPoints().map((e) => e.subpath)).not.toContain("./alicloud");
  });

  test("a public API that differs from its report fails the check, naming the report", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dspl-api-"));
    try {
      const report = "cdktf-dashscope-privatelink.api.md";
      const text = fs.readFileSync(path.join(ROOT, "etc", report), "utf8");
      // The report as it would be had an exported class lost its constructor.
      const changed = text.replace(/^( {4}constructor\(.*\n)/m, "");
      expect(changed).not.toBe(text);
      fs.writeFileSync(path.join(dir, report), changed);
      const run = check("--entry", ".", "--report-folder", dir);
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/the public API differs from .*cdktf-dashscope-privatelink\.api\.md.*run `npm run api`/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
