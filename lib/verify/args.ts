/**
 * The command line of `dashscope-verify`: parsing and help. Deliberately light (it imports only the
 * error classes) so `--help` and usage errors answer before undici or anything heavy is loaded.
 */
import { VerifyConfigError } from "./errors";

export const DEFAULT_API_KEY_ENV = "DASHSCOPE_API_KEY";

export interface CliArgs {
  readonly help: boolean;
  readonly version: boolean;
  readonly baseUrl?: string;
  readonly outputs?: string;
  readonly stack?: string;
  readonly model?: string;
  readonly apiKeyEnv: string;
  readonly dnsServers: readonly string[];
  readonly ca: readonly string[];
  readonly expectIps: readonly string[];
  readonly timeoutMs?: number;
  readonly stream: boolean;
  readonly allowPublicAddress: boolean;
  readonly json?: string;
  readonly junit?: string;
}

export const HELP = `dashscope-verify: prove that chat completions reach Model Studio (DashScope) privately
through a PrivateLink endpoint. Run it from a machine inside a requester VPC.

Usage:
  dashscope-verify --base-url URL [options]
  dashscope-verify --outputs FILE [--stack NAME] [options]

Target (exactly one):
  --base-url URL          OpenAI-compatible base URL, e.g.
                          https://vpc-ap-southeast-1.dashscope.aliyuncs.com/compatible-mode/v1
  --outputs FILE          outputs of the deployment: \`cdktf deploy --outputs-file FILE\` or
                          \`terraform output -json > FILE\`. Verifies custom_domain over HTTPS and
                          endpoint_domain over HTTP; both must resolve to endpoint_zone_ips.
  --stack NAME            the stack in a cdktf outputs file (needed when it has several)

Options:
  --model NAME            model of the chat and stream checks (default: qwen-flash)
  --api-key-env VAR       environment variable holding the API key (default: ${DEFAULT_API_KEY_ENV}).
                          The key is never taken from the command line and never printed.
  --dns-server IP[:PORT]  resolve through this DNS server (repeatable; default: the system resolver)
  --ca FILE               extra trusted CA certificates (PEM), added to the system CAs (repeatable)
  --expect-ips A,B        every resolved address must be one of these (repeatable)
  --timeout-ms N          overall deadline of the run (default: 60000)
  --no-stream             skip the streaming check
  --allow-public-address  continue (with a warning) when a name resolves to a public address
  --json FILE             write the JSON report to FILE (\`-\`: stdout; progress then goes to stderr)
  --junit FILE            write a JUnit XML report (one testcase per check)
  -h, --help              show this help
  --version               print the version

Checks, in order, per target: dns, tcp, tls (https only), models, chat, stream.
Exit codes: 0 all passed (warnings allowed), 1 a check failed, 2 usage or configuration error,
3 inconclusive (still rate-limited after the retry).
`;

const VALUE_FLAGS = new Set([
  "--base-url",
  "--outputs",
  "--stack",
  "--model",
  "--api-key-env",
  "--dns-server",
  "--ca",
  "--expect-ips",
  "--timeout-ms",
  "--json",
  "--junit",
]);
const BOOLEAN_FLAGS = new Set(["--help", "-h", "--version", "--no-stream", "--allow-public-address"]);
const KEY_FLAGS = /^--(api-?key|key|token|bearer)(=|$)/i;

function usage(problem: string, hint = "see dashscope-verify --help"): VerifyConfigError {
  return new VerifyConfigError(problem, { hint });
}

/** Parses argv (without `node` and the script). Throws a VerifyConfigError on a usage error. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (KEY_FLAGS.test(arg)) {
      // Say nothing of the value: it may be the key.
      throw usage(
        `${arg.split("=")[0]} is not an option: the API key is never taken from the command line`,
        `export it in an environment variable and name that with --api-key-env (default ${DEFAULT_API_KEY_ENV})`,
      );
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (BOOLEAN_FLAGS.has(name)) {
      if (eq > 0) throw usage(`${name} takes no value`);
      flags.add(name === "-h" ? "--help" : name);
      continue;
    }
    if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) throw usage(`${name} needs a value`);
      values.set(name, [...(values.get(name) ?? []), value]);
      continue;
    }
    if (arg.startsWith("-")) throw usage(`unknown option ${name}`);
    // Not echoed: a stray argument may be a pasted key.
    throw usage(`unexpected argument #${i + 1} (${arg.length} characters, not shown): every option starts with --`);
  }
  const help = flags.has("--help");
  const version = flags.has("--version");
  const single = (name: string): string | undefined => {
    const list = values.get(name);
    if (list && list.length > 1) throw usage(`${name} was given ${list.length} times`);
    return list?.[0];
  };
  const many = (name: string, split = false): string[] =>
    (values.get(name) ?? []).flatMap((v) => (split ? v.split(",") : [v])).map((v) => v.trim()).filter(Boolean);

  const baseUrl = single("--base-url");
  const outputs = single("--outputs");
  const stack = single("--stack");
  const apiKeyEnv = single("--api-key-env") ?? DEFAULT_API_KEY_ENV;
  const timeoutText = single("--timeout-ms");
  const args: CliArgs = {
    help,
    version,
    baseUrl,
    outputs,
    stack,
    model: single("--model"),
    apiKeyEnv,
    dnsServers: many("--dns-server"),
    ca: many("--ca"),
    expectIps: many("--expect-ips", true),
    timeoutMs: timeoutText === undefined ? undefined : Number(timeoutText),
    stream: !flags.has("--no-stream"),
    allowPublicAddress: flags.has("--allow-public-address"),
    json: single("--json"),
    junit: single("--junit"),
  };
  if (help || version) return args;
  if (!baseUrl && !outputs) throw usage("say what to verify: --base-url URL or --outputs FILE");
  if (baseUrl && outputs) throw usage("--base-url and --outputs are exclusive: give one");
  if (stack && !outputs) throw usage("--stack only applies to --outputs");
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(apiKeyEnv)) throw usage(`--api-key-env ${JSON.stringify(apiKeyEnv)} is not a variable name`);
  if (timeoutText !== undefined && !/^\d+$/.test(timeoutText)) throw usage(`--timeout-ms ${JSON.stringify(timeoutText)} is not a whole number of milliseconds`);
  if (args.json && args.json === args.junit) throw usage("--json and --junit name the same file");
  return args;
}
