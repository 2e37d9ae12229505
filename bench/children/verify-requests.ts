/**
 * What the verifier's comparison scripts send, written out literally so that a script loads nothing
 * of the verifier (test/bench checks these bodies equal `chatRequestBody` of lib/verify), and how a
 * script reads its command line. No imports: a child pays only for what it uses.
 */

/** The model, prompt and token budget of the verifier's chat and stream checks (its defaults). */
export const BENCH_MODEL = "qwen-flash";
export const BENCH_PROMPT = "Reply with the single word: pong";
export const BENCH_MAX_COMPLETION_TOKENS = 16;

/** The body of the verifier's chat check (`stream: true` adds what its stream check adds). */
export function benchChatBody(stream: boolean): Record<string, unknown> {
  return {
    model: BENCH_MODEL,
    messages: [{ role: "user", content: BENCH_PROMPT }],
    max_completion_tokens: BENCH_MAX_COMPLETION_TOKENS,
    temperature: 0,
    enable_thinking: false,
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}

/** The command line every comparison script takes (all required). */
export interface TargetArgs {
  /** `https://HOST:PORT/compatible-mode/v1`. */
  readonly baseUrl: string;
  /** `127.0.0.1:PORT`: the DNS server the name is resolved through. */
  readonly dnsServer: string;
  /** A PEM file with the CA that signed the server's certificate. */
  readonly ca: string;
  /** The environment variable holding the API key. */
  readonly apiKeyEnv: string;
}

export function parseTargetArgs(argv: readonly string[]): TargetArgs {
  const value = (name: string): string => {
    const i = argv.indexOf(name);
    if (i < 0 || i + 1 >= argv.length) throw new Error(`${name} is required (--base-url URL --dns-server IP:PORT --ca FILE --api-key-env VAR)`);
    return argv[i + 1];
  };
  return { baseUrl: value("--base-url"), dnsServer: value("--dns-server"), ca: value("--ca"), apiKeyEnv: value("--api-key-env") };
}
