import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FLAVOURS, packedManifest, typesVersionsFor, subpaths } = require("../../scripts/pack-manifest.js");

const ROOT = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const LIFECYCLE = ["preinstall", "install", "postinstall", "prepare", "prepublish"];
/** Where packed files may live: the compiled library (any subpath, e.g. dist/lib/testing), bins, bindings, the schema. */
const ALLOWED = [/^dist\/lib\//, /^dist\/bin\//, /^dist\/\.gen\//, /^dist\/[^/]+\.cjs$/, /^provider\//, /^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/];

let packed: string[];
beforeAll(() => {
  // --ignore-scripts: list what `files` selects without running the prepack build (dist/ is current:
  // jest's global setup rebuilt it).
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts", "--offline"], { cwd: ROOT, encoding: "utf8" });
  packed = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
}, 60000);

describe("the packed tarball (npm pack --dry-run)", () => {
  test("holds the compiled library, the compiled bindings, LICENSE, README and CHANGELOG", () => {
    for (const file of ["LICENSE", "README.md", "CHANGELOG.md", "package.json", "dist/lib/index.js", "dist/lib/index.d.ts", "dist/.gen/providers/alicloud/provider/index.js"]) {
      expect(packed).toContain(file);
    }
  });

  test("holds what the offline checker needs at run time: the pinned schema and the stand-in plugin's entry", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PINNED_SCHEMA } = require("../../lib/testing/driver") as { PINNED_SCHEMA: string };
    expect(path.relative(ROOT, PINNED_SCHEMA)).toBe(path.join("provider", "alicloud-schema.json"));
    expect(packed).toEqual(expect.arrayContaining(["provider/alicloud-schema.json", "dist/lib/testing/plugin-main.js"]));
  });

  test("holds every export's target and types, every typesVersions target and every bin", () => {
    const targets: string[] = [];
    for (const [subpath, target] of Object.entries<any>(pkg.exports)) {
      if (typeof target === "string") targets.push(target);
      else targets.push(target.types, target.default ?? target.require);
      expect(subpath === "." || subpath === "./package.json" || pkg.typesVersions["*"][subpath.slice(2)]).toBeTruthy();
    }
    for (const list of Object.values<string[]>(pkg.typesVersions["*"])) targets.push(...list);
    targets.push(...Object.values<string>(pkg.bin));
    const missing = targets.map((t) => t.replace(/^\.\//, "")).filter((t) => !packed.includes(t));
    expect(missing).toEqual([]);
  });

  test("has no tests, examples, bench, TypeScript sources or source maps, and nothing outside the allowed places", () => {
    expect(packed.filter((f) => !ALLOWED.some((re) => re.test(f)))).toEqual([]);
    expect(packed.filter((f) => /\.test\.|\/test\/|\/examples\/|\/bench\//.test(f))).toEqual([]);
    expect(packed.filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f))).toEqual([]);
    expect(packed.filter((f) => /\.map$/.test(f) || /\.tsbuildinfo$/.test(f))).toEqual([]);
  });
});

describe("the packed package.json of each flavour", () => {
  test.each(Object.keys(FLAVOURS))("%s: no install-time lifecycle script, no devDependencies, its own name and peers", (flavour) => {
    const manifest = packedManifest(pkg, flavour);
    expect(LIFECYCLE.filter((s) => manifest.scripts?.[s])).toEqual([]);
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.name).toBe(FLAVOURS[flavour].name);
    expect(manifest.peerDependencies).toEqual(FLAVOURS[flavour].peerDependencies);
    expect(manifest.typesVersions).toEqual(typesVersionsFor(pkg.exports));
  });

  test("the cdktf flavour's peers are what the repo declares and cdktf 0.21 itself accepts", () => {
    expect(pkg.peerDependencies).toEqual({ cdktf: "0.21.x", constructs: "^10.4.2" });
    expect(FLAVOURS.cdktn.peerDependencies).toEqual({ cdktn: "^0.24.0", constructs: ">=10.6.0 <10.8.0" });
  });

  test("package.json's typesVersions is derived from exports (add a subpath to both)", () => {
    expect(pkg.typesVersions).toEqual(typesVersionsFor(pkg.exports));
    expect(subpaths(pkg)).toEqual(expect.arrayContaining(["", "/alicloud", "/verify"]));
  });

  test("the packed manifest of either flavour has no scripts (npm runs postpack from the manifest read before prepack)", () => {
    expect(packedManifest(pkg, "cdktf")).not.toHaveProperty("scripts");
    expect(packedManifest(pkg, "cdktn")).not.toHaveProperty("scripts");
  });
});

describe("declarations", () => {
  test("the seam's declarations re-export the core (an internal tag there would let stripInternal empty them, and every core type in the library's .d.ts would resolve to nothing)", () => {
    expect(fs.readFileSync(path.join(ROOT, "dist", "lib", "cdk.d.ts"), "utf8")).toMatch(/^export \* from "cdktf";$/m);
  });
});

describe("entry points", () => {
  const node = (code: string, ...flags: string[]) =>
    spawnSync(process.execPath, [...flags, "-e", code], { cwd: ROOT, encoding: "utf8" });
  const cores = `Object.keys(require.cache).filter((f) => /[\\\\/]node_modules[\\\\/](cdktf|cdktn|constructs)[\\\\/]/.test(f)).length`;

  test("./verify loads neither the CDK core nor constructs", () => {
    const run = node(`require("./dist/lib/verify/index.js"); console.log(${cores});`);
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe("0");
  });

  test("./alicloud is lazy under require: loading it loads no binding and no core", () => {
    const run = node(`const m = require("./dist/.gen/providers/alicloud/lazy-index.js"); const before = ${cores}; m.provider; console.log(before, ${cores} > 0);`);
    expect(run.stdout.trim()).toBe("0 true");
  });

  test("./alicloud has real named exports under ESM", () => {
    const file = JSON.stringify(path.join(ROOT, "dist", ".gen", "providers", "alicloud", "lazy-index.js"));
    const run = node(`import { provider, vpc } from ${file}; console.log(typeof provider.AlicloudProvider, typeof vpc.Vpc);`, "--input-type=module");
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe("function function");
  });
});

describe("README (Bring your own bindings)", () => {
  test("lists every generated alicloud type the package ships", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const dirs = fs.readdirSync(path.join(ROOT, ".gen", "providers", "alicloud"), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== "provider");
    const types = dirs.map((d) => `alicloud_${d.name.replace(/^data-alicloud-/, "").replace(/-/g, "_")}`);
    expect(types.length).toBeGreaterThan(40);
    expect(types.filter((t) => !readme.includes(`\`${t}\``))).toEqual([]);
  });
});
