/**
 * The command line of `dashscope-verify`: `node:util.parseArgs` and the help. Deliberately light
 * (it imports only the error classes and the catalog's family names) so `--help` and usage errors
 * answer before undici or anything heavy is loaded. A value is never echoed in an error unless it
 * is an option name: a stray argument may be a pasted key.
 */
import * as path from "node:path";
import { parseArgs as parseArgv } from "node:util";
import { API_FAMILY_NAMES } from "../catalog/api-families";
import { VerifyConfigError, looksLikeKey, shownValue as shown } from "./errors";

/** @internal */
export const DEFAULT_API_KEY_ENV = "DASHSCOPE_API_KEY";

/** @internal */
export interface CliArgs {
  readonly help: boolean;
  readonly version: boolean;
  readonly baseUrl?: string;
  readonly outputs?: string;
  readonly outputPrefix?: string;
  readonly stack?: string;
  readonly model?: string;
  readonly embeddingModel?: string;
  readonly apis?: readonly string[];
  readonly apiKeyEnv: string;
  readonly dnsServers: readonly string[];
  readonly dnsTimeoutMs?: number;
  readonly ca: readonly string[];
  readonly expectIps: readonly string[];
  readonly timeoutMs?: number;
  readonly stream: boolean;
  readonly allowPublicAddress: boolean;
  readonly json?: string;
  readonly junit?: string;
}

/** @internal */
export const HELP = `dashscope-verify: prove that Model Studio (DashScope) answers privately through a
PrivateLink endpoint, for every API family your applications use. Run it inside a requester VPC.

Usage:
  dashscope-verify --base-url URL [options]
  dashscope-verify --outputs FILE [--stack NAME] [--output-prefix PREFIX] [options]

Target (exactly one):
  --base-url URL          OpenAI-compatible base URL, e.g.
                          https://vpc-ap-southeast-1.dashscope.aliyuncs.com/compatible-mode/v1
                          (every family's base URL follows from its host)
  --outputs FILE          outputs of the deployment: \`cdktf deploy --outputs-file FILE\` or
                          \`terraform output -json > FILE\`. Verifies custom_domain over HTTPS and
                          endpoint_domain over HTTP; both must resolve to endpoint_zone_ips.
  --stack NAME            the stack in a cdktf outputs file (needed when it has several)
  --output-prefix PREFIX  the hub whose outputs are named PREFIX_endpoint_domain, ... (two hubs)

Options:
  --api LIST              API families to prove, comma-separated (default: openai):
                          ${API_FAMILY_NAMES.join(", ")}
  --model NAME            model of the chat checks of every family (default: qwen-flash)
  --embedding-model NAME  model of the embeddings check (default: text-embedding-v4)
  --api-key-env VAR       environment variable holding the API key (default: ${DEFAULT_API_KEY_ENV}).
                          The key is never taken from the command line and never printed.
  --dns-server IP[:PORT]  resolve through this DNS server (repeatable; default: the system resolver)
  --dns-timeout-ms N      per-query DNS timeout, system resolver included (default: 3000)
  --ca FILE               extra trusted CA certificates (PEM), added to the system CAs (repeatable)
  --expect-ips A,B        every resolved address must be one of these (repeatable)
  --timeout-ms N          overall deadline of the run (default: 60000)
  --no-stream             skip the streamed checks
  --allow-public-address  continue (with a warning) when a name resolves to a public address;
                          HTTPS only: plain http to a public address is always refused
  --json FILE             write the JSON report to FILE (\`-\`: stdout; progress then goes to stderr)
  --junit FILE            write a JUnit XML report (one testcase per check)
  -h, --help              show this help
  --version               print the version

Checks, in order, per target: proxy (only when a proxy variable applies), dns, tcp, tls (https
only), then per family: models, chat, stream | anthropic, anthropic-stream | dashscope,
dashscope-stream | embeddings.
Exit codes: 0 all passed (warnings allowed), 1 a check failed (or a report could not be written),
2 usage or configuration error (nothing was sent), 3 inconclusive (still rate-limited after the retry).
`;

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
  "base-url": { type: "string", multiple: true },
  outputs: { type: "string", multiple: true },
  "output-prefix": { type: "string", multiple: true },
  stack: { type: "string", multiple: true },
  api: { type: "string", multiple: true },
  model: { type: "string", multiple: true },
  "embedding-model": { type: "string", multiple: true },
  "api-key-env": { type: "string", multiple: true },
  "dns-server": { type: "string", multiple: true },
  "dns-timeout-ms": { type: "string", multiple: true },
  ca: { type: "string", multiple: true },
  "expect-ips": { type: "string", multiple: true },
  "timeout-ms": { type: "string", multiple: true },
  "no-stream": { type: "boolean" },
  "allow-public-address": { type: "boolean" },
  json: { type: "string", multiple: true },
  junit: { type: "string", multiple: true },
} as const;

const KEY_FLAGS = /^--(api-?key|key|token|bearer)(=|$)/i;

/** @internal The variable names `--api-key-env` gives in argv, read without parsing it (for the CLI's scrub before argv is valid). */
export function apiKeyEnvsIn(argv: readonly string[]): string[] {
  const names: string[] = [];
  for (const [i, arg] of argv.entries()) {
    if (arg === "--api-key-env" && argv[i + 1] !== undefined) names.push(argv[i + 1]);
    else if (arg.startsWith("--api-key-env=")) names.push(arg.slice("--api-key-env=".length));
  }
  return names;
}

