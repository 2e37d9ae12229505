/**
 * What terraform said, as the driver reports it: every diagnostic with the phase that produced it
 * and whether it concerns the stack (fix the configuration) or the stand-in provider (a limit or a
 * fault of this offline check, not of the stack).
 */

export type Phase = "init" | "validate" | "plan";

export interface OfflineDiagnostic {
  readonly phase: Phase;
  /** `stack`: the configuration is wrong; `stand-in`: the offline provider could not answer. */
  readonly source: "stack" | "stand-in";
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail: string;
  /** The resource address, where terraform gave one. */
  readonly address?: string;
  /** `file:line`, where terraform gave a source range. */
  readonly location?: string;
}

interface TerraformDiagnostic {
  severity?: string;
  summary?: string;
  detail?: string;
  address?: string;
  range?: { filename?: string; start?: { line?: number } };
}

/** Summaries of diagnostics that come from the plugin machinery rather than from the configuration. */
const STAND_IN = [
  /^Provider produced/i,
  /^Plugin did not respond/i,
  /^Failed to (load plugin schemas|instantiate provider|read schema|query available provider packages|install provider)/i,
  /^Provider returned invalid/i,
  /^Incompatible provider version/i,
  /^Request cancelled/i,
  /^Unsupported plugin method/i,
  /stand-in provider/i,
];

function sourceOf(summary: string, detail: string): "stack" | "stand-in" {
  if (STAND_IN.some((re) => re.test(summary))) return "stand-in";
  return /rpc error|stand-in provider has no schema/i.test(detail) ? "stand-in" : "stack";
}

export function fromTerraform(phase: Phase, d: TerraformDiagnostic): OfflineDiagnostic {
  const summary = d.summary ?? "(no summary)";
  const detail = d.detail ?? "";
  const file = d.range?.filename;
  return {
    phase,
    source: sourceOf(summary, detail),
    severity: d.severity === "warning" ? "warning" : "error",
    summary,
    detail,
    ...(d.address ? { address: d.address } : {}),
    ...(file ? { location: `${file}:${d.range?.start?.line ?? 0}` } : {}),
  };
}

/** `terraform init` has no JSON output in every supported version: read its boxed `Error:` blocks. */
export function fromInitOutput(text: string): OfflineDiagnostic[] {
  const found: OfflineDiagnostic[] = [];
  for (const box of text.split("╷").slice(1)) {
    const lines = box.split("╵")[0].split("\n").map((l) => l.replace(/^│ ?/, "").trimEnd());
    const head = lines.findIndex((l) => /^(Error|Warning): /.test(l));
    if (head < 0) continue;
    const [, level, summary] = /^(Error|Warning): (.*)$/.exec(lines[head])!;
    const detail = lines.slice(head + 1).join("\n").trim();
    found.push({ ...fromTerraform("init", { severity: level.toLowerCase(), summary, detail }) });
  }
  return found;
}

/** The diagnostics of the JSON lines `terraform plan -json` prints, and its change summary. */
type Changes = { add: number; change: number; remove: number; import?: number };

export function fromPlanStream(stdout: string): { diagnostics: OfflineDiagnostic[]; changes?: Changes } {
  const diagnostics: OfflineDiagnostic[] = [];
  let changes: Changes | undefined;
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    let msg: { type?: string; diagnostic?: TerraformDiagnostic; changes?: Changes };
    try {
      msg = JSON.parse(line);
    } catch {
      continue;
    }
    if (msg.type === "diagnostic" && msg.diagnostic) diagnostics.push(fromTerraform("plan", msg.diagnostic));
    if (msg.type === "change_summary" && msg.changes) changes = msg.changes;
  }
  return { diagnostics, changes };
}

/** One line per diagnostic, for the CLI and for matcher messages. */
export function formatDiagnostic(d: OfflineDiagnostic): string {
  const where = [d.address, d.location].filter(Boolean).join(", ");
  const detail = d.detail ? `: ${d.detail.split("\n").filter(Boolean).join(" ")}` : "";
  return `${d.severity} [${d.phase}, ${d.source}] ${d.summary}${where ? ` (${where})` : ""}${detail}`;
}
