// `dashscope-privatelink-tfcheck`: exit codes (0 clean, 1 findings, 2 usage), the --json report's
// shape, the text summary. Runs the compiled bin, as `npx dashscope-privatelink-tfcheck` would.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildExampleApp } from "../../examples/app";
import { terraformOrSkip } from "./terraform";

const BIN = path.join(__dirname, "..", "..", "dist", "bin", "dashscope-privatelink-tfcheck.js");
const TIMEOUT_MS = 300_000;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
      timeout: TIMEOUT_MS - 10_000,
      killSignal: "SIGKILL",
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b) => (stdout += b));
    child.stderr.on("data", (b) => (stderr += b));
    child.on("close", (code, signal) => resolve({ code, stdout, stderr: signal ? `${stderr}\nkilled by ${signal} (timeout)` : stderr }));
  });
}

describe("dashscope-privatelink-tfcheck usage", () => {
  test.each([
    [[], /give at least one stack directory/],
    [["--frobnicate", "x"], /unknown option --frobnicate/],
    [["/nonexistent-stack"], /is not a stack directory/],
    [["cdktf.out/stacks/x", "--schema"], /--schema needs a value/],
    [[".", "--schema", "package.json"], /--schema: .*has no schema for registry.terraform.io\/aliyun\/alicloud/],
  ])("%j exits 2 with a message and the usage", async (args, message) => {
    const r = await cli(args as string[]);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^Usage: dashscope-privatelink-tfcheck/m);
  });

  test("--help prints the usage and exits 0", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit status: 0 clean, 1 findings/);
  });
});

if (terraformOrSkip()) {
  describe("dashscope-privatelink-tfcheck with terraform", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "dspl-tfcheck-cli-"));
    const app = buildExampleApp({ outdir });
    app.synth();
    const stack = path.join(outdir, "stacks", "single-region");
    const broken = path.join(outdir, "broken");
    fs.mkdirSync(broken);
    const doc = JSON.parse(fs.readFileSync(path.join(stack, "cdk.tf.json"), "utf8"));
    delete doc.resource.alicloud_vpc.Vpc.cidr_block;
    doc.resource.alicloud_vpc.Vpc.vpc_name = ["not", "a", "string"];
    fs.writeFileSync(path.join(broken, "cdk.tf.json"), JSON.stringify(doc));
    afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

    test("--json reports { stack, validate, plan } per stack and exits 0 when clean", async () => {
      const r = await cli([stack, "--json"]);
      expect(r.code).toBe(0);
      const [report] = JSON.parse(r.stdout);
      expect(report).toMatchObject({ stack, validate: { ok: true, diagnostics: [] }, plan: { ok: true, add: 9, change: 0, destroy: 0, diagnostics: [] } });
    }, TIMEOUT_MS);

    test("a stack terraform rejects exits 1, each diagnostic with its phase and source", async () => {
      const r = await cli([broken, "--no-plan"]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`^${broken}: validate FAILED, plan not run`, "m"));
      expect(r.stdout).toMatch(/^ {2}error \[validate, stack\] Incorrect attribute value type \(.*cdk\.tf\.json:\d+\).*vpc_name/m);
    }, TIMEOUT_MS);
  });
}
