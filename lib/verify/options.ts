/**
 * Validates and fills in VerifyOptions. Every problem is a VerifyConfigError (exit 2) raised before
 * anything is sent.
 */
import type * as tls from "node:tls";
import { API_FAMILY_NAMES, type ApiFamilyName, DEFAULT_EMBEDDING_MODEL } from "../catalog/api-families";
import { createTrust } from "./trust";
import { isIpAddress, normalizeAddress } from "./addresses";
import { VerifyConfigError, VerifyErrorCode, looksLikeKey, shownValue } from "./errors";
import { parseDnsServer } from "./resolve";
import type { CheckResult, VerifyOptions } from "./types";

export const DEFAULT_MODEL = "qwen-flash";
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_DNS_TIMEOUT_MS = 3_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 30_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 15_000;
export const DEFAULT_RETRY_AFTER_CAP_MS = 10_000;
export const DEFAULT_MAX_COMPLETION_TOKENS = 16;

/** @internal */
export interface ResolvedTarget {
  readonly baseUrl: string;
  /** `http(s)://host[:port]`: every family's base URL follows from it. */
  readonly origin: string;
  readonly hostname: string;
  readonly port: number;
  readonly https: boolean;
  readonly expectedIps?: readonly string[];
}

/** @internal */
export interface ResolvedOptions {
  readonly targets: readonly ResolvedTarget[];
  readonly apiKey: string;
  readonly apis: readonly ApiFamilyName[];
  readonly model: string;
  readonly embeddingModel: string;
  readonly env: NodeJS.ProcessEnv;
  /** In the form c-ares accepts (normalised by parseDnsServer). */
  readonly dnsServers?: readonly string[];
  /** Root CAs plus extras, built once; only set when a target is https. */
  readonly trust?: tls.SecureContext;
  readonly timeoutMs: number;
  readonly dnsTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly retryAfterCapMs: number;
  readonly stream: boolean;
  readonly allowPublicAddress: boolean;
  readonly maxCompletionTokens: number;
  readonly onCheck?: (check: CheckResult) => void;
}

function positiveInt(name: string, value: number | undefined, fallback: number, max = 3_600_000): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new VerifyConfigError(`\`${name}\` must be an integer from 1 to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Validates the API families (`apis`): known names, no repeats. */
export function parseApis(apis: readonly string[] | undefined): ApiFamilyName[] {
  if (apis === undefined) return ["openai"];
  if (apis.length === 0) throw new VerifyConfigError(`\`apis\` is empty`, { hint: `name one or more of ${API_FAMILY_NAMES.join(", ")}` });
  const known = new Set<string>(API_FAMILY_NAMES);
  for (const api of apis) {
    if (!known.has(api)) {
      throw new VerifyConfigError(`\`apis\` has ${shownValue(api)}, which is not an API family`, { hint: `allowed: ${API_FAMILY_NAMES.join(", ")}` });
    }
  }
  // Run order is the catalog's, whatever order they were given in.
  return API_FAMILY_NAMES.filter((name) => apis.includes(name));
}

function ipList(name: string, values: readonly string[] | undefined): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  return values.map((ip) => {
    if (!isIpAddress(ip)) {
      throw new VerifyConfigError(`\`${name}\` has ${shownValue(ip)}, which is not an IP address`, {
        hint: "list the endpoint's ENI IPs, comma-separated, e.g. 10.0.1.5,10.0.2.6",
      });
    }
    return normalizeAddress(ip);
  });
}

