#!/usr/bin/env node
// Generates the typed alicloud L1 bindings (.gen/providers/alicloud) from the pinned schema in
// provider/, the way `cdktf get --experimental-provider-schema-cache-path` does, but with no terraform
// and no network: the pinned schema is placed in a throwaway provider-schema cache, so the generator's
// cache lookup hits and `terraform providers schema -json` is never run.
//
//   node scripts/gen-bindings.js [--out DIR] [--check]
//     --out DIR   write the bindings to DIR instead of .gen
//     --check     exit 0 when .gen is already current for the pinned schema, else regenerate
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const crypto = require("crypto");

const ROOT = path.resolve(__dirname, "..");
const SCHEMA_FILE = path.join(ROOT, "provider", "alicloud-schema.json");
const PROVIDER_FQN = "aliyun/alicloud";
const PROVIDER_CONSTRAINT = "~> 1.289";
const PROVIDER_VERSION = "1.289.0";
const REGISTRY_KEY = `registry.terraform.io/${PROVIDER_FQN}`;
const STAMP = ".schema-sha256";

function parseArgs(argv) {
  const args = { out: path.join(ROOT, ".gen"), check: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") args.out = path.resolve(argv[++i]);
    else if (argv[i] === "--check") args.check = true;
    else throw new Error(`gen-bindings: unknown argument '${argv[i]}'; use --out DIR and/or --check`);
  }
  return args;
}

function schemaDigest(text) {
  const generatorVersion = require("@cdktf/provider-generator/package.json").version;
  return crypto.createHash("sha256").update(text).update(`\0${generatorVersion}`).digest("hex");
}

async function generate(outDir, schemaText) {
  // With the schema cache hit the generator needs no terraform, but @cdktf/commons runs
  // `terraform version -json` as a side effect of being loaded. Point it at a binary that does not
  // exist so no terraform process starts (and none can phone home); keep the checkpoint off too.
  process.env.CHECKPOINT_DISABLE = "1";
  process.env.TERRAFORM_BINARY_NAME = "terraform-is-not-used-by-gen-bindings";
  const { ConstructsMaker, TerraformProviderConstraint } = require("@cdktf/provider-generator");
  const { Language } = require("@cdktf/commons");

  const schema = JSON.parse(schemaText);
  if (!schema.provider_schemas || !schema.provider_schemas[REGISTRY_KEY]) {
    throw new Error(`gen-bindings: ${SCHEMA_FILE} has no provider_schemas["${REGISTRY_KEY}"]`);
  }
  schema.provider_versions = { [REGISTRY_KEY]: PROVIDER_VERSION };

  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "dspl-schema-cache-"));
  try {
    const key = `${encodeURIComponent(PROVIDER_FQN)}@${encodeURIComponent(PROVIDER_CONSTRAINT)}`;
    fs.writeFileSync(path.join(cacheDir, `${key}.json`), JSON.stringify(schema));
    fs.rmSync(path.join(outDir, "providers", "alicloud"), { recursive: true, force: true });
    const maker = new ConstructsMaker(
      { codeMakerOutput: outDir, targetLanguage: Language.TYPESCRIPT },
      cacheDir,
    );
    const constraint = new TerraformProviderConstraint(`${PROVIDER_FQN}@${PROVIDER_CONSTRAINT}`);
    await maker.generate([constraint]);
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

async function main() {
  const started = process.hrtime.bigint();
  const args = parseArgs(process.argv.slice(2));
  const schemaText = fs.readFileSync(SCHEMA_FILE, "utf8");
  const digest = schemaDigest(schemaText);
  const stampFile = path.join(args.out, STAMP);
  if (args.check && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8").trim() === digest) {
    return;
  }
  await generate(args.out, schemaText);
  fs.writeFileSync(stampFile, `${digest}\n`);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const files = fs.readdirSync(path.join(args.out, "providers", "alicloud")).length;
  process.stdout.write(
    `gen: aliyun/alicloud ${PROVIDER_VERSION} (${PROVIDER_CONSTRAINT}) -> ${path.relative(process.cwd(), args.out) || "."}/providers/alicloud (${files} entries) in ${ms.toFixed(0)} ms\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
