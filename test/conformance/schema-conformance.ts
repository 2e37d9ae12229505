/**
 * The project's stand-in for `terraform validate`, which cannot run here (the alicloud provider binary
 * is not installable offline): checks every `alicloud_*` resource, data source and provider block of a
 * synthesized `cdk.tf.json` against the pinned provider schema (provider/alicloud-schema.json).
 *
 * It finds what terraform's static validation would: unknown types and arguments, missing required
 * arguments and blocks, computed-only attributes set, literal values of the wrong type, block counts
 * outside min/max items, and a `provider` that names an alias no provider block declares. Values that
 * are Terraform expressions (`${...}`) are unknown at this point and pass, as they do in `terraform
 * validate`. Deprecated arguments are reported separately as warnings.
 */
import * as fs from "fs";
import * as path from "path";

type SchemaType = string | [string, unknown] | [string, unknown, unknown];

interface SchemaAttribute {
  readonly type?: SchemaType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly deprecated?: boolean;
}

interface SchemaBlockType {
  readonly nesting_mode: "single" | "list" | "set" | "map" | "group";
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, SchemaBlockType>;
}

interface ProviderSchema {
  readonly provider: { readonly block: SchemaBlock };
  readonly resource_schemas: Record<string, { readonly block: SchemaBlock }>;
  readonly data_source_schemas: Record<string, { readonly block: SchemaBlock }>;
}

export interface ConformanceIssue {
  /** `resource.alicloud_vpc.main`, `data.alicloud_zones.z`, `provider.alicloud[0]`. */
  readonly address: string;
  /** Dotted path inside the block, e.g. `zone_mappings[0].zone_id`. */
  readonly path: string;
  readonly message: string;
}

export interface ConformanceResult {
  readonly errors: ConformanceIssue[];
  readonly warnings: ConformanceIssue[];
  /** How many alicloud blocks were checked. */
  readonly checked: number;
}

const PROVIDER_KEY = "registry.terraform.io/aliyun/alicloud";
const SCHEMA_FILE = path.resolve(__dirname, "..", "..", "provider", "alicloud-schema.json");
const RESOURCE_META = new Set([
  "//",
  "count",
  "for_each",
  "depends_on",
  "provider",
  "lifecycle",
  "provisioner",
  "connection",
  "dynamic",
]);

let cached: ProviderSchema | undefined;

/** The pinned schema of aliyun/alicloud. */
export function loadPinnedSchema(file = SCHEMA_FILE): ProviderSchema {
  if (file === SCHEMA_FILE && cached) return cached;
  const parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  const schema = parsed.provider_schemas?.[PROVIDER_KEY] as ProviderSchema | undefined;
  if (!schema) throw new Error(`${file} has no provider_schemas["${PROVIDER_KEY}"]`);
  if (file === SCHEMA_FILE) cached = schema;
  return schema;
}

const isExpression = (value: unknown): boolean => typeof value === "string" && value.includes("${");

function typeName(type: SchemaType | undefined): string {
  return JSON.stringify(type);
}

