import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const SYNTH = path.join(ROOT, "scripts", "synth.js");

/**
 * A user app as a module for `synth.js --app`: stack "warned" carries the provider-version warning
 * (bindings for another alicloud version) and an unknown zone's warning (`ap-southeast-1z`, of the right
 * form but not in the dated zone list), stack "broken" has an endpoint without any provider,
 * which fails DSPL_PROVIDER_MISSING at synth (a lazy validation, so it reaches app.synth()).
 */
function writeApp(dir: string, { broken }: { broken: boolean }): string {
  const file = path.join(dir, "app.js");
  const cdktf = JSON.stringify(require.resolve("cdktf"));
  const lib = JSON.stringify(path.join(ROOT, "dist", "lib", "index.js"));
  const alicloud = JSON.stringify(path.join(ROOT, "dist", ".gen", "providers", "alicloud", "provider", "index.js"));
  fs.writeFileSync(
    file,
    `const { App, TerraformStack } = require(${cdktf});
const { DashScopeEndpoint } = require(${lib});
const { AlicloudProvider } = require(${alicloud});
const vSwitches = [{ vSwitchId: "vsw-a", zoneId: "ap-southeast-1a" }, { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" }];
const base = { region: "ap-southeast-1", vpcId: "vpc-1", vpcCidrBlock: "10.0.0.0/16", vSwitches };
exports.buildApp = ({ outdir }) => {
  const app = new App({ outdir });
  const warned = new TerraformStack(app, "warned");
  const provider = new AlicloudProvider(warned, "sg", { region: "ap-southeast-1", alias: "sg" });
  Object.assign(provider.terraformGeneratorMetadata, { providerVersion: "1.300.0" });
  const unknownZone = [vSwitches[0], { vSwitchId: "vsw-z", zoneId: "ap-southeast-1z" }];
  new DashScopeEndpoint(warned, "Endpoint", { ...base, vSwitches: unknownZone, provider });
  if (${broken}) new DashScopeEndpoint(new TerraformStack(app, "broken"), "Endpoint", base);
  return app;
};
`,
  );
  return file;
}

function runSynth(broken: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dspl-synth-"));
  try {
    const app = writeApp(dir, { broken });
    return spawnSync(process.execPath, [SYNTH, "--app", app, "--outdir", path.join(dir, "out")], { encoding: "utf8" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("npm run synth (scripts/synth.js)", () => {
  test("prints every stack's summary and its warning annotations", () => {
    const run = runSynth(false);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^warned: \d+ resources, 0 data sources, outputs: /m);
    expect(run.stdout).toMatch(/^\[warned\] Warning: \[warned\/sg\] .*aliyun\/alicloud 1\.300\.0.*1\.289\.0/m);
    expect(run.stdout).toMatch(/^\[warned\] Warning: \[warned\/Endpoint\] \[DSPL_ZONE_UNKNOWN\] .*"ap-southeast-1z"/m);
  });

  test("a validation error that reaches app.synth() keeps its DSPL_* code, and the warnings are still shown", () => {
    const run = runSynth(true);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^synth failed \[DSPL_PROVIDER_MISSING\]: /m);
    expect(run.stderr).toMatch(/^\[warned\] Warning: .*1\.300\.0/m);
  });

  test("from code, synthesize() throws a SynthFailure carrying the codes", () => {
    const { synthesize, SynthFailure } = require(SYNTH);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dspl-synth-"));
    try {
      const app = writeApp(dir, { broken: true });
      let caught: any;
      try {
        synthesize({ app, outdir: path.join(dir, "out") });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(SynthFailure);
      expect(caught.code).toBe("DSPL_PROVIDER_MISSING");
      expect(caught.codes).toEqual(["DSPL_PROVIDER_MISSING"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
