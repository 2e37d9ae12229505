/**
 * Reads what to verify from a deployment's outputs: the JSON `cdktf deploy --outputs-file` writes
 * (`{ "<stack>": { "<output>": value } }`, with outputs declared inside constructs nested under
 * their construct ids, sensitive ones left out) or `terraform output -json`
 * (`{ "<output>": { "value": …, "type": …, "sensitive": … } }`).
 *
 * The outputs used are those `DashScopeEndpointOutputs` writes (ENDPOINT_OUTPUT_NAMES in lib/catalog):
 * `custom_domain` (verified over HTTPS),
 * `endpoint_domain` (verified over plain HTTP, its only protocol) and `endpoint_zone_ips` (the
 * addresses both names must resolve to).
 *
 * A stack with two hubs (data residency) names each hub's outputs `<prefix>_endpoint_domain`, ...
 * (`endpointOutputNames(prefix)` in lib/catalog, the same function the constructs use); `prefix`
 * picks one hub, and a prefix with no outputs is an error naming the prefixes present.
 */
import { COMPATIBLE_MODE_PATH, ENDPOINT_OUTPUT_NAMES, type EndpointOutputNames, endpointDomainBaseUrl, endpointOutputNames } from "../catalog/dashscope";
import { VerifyConfigError, VerifyErrorCode, isShowableName, shownName } from "./errors";
import type { VerifyTarget } from "./types";

/** A stack name as a message prints it bare, unless it is shaped like a key (see `shownName`). */
const bareName = (name: string): string => (isShowableName(name) ? name : shownName(name));

export interface DeploymentOutputs {
  readonly format: "cdktf" | "terraform";
  /** The cdktf stack the outputs came from. */
  readonly stack?: string;
  readonly customDomain?: string;
  readonly endpointDomain?: string;
  readonly endpointZoneIps: readonly string[];
}

export interface TargetsFromOutputsOptions {
  /** Port of the HTTPS (custom domain) target. @default 443 */
  readonly httpsPort?: number;
  /** Port of the HTTP (endpoint domain) target. @default 80 */
  readonly httpPort?: number;
}

function invalid(problem: string, hint?: string): VerifyConfigError {
  return new VerifyConfigError(problem, { code: VerifyErrorCode.OUTPUTS_INVALID, hint });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

/** A `terraform output -json` entry. */
function isTerraformOutput(v: unknown): v is { value: unknown } {
  return isObject(v) && "value" in v && ("type" in v || "sensitive" in v);
}

/** Parses the text of an outputs file; `prefix` picks one hub of a stack with two. */
export function parseOutputsJson(text: string, stack?: string, source = "the outputs file", prefix?: string): DeploymentOutputs {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid(`${source} is not JSON`, "pass the file written by `cdktf deploy --outputs-file` or `terraform output -json`");
  }
  return parseOutputs(json, stack, source, prefix);
}

/** Reads the outputs the verifier needs from a parsed outputs file; `prefix` picks one hub of a stack with two. */
export function parseOutputs(json: unknown, stack?: string, source = "the outputs file", prefix?: string): DeploymentOutputs {
  if (!isObject(json)) throw invalid(`${source} is not a JSON object`);
  const names = endpointOutputNames(prefix);
  const entries = Object.values(json);
  if (entries.some(isTerraformOutput)) {
    // terraform output -json: one state, no stacks (a --stack is irrelevant there).
    const value = (name: string) => (isTerraformOutput(json[name]) ? (json[name] as { value: unknown }).value : undefined);
    return build("terraform", undefined, value, source, names, prefix, Object.keys(json));
  }
  let stackName = stack;
  let scope: Record<string, unknown>;
  if (stackName) {
    if (!isObject(json[stackName])) {
      throw invalid(`${source} has no stack ${shownName(stackName)}`, `its stacks: ${Object.keys(json).join(", ") || "none"}`);
    }
    scope = json[stackName] as Record<string, unknown>;
  } else if (names.endpointDomain in json || names.customDomain in json || hubPrefixes(Object.keys(json)).length > 0) {
    scope = json; // a single stack's outputs, unwrapped
  } else {
    const stacks = Object.keys(json).filter((k) => isObject(json[k]));
    if (stacks.length !== 1) {
      throw invalid(
        `${source} has ${stacks.length} stacks; say which with \`stack\``,
        `its stacks: ${stacks.join(", ") || "none"}`,
      );
    }
    stackName = stacks[0];
    scope = json[stackName] as Record<string, unknown>;
  }
  return build("cdktf", stackName, (name) => findNested(scope, name, source), source, names, prefix, allKeys(scope));
}

/** Every key under `scope`, nested ones included. */
function allKeys(scope: Record<string, unknown>): string[] {
  const keys: string[] = [];
  const walk = (node: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(node)) {
      keys.push(key);
      if (isObject(value)) walk(value);
    }
  };
  walk(scope);
  return keys;
}

