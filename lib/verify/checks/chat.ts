/** chat: `POST {base}/chat/completions`, not streamed (OpenAI-compatible). Asserts `choices[index 0].message.content` is a string. */
import { MalformedResponseError } from "../errors";
import { bearerHeaders, callJson, chatRequestBody, join, outcomeOf, replied } from "../api";
import { excerpt } from "../redact";
import { indexOf, MAX_REPLY_CHARS, parseUsage } from "../sse";
import { defineCheck } from "./check";
import { fromApi } from "./outcome";

export const chatCheck = defineCheck({
  name: "chat",
  layer: "api",
  needs: [],
  family: "openai",
  run: async (ctx) => {
    const api = ctx.api();
    const { value, error, attempts } = await callJson(
      api,
      {
        what: "chat",
        family: "openai",
        method: "POST",
        url: join(api.baseUrl, "/chat/completions"),
        headers: bearerHeaders(api, "application/json", true),
        body: chatRequestBody(api.model, api.maxCompletionTokens, false),
        retry: true,
      },
      (json, text) => {
        // The reply is the choice whose index is 0, not the first by position.
        const choice = Array.isArray(json.choices) ? (json.choices.find((c, i) => indexOf(c, i) === 0) as Record<string, unknown> | undefined) : undefined;
        const message = choice?.message as Record<string, unknown> | undefined;
        if (!message || typeof message.content !== "string") {
          throw new MalformedResponseError(`chat: the answer has no choices[index 0].message.content: ${excerpt(text, api.redact)}`, {
            hint: "something other than the OpenAI-compatible API answered: check the base URL",
          });
        }
        return { text: message.content.slice(0, MAX_REPLY_CHARS), usage: parseUsage(json.usage) };
      },
    );
    if (error || !value) return fromApi(outcomeOf(error ?? new MalformedResponseError("chat: no answer"), attempts));
    return fromApi(replied("replied", value, attempts, api.redact));
  },
});
