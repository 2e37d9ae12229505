// The CI example installs what it runs: every `npx <bin>` of a job is the bin of a package the job
// installed (npm ci of this repo's lock file), every `node <file>` is a file the job built, checked
// out or downloaded, and every `npm run <script>` is run after `npm ci`.
import * as fs from "node:fs";
import * as path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require("js-yaml");

const ROOT = path.resolve(__dirname, "..", "..");
const workflow = yaml.load(fs.readFileSync(path.join(ROOT, "examples", "ci", "github-actions", "deploy-and-verify.yml"), "utf8"));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/** bin name -> package, for every direct dependency of the repo (what `npm ci` links into node_modules/.bin). */
function installedBins(): Map<string, string> {
  const bins = new Map<string, string>();
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8"));
    const bin = typeof manifest.bin === "string" ? { [name.replace(/^@[^/]+\//, "")]: manifest.bin } : manifest.bin ?? {};
    for (const b of Object.keys(bin)) bins.set(b, name);
  }
  return bins;
}

describe("examples/ci deploy-and-verify.yml", () => {
  const bins = installedBins();
  for (const [jobName, job] of Object.entries<any>(workflow.jobs)) {
    test(`${jobName}: runs only what it installed, built or downloaded`, () => {
      let installed = false;
      const files = new Set<string>();
      const problems: string[] = [];
      for (const step of job.steps) {
        if (typeof step.uses === "string" && step.uses.startsWith("actions/download-artifact")) {
          const artifact = workflow.jobs.deploy.steps.find((s: any) => s.uses?.startsWith("actions/upload-artifact") && s.with?.name === step.with?.name);
          if (!artifact) problems.push(`downloads ${step.with?.name}, which no job uploads`);
          else files.add(path.basename(artifact.with.path));
        }
        if (typeof step.run !== "string") continue;
        const script = step.run.replace(/\\\n/g, " ");
        if (/^\s*npm ci\b/m.test(script)) installed = true;
        for (const [, bin] of script.matchAll(/\bnpx\s+([\w@./-]+)/g)) {
          if (!installed) problems.push(`npx ${bin} before npm ci`);
          else if (!bins.has(bin)) problems.push(`npx ${bin}: no installed package provides that bin`);
        }
        for (const [, name] of script.matchAll(/\bnpm run\s+([\w:-]+)/g)) {
          if (!installed) problems.push(`npm run ${name} before npm ci`);
        }
        for (const [, file] of script.matchAll(/\bnode\s+([\w./-]+\.c?js)\b/g)) {
          if (!installed && !files.has(path.basename(file))) problems.push(`node ${file}: neither built here nor downloaded`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  test("the deploy job's cdktf is cdktf-cli, pinned in devDependencies", () => {
    expect(bins.get("cdktf")).toBe("cdktf-cli");
    expect(pkg.devDependencies["cdktf-cli"]).toBe("0.21.0");
  });

  test("the verify job installs nothing and runs the bundled verifier with plain node", () => {
    const runs = workflow.jobs.verify.steps.filter((s: any) => typeof s.run === "string").map((s: any) => s.run).join("\n");
    expect(runs).not.toMatch(/\bnpm (ci|install|i)\b|\bnpx\b/);
    expect(runs).toMatch(/node dashscope-verify\.cjs \\/);
  });
});
