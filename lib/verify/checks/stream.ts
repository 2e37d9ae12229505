/**
 * stream: `POST {base}/chat/completions` with `stream: true` and `stream_options.include_usage`
 * (OpenAI-compatible). The SSE stream must end with `data: [DONE]`; a missing usage chunk is a
 * warning (`DSV_STREAM_NO_USAGE`), not a failure.
 */
import { MalformedResponseError, VerifyErrorCode } from "../errors";
import { bearerHeaders, callStream, chatRequestBody, join, outcomeOf, replied } from "../api";
import { ChatStreamReader } from "../sse";
import { defineCheck, noStream } from "./check";
import { fromApi } from "./outcome";

export const streamCheck = defineCheck({
  name: "stream",
  layer: "stream",
  needs: ["chat"],
  family: "openai",
  skip: noStream,
  run: async (ctx) => {
    const api = ctx.api();
    const { value, error, attempts } = await callStream(
      api,
      {
        what: "stream",
        family: "openai",
        method: "POST",
        url: join(api.baseUrl, "/chat/completions"),
        headers: bearerHeaders(api, "text/event-stream", true),
        body: chatRequestBody(api.model, api.maxCompletionTokens, true),
        retry: true,
      },
      () => new ChatStreamReader(api.redact),
    );
    if (error || !value) return fromApi(outcomeOf(error ?? new MalformedResponseError("stream: no answer"), attempts));
    const outcome = fromApi(replied("streamed", value, attempts, api.redact));
    if (value.usage) return outcome;
    return {
      ...outcome,
      status: "warn",
      code: VerifyErrorCode.STREAM_NO_USAGE,
      layer: "stream",
      message: `${outcome.message}; but no usage chunk came although stream_options.include_usage was asked — token accounting of streamed calls will be missing (a gateway dropping the last chunk?)`,
    };
  },
});
