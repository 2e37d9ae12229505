// A key pasted where dashscope-verify takes a file (--outputs, --ca, a report file) is not echoed by
// its messages, while ordinary paths, CI build directories included, are still named as typed.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { shownPath } from "../../lib/verify/errors";
import { keyWindows, runCliInProcess } from "../support/cli-process";

const KEY = "sk-0123456789abcdef0123456789abcdef";
const HEX_KEY = "0123456789abcdef0123456789abcdef";
const UUID_KEY = "01234567-89ab-cdef-0123-456789abcdef";
const ENV = { DASHSCOPE_API_KEY: "sk-ffeeddccbbaa99887766554433221100" };
const hidden = (value: string) => `(${value.length} characters, not shown: it may be a key)`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsv-paths-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (argv: readonly string[]) => runCliInProcess(argv, ENV, { cwd: dir });

describe("shownPath", () => {
  test.each([
    "outputs.json",
    "cdktf.out/outputs.json",
    "/builds/123456/infra/outputs-2026-12-02.json", // build numbers and dates
    "/home/runner/work/landing-zone/landing-zone/outputs.json",
    "C:\\ci\\run-42\\outputs.json",
    "desk-notes/task-sk-list.json", // sk- counts only at the start of a part
    "abcdefghijklmnopqrstuvwxyz.json", // a long run of letters alone
    "0123456789012345678.json", // a long run of digits alone
  ])("%j is shown as typed", (value) => {
    expect(shownPath(value)).toBe(value);
  });

  test.each([
    KEY,
    `out/${KEY}`,
    "SK-prod.json",
    HEX_KEY,
    `/tmp/${HEX_KEY}.json`,
    "abcdefgh12345678", // 16 letters and digits, both
    UUID_KEY,
    `/tmp/${UUID_KEY}/outputs.json`,
    "out\nputs.json",
  ])("%j is described by its length", (value) => {
    expect(shownPath(value)).toBe(hidden(value));
  });
});

describe("dashscope-verify with a key given as a file", () => {
  test.each([KEY, HEX_KEY, UUID_KEY])("--outputs that cannot be read: exit 2, the key not echoed (%#)", async (key) => {
    const run = await cli(["--outputs", key]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`dashscope-verify: config: cannot read --outputs ${hidden(key)} (ENOENT) — write it with \`cdktf deploy --outputs-file FILE\` or \`terraform output -json > FILE\`\n`);
    expect(keyWindows(key, run.stderr + run.stdout)).toEqual([]);
  });

  test("--outputs that is read but is not JSON: the label hides the key too", async () => {
    fs.writeFileSync(path.join(dir, KEY), "{");
    const run = await cli(["--outputs", KEY]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--outputs ${hidden(KEY)} is not JSON`);
    expect(keyWindows(KEY, run.stderr)).toEqual([]);
  });

  test("--ca that cannot be read, or holds no certificate: exit 2, the key not echoed", async () => {
    const base = ["--base-url", "https://127.0.0.1:9/compatible-mode/v1"];
    const missing = await cli([...base, "--ca", HEX_KEY]);
    // --ca is resolved against the working directory before it is read, and named so.
    expect(missing).toEqual({ code: 2, stdout: "", stderr: `dashscope-verify: config: cannot read --ca ${hidden(path.join(dir, HEX_KEY))} (ENOENT)\n` });
    fs.writeFileSync(path.join(dir, UUID_KEY), "not a certificate");
    const notPem = await cli([...base, "--ca", path.join(dir, UUID_KEY)]);
    expect(notPem.code).toBe(2);
    expect(notPem.stderr).toContain(`--ca ${hidden(path.join(dir, UUID_KEY))} holds no PEM certificate`);
    expect(keyWindows(UUID_KEY, missing.stderr + notPem.stderr)).toEqual([]);
  });

  test("a report that cannot be written: its path is described, the run's outcome kept", async () => {
    fs.writeFileSync(path.join(dir, "not-a-dir"), "x");
    const target = path.join(dir, "not-a-dir", `${KEY}.xml`);
    const run = await cli(["--base-url", "http://127.0.0.1:9/compatible-mode/v1", "--timeout-ms", "5000", "--junit", target]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`DSV_REPORT_WRITE_FAILED: cannot write --junit ${hidden(target)} (`);
    expect(keyWindows(KEY, run.stderr + run.stdout)).toEqual([]);
  });

  test("an ordinary path is still named", async () => {
    const run = await cli(["--outputs", "cdktf.out/outputs.json"]);
    expect(run.stderr).toContain("cannot read --outputs cdktf.out/outputs.json (ENOENT)");
  });
});
