// npm run bundle: one file that runs with plain node from an empty directory, no node_modules.
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { VerifyReport } from "cdktf-dashscope-privatelink/verify";
import { type VerifyWorld, startVerifyWorld } from "../support/verify-world";

const ROOT = path.resolve(__dirname, "..", "..");
const KEY = "sk-bundle-test-0a1b2c3d4e5f6789";

let world: VerifyWorld;
let dir: string;
let bundled: string;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "bundle.js")], { cwd: ROOT, stdio: "pipe" });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsv-bundle-"));
  bundled = path.join(dir, "dashscope-verify.cjs");
  fs.copyFileSync(path.join(ROOT, "dist", "dashscope-verify.cjs"), bundled);
  world = await startVerifyWorld({ apiKey: KEY });
}, 60_000);
afterAll(async () => {
  await world?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the copied bundle from its empty directory; only the loopback guard comes along (NODE_OPTIONS). */
function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bundled, ...args],
      { cwd: dir, env: { PATH: "/usr/bin:/bin", NODE_OPTIONS: process.env.NODE_OPTIONS, ...env }, timeout: 20_000, encoding: "utf8" },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

describe("dist/dashscope-verify.cjs", () => {
  test("is alone in an empty directory: no node_modules anywhere above it", () => {
    expect(fs.readdirSync(dir)).toEqual(["dashscope-verify.cjs"]);
    for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) expect(fs.existsSync(path.join(d, "node_modules"))).toBe(false);
  });

  test("--help and --version work", async () => {
    const help = await run(["--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toMatch(/^dashscope-verify: prove that Model Studio/);
    const version = await run(["--version"]);
    expect(version.stdout.trim()).toBe((JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version);
  });

  test("verifies every API family against the loopback server", async () => {
    const result = await run(
      ["--base-url", world.customBaseUrl, "--dns-server", world.dns.address, "--ca", world.caFile, "--api", "openai,anthropic,dashscope,embeddings", "--json", "-"],
      { DASHSCOPE_API_KEY: KEY },
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as VerifyReport;
    expect(report.checks.every((c) => c.status === "pass")).toBe(true);
    expect(report.checks).toHaveLength(11);
  });
});
