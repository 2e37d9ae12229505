// The stream reader at the end of the body and after a failure (lib/verify/sse.ts): what the last
// bytes of a body decide, which failure a user is shown when several happen, that a failed reader
// keeps throwing the same error, and the `line` every malformed-event failure carries.
import { ChatStreamReader, StreamProtocolError } from "cdktf-dashscope-privatelink/verify";
import { SSE_MAX_BUFFER } from "../../lib/verify/sse";
import { thrown as thrownBy } from "../support/thrown";

const NO_DONE_HINT = "the connection was closed early (a proxy or load-balancer timeout, or the endpoint reset it); check idle timeouts on the path";
const chunk = (record: Record<string, unknown>) => `data: ${JSON.stringify(record)}\n\n`;

/** What `run` throws, which must be a StreamProtocolError. */
function thrown(run: () => unknown): StreamProtocolError {
  const err = thrownBy(run);
  expect(err).toBeInstanceOf(StreamProtocolError);
  return err as StreamProtocolError;
}

describe("the end of the body", () => {
  test("an event whose lines are complete is read at the end, and a bad one fails the stream as malformed", () => {
    const reader = new ChatStreamReader();
    reader.push("data: nope\n");
    expect(thrown(() => reader.end())).toMatchObject({
      code: "DSV_STREAM_MALFORMED_EVENT",
      line: "nope",
      message: "stream: event 1 is not valid JSON: data: nope — something between the caller and Model Studio rewrote the stream",
    });
  });

  test("a body that stops inside a multi-byte character stops inside a line: no [DONE]", () => {
    const reader = new ChatStreamReader();
    reader.push(new TextEncoder().encode("data: [DONE]\n"));
    reader.push(Uint8Array.of(0xe2));
    expect(thrown(() => reader.end())).toMatchObject({
      code: "DSV_STREAM_NO_DONE",
      message: `stream: the stream ended after 0 event(s) without data: [DONE] — ${NO_DONE_HINT}`,
    });
  });

  test("an unfinished event after [DONE] is not counted", () => {
    const reader = new ChatStreamReader();
    reader.push("data: [DONE]\n\ndata: x\n");
    expect(reader.end()).toEqual({ text: "", usage: undefined, events: 1, finishReason: undefined });
  });

  test("the usage chunk is kept when chunks without usage follow it", () => {
    const reader = new ChatStreamReader();
    reader.push(chunk({ choices: [{ index: 0, delta: { content: "Hi" }, finish_reason: null }], usage: { prompt_tokens: 9, completion_tokens: 1 } }));
    reader.push(chunk({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }));
    reader.push("data: [DONE]\n\n");
    expect(reader.end()).toEqual({ text: "Hi", usage: { promptTokens: 9, completionTokens: 1, totalTokens: 10 }, events: 3, finishReason: "stop" });
  });
});

describe("after a failure", () => {
  test("a bad event followed by an over-long line is reported as the bad event", () => {
    const reader = new ChatStreamReader();
    expect(thrown(() => reader.push(`data: x\n\n${"a".repeat(SSE_MAX_BUFFER + 1)}`))).toMatchObject({
      code: "DSV_STREAM_MALFORMED_EVENT",
      message: "stream: event 1 is not valid JSON: data: x — something between the caller and Model Studio rewrote the stream",
    });
  });

  test("after an over-long line, more bytes and the end of the body throw the same error", () => {
    const reader = new ChatStreamReader();
    const first = thrown(() => reader.push(`data: ${"x".repeat(SSE_MAX_BUFFER + 10)}`));
    expect(first).toMatchObject({
      code: "DSV_STREAM_PROTOCOL",
      message: "stream: an SSE line or event exceeded 1048576 characters — the server is not sending an event stream of this API",
    });
    expect(thrown(() => reader.push("data: [DONE]\n\n"))).toBe(first);
    expect(thrown(() => reader.end())).toBe(first);
  });

  test("events after the first failure are not read: none of their data reaches the redactor", () => {
    const seen: string[] = [];
    const reader = new ChatStreamReader((text) => (seen.push(text), text));
    expect(thrown(() => reader.push('data: {oops\n\ndata: {"error":{"code":"late","message":"second"}}\n\ndata: [1]\n\n'))).toMatchObject({
      code: "DSV_STREAM_MALFORMED_EVENT",
      message: "stream: event 1 is not valid JSON: data: {oops — something between the caller and Model Studio rewrote the stream",
    });
    expect([...new Set(seen)]).toEqual(["{oops"]);
  });
});

describe("every malformed event names its data in `line`", () => {
  test.each([
    ["[1]", "is not a JSON object"],
    ['{"hello":1}', "is not a chat.completion.chunk (no choices)"],
  ])("%j", (data, problem) => {
    expect(thrown(() => new ChatStreamReader().push(`data: ${data}\n\n`))).toMatchObject({
      code: "DSV_STREAM_MALFORMED_EVENT",
      line: data,
      message: `stream: event 1 ${problem}: data: ${data}`,
    });
  });
});

describe("the reply cap", () => {
  test.each([-1, 1.5, Number.NaN, -Infinity])("a cap of %p is refused when the reader is made", (cap) => {
    expect(thrownBy(() => new ChatStreamReader(undefined, cap))).toMatchObject({
      code: "DSV_CONFIG_INVALID",
      message: `config: \`maxReplyChars\` is ${String(cap)}, not a whole number of characters (0 or more) nor Infinity — e.g. 4096, the default`,
    });
  });

  test.each([
    [0, ""],
    [Infinity, "pong"],
  ])("a cap of %p keeps %p and still reads the stream to its end", (cap, text) => {
    const reader = new ChatStreamReader(undefined, cap);
    reader.push(`${chunk({ choices: [{ index: 0, delta: { content: "pong" }, finish_reason: "stop" }] })}data: [DONE]\n\n`);
    expect(reader.end()).toMatchObject({ text, finishReason: "stop" });
  });
});