/** The hub prefixes present: `cn_beijing` of `cn_beijing_endpoint_domain`. */
function hubPrefixes(keys: readonly string[]): string[] {
  const found = new Set<string>();
  for (const key of keys) {
    for (const suffix of [ENDPOINT_OUTPUT_NAMES.endpointDomain, ENDPOINT_OUTPUT_NAMES.customDomain]) {
      if (key.endsWith(`_${suffix}`) && key.length > suffix.length + 1) found.add(key.slice(0, -(suffix.length + 1)));
    }
  }
  return [...found].sort();
}

/** Finds an output by name anywhere under `scope` (cdktf nests outputs of constructs by construct id). */
function findNested(scope: Record<string, unknown>, name: string, source: string): unknown {
  const hits: Array<{ path: string; value: unknown }> = [];
  const walk = (node: Record<string, unknown>, path: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      if (key === name && !isObject(value)) hits.push({ path: [...path, key].join("."), value });
      else if (isObject(value)) walk(value, [...path, key]);
    }
  };
  walk(scope, []);
  if (hits.length > 1) {
    throw invalid(
      `${source} has ${hits.length} outputs named ${name} (${hits.map((h) => h.path).join(", ")})`,
      "verify the endpoint by `baseUrl` with its `expectedIps` instead",
    );
  }
  return hits[0]?.value;
}

function build(
  format: DeploymentOutputs["format"],
  stack: string | undefined,
  value: (name: string) => unknown,
  source: string,
  names: EndpointOutputNames,
  prefix: string | undefined,
  keys: readonly string[],
): DeploymentOutputs {
  const text = (name: string): string | undefined => {
    const v = value(name);
    if (v === undefined || v === null || v === "") return undefined;
    if (typeof v !== "string") throw invalid(`${source}: ${name} is not a string (got ${JSON.stringify(v)})`);
    return v.trim().replace(/\.$/, "").toLowerCase();
  };
  const customDomain = text(names.customDomain);
  const endpointDomain = text(names.endpointDomain);
  if (!customDomain && !endpointDomain) {
    const prefixes = hubPrefixes(keys);
    const where = `${source}${stack ? ` (stack ${bareName(stack)})` : ""}`;
    if (prefix !== undefined) {
      throw invalid(
        // The output names carry the prefix: they are named only when the prefix may be shown.
        `${where} has no outputs of the hub ${shownName(prefix)}${isShowableName(prefix) ? ` (no ${names.customDomain} nor ${names.endpointDomain})` : ""}`,
        prefixes.length ? `the hubs present: ${prefixes.join(", ")} (pass one as \`prefix\`)` : "the file has no prefixed hub outputs: leave `prefix` out",
      );
    }
    if (prefixes.length > 0) {
      throw invalid(`${where} holds ${prefixes.length} hub(s) with prefixed outputs: ${prefixes.join(", ")}`, "say which with `prefix`");
    }
    throw invalid(
      `${where} has neither ${names.customDomain} nor ${names.endpointDomain}`,
      "is this the outputs file of a stack built with this library, written after a successful deploy?",
    );
  }
  return { format, stack, customDomain, endpointDomain, endpointZoneIps: ipsOf(value(names.endpointZoneIps), source, names.endpointZoneIps) };
}

function ipsOf(v: unknown, source: string, name: string): string[] {
  if (v === undefined || v === null) return [];
  const flat: unknown[] = Array.isArray(v) ? v.flat(3) : typeof v === "string" ? v.split(/[\s,]+/) : [v];
  return flat.map((ip) => {
    if (typeof ip !== "string") throw invalid(`${source}: ${name} holds ${JSON.stringify(ip)}, not an IP`);
    return ip.trim();
  }).filter((ip) => ip.length > 0);
}

/** The targets of an outputs file: the custom domain over HTTPS first, then the endpoint domain over HTTP. */
export function targetsFromOutputs(outputs: DeploymentOutputs, options: TargetsFromOutputsOptions = {}): VerifyTarget[] {
  const expectedIps = outputs.endpointZoneIps.length ? outputs.endpointZoneIps : undefined;
  const targets: VerifyTarget[] = [];
  if (outputs.customDomain) {
    const port = options.httpsPort && options.httpsPort !== 443 ? `:${options.httpsPort}` : "";
    targets.push({ baseUrl: `https://${outputs.customDomain}${port}${COMPATIBLE_MODE_PATH}`, expectedIps, kind: "custom-domain" });
  }
  if (outputs.endpointDomain) {
    const base = endpointDomainBaseUrl(outputs.endpointDomain);
    const port = options.httpPort && options.httpPort !== 80 ? `:${options.httpPort}` : "";
    targets.push({
      baseUrl: port ? base.replace(outputs.endpointDomain, `${outputs.endpointDomain}${port}`) : base,
      expectedIps,
      kind: "endpoint-domain",
    });
  }
  return targets;
}
