// Shared helpers for the construct suites (not a test file: jest runs *.test.ts only).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AnnotationMetadataEntryType, App, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { IConstruct } from "constructs";
import { DashScopeValidationError } from "../lib/validation";

/** The synthesized stack as an object; `runValidations` runs the lazy validations first. */
export function synthJson(stack: TerraformStack, runValidations = false): any {
  return JSON.parse(Testing.synth(stack, runValidations));
}

/** `type.name`: how Terraform JSON references a resource in depends_on. */
export function address(resource: { terraformResourceType: string; friendlyUniqueId: string }): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/** `${type.name.attribute}` */
export function ref(resource: { terraformResourceType: string; friendlyUniqueId: string }, attribute: string): string {
  return `\${${address(resource)}.${attribute}}`;
}

/** Every address of a synthesized stack (`type.name`, and `data.type.name` for data sources), sorted. */
export function addressesOf(json: any): string[] {
  const of = (blocks: Record<string, Record<string, unknown>> | undefined, prefix: string) =>
    Object.entries(blocks ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${prefix}${type}.${name}`));
  return [...of(json.resource, ""), ...of(json.data, "data.")].sort();
}

/** How many resources of each type a synthesized stack has. */
export function countsOf(json: any): Record<string, number> {
  return Object.fromEntries(Object.entries<Record<string, unknown>>(json.resource ?? {}).map(([t, byName]) => [t, Object.keys(byName).length]));
}

/** Runs fn and returns the DashScopeValidationError it throws (fails the test otherwise). */
export function validationError(fn: () => unknown): DashScopeValidationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DashScopeValidationError) return err;
    throw new Error(`expected a DashScopeValidationError, got: ${err}`);
  }
  throw new Error("expected a DashScopeValidationError, but nothing was thrown");
}

export { thrown } from "./support/thrown";

let probes = 0;
/** What a value synthesizes to (through a throwaway output, the way Terraform would see it). */
export function resolved(stack: TerraformStack, value: unknown): unknown {
  const id = `probe_${++probes}`;
  new TerraformOutput(stack, id, { value });
  return synthJson(stack).output[id].value;
}

/** Synthesizes an app into a throwaway directory and returns each stack's cdk.tf.json by stack name. */
export function synthStacks(build: (outdir: string) => App): Map<string, any> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "dspl-synth-"));
  try {
    build(outdir).synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    return new Map(
      Object.entries<any>(manifest.stacks).map(([name, s]) => [name, JSON.parse(fs.readFileSync(path.join(outdir, s.synthesizedStackPath), "utf8"))]),
    );
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The node paths of a tree and its synthesized JSON: equal before and after a rejected call means nothing was left behind. */
export function treeSnapshot(stack: TerraformStack): { paths: string[]; json: string } {
  return { paths: stack.node.findAll().map((c) => c.node.path), json: Testing.synth(stack) };
}

/** The warning annotations of a construct and its children. */
export function warningsOf(scope: IConstruct): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
    .map((m) => String(m.data));
}