function usage(problem: string, hint = "see dashscope-verify --help"): VerifyConfigError {
  return new VerifyConfigError(problem, { hint });
}

/** @internal Parses argv (without `node` and the script). Throws a VerifyConfigError on a usage error. */
export function parseArgs(argv: readonly string[]): CliArgs {
  for (const [i, arg] of argv.entries()) {
    if (KEY_FLAGS.test(arg)) {
      // Say nothing of the value: it may be the key.
      throw usage(
        `${arg.split("=")[0]} is not an option: the API key is never taken from the command line`,
        `export it in an environment variable and name that with --api-key-env (default ${DEFAULT_API_KEY_ENV})`,
      );
    }
    if (!arg.startsWith("-")) {
      const previous = argv[i - 1];
      const takesValue = previous?.startsWith("--") && !previous.includes("=") && OPTIONS[previous.slice(2) as keyof typeof OPTIONS]?.type === "string";
      if (!takesValue) throw usage(`unexpected argument #${i + 1} (${arg.length} characters, not shown): every option starts with --`);
    }
  }
  let parsed: ReturnType<typeof parseArgv<{ options: typeof OPTIONS; strict: true; allowPositionals: false }>>["values"];
  try {
    parsed = parseArgv({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw usage(describe(err as NodeJS.ErrnoException));
  }
  const single = (name: keyof typeof OPTIONS): string | undefined => {
    const list = parsed[name] as string[] | undefined;
    if (list && list.length > 1) throw usage(`--${name} was given ${list.length} times`);
    const value = list?.[0];
    if (value !== undefined && (value === "" || value.startsWith("--"))) throw usage(`--${name} needs a value`);
    return value;
  };
  const many = (name: keyof typeof OPTIONS, split = false): string[] =>
    ((parsed[name] as string[] | undefined) ?? []).flatMap((v) => (split ? v.split(",") : [v])).map((v) => v.trim()).filter(Boolean);
  const integer = (name: keyof typeof OPTIONS): number | undefined => {
    const text = single(name);
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw usage(`--${name} ${shown(text)} is not a whole number of milliseconds`);
    return Number(text);
  };

  const help = parsed.help === true;
  const version = parsed.version === true;
  const baseUrl = single("base-url");
  const outputs = single("outputs");
  const outputPrefix = single("output-prefix");
  const stack = single("stack");
  const apiKeyEnv = single("api-key-env") ?? DEFAULT_API_KEY_ENV;
  const apiList = parsed.api ? many("api", true) : undefined;
  const args: CliArgs = {
    help,
    version,
    baseUrl,
    outputs,
    outputPrefix,
    stack,
    model: single("model"),
    embeddingModel: single("embedding-model"),
    apis: apiList,
    apiKeyEnv,
    dnsServers: many("dns-server"),
    dnsTimeoutMs: integer("dns-timeout-ms"),
    ca: many("ca"),
    expectIps: many("expect-ips", true),
    timeoutMs: integer("timeout-ms"),
    stream: parsed["no-stream"] !== true,
    allowPublicAddress: parsed["allow-public-address"] === true,
    json: single("json"),
    junit: single("junit"),
  };
  if (help || version) return args;
  if (!baseUrl && !outputs) throw usage("say what to verify: --base-url URL or --outputs FILE");
  if (baseUrl && outputs) throw usage("--base-url and --outputs are exclusive: give one");
  if (stack && !outputs) throw usage("--stack only applies to --outputs");
  if (outputPrefix !== undefined && !outputs) throw usage("--output-prefix only applies to --outputs");
  if (outputPrefix !== undefined && !/^[A-Za-z][A-Za-z0-9_]*$/.test(outputPrefix)) {
    throw usage(`--output-prefix ${shown(outputPrefix)} is not an output name prefix`, "letters, digits and _, e.g. cn_beijing");
  }
  if (apiList !== undefined) {
    const bad = apiList.find((a) => !(API_FAMILY_NAMES as readonly string[]).includes(a));
    if (bad !== undefined || apiList.length === 0) {
      throw usage(`--api ${bad === undefined ? "is empty" : `has ${shown(bad)}, which is not an API family`}`, `allowed: ${API_FAMILY_NAMES.join(", ")}`);
    }
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(apiKeyEnv) || looksLikeKey(apiKeyEnv)) throw usage(`--api-key-env ${shown(apiKeyEnv)} is not a variable name`, "the name of the variable holding the key, e.g. DASHSCOPE_API_KEY — never the key itself");
  // Compared as the paths they resolve to (./r.xml and r.xml are one file); the outputs file is never overwritten.
  const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a !== "-" && path.resolve(a) === path.resolve(b);
  if (same(args.json, args.junit)) throw usage("--json and --junit name the same file", "give each report its own file");
  for (const [flag, report] of [["--json", args.json], ["--junit", args.junit]] as const) {
    if (same(report, outputs)) throw usage(`${flag} names the --outputs file: the report would overwrite the deployment's outputs`, "write the report to another file");
  }
  return args;
}

/** parseArgs' own errors, reworded without quoting any value. */
function describe(err: NodeJS.ErrnoException): string {
  const option = /'(-{1,2}[A-Za-z0-9-]+)/.exec(err.message)?.[1];
  switch (err.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${option && /^--?[A-Za-z][a-z-]{0,30}$/.test(option) ? option : "(not shown: it may be a pasted key)"}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return option && /takes no value|does not take an argument/i.test(err.message) ? `${option} takes no value` : `${option ?? "an option"} needs a value`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return "unexpected argument (not shown): every option starts with --";
    default:
      return "the command line could not be read";
  }
}
