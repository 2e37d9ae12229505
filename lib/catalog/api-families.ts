/**
 * The Model Studio API families a DashScope host serves, as dated data (Model Studio docs, "OpenAI
 * compatible", "Anthropic API compatibility", "DashScope API reference" and "Text embedding", as
 * read in 2026). Every family's base URL follows from the one host the PrivateLink endpoint
 * answers on (`vpc-<region>.dashscope.aliyuncs.com` over HTTPS, the endpoint domain over HTTP);
 * the verifier (`dashscope-verify --api`) sends one tiny request per family and path below.
 *
 * Imports nothing, so the verifier can use it without loading cdktf.
 */

/** The API families, in the order the verifier runs them. */
export const API_FAMILY_NAMES = ["openai", "anthropic", "dashscope", "embeddings"] as const;

export type ApiFamilyName = (typeof API_FAMILY_NAMES)[number];

export interface ApiFamilyPaths {
  /** The SDK base path under the host (what `base_url` / `baseURL` ends in). */
  readonly basePath: string;
  /** The path of the request the verifier sends, under the base path. */
  readonly requestPath: string;
  /** Another path under the base path, when the family has one the verifier uses (the model list). */
  readonly listPath?: string;
  /** Whether the family streams (the verifier then sends a second, streamed request). */
  readonly streams: boolean;
}

/** Paths of each family under a DashScope host. (Internal: not part of the public API.) @internal */
export const API_FAMILIES: { readonly [F in ApiFamilyName]: ApiFamilyPaths } = Object.freeze({
  /** OpenAI-compatible chat completions: `POST /compatible-mode/v1/chat/completions`, SSE ending in `data: [DONE]`. */
  openai: { basePath: "/compatible-mode/v1", requestPath: "/chat/completions", listPath: "/models", streams: true },
  /** Anthropic-compatible Messages: `POST /apps/anthropic/v1/messages`, SSE from `message_start` to `message_stop`. */
  anthropic: { basePath: "/apps/anthropic", requestPath: "/v1/messages", streams: true },
  /** DashScope native text generation (the DashScope SDKs): SSE with `X-DashScope-SSE: enable`. */
  dashscope: { basePath: "/api/v1", requestPath: "/services/aigc/text-generation/generation", streams: true },
  /** OpenAI-compatible embeddings: `POST /compatible-mode/v1/embeddings`. */
  embeddings: { basePath: "/compatible-mode/v1", requestPath: "/embeddings", streams: false },
});

/** The `anthropic-version` header the Anthropic-compatible API takes. (Internal: not part of the public API.) @internal */
export const ANTHROPIC_VERSION = "2023-06-01";

/** The embedding model of the verifier's embeddings request. */
export const DEFAULT_EMBEDDING_MODEL = "text-embedding-v4";

/**
 * Documented default vector sizes of Model Studio embedding models (text-embedding-v4: 2,048 to 64,
 * default 1,024; text-embedding-v3: 1,024, 768, 512, default 1,024).
 * @internal Not part of the public API.
 */
export const EMBEDDING_DEFAULT_DIMENSIONS: Readonly<Record<string, number>> = Object.freeze({
  "text-embedding-v4": 1024,
  "text-embedding-v3": 1024,
});

/** `https://host[:port]` + the family's base path. (Internal: not part of the public API.) @internal */
export function apiFamilyBaseUrl(origin: string, family: ApiFamilyName): string {
  return `${origin.replace(/\/+$/, "")}${API_FAMILIES[family].basePath}`;
}