/** Checks a literal against a schema type; returns what is wrong, or undefined. */
function checkType(value: unknown, type: SchemaType | undefined, at: string, out: string[]): void {
  if (value === null || isExpression(value) || type === undefined) return;
  if (type === "dynamic") return;
  if (typeof type === "string") {
    const ok =
      type === "string"
        ? ["string", "number", "boolean"].includes(typeof value)
        : type === "number"
          ? typeof value === "number" || (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)))
          : type === "bool"
            ? typeof value === "boolean" || value === "true" || value === "false"
            : true;
    if (!ok) out.push(`${at}: expected ${type}, got ${JSON.stringify(value)}`);
    return;
  }
  const [kind, inner] = type;
  if (kind === "list" || kind === "set") {
    if (!Array.isArray(value)) {
      out.push(`${at}: expected ${typeName(type)}, got ${JSON.stringify(value)}`);
      return;
    }
    value.forEach((v, i) => checkType(v, inner as SchemaType, `${at}[${i}]`, out));
  } else if (kind === "map") {
    if (typeof value !== "object" || Array.isArray(value)) {
      out.push(`${at}: expected ${typeName(type)}, got ${JSON.stringify(value)}`);
      return;
    }
    for (const [k, v] of Object.entries(value as object)) checkType(v, inner as SchemaType, `${at}.${k}`, out);
  } else if (kind === "object") {
    if (typeof value !== "object" || Array.isArray(value)) {
      out.push(`${at}: expected ${typeName(type)}, got ${JSON.stringify(value)}`);
      return;
    }
    const fields = inner as Record<string, SchemaType>;
    for (const [k, v] of Object.entries(value as object)) {
      if (!(k in fields)) out.push(`${at}.${k}: not an attribute of ${typeName(type)}`);
      else checkType(v, fields[k], `${at}.${k}`, out);
    }
  }
}

function checkBlock(
  body: Record<string, unknown>,
  schema: SchemaBlock,
  at: string,
  meta: ReadonlySet<string>,
  errors: string[],
  warnings: string[],
): void {
  const attributes = schema.attributes ?? {};
  const blocks = schema.block_types ?? {};
  const join = (key: string) => (at ? `${at}.${key}` : key);

  for (const [key, value] of Object.entries(body)) {
    if (meta.has(key)) continue;
    const attribute = attributes[key];
    if (attribute) {
      if (attribute.computed && !attribute.optional && !attribute.required) {
        errors.push(`${join(key)}: is computed-only and cannot be set`);
      }
      if (attribute.deprecated) warnings.push(`${join(key)}: is deprecated in the provider`);
      checkType(value, attribute.type, join(key), errors);
      continue;
    }
    const blockType = blocks[key];
    if (blockType) {
      checkNestedBlock(value, blockType, join(key), errors, warnings);
      continue;
    }
    errors.push(`${join(key)}: unknown argument or block`);
  }

  for (const [key, attribute] of Object.entries(attributes)) {
    if (attribute.required && !(key in body)) errors.push(`${join(key)}: required argument is missing`);
  }
  const dynamic = (body.dynamic ?? {}) as Record<string, unknown>;
  for (const [key, blockType] of Object.entries(blocks)) {
    if ((blockType.min_items ?? 0) > 0 && !(key in body) && !(key in dynamic)) {
      errors.push(`${join(key)}: required block is missing (at least ${blockType.min_items})`);
    }
  }
  for (const [key, spec] of Object.entries(dynamic)) {
    const blockType = blocks[key];
    if (!blockType) {
      errors.push(`${join(`dynamic.${key}`)}: unknown block`);
      continue;
    }
    const content = (spec as { content?: Record<string, unknown> }).content ?? {};
    checkBlock(content, blockType.block, join(`dynamic.${key}.content`), new Set(), errors, warnings);
  }
}

function checkNestedBlock(value: unknown, blockType: SchemaBlockType, at: string, errors: string[], warnings: string[]): void {
  if (isExpression(value)) return;
  const items =
    blockType.nesting_mode === "single" || blockType.nesting_mode === "group"
      ? [value]
      : Array.isArray(value)
        ? value
        : [value]; // cdktf writes a max_items=1 list block as a single object
  if (blockType.nesting_mode !== "single" && blockType.nesting_mode !== "group") {
    const n = items.length;
    if (blockType.min_items !== undefined && n < blockType.min_items) {
      errors.push(`${at}: ${n} block(s), at least ${blockType.min_items} required`);
    }
    if (blockType.max_items !== undefined && blockType.max_items > 0 && n > blockType.max_items) {
      errors.push(`${at}: ${n} block(s), at most ${blockType.max_items} allowed`);
    }
  }
  items.forEach((item, i) => {
    const where = items.length > 1 || Array.isArray(value) ? `${at}[${i}]` : at;
    if (isExpression(item)) return;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      errors.push(`${where}: expected a block (object), got ${JSON.stringify(item)}`);
      return;
    }
    checkBlock(item as Record<string, unknown>, blockType.block, where, new Set(), errors, warnings);
  });
}

