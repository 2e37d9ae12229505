/**
 * dashscope, dashscope-stream: the DashScope native API the DashScope SDKs use,
 * `POST {host}/api/v1/services/aigc/text-generation/generation` with `result_format: "message"`.
 * The plain answer must carry `output.choices[0].message.content`; the stream (`X-DashScope-SSE:
 * enable`, `incremental_output: true`) sends `event:result` events and ends with a choice whose
 * `finish_reason` is set (not `"null"`); an `event:error` fails it. Errors are
 * `{code, message, request_id}`.
 */
import type { EventSourceMessage } from "eventsource-parser";
import { apiFamilyBaseUrl } from "../../catalog/api-families";
import { type ApiContext, VERIFY_PROMPT, bearerHeaders, callJson, callStream, join, outcomeOf, replied } from "../api";
import { MalformedResponseError } from "../errors";
import { excerpt } from "../redact";
import { MAX_REPLY_CHARS, SseReader, indexOf, parseUsage } from "../sse";
import { defineCheck, noStream } from "./check";
import { fromApi } from "./outcome";

function request(api: ApiContext, stream: boolean) {
  return {
    what: stream ? "dashscope-stream" : "dashscope",
    family: "dashscope" as const,
    method: "POST" as const,
    url: join(apiFamilyBaseUrl(api.origin, "dashscope"), "/services/aigc/text-generation/generation"),
    headers: { ...bearerHeaders(api, stream ? "text/event-stream" : "application/json", true), ...(stream ? { "x-dashscope-sse": "enable" } : {}) },
    body: {
      model: api.model,
      input: { messages: [{ role: "user", content: VERIFY_PROMPT }] },
      parameters: {
        result_format: "message",
        max_tokens: api.maxCompletionTokens,
        temperature: 0,
        enable_thinking: false,
        ...(stream ? { incremental_output: true } : {}),
      },
    },
    retry: true,
  };
}

function firstChoice(json: Record<string, unknown>): Record<string, unknown> | undefined {
  const output = json.output as Record<string, unknown> | undefined;
  const choices = Array.isArray(output?.choices) ? output.choices : undefined;
  return choices?.find((c, i) => indexOf(c, i) === 0) as Record<string, unknown> | undefined;
}

/** @internal The DashScope native event stream (`X-DashScope-SSE: enable`). */
export class DashScopeStreamReader extends SseReader {
  protected readonly endMarker = "a final finish_reason";

  protected onMessage(event: EventSourceMessage): void {
    const record = this.json(event.data);
    if (!record) return;
    if (event.event === "error" || (typeof record.code === "string" && record.code && !record.output)) {
      this.errorEvent(record.code ?? "error", record.message ?? "", event.data);
      return;
    }
    const choice = firstChoice(record);
    if (!choice) {
      this.malformed(event.data, "has no output.choices");
      return;
    }
    const message = choice.message as Record<string, unknown> | undefined;
    if (typeof message?.content === "string") this.append(message.content);
    const usage = parseUsage(record.usage);
    if (usage) this.usage = usage;
    const finish = choice.finish_reason;
    if (typeof finish === "string" && finish !== "null" && finish !== "") {
      this.finishReason = finish;
      this.done = true;
    }
  }
}

export const dashscopeCheck = defineCheck({
  name: "dashscope",
  layer: "api",
  needs: [],
  family: "dashscope",
  run: async (ctx) => {
    const api = ctx.api();
    const { value, error, attempts } = await callJson(api, request(api, false), (json, text) => {
      const message = firstChoice(json)?.message as Record<string, unknown> | undefined;
      if (!message || typeof message.content !== "string") {
        throw new MalformedResponseError(`dashscope: the answer has no output.choices[0].message.content: ${excerpt(text, api.redact)}`, {
          hint: "something other than the DashScope API answered, or result_format was ignored: check that the host serves /api/v1",
        });
      }
      return { text: message.content.slice(0, MAX_REPLY_CHARS), usage: parseUsage(json.usage) };
    });
    if (error || !value) return fromApi(outcomeOf(error ?? new MalformedResponseError("dashscope: no answer"), attempts));
    return fromApi(replied("replied", value, attempts, api.redact));
  },
});

export const dashscopeStreamCheck = defineCheck({
  name: "dashscope-stream",
  layer: "stream",
  needs: ["dashscope"],
  family: "dashscope",
  skip: noStream,
  run: async (ctx) => {
    const api = ctx.api();
    const { value, error, attempts } = await callStream(api, request(api, true), () => new DashScopeStreamReader(api.redact));
    if (error || !value) return fromApi(outcomeOf(error ?? new MalformedResponseError("dashscope-stream: no answer"), attempts));
    return fromApi(replied("streamed", value, attempts, api.redact));
  },
});
