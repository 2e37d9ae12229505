// Normalises a synthesized stack so that two stacks that declare the same infrastructure under
// different Terraform addresses compare equal (not a test file: jest runs *.test.ts only).
import { createHash } from "crypto";

/** One resource or data source, named by what it is rather than by its address. */
export interface CanonicalBlock {
  /** `type#<hash of its normalised body>`; data sources as `data.type#...`. */
  readonly canonicalId: string;
  readonly body: unknown;
}

export interface NormalizedStack {
  /** Resources and data sources, sorted by canonical id. */
  readonly blocks: CanonicalBlock[];
  /** `type -> count` for resources and `data.type -> count` for data sources. */
  readonly counts: Record<string, number>;
  /** Everything else (provider, terraform, output, ...), metadata removed. */
  readonly rest: Record<string, unknown>;
}

const REFERENCE = /\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)/g;

/** Drops every `//` (cdktf metadata) key, recursively. */
export function stripMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== "//")
      .map(([key, v]) => [key, stripMetadata(v)]),
  );
}

/** JSON with object keys sorted, so equal values give equal text. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
}

/**
 * Replaces every address (in `${...}` references and in `depends_on`) with the canonical id of the
 * block it names, where a block's canonical id is its type plus a hash of its own normalised body.
 * The blocks form a DAG, so this terminates; equal ids mean equal blocks with equal dependencies.
 */
export function normalizeStack(synthesized: unknown): NormalizedStack {
  const json = stripMetadata(synthesized) as Record<string, Record<string, Record<string, unknown>> | undefined>;
  const bodies = new Map<string, Record<string, unknown>>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) bodies.set(`${type}.${name}`, body as Record<string, unknown>);
  }
  for (const [type, byName] of Object.entries(json.data ?? {})) {
    for (const [name, body] of Object.entries(byName)) bodies.set(`data.${type}.${name}`, body as Record<string, unknown>);
  }

  const canonical = new Map<string, CanonicalBlock>();
  const visiting = new Set<string>();
  const canonicalIdOf = (address: string): string => canonicalOf(address)?.canonicalId ?? address;
  const rewrite = (value: unknown): unknown => {
    if (typeof value === "string") return value.replace(REFERENCE, (whole, address: string) => (bodies.has(address) ? `\${${canonicalIdOf(address)}` : whole));
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, rewrite(v)]));
  };
  function canonicalOf(address: string): CanonicalBlock | undefined {
    const known = canonical.get(address);
    if (known) return known;
    const body = bodies.get(address);
    if (!body) return undefined;
    if (visiting.has(address)) throw new Error(`reference cycle through ${address}`);
    visiting.add(address);
    const { depends_on: dependsOn, ...attributes } = body;
    const normalized: Record<string, unknown> = rewrite(attributes) as Record<string, unknown>;
    if (Array.isArray(dependsOn)) {
      // Terraform treats depends_on as a set: its order carries no meaning.
      normalized.depends_on = (dependsOn as string[]).map((d) => (bodies.has(d) ? canonicalIdOf(d) : d)).sort();
    }
    visiting.delete(address);
    const type = address.slice(0, address.lastIndexOf("."));
    const block = {
      canonicalId: `${type}#${createHash("sha256").update(stable(normalized)).digest("hex").slice(0, 16)}`,
      body: normalized,
    };
    canonical.set(address, block);
    return block;
  }

  const blocks = [...bodies.keys()].map((address) => canonicalOf(address)!);
  blocks.sort((a, b) => (a.canonicalId < b.canonicalId ? -1 : a.canonicalId > b.canonicalId ? 1 : 0));
  const counts: Record<string, number> = {};
  for (const address of bodies.keys()) {
    const type = address.slice(0, address.lastIndexOf("."));
    counts[type] = (counts[type] ?? 0) + 1;
  }
  const { resource: _resource, data: _data, ...rest } = json;
  return { blocks, counts, rest };
}
