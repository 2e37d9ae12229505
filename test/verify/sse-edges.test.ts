// The OpenAI-compatible stream reader at its edges (lib/verify/sse.ts): the exact messages of each
// failure, the reply cap, usage chunks, choices by index, the buffer cap, and redaction of quoted data.
import { ChatStreamReader, StreamProtocolError } from "cdktf-dashscope-privatelink/verify";
import { indexOf, parseUsage } from "../../lib/verify/sse";
import { createRedactor } from "../../lib/verify/redact";

const KEY = "sk-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d";
const chunk = (choices: unknown, extra: Record<string, unknown> = {}) => `data: ${JSON.stringify({ object: "chat.completion.chunk", choices, ...extra })}\n\n`;
const delta = (content: string, index = 0, finish: string | null = null) => ({ index, delta: { content }, finish_reason: finish });

function read(text: string, reader = new ChatStreamReader()) {
  reader.push(text);
  return reader.end();
}
function failure(text: string, reader = new ChatStreamReader()): StreamProtocolError {
  try {
    read(text, reader);
  } catch (err) {
    if (err instanceof StreamProtocolError) return err;
    throw err;
  }
  throw new Error("expected a StreamProtocolError");
}

describe("what a stream gives", () => {
  test("the text of choice 0 by its index, the last finish_reason, the usage chunk and the event count", () => {
    const result = read(
      chunk([delta("x", 1), delta("He")]) + chunk([{ delta: { content: "llo" } }]) + chunk([delta("!", 0, "stop")]) + `data: ${JSON.stringify({ usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 } })}\n\n` + "data: [DONE]\n\n",
    );
    expect(result).toEqual({ text: "Hello!", usage: { promptTokens: 9, completionTokens: 3, totalTokens: 12 }, events: 5, finishReason: "stop" });
  });

  test("a chunk without choice 0, or with a delta that is not text, adds nothing", () => {
    const result = read(chunk([delta("other", 2)]) + chunk([{ index: 0, delta: { content: 5 } }]) + chunk([{ index: 0 }]) + "data: [DONE]\n\n");
    expect(result).toEqual({ text: "", events: 4, usage: undefined, finishReason: undefined });
  });

  test("events after [DONE] are counted, not read", () => {
    expect(read(`${chunk([delta("a")])}data: [DONE]\n\ndata: not json\n\n`)).toMatchObject({ text: "a", events: 3 });
  });

  test("the reply is kept up to the cap, and marked truncated", () => {
    const result = read(chunk([delta("abcd")]) + chunk([delta("efgh")]) + chunk([delta("ijkl")]) + "data: [DONE]\n\n", new ChatStreamReader(undefined, 6));
    expect(result).toMatchObject({ text: "abcdef", truncated: true });
    const exact = read(chunk([delta("abc")]) + chunk([delta("def")]) + "data: [DONE]\n\n", new ChatStreamReader(undefined, 6));
    expect(exact.text).toBe("abcdef");
    expect(exact).not.toHaveProperty("truncated");
  });
});

