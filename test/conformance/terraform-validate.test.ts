// Opt-in (TF_VALIDATE=1): `terraform init -backend=false && terraform validate` on every example
// stack, for machines that have terraform and can install (or mirror) aliyun/alicloud 1.289.0. This
// machine's CI cannot: the provider binary is not reachable, so the schema conformance test stands in.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildExampleApp } from "../../examples/app";

if (process.env.TF_VALIDATE !== "1") {
  test.skip("terraform validate on every example stack (opt-in: TF_VALIDATE=1 with terraform and the alicloud provider available)", () => undefined);
} else {
  describe("terraform validate (TF_VALIDATE=1)", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "dspl-tf-validate-"));
    buildExampleApp({ outdir }).synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
    afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

    test.each(Object.keys(manifest.stacks))("%s validates", (name) => {
      const dir = path.join(outdir, path.dirname(manifest.stacks[name].synthesizedStackPath));
      const run = (args: string[]) =>
        execFileSync("terraform", args, { cwd: dir, env, encoding: "utf8", timeout: 300_000 });
      run(["init", "-backend=false", "-input=false", "-no-color"]);
      expect(run(["validate", "-no-color"])).toMatch(/Success! The configuration is valid/);
    });
  });
}
