#!/usr/bin/env node
// `npm run api`: writes the API report of every public entry point of the package (package.json
// `exports`, except those in SKIPPED) to etc/<name>.api.md with API Extractor, from the `.d.ts`
// files tsc emits into dist/ (items tagged @internal are stripped there: `stripInternal`).
// `--check` changes nothing and fails (exit 1) when a report differs from the committed one: the
// public API changed without its report being updated (test/api/api-report.test.ts runs it).
// A new entry point gets its report by being exported; a generated one (`./alicloud`) is skipped.
// `--entry <subpath>` limits the run to one entry point; `--report-folder <dir>` compares with (or
// writes) the reports in another folder than etc/ (the test uses both).
"use strict";

const fs = require("fs");
const path = require("path");
const { Extractor, ExtractorConfig } = require("@microsoft/api-extractor");

const ROOT = path.resolve(__dirname, "..");
/** Entry points without a report: the generated provider bindings. */
const SKIPPED = new Set(["./alicloud", "./package.json"]);

/** Every reported entry point: its export path, its .d.ts and its report's name. */
function entryPoints() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  return Object.entries(pkg.exports)
    .filter(([subpath]) => !SKIPPED.has(subpath))
    .map(([subpath, target]) => ({
      subpath,
      types: path.join(ROOT, target.types),
      reportName: subpath === "." ? pkg.name : `${pkg.name}-${subpath.slice(2).replace(/\//g, "-")}`,
    }));
}

function run({ check, entry: only, reportFolder }) {
  const base = ExtractorConfig.loadFile(path.join(ROOT, "api-extractor.json"));
  if (reportFolder !== undefined) base.apiReport = { ...base.apiReport, reportFolder: path.resolve(reportFolder) };
  const entries = entryPoints().filter((e) => only === undefined || e.subpath === only);
  if (entries.length === 0) throw new Error(`no reported entry point ${JSON.stringify(only)}; one of ${entryPoints().map((e) => e.subpath).join(", ")}`);
  const changed = [];
  let failed = false;
  for (const entry of entries) {
    if (!fs.existsSync(entry.types)) throw new Error(`${entry.subpath}: ${path.relative(ROOT, entry.types)} is missing; build first (npx tsc -p tsconfig.json)`);
    const configObject = {
      ...base,
      mainEntryPointFilePath: entry.types,
      // The compiler reads the entry point and what it imports, not the whole repository.
      compiler: { overrideTsconfig: { ...base.compiler.overrideTsconfig, files: [entry.types] } },
      apiReport: { ...base.apiReport, reportFileName: entry.reportName },
    };
    const config = ExtractorConfig.prepare({
      configObject,
      configObjectFullPath: path.join(ROOT, "api-extractor.json"),
      packageJsonFullPath: path.join(ROOT, "package.json"),
    });
    const messages = [];
    const result = Extractor.invoke(config, {
      localBuild: !check,
      messageCallback: (message) => {
        // API Extractor's own console notices (report created / changed) are summed up below.
        if (String(message.messageId).startsWith("console-")) message.handled = true;
        else if (message.logLevel === "error" || message.logLevel === "warning") {
          messages.push(message.formatMessageWithLocation(ROOT));
          message.handled = true;
        } else message.handled = true;
      },
    });
    const report = path.relative(ROOT, config.reportFilePath);
    if (messages.length > 0) {
      failed = true;
      process.stderr.write(`${entry.subpath}: ${messages.join("\n")}\n`);
    }
    if (result.apiReportChanged) changed.push({ entry, report, temp: config.reportTempFilePath });
    else process.stdout.write(`${entry.subpath}: ${report} is current\n`);
  }
  for (const { entry, report, temp } of changed) {
    process.stdout.write(
      check
        ? `${entry.subpath}: the public API differs from ${report} (the new report: ${path.relative(ROOT, temp)}); if the change is meant, run \`npm run api\` and commit the report\n`
        : `${entry.subpath}: wrote ${report}\n`,
    );
  }
  return failed || (check && changed.length > 0) ? 1 : 0;
}

module.exports = { entryPoints, run };

if (require.main === module) {
  try {
    const args = process.argv.slice(2);
    const value = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
    process.exitCode = run({ check: args.includes("--check"), entry: value("--entry"), reportFolder: value("--report-folder") });
  } catch (error) {
    process.stderr.write(`api: ${error.message}\n`);
    process.exitCode = 2;
  }
}