/** Checks one synthesized stack (the parsed `cdk.tf.json`). */
export function checkStack(tf: Record<string, any>, schema: ProviderSchema = loadPinnedSchema()): ConformanceResult {
  const errors: ConformanceIssue[] = [];
  const warnings: ConformanceIssue[] = [];
  let checked = 0;
  const record = (address: string, errs: string[], warns: string[]) => {
    for (const e of errs) errors.push(split(address, e));
    for (const w of warns) warnings.push(split(address, w));
  };

  const providerSource = tf.terraform?.required_providers?.alicloud?.source;
  const providers: Record<string, unknown>[] = [tf.provider?.alicloud ?? []].flat();
  if (providers.length > 0 && providerSource !== "aliyun/alicloud") {
    errors.push({
      address: "terraform.required_providers.alicloud",
      path: "source",
      message: `expected "aliyun/alicloud", got ${JSON.stringify(providerSource)}`,
    });
  }
  const aliases = new Set<string>();
  providers.forEach((config, i) => {
    checked++;
    const errs: string[] = [];
    const warns: string[] = [];
    checkBlock(config, schema.provider.block, "", new Set(["alias", "//"]), errs, warns);
    record(`provider.alicloud[${i}]`, errs, warns);
    if (typeof config.alias === "string") aliases.add(config.alias);
  });
  const hasDefaultProvider = providers.some((p) => p.alias === undefined);

  const checkEntities = (
    kind: "resource" | "data",
    entities: Record<string, Record<string, Record<string, unknown>>> | undefined,
    schemas: Record<string, { block: SchemaBlock }>,
  ) => {
    for (const [type, byName] of Object.entries(entities ?? {})) {
      if (!type.startsWith("alicloud_")) continue;
      for (const [name, body] of Object.entries(byName)) {
        checked++;
        const address = kind === "resource" ? `${type}.${name}` : `data.${type}.${name}`;
        const entitySchema = schemas[type];
        if (!entitySchema) {
          errors.push({ address, path: "", message: `unknown ${kind === "resource" ? "resource" : "data source"} type ${type} in aliyun/alicloud 1.289.0` });
          continue;
        }
        const errs: string[] = [];
        const warns: string[] = [];
        checkBlock(body, entitySchema.block, "", RESOURCE_META, errs, warns);
        const provider = body.provider;
        if (provider === undefined) {
          if (!hasDefaultProvider && providers.length > 0) {
            errs.push("provider: not set, and no provider block without an alias exists");
          }
        } else if (typeof provider !== "string" || !/^alicloud(\.[A-Za-z0-9_-]+)?$/.test(provider)) {
          errs.push(`provider: ${JSON.stringify(provider)} is not alicloud or alicloud.<alias>`);
        } else if (provider.includes(".") && !aliases.has(provider.split(".")[1])) {
          errs.push(`provider: ${provider} names an alias no provider block declares (declared: ${[...aliases].join(", ") || "none"})`);
        }
        record(address, errs, warns);
      }
    }
  };
  checkEntities("resource", tf.resource, schema.resource_schemas);
  checkEntities("data", tf.data, schema.data_source_schemas);
  return { errors, warnings, checked };
}

function split(address: string, message: string): ConformanceIssue {
  const colon = message.indexOf(": ");
  return colon > 0
    ? { address, path: message.slice(0, colon), message: message.slice(colon + 2) }
    : { address, path: "", message };
}

/** Renders issues one per line, for a failing assertion's message. */
export function formatIssues(issues: readonly ConformanceIssue[]): string {
  return issues.map((i) => `${i.address}${i.path ? ` ${i.path}` : ""}: ${i.message}`).join("\n");
}