describe("what fails a stream, in words", () => {
  test("no end marker", () => {
    expect(failure(chunk([delta("a")])).message).toBe(
      "stream: the stream ended after 1 event(s) without data: [DONE] — the connection was closed early (a proxy or load-balancer timeout, or the endpoint reset it); check idle timeouts on the path",
    );
  });

  test("data that is not JSON, and JSON that is not an object", () => {
    const notJson = failure("data: {oops\n\ndata: [DONE]\n\n");
    expect(notJson).toMatchObject({ code: "DSV_STREAM_MALFORMED_EVENT", line: "{oops", message: "stream: event 1 is not valid JSON: data: {oops — something between the caller and Model Studio rewrote the stream" });
    for (const data of ["[1]", "null", "7"]) {
      expect(failure(`data: ${data}\n\ndata: [DONE]\n\n`).message).toBe(`stream: event 1 is not a JSON object: data: ${data}`);
    }
    expect(failure(`${chunk([delta("a")])}data: {"hello":1}\n\n`).message).toBe('stream: event 2 is not a chat.completion.chunk (no choices): data: {"hello":1}');
  });

  test("error events: an error object, an error string, an `event: error`, with and without a message", () => {
    expect(failure('data: {"error":{"code":"overloaded","message":"try later"}}\n\n')).toMatchObject({
      code: "DSV_STREAM_PROTOCOL",
      message: "stream: the stream carried an error event: overloaded try later — Model Studio aborted the generation; see the error code",
      line: '{"error":{"code":"overloaded","message":"try later"}}',
    });
    expect(failure('data: {"error":"busy"}\n\n').message).toMatch(/^stream: the stream carried an error event: error busy — /);
    expect(failure('event: error\ndata: {"code":"E1","message":"m1"}\n\n').message).toMatch(/^stream: the stream carried an error event: E1 m1 — /);
    expect(failure('event: error\ndata: {"code":7}\n\n').message).toMatch(/^stream: the stream carried an error event: error — /);
    expect(failure('data: {"error":{"code":5}}\n\n').message).toMatch(/^stream: the stream carried an error event: error — /);
  });

  test("the first failure stands: later pushes throw it, nothing after it is counted", () => {
    const reader = new ChatStreamReader();
    expect(() => reader.push("data: {oops\n\n")).toThrow(/event 1 is not valid JSON/);
    expect(() => reader.push('data: {"error":"x"}\n\n')).toThrow(/event 1 is not valid JSON/);
    expect(() => reader.end()).toThrow(/event 1 is not valid JSON/);
  });

  test("a line longer than the buffer cap", () => {
    const reader = new ChatStreamReader();
    expect(() => reader.push(`data: ${"x".repeat(1024 * 1024 + 10)}`)).toThrow(
      expect.objectContaining({ code: "DSV_STREAM_PROTOCOL", message: "stream: an SSE line or event exceeded 1048576 characters — the server is not sending an event stream of this API" }),
    );
  });

  test("data a message quotes is redacted", () => {
    const err = failure(`data: {"error":{"code":"echo","message":"key ${KEY}"}}\n\n`, new ChatStreamReader(createRedactor(KEY)));
    expect(err.message).toBe("stream: the stream carried an error event: echo key [REDACTED] — Model Studio aborted the generation; see the error code");
    expect(err.line).toBe('{"error":{"code":"echo","message":"key [REDACTED]"}}');
    const bad = failure(`data: {${KEY}\n\n`, new ChatStreamReader(createRedactor(KEY)));
    expect(bad.message).toBe("stream: event 1 is not valid JSON: data: {[REDACTED] — something between the caller and Model Studio rewrote the stream");
  });
});

describe("parseUsage and indexOf", () => {
  test.each([
    [{ prompt_tokens: 2, completion_tokens: 3, total_tokens: 9 }, { promptTokens: 2, completionTokens: 3, totalTokens: 9 }],
    [{ input_tokens: 2, output_tokens: 3 }, { promptTokens: 2, completionTokens: 3, totalTokens: 5 }],
    [{ prompt_tokens: 4 }, { promptTokens: 4, completionTokens: 0, totalTokens: 4 }],
    [{ output_tokens: 4 }, { promptTokens: 0, completionTokens: 4, totalTokens: 4 }],
    [{ prompt_tokens: "4", completion_tokens: Number.NaN }, undefined],
    [{ prompt_tokens: 1, completion_tokens: Number.POSITIVE_INFINITY }, { promptTokens: 1, completionTokens: 0, totalTokens: 1 }],
    [{}, undefined],
    [null, undefined],
    ["usage", undefined],
  ])("%j", (value, usage) => expect(parseUsage(value)).toEqual(usage));

  test("a choice's index, else its position", () => {
    expect(indexOf({ index: 3 }, 0)).toBe(3);
    expect(indexOf({ index: "0" }, 2)).toBe(2);
    expect(indexOf(null, 1)).toBe(1);
    expect(indexOf("x", 4)).toBe(4);
  });
});
