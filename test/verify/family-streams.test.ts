// The Anthropic and DashScope event-stream readers (lib/verify/checks/anthropic.ts, dashscope.ts) on
// crafted streams: what they assemble, their end markers, and the words of each failure.
import { AnthropicStreamReader } from "../../lib/verify/checks/anthropic";
import { DashScopeStreamReader } from "../../lib/verify/checks/dashscope";
import type { SseReader } from "../../lib/verify/sse";

const ev = (event: string | undefined, data: unknown) => `${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
function read(reader: SseReader, text: string) {
  reader.push(text);
  return reader.end();
}
function failure(reader: SseReader, text: string): Error & { code?: string } {
  try {
    read(reader, text);
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error("expected a failure");
}

describe("AnthropicStreamReader", () => {
  const start = ev("message_start", { type: "message_start", message: { usage: { input_tokens: 12, output_tokens: 1 } } });
  const text = (t: string) => ev("content_block_delta", { type: "content_block_delta", delta: { type: "text_delta", text: t } });
  const stop = ev("message_stop", { type: "message_stop" });

  test("the text deltas, the stop reason, usage with message_start's input tokens", () => {
    const result = read(
      new AnthropicStreamReader(),
      ev("ping", { type: "ping" }) +
        start +
        ev("content_block_start", { type: "content_block_start" }) +
        text("po") +
        ev("content_block_delta", { type: "content_block_delta", delta: { type: "thinking_delta", text: "hmm" } }) +
        text("ng") +
        ev("message_delta", { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 2 } }) +
        stop,
    );
    expect(result).toEqual({ text: "pong", usage: { promptTokens: 12, completionTokens: 2, totalTokens: 14 }, events: 8, finishReason: "end_turn" });
  });

  test("the event name counts when the data has no type; usage of message_delta alone", () => {
    const result = read(
      new AnthropicStreamReader(),
      ev("message_start", {}) + ev("content_block_delta", { delta: { type: "text_delta", text: "x" } }) + ev("message_delta", { usage: { input_tokens: 3, output_tokens: 4 } }) + ev("message_stop", {}),
    );
    expect(result).toMatchObject({ text: "x", usage: { promptTokens: 3, completionTokens: 4, totalTokens: 7 }, finishReason: undefined });
  });

  test("a stream that does not open with message_start", () => {
    expect(failure(new AnthropicStreamReader(), text("x") + stop)).toMatchObject({
      code: "DSV_STREAM_MALFORMED_EVENT",
      message: `stream: event 1 is "content_block_delta", but the stream must open with message_start: data: {"type":"content_block_delta","delta":{"type":"text_delta","text":"x"}}`,
    });
  });

  test("no message_stop", () => {
    expect(failure(new AnthropicStreamReader(), start + text("x")).message).toMatch(/^stream: the stream ended after 2 event\(s\) without event: message_stop — /);
  });

  test("error events, by type or by event name", () => {
    expect(failure(new AnthropicStreamReader(), start + ev("error", { type: "error", error: { type: "overloaded_error", message: "Overloaded" } })).message).toMatch(
      /^stream: the stream carried an error event: overloaded_error Overloaded — Model Studio aborted/,
    );
    expect(failure(new AnthropicStreamReader(), ev(undefined, { type: "error" })).message).toMatch(/^stream: the stream carried an error event: error — /);
    expect(failure(new AnthropicStreamReader(), start + ev("error", { message: "m", type: "x" })).message).toMatch(/^stream: the stream carried an error event: x m — /);
    expect(failure(new AnthropicStreamReader(), start + ev("error", { type: "error", error: { type: { toString: 0 }, message: ["a"] } })).message).toMatch(
      /^stream: the stream carried an error event: \{"toString":0\} \["a"\] — /,
    );
  });
});

describe("DashScopeStreamReader", () => {
  const part = (content: string, finish: string | null = "null", extra: Record<string, unknown> = {}) => ev("result", { output: { choices: [{ message: { content }, finish_reason: finish }] }, ...extra });

  test("the incremental parts until a real finish_reason, with usage", () => {
    const result = read(new DashScopeStreamReader(), part("po") + part("ng", "") + part("!", "stop", { usage: { input_tokens: 5, output_tokens: 3, total_tokens: 8 } }) + part("after"));
    expect(result).toEqual({ text: "pong!", usage: { promptTokens: 5, completionTokens: 3, totalTokens: 8 }, events: 4, finishReason: "stop" });
  });

  test("choice 0 by index; a part without text adds nothing", () => {
    const result = read(new DashScopeStreamReader(), ev("result", { output: { choices: [{ index: 1, message: { content: "B" } }, { index: 0, message: { content: 7 }, finish_reason: "length" }] } }));
    expect(result).toMatchObject({ text: "", finishReason: "length" });
  });

  test("finish_reason \"null\" or null never ends the stream", () => {
    expect(failure(new DashScopeStreamReader(), part("a") + part("b", null)).message).toMatch(/^stream: the stream ended after 2 event\(s\) without a final finish_reason — /);
  });

  test("no output.choices", () => {
    expect(failure(new DashScopeStreamReader(), ev("result", { output: {} }))).toMatchObject({ code: "DSV_STREAM_MALFORMED_EVENT", message: 'stream: event 1 has no output.choices: data: {"output":{}}' });
  });

  test("error events: event:error, or a code without output", () => {
    expect(failure(new DashScopeStreamReader(), ev("error", { code: "Arrearage", message: "pay", request_id: "r" })).message).toMatch(/^stream: the stream carried an error event: Arrearage pay — /);
    expect(failure(new DashScopeStreamReader(), ev("result", { code: "InternalError", message: "x" })).message).toMatch(/^stream: the stream carried an error event: InternalError x — /);
    expect(failure(new DashScopeStreamReader(), ev("error", {})).message).toMatch(/^stream: the stream carried an error event: error — /);
    // Codes and messages that are not strings are shown as JSON: one whose toString is not a function
    // made String() throw a TypeError (a stack trace instead of a diagnosis).
    expect(failure(new DashScopeStreamReader(), ev("error", { code: { toString: 0 }, message: 42 }))).toMatchObject({
      code: "DSV_STREAM_PROTOCOL",
      message: expect.stringMatching(/^stream: the stream carried an error event: \{"toString":0\} 42 — /),
    });
    // A code next to an output is not an error.
    expect(read(new DashScopeStreamReader(), ev("result", { code: "", output: { choices: [{ message: { content: "ok" }, finish_reason: "stop" }] } })).text).toBe("ok");
    expect(read(new DashScopeStreamReader(), ev("result", { code: "Warn", output: { choices: [{ message: { content: "ok" }, finish_reason: "stop" }] } })).text).toBe("ok");
  });
});
