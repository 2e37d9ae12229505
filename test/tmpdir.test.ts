// Every temp dir of a jest run, cdktf's /tmp/cdktf.outdir.* included, lives in the run's own TMPDIR,
// which test/global-teardown.js removes.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";

test("os.tmpdir() is the run's own directory, and cdktf's Testing.app() puts its outdir there", () => {
  const runDir = process.env.DSPL_JEST_TMPDIR;
  expect(runDir).toBeTruthy();
  expect(os.tmpdir()).toBe(runDir);
  expect(path.basename(runDir!)).toMatch(/^dspl-jest-/);
  const app = Testing.app();
  expect(path.dirname(app.outdir)).toBe(runDir);
  expect(fs.existsSync(app.outdir)).toBe(true);
});
