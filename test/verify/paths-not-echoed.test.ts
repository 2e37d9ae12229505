// A key pasted where dashscope-verify takes a file (--outputs, --ca, a report file) is not echoed by
// its messages, while ordinary paths, CI build directories included, are still named as typed: the
// path the user typed, not the one it resolves to (a working directory is not the user's to rename).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { shownPath } from "../../lib/verify/errors";
import { keyWindows, runCliInProcess } from "../support/cli-process";

const KEY = "sk-0123456789abcdef0123456789abcdef";
const HEX_KEY = "0123456789abcdef0123456789abcdef";
const A_UUID = "01234567-89ab-cdef-0123-456789abcdef";
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
    `/home/runner/work/_temp/${A_UUID}/junit.xml`, // GitHub Actions: no run of 16 hex digits
    "/var/folders/9z/6bl5m3vx1k2s0000gn/T/outputs.json", // macOS: not hex
    "/nix/store/0c2bdn0r9fmb1x8ha5iq2a6l4y0q1w3k-outputs.json", // base32, not hex
    "reports/integrationTests2026DashScopeLandingZone2.xml", // CamelCase with digits
  ])("%j is shown as typed", (value) => {
    expect(shownPath(value)).toBe(value);
  });

  test.each([
    KEY,
    `out/${KEY}`,
    "SK-prod.json",
    HEX_KEY,
    `/tmp/${HEX_KEY}.json`,
    "abcdef1234567890", // 16 hex digits, letters and digits both
    "out/3f1a2b4c5d6e7f8091a2b3c4d5e6f708192a3b4c/junit.xml", // a git SHA is hex too: hidden, to be safe
    "out\nputs.json",
    "out\u2028puts.json",
    "stuptuo\u202e.json", // a bidi override
  ])("%j is described by its length", (value) => {
    expect(shownPath(value)).toBe(hidden(value));
  });
});

describe("dashscope-verify with a key given as a file", () => {
  // Not a UUID: a DashScope key is never one, and CI directories often are (shownPath's cases above).
  test.each([KEY, HEX_KEY])("--outputs that cannot be read: exit 2, the key not echoed (%#)", async (key) => {
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
    expect(missing).toEqual({
      code: 2,
      stdout: "",
      stderr: `dashscope-verify: config: cannot read --ca ${hidden(HEX_KEY)} (ENOENT) — give the path of the PEM file of the CA that signed the endpoint's certificate\n`,
    });
    fs.writeFileSync(path.join(dir, `${KEY}.pem`), "not a certificate");
    const notPem = await cli([...base, "--ca", `${KEY}.pem`]);
    expect(notPem.code).toBe(2);
    expect(notPem.stderr).toContain(`--ca ${hidden(`${KEY}.pem`)} holds no PEM certificate`);
    expect(keyWindows(HEX_KEY, missing.stderr)).toEqual([]);
    expect(keyWindows(KEY, notPem.stderr)).toEqual([]);
  });

  test("a report that cannot be written: its path is described, the run's outcome kept", async () => {
    fs.writeFileSync(path.join(dir, "not-a-dir"), "x");
    const target = path.join(dir, "not-a-dir", `${KEY}.xml`);
    const run = await cli(["--base-url", "http://127.0.0.1:9/compatible-mode/v1", "--timeout-ms", "5000", "--junit", target]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`DSV_REPORT_WRITE_FAILED: cannot write --junit ${hidden(target)} (`);
    expect(keyWindows(KEY, run.stderr + run.stdout)).toEqual([]);
  });

  test("--json that cannot be written: its path is described too", async () => {
    const run = await cli(["--base-url", "http://127.0.0.1:9/compatible-mode/v1", "--timeout-ms", "5000", "--json", `not-a-dir/${HEX_KEY}.json`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`DSV_REPORT_WRITE_FAILED: cannot write --json ${hidden(`not-a-dir/${HEX_KEY}.json`)} (`);
    expect(keyWindows(HEX_KEY, run.stderr + run.stdout)).toEqual([]);
  });

  test("ordinary paths are named as typed, even under a working directory shaped like a key", async () => {
    // e.g. a CI agent's checkout directory named by a hash
    const work = path.join(dir, "3f1a2b4c5d6e7f80");
    fs.mkdirSync(path.join(work, "blocker"), { recursive: true });
    fs.writeFileSync(path.join(work, "blocker", "r.xml"), "x"); // a file where a directory is needed
    const inWork = (argv: readonly string[]) => runCliInProcess(argv, ENV, { cwd: work });
    expect((await inWork(["--outputs", "cdktf.out/outputs.json"])).stderr).toContain("cannot read --outputs cdktf.out/outputs.json (ENOENT)");
    expect((await inWork(["--base-url", "https://127.0.0.1:9/compatible-mode/v1", "--ca", "certs/ca.pem"])).stderr).toContain(
      "cannot read --ca certs/ca.pem (ENOENT)",
    );
    const junit = await inWork(["--base-url", "http://127.0.0.1:9/compatible-mode/v1", "--timeout-ms", "5000", "--junit", "blocker/r.xml/junit.xml"]);
    expect(junit.stderr).toMatch(/cannot write --junit blocker\/r\.xml\/junit\.xml \((ENOTDIR|EEXIST)\)/);
  });
});
