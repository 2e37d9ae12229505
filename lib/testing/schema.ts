/**
 * The provider schema as `terraform providers schema -json` prints it, its conversion to the
 * protocol's `Schema` messages, and the walks over values the stand-in answers with: computed
 * attributes left unset become unknown in a plan, or placeholders in a data source's result, and
 * each deprecated argument set in a configuration yields one warning.
 */
import * as fs from "node:fs";
import { CtyType, CtyValue, UNKNOWN, placeholder } from "./cty";

export interface JsonAttribute {
  readonly type?: CtyType;
  readonly nested_type?: { readonly attributes: Record<string, JsonAttribute>; readonly nesting_mode: string };
  readonly description?: string;
  readonly description_kind?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
  readonly write_only?: boolean;
}

export interface JsonBlock {
  readonly attributes?: Record<string, JsonAttribute>;
  readonly block_types?: Record<string, JsonBlockType>;
  readonly description?: string;
  readonly description_kind?: string;
  readonly deprecated?: boolean;
}

export interface JsonBlockType {
  readonly nesting_mode: string;
  readonly block: JsonBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface JsonSchema {
  readonly version: number;
  readonly block: JsonBlock;
}

/** One provider's part of a `terraform providers schema -json` document. */
export interface ProviderSchema {
  readonly provider: JsonSchema;
  readonly resource_schemas?: Record<string, JsonSchema>;
  readonly data_source_schemas?: Record<string, JsonSchema>;
}

/** The registry address the stand-in serves. */
export const PROVIDER_ADDRESS = "registry.terraform.io/aliyun/alicloud";

/** Reads a `terraform providers schema -json` file and returns the alicloud provider's schema. */
export function loadProviderSchema(file: string): ProviderSchema {
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { provider_schemas?: Record<string, ProviderSchema> };
  const schema = doc.provider_schemas?.[PROVIDER_ADDRESS];
  if (!schema) {
    const found = Object.keys(doc.provider_schemas ?? {}).join(", ") || "none";
    throw new Error(`${file} has no schema for ${PROVIDER_ADDRESS} (providers found: ${found}); pass the output of \`terraform providers schema -json\` of a configuration that uses aliyun/alicloud`);
  }
  return schema;
}

const kind = (k: string | undefined) => (k === "markdown" ? "MARKDOWN" : "PLAIN");

function attributeMessage(name: string, a: JsonAttribute): Record<string, unknown> {
  return {
    name,
    type: a.type === undefined ? undefined : Buffer.from(JSON.stringify(a.type)),
    nested_type: a.nested_type && {
      attributes: Object.entries(a.nested_type.attributes).map(([n, x]) => attributeMessage(n, x)),
      nesting: a.nested_type.nesting_mode.toUpperCase(),
    },
    description: a.description ?? "",
    description_kind: kind(a.description_kind),
    required: !!a.required,
    optional: !!a.optional,
    computed: !!a.computed,
    sensitive: !!a.sensitive,
    deprecated: !!a.deprecated,
    write_only: !!a.write_only,
  };
}

function blockMessage(b: JsonBlock, version = 0): Record<string, unknown> {
  return {
    version,
    attributes: Object.entries(b.attributes ?? {}).map(([n, a]) => attributeMessage(n, a)),
    block_types: Object.entries(b.block_types ?? {}).map(([n, t]) => ({
      type_name: n,
      block: blockMessage(t.block),
      nesting: t.nesting_mode.toUpperCase(),
      min_items: t.min_items ?? 0,
      max_items: t.max_items ?? 0,
    })),
    description: b.description ?? "",
    description_kind: kind(b.description_kind),
    deprecated: !!b.deprecated,
  };
}

export const schemaMessage = (s: JsonSchema) => ({ version: s.version, block: blockMessage(s.block, s.version) });

type Obj = { [key: string]: CtyValue };
const isObj = (v: CtyValue): v is Obj => v !== null && v !== UNKNOWN && typeof v === "object" && !Array.isArray(v);

/** The object values a nested block's value holds, whatever its nesting mode. */
function blockObjects(mode: string, value: CtyValue): Obj[] {
  if (value === null || value === UNKNOWN) return [];
  if (Array.isArray(value)) return value.filter(isObj);
  if (!isObj(value)) return [];
  return mode === "map" ? Object.values(value).filter(isObj) : [value];
}

/**
 * Fills the computed attributes the value leaves null, in place, through nested blocks: with
 * UNKNOWN for a planned resource, with a placeholder of the attribute's type for a data source.
 */
export function fillComputed(block: JsonBlock, value: CtyValue, fill: "unknown" | "placeholder"): CtyValue {
  if (!isObj(value)) return value;
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    if (!a.computed || (value[name] ?? null) !== null) continue;
    value[name] = fill === "unknown" || a.type === undefined ? UNKNOWN : placeholder(a.type, name);
  }
  for (const [name, t] of Object.entries(block.block_types ?? {})) {
    for (const nested of blockObjects(t.nesting_mode, value[name] ?? null)) fillComputed(t.block, nested, fill);
  }
  return value;
}

/** The path of every deprecated attribute or block set (non-null) in a configuration value. */
export function deprecatedPaths(block: JsonBlock, value: CtyValue, path: string[] = []): string[][] {
  if (!isObj(value)) return [];
  const found: string[][] = [];
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    if (a.deprecated && (value[name] ?? null) !== null) found.push([...path, name]);
  }
  for (const [name, t] of Object.entries(block.block_types ?? {})) {
    const objects = blockObjects(t.nesting_mode, value[name] ?? null);
    if (t.block.deprecated && objects.length > 0) found.push([...path, name]);
    for (const nested of objects) found.push(...deprecatedPaths(t.block, nested, [...path, name]));
  }
  return found;
}

/** A value of the block's type with every attribute null and no nested blocks: an imported object the stand-in cannot read. */
export function emptyObject(block: JsonBlock, id: string): CtyValue {
  const value: Obj = {};
  for (const name of Object.keys(block.attributes ?? {})) value[name] = null;
  for (const [name, t] of Object.entries(block.block_types ?? {})) {
    value[name] = t.nesting_mode === "list" || t.nesting_mode === "set" ? [] : t.nesting_mode === "map" ? {} : null;
  }
  if ("id" in value) value.id = id;
  return value;
}
