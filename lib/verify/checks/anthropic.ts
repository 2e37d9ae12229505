/**
 * anthropic, anthropic-stream: the Anthropic-compatible Messages API,
 * `POST {host}/apps/anthropic/v1/messages` with `x-api-key` and `anthropic-version` (as Model
 * Studio documents). The plain answer must be `type: "message"` with a `text` content block; the
 * stream must run `message_start` … `content_block_delta` (`text_delta`) … `message_stop`, and an
 * `error` event fails it. Errors are `{type: "error", error: {type, message}}`.
 */
import type { EventSourceMessage } from "eventsource-parser";
import { ANTHROPIC_VERSION, apiFamilyBaseUrl } from "../../catalog/api-families";
import { type ApiContext, VERIFY_PROMPT, callJson, callStream, join, outcomeOf, replied } from "../api";
import { MalformedResponseError } from "../errors";
import { excerpt } from "../redact";
import { MAX_REPLY_CHARS, SseReader, parseUsage } from "../sse";
import { defineCheck, noStream } from "./check";
import { fromApi } from "./outcome";

function request(api: ApiContext, stream: boolean) {
  return {
    what: stream ? "anthropic-stream" : "anthropic",
    family: "anthropic" as const,
    method: "POST" as const,
    url: join(apiFamilyBaseUrl(api.origin, "anthropic"), "/v1/messages"),
    headers: {
      "x-api-key": api.apiKey,
      "anthropic-version": ANTHROPIC_VERSION,
      "content-type": "application/json",
      accept: stream ? "text/event-stream" : "application/json",
      "user-agent": "dashscope-verify",
    },
    body: {
      model: api.model,
      max_tokens: api.maxCompletionTokens,
      messages: [{ role: "user", content: VERIFY_PROMPT }],
      ...(stream ? { stream: true } : {}),
    },
    retry: true,
  };
}

/** @internal The Anthropic Messages event stream. */
export class AnthropicStreamReader extends SseReader {
  protected readonly endMarker = "event: message_stop";
  private started = false;
  private input?: number;

  protected onMessage(event: EventSourceMessage): void {
    const record = this.json(event.data);
    if (!record) return;
    const type = typeof record.type === "string" ? record.type : event.event;
    if (type === "error" || event.event === "error") {
      const error = (record.error && typeof record.error === "object" ? record.error : record) as Record<string, unknown>;
      this.errorEvent(error.type ?? "error", error.message ?? "", event.data);
      return;
    }
    if (!this.started && type !== "message_start" && type !== "ping") {
      this.malformed(event.data, `is ${JSON.stringify(type)}, but the stream must open with message_start`);
      return;
    }
    switch (type) {
      case "message_start": {
        this.started = true;
        const usage = parseUsage((record.message as Record<string, unknown> | undefined)?.usage);
        this.input = usage?.promptTokens;
        return;
      }
      case "content_block_delta": {
        const delta = record.delta as Record<string, unknown> | undefined;
        if (delta?.type === "text_delta" && typeof delta.text === "string") this.append(delta.text);
        return;
      }
      case "message_delta": {
        const delta = record.delta as Record<string, unknown> | undefined;
        if (typeof delta?.stop_reason === "string") this.finishReason = delta.stop_reason;
        const usage = parseUsage(record.usage);
        if (usage) this.usage = { ...usage, promptTokens: this.input ?? usage.promptTokens, totalTokens: (this.input ?? usage.promptTokens) + usage.completionTokens };
        return;
      }
      case "message_stop":
        this.done = true;
        return;
      default:
        return; // content_block_start / _stop, ping
    }
  }
}

export const anthropicCheck = defineCheck({
  name: "anthropic",
  layer: "api",
  needs: [],
  family: "anthropic",
  run: async (ctx) => {
    const api = ctx.api();
    const { value, error, attempts } = await callJson(api, request(api, false), (json, text) => {
      const blocks = Array.isArray(json.content) ? (json.content as Array<Record<string, unknown>>) : undefined;
      const textBlock = blocks?.find((b) => b && b.type === "text" && typeof b.text === "string");
      if (json.type !== "message" || !textBlock) {
        throw new MalformedResponseError(`anthropic: the answer is not a message with a text block: ${excerpt(text, api.redact)}`, {
          hint: "something other than the Anthropic-compatible API answered: check that the host serves /apps/anthropic",
        });
      }
      return { text: String(textBlock.text).slice(0, MAX_REPLY_CHARS), usage: parseUsage(json.usage) };
    });
    if (error || !value) return fromApi(outcomeOf(error ?? new MalformedResponseError("anthropic: no answer"), attempts));
    return fromApi(replied("replied", value, attempts, api.redact));
  },
});

export const anthropicStreamCheck = defineCheck({
  name: "anthropic-stream",
  layer: "stream",
  needs: ["anthropic"],
  family: "anthropic",
  skip: noStream,
  run: async (ctx) => {
    const api = ctx.api();
    const { value, error, attempts } = await callStream(api, request(api, true), () => new AnthropicStreamReader(api.redact));
    if (error || !value) return fromApi(outcomeOf(error ?? new MalformedResponseError("anthropic-stream: no answer"), attempts));
    return fromApi(replied("streamed", value, attempts, api.redact));
  },
});