/** @internal Parses a base URL: http or https, no credentials, no query. */
export function parseBaseUrl(baseUrl: string): Omit<ResolvedTarget, "expectedIps"> {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new VerifyConfigError(`the base URL ${shownValue(baseUrl)} is not a URL`, {
      hint: "e.g. https://vpc-ap-southeast-1.dashscope.aliyuncs.com/compatible-mode/v1",
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new VerifyConfigError(`the base URL must be http:// or https://, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new VerifyConfigError("the base URL must not carry credentials", {
      hint: "the key is given as `apiKey`, never in the URL",
    });
  }
  if (url.search || url.hash) throw new VerifyConfigError("the base URL must not have a query or fragment");
  if (looksLikeKey(url.pathname) || looksLikeKey(url.hostname)) {
    // Its path is printed on every target line and in the reports.
    throw new VerifyConfigError(`the base URL (${baseUrl.length} characters, not shown) holds a part shaped like an API key`, {
      hint: "the key is given as `apiKey`, never in the URL",
    });
  }
  const https = url.protocol === "https:";
  const hostname = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = url.port ? Number(url.port) : https ? 443 : 80;
  const clean = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  return { baseUrl: clean, origin: `${url.protocol}//${url.host}`, hostname, port, https };
}

/** What makes `key` unfit for an `Authorization` header, in words that do not quote it. */
function apiKeyProblem(key: string): string | undefined {
  if (/^[^\r\n]*(\r\n|\n|\r)$/.test(key)) return "ends with a line break";
  if (/[\r\n]/.test(key)) return "contains a line break";
  if (key.includes("\0")) return "contains a NUL character";
  if (/^\s|\s$/.test(key)) return "starts or ends with whitespace";
  if (/[^\x20-\x7e]/.test(key)) return "contains a character that is not printable ASCII";
  return undefined;
}

/**
 * Rejects a key that cannot be sent as it is (`Bearer <key>`): a line break (what `echo` and most
 * key files add at the end), a NUL, whitespace at either end, or anything but printable ASCII.
 * `source` names where the key came from, e.g. `the API key variable DASHSCOPE_API_KEY`; the
 * message never contains the key.
 */
export function checkApiKey(apiKey: string, source = "`apiKey`"): void {
  const problem = apiKeyProblem(apiKey);
  if (!problem) return;
  throw new VerifyConfigError(`${source} ${problem}; nothing was sent`, {
    hint: `keys read from a file or written with echo often end in a newline: strip it where the key is set, e.g. KEY="$(tr -d '[:space:]' < key.txt)"`,
  });
}

/** `value` if it can be a model name (and is not shaped like a key, which would be sent and reported). */
function modelName(value: string, option: string): string {
  if (!/^[\w.:/-]+$/.test(value) || looksLikeKey(value)) throw new VerifyConfigError(`\`${option}\` ${shownValue(value)} is not a model name`);
  return value;
}

/** @internal */
export function resolveOptions(options: VerifyOptions): ResolvedOptions {
  if (!options.apiKey) {
    throw new VerifyConfigError("no API key was given", { code: VerifyErrorCode.API_KEY_MISSING });
  }
  checkApiKey(options.apiKey);
  if (!options.targets || options.targets.length === 0) throw new VerifyConfigError("no target to verify");
  const model = modelName(options.model ?? DEFAULT_MODEL, "model");
  const embeddingModel = modelName(options.embeddingModel ?? DEFAULT_EMBEDDING_MODEL, "embeddingModel");
  const apis = parseApis(options.apis);
  const sharedIps = ipList("expectedIps", options.expectedIps);
  const targets = options.targets.map((t) => ({
    ...parseBaseUrl(t.baseUrl),
    expectedIps: ipList("expectedIps", t.expectedIps) ?? sharedIps,
  }));
  const dnsServers = options.dnsServers?.length ? options.dnsServers.map(parseDnsServer) : undefined;
  const trust = targets.some((t) => t.https) ? createTrust(options.ca) : undefined;
  return {
    targets,
    apiKey: options.apiKey,
    apis,
    model,
    embeddingModel,
    env: options.env ?? process.env,
    dnsServers,
    trust,
    timeoutMs: positiveInt("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS),
    dnsTimeoutMs: positiveInt("dnsTimeoutMs", options.dnsTimeoutMs, DEFAULT_DNS_TIMEOUT_MS),
    connectTimeoutMs: positiveInt("connectTimeoutMs", options.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS),
    headersTimeoutMs: positiveInt("headersTimeoutMs", options.headersTimeoutMs, DEFAULT_HEADERS_TIMEOUT_MS),
    idleTimeoutMs: positiveInt("idleTimeoutMs", options.idleTimeoutMs, DEFAULT_IDLE_TIMEOUT_MS),
    retryAfterCapMs: positiveInt("retryAfterCapMs", options.retryAfterCapMs, DEFAULT_RETRY_AFTER_CAP_MS),
    stream: options.stream ?? true,
    allowPublicAddress: options.allowPublicAddress ?? false,
    maxCompletionTokens: positiveInt("maxCompletionTokens", options.maxCompletionTokens, DEFAULT_MAX_COMPLETION_TOKENS, 8192),
    onCheck: options.onCheck,
  };
}
