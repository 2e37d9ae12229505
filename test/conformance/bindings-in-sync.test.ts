import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const GENERATED = path.join(ROOT, ".gen", "providers", "alicloud");

function listFiles(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))]))
    .sort();
}

describe("generated bindings", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "dspl-gen-"));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  // The generator must need neither terraform nor the network: run it with a PATH that holds only
  // node (and the loopback guard of NODE_OPTIONS), once for every test below.
  let printed = "";
  beforeAll(() => {
    printed = execFileSync(process.execPath, [path.join(ROOT, "scripts", "gen-bindings.js"), "--out", out], {
      cwd: ROOT,
      env: { PATH: path.dirname(process.execPath), HOME: os.tmpdir(), CHECKPOINT_DISABLE: "1", NODE_OPTIONS: process.env.NODE_OPTIONS ?? "" },
      encoding: "utf8",
      timeout: 120_000,
      killSignal: "SIGKILL",
    });
  });

  test("regenerate from provider/ with no terraform on PATH", () => {
    expect(printed).toMatch(/aliyun\/alicloud 1\.289\.0 \(~> 1\.289\)/);
  });

  test(".gen matches a fresh generation from the pinned schema, file for file", () => {
    const fresh = path.join(out, "providers", "alicloud");
    const files = listFiles(fresh);
    expect(listFiles(GENERATED)).toEqual(files);
    const differing = files.filter(
      (f) => !fs.readFileSync(path.join(fresh, f)).equals(fs.readFileSync(path.join(GENERATED, f))),
    );
    expect(differing).toEqual([]);
  });

  test("every resource and data source of the pinned schema has a binding", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "provider", "alicloud-schema.json"), "utf8"));
    const provider = schema.provider_schemas["registry.terraform.io/aliyun/alicloud"];
    const kebab = (t: string) => t.replace(/^alicloud_/, "").replace(/_/g, "-");
    const expected = [
      ...Object.keys(provider.resource_schemas).map(kebab),
      ...Object.keys(provider.data_source_schemas).map((t) => `data-alicloud-${kebab(t)}`),
      "provider",
    ].sort();
    const dirs = fs
      .readdirSync(GENERATED, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(dirs).toEqual(expected);
  });

  test("the bindings pin the provider source and version the schema was read from", () => {
    const providerTs = fs.readFileSync(path.join(GENERATED, "provider", "index.ts"), "utf8");
    expect(providerTs).toContain("terraformProviderSource: 'aliyun/alicloud'");
    expect(providerTs).toContain("providerVersion: '1.289.0'");
    expect(providerTs).toContain("providerVersionConstraint: '~> 1.289'");
  });
});
