/**
 * embeddings: `POST {base}/embeddings` (OpenAI-compatible) with `embeddingModel` (default
 * `text-embedding-v4`). Asserts `data[index 0].embedding` is an array of finite numbers whose
 * length is the model's documented default dimension (1,024 for text-embedding-v4), or non-empty
 * for a model the catalog does not know.
 */
import { EMBEDDING_DEFAULT_DIMENSIONS } from "../../catalog/api-families";
import { bearerHeaders, callJson, join, outcomeOf, retried } from "../api";
import { MalformedResponseError } from "../errors";
import { excerpt } from "../redact";
import { indexOf, parseUsage } from "../sse";
import { defineCheck } from "./check";
import { fromApi } from "./outcome";

export const embeddingsCheck = defineCheck({
  name: "embeddings",
  layer: "api",
  needs: [],
  family: "embeddings",
  run: async (ctx) => {
    const api = ctx.api();
    const expected = EMBEDDING_DEFAULT_DIMENSIONS[api.embeddingModel];
    const { value, error, attempts } = await callJson(
      api,
      {
        what: "embeddings",
        family: "embeddings",
        method: "POST",
        url: join(api.baseUrl, "/embeddings"),
        headers: bearerHeaders(api, "application/json", true),
        body: { model: api.embeddingModel, input: "pong", encoding_format: "float" },
        retry: true,
      },
      (json, text) => {
        const data = Array.isArray(json.data) ? json.data : [];
        const item = data.find((d, i) => indexOf(d, i) === 0) as Record<string, unknown> | undefined;
        const vector = item?.embedding;
        const numeric = Array.isArray(vector) && vector.length > 0 && vector.every((v) => typeof v === "number" && Number.isFinite(v));
        if (!numeric) {
          throw new MalformedResponseError(`embeddings: the answer has no data[index 0].embedding of numbers: ${excerpt(text, api.redact)}`, {
            hint: "something other than the OpenAI-compatible embeddings API answered: check the base URL",
          });
        }
        const size = (vector as number[]).length;
        if (expected !== undefined && size !== expected) {
          throw new MalformedResponseError(`embeddings: the vector has ${size} dimensions, ${api.embeddingModel} documents ${expected} by default`, {
            hint: "something other than Model Studio's embedding model answered",
          });
        }
        return { size, usage: parseUsage(json.usage) };
      },
    );
    if (error || !value) return fromApi(outcomeOf(error ?? new MalformedResponseError("embeddings: no answer"), attempts));
    const last = attempts[attempts.length - 1];
    return {
      status: "pass",
      message: `${api.embeddingModel} returned a ${value.size}-dimension vector${value.usage ? ` (${value.usage.promptTokens} tokens)` : ""}${retried(attempts)}`,
      httpStatus: last?.status,
      requestId: last?.requestId,
      attempts,
      usage: value.usage,
      dimensions: value.size,
    };
  },
});
