import { ChatStreamReader, VerifyErrorCode, StreamProtocolError } from "cdktf-dashscope-privatelink/verify";
import { STREAM_REPLY, streamWireText } from "../support/openai-server";

const enc = new TextEncoder();

function delta(content: string): string {
  return JSON.stringify({ object: "chat.completion.chunk", choices: [{ index: 0, delta: { content }, finish_reason: null }] });
}

/** Feeds `bytes` cut at the given offsets and returns the reader's result (or throws). */
function readCut(bytes: Uint8Array, cuts: readonly number[]) {
  const reader = new ChatStreamReader();
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    reader.push(bytes.subarray(start, cut));
    start = cut;
  }
  return reader.end();
}

function errorOf(run: () => unknown): StreamProtocolError {
  try {
    run();
  } catch (err) {
    if (err instanceof StreamProtocolError) return err;
    throw err;
  }
  throw new Error("expected a StreamProtocolError");
}

describe("ChatStreamReader", () => {
  const wire = enc.encode(streamWireText("t1"));

  test("reassembles the text and usage from a mixed-framing stream fed whole", () => {
    const result = readCut(wire, []);
    expect(result.text).toBe(STREAM_REPLY);
    expect(result.usage).toEqual({ promptTokens: 14, completionTokens: 9, totalTokens: 23 });
    expect(result.events).toBe(10);
    expect(result.finishReason).toBe("stop");
  });

  test("gives the same text for a split at every byte offset (multi-byte characters included)", () => {
    for (let cut = 1; cut < wire.length; cut++) {
      expect(readCut(wire, [cut]).text).toBe(STREAM_REPLY);
    }
  });

  test("gives the same text fed byte by byte", () => {
    const cuts = Array.from({ length: wire.length - 1 }, (_, i) => i + 1);
    expect(readCut(wire, cuts).text).toBe(STREAM_REPLY);
  });

  test("decodes a 4-byte character split across three chunks", () => {
    const bytes = enc.encode(`data: ${delta("🏓")}\n\ndata: [DONE]\n\n`);
    const emoji = Buffer.from(bytes).indexOf(Buffer.from("🏓"));
    expect(readCut(bytes, [emoji + 1, emoji + 3]).text).toBe("🏓");
  });

  test("accepts CRLF, CR-only line ends, comments, data: without a space and unknown fields", () => {
    const text =
      `: comment\r\n\r\n` +
      `data:${delta("a")}\r\n\r\n` +
      `data: ${delta("b")}\r\r` +
      `foo: ignored\nid: 3\nevent: message\ndata: ${delta("c")}\n\n` +
      `data:[DONE]\r\n\r\n`;
    expect(readCut(enc.encode(text), []).text).toBe("abc");
  });

  test("accepts a stream that closes right after the [DONE] line without the blank line", () => {
    expect(readCut(enc.encode(`data: ${delta("x")}\n\ndata: [DONE]\n`), []).text).toBe("x");
  });

  test("fails with DSV_STREAM_NO_DONE when the stream ends without data: [DONE]", () => {
    const err = errorOf(() => readCut(enc.encode(streamWireText("t2", "no-done")), []));
    expect(err.code).toBe(VerifyErrorCode.STREAM_NO_DONE);
    expect(err.layer).toBe("stream");
    expect(err.message).toMatch(/^stream: the stream ended after 9 event\(s\) without data: \[DONE\]/);
  });

  test("fails when the stream stops inside the [DONE] line", () => {
    const err = errorOf(() => readCut(enc.encode(`data: ${delta("x")}\n\ndata: [DO`), []));
    expect(err.code).toBe(VerifyErrorCode.STREAM_NO_DONE);
  });

  test("fails with DSV_STREAM_MALFORMED_EVENT naming the truncated line", () => {
    const long = `{"choices":[{"delta":{"content":"${"x".repeat(300)}`;
    const err = errorOf(() => readCut(enc.encode(`data: ${delta("a")}\n\ndata: ${long}\n\ndata: [DONE]\n\n`), [7]));
    expect(err.code).toBe(VerifyErrorCode.STREAM_MALFORMED_EVENT);
    expect(err.message).toMatch(/^stream: event 2 is not valid JSON: data: \{"choices":\[\{"delta":\{"content":"x+… \(truncated, 333 chars\)/);
    expect(err.line?.length).toBeLessThan(160);
  });

  test("fails on the malformed event of the test server's stream at any split point", () => {
    const bad = enc.encode(streamWireText("t3", "malformed"));
    for (const cut of [1, 50, 333, bad.length - 3]) {
      expect(errorOf(() => readCut(bad, [cut])).code).toBe(VerifyErrorCode.STREAM_MALFORMED_EVENT);
    }
  });

  test("fails on JSON that is not a chat.completion.chunk", () => {
    const err = errorOf(() => readCut(enc.encode(`data: {"hello":1}\n\ndata: [DONE]\n\n`), []));
    expect(err.code).toBe(VerifyErrorCode.STREAM_MALFORMED_EVENT);
    expect(err.message).toMatch(/not a chat\.completion\.chunk/);
  });

  test("any truthy error is an error event, as in the OpenAI SDK: a string error beside choices", () => {
    const err = errorOf(() => readCut(enc.encode(`data: {"error":"overloaded","choices":[{"index":0,"delta":{"content":"a"}}]}\n\ndata: [DONE]\n\n`), []));
    expect(err.code).toBe(VerifyErrorCode.STREAM_PROTOCOL);
    expect(err.message).toMatch(/error event: error overloaded/);
  });

  test("reports an error event carried in the stream", () => {
    const err = errorOf(() =>
      readCut(enc.encode(`data: {"error":{"code":"data_inspection_failed","message":"Input data may contain inappropriate content."}}\n\n`), []),
    );
    expect(err.code).toBe(VerifyErrorCode.STREAM_PROTOCOL);
    expect(err.message).toMatch(/error event: data_inspection_failed Input data may contain/);
  });

  test("ignores events after [DONE]", () => {
    expect(readCut(enc.encode(`data: ${delta("a")}\n\ndata: [DONE]\n\ndata: not json\n\n`), []).text).toBe("a");
  });
});
