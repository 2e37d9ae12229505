// A Stryker reporter, `live` (stryker.config.json): one JSON line per tested mutant, appended to
// reports/mutation/live.jsonl as the run goes, so the survivors of a run of an hour can be read (and
// worked on) before it ends. Stryker's own json/html reports are written only at the end.
import * as fs from "node:fs";
import * as path from "node:path";
import { PluginKind, declareClassPlugin } from "@stryker-mutator/api/plugin";

const FILE = path.join("reports", "mutation", "live.jsonl");

class LiveReporter {
  constructor() {
    fs.mkdirSync(path.dirname(FILE), { recursive: true });
    fs.writeFileSync(FILE, "");
  }
  onMutantTested(result) {
    const { id, fileName, mutatorName, replacement, location, status, statusReason } = result;
    const line = { id, file: path.relative(process.cwd(), fileName), line: location.start.line, column: location.start.column, mutatorName, replacement, status };
    if (status === "Survived" || status === "NoCoverage") line.reason = statusReason;
    fs.appendFileSync(FILE, `${JSON.stringify(line)}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, "live", LiveReporter)];
