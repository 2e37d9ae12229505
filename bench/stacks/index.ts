/**
 * The synth subjects by name, loaded on demand: a fresh-process child requires only the module of
 * the subject it builds, so its module-loading time is that subject's own.
 */
import type { App, TerraformStack } from "cdktf";

export type SubjectKind = "floor" | "pattern" | "hand-wired" | "hand-wired-nested";
export const SUBJECT_KINDS: readonly SubjectKind[] = ["floor", "pattern", "hand-wired", "hand-wired-nested"];

export type StackBuilder = (app: App, count: number) => TerraformStack;

/** Requires the subject's module (and so cdktf, the bindings it uses and, for the pattern, the library). */
export function loadSubject(kind: SubjectKind): StackBuilder {
  switch (kind) {
    case "floor":
      return (require("./floor") as typeof import("./floor")).buildFloorStack;
    case "pattern":
      return (require("./pattern") as typeof import("./pattern")).buildPatternStack;
    case "hand-wired":
      return (require("./hand-wired") as typeof import("./hand-wired")).buildHandWiredStack;
    case "hand-wired-nested": {
      const { buildHandWiredStack } = require("./hand-wired") as typeof import("./hand-wired");
      return (app, count) => buildHandWiredStack(app, count, true);
    }
    default:
      throw new Error(`unknown synth subject ${JSON.stringify(kind)}; one of ${SUBJECT_KINDS.join(", ")}`);
  }
}

/** `pattern:100` -> { kind: "pattern", count: 100 }; `floor` -> { kind: "floor", count: 0 }. */
export function parseSubject(text: string): { kind: SubjectKind; count: number } {
  const [kind, count = "0"] = text.split(":");
  if (!SUBJECT_KINDS.includes(kind as SubjectKind) || !/^\d+$/.test(count)) {
    throw new Error(`bad synth subject ${JSON.stringify(text)}: expected floor, pattern:<n>, hand-wired:<n> or hand-wired-nested:<n>`);
  }
  return { kind: kind as SubjectKind, count: Number(count) };
}
