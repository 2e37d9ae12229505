/**
 * Reassembles an OpenAI-compatible chat completion stream (Server-Sent Events) from raw body bytes.
 *
 * Bytes are decoded with a streaming TextDecoder (a chunk may end inside a multi-byte character)
 * and framed by `eventsource-parser` (CRLF / CR / LF line ends, comment lines, `data:` with or
 * without the space, multi-line data, chunks split anywhere). Each event's data must be JSON (a
 * `chat.completion.chunk`, or an error object) until `data: [DONE]`; a stream that ends without
 * `[DONE]` fails.
 *
 * At the end of the body a pending event whose lines were all complete is dispatched (as if the
 * final blank line had arrived): a server that closes right after `data: [DONE]\n` passes, one that
 * closes inside a line does not.
 */
import { createParser, type EventSourceMessage, type EventSourceParser } from "eventsource-parser";
import { StreamProtocolError, VerifyErrorCode } from "./errors";
import { excerpt } from "./redact";
import type { Usage } from "./types";

/** Largest buffered line or event the reader accepts (1 MiB of characters). */
export const SSE_MAX_BUFFER = 1024 * 1024;

export interface ChatStreamResult {
  /** The concatenated `choices[0].delta.content`. */
  readonly text: string;
  /** The usage chunk (`stream_options.include_usage`), when sent. */
  readonly usage?: Usage;
  /** Events received, `[DONE]` included. */
  readonly events: number;
  /** The last `finish_reason` seen. */
  readonly finishReason?: string;
}

export class ChatStreamReader {
  private readonly decoder = new TextDecoder("utf-8");
  private readonly parser: EventSourceParser;
  private text = "";
  private usage?: Usage;
  private events = 0;
  private finishReason?: string;
  private done = false;
  private failure?: StreamProtocolError;

  constructor() {
    this.parser = createParser({
      onEvent: (event) => this.onEvent(event),
      onError: (err) => {
        // Unknown fields and bad `retry:` values are ignored, as the SSE spec says; only an
        // over-long line or event is fatal.
        if (err.type === "max-buffer-size-exceeded") {
          this.fail(
            new StreamProtocolError(
              VerifyErrorCode.STREAM_PROTOCOL,
              `an SSE line or event exceeded ${SSE_MAX_BUFFER} characters`,
              { hint: "the server is not sending a chat completion stream" },
            ),
          );
        }
      },
      maxBufferSize: SSE_MAX_BUFFER,
    });
  }

  /** Feeds raw body bytes (or already-decoded text). Throws a StreamProtocolError on a bad event. */
  public push(chunk: Uint8Array | string): void {
    this.throwIfFailed();
    const decoded = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    if (decoded) this.parser.feed(decoded);
    this.throwIfFailed();
  }

  /** Marks the end of the body and returns what the stream said. Throws when `[DONE]` never came. */
  public end(): ChatStreamResult {
    this.throwIfFailed();
    const rest = this.decoder.decode();
    if (rest) this.parser.feed(rest);
    // A blank line: dispatches an event whose lines are complete but whose terminator never came.
    if (!this.done) this.parser.feed("\n");
    this.throwIfFailed();
    if (!this.done) {
      throw new StreamProtocolError(
        VerifyErrorCode.STREAM_NO_DONE,
        `the stream ended after ${this.events} event(s) without data: [DONE]`,
        {
          hint: "the connection was closed early (a proxy or load-balancer timeout, or the endpoint reset it); check idle timeouts on the path",
        },
      );
    }
    return { text: this.text, usage: this.usage, events: this.events, finishReason: this.finishReason };
  }

  private onEvent(event: EventSourceMessage): void {
    if (this.failure) return;
    this.events += 1;
    const data = event.data;
    if (this.done) return; // anything after [DONE] is ignored
    if (data.trim() === "[DONE]") {
      this.done = true;
      return;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch (cause) {
      this.fail(
        new StreamProtocolError(
          VerifyErrorCode.STREAM_MALFORMED_EVENT,
          `event ${this.events} is not valid JSON: data: ${excerpt(data)}`,
          { hint: "something between the caller and Model Studio rewrote the stream", cause, line: excerpt(data) },
        ),
      );
      return;
    }
    this.onChunk(chunk, data);
  }

  private onChunk(chunk: unknown, data: string): void {
    if (!chunk || typeof chunk !== "object") {
      this.fail(
        new StreamProtocolError(
          VerifyErrorCode.STREAM_MALFORMED_EVENT,
          `event ${this.events} is not a JSON object: data: ${excerpt(data)}`,
          { line: excerpt(data) },
        ),
      );
      return;
    }
    const record = chunk as Record<string, unknown>;
    if (record.error && typeof record.error === "object") {
      const error = record.error as Record<string, unknown>;
      const code = typeof error.code === "string" ? error.code : "error";
      const message = typeof error.message === "string" ? excerpt(error.message) : "";
      this.fail(
        new StreamProtocolError(VerifyErrorCode.STREAM_PROTOCOL, `the stream carried an error event: ${code} ${message}`.trim(), {
          hint: "Model Studio aborted the generation; see the error code",
          line: excerpt(data),
        }),
      );
      return;
    }
    const usage = parseUsage(record.usage);
    if (usage) this.usage = usage;
    if (!Array.isArray(record.choices)) {
      if (usage) return; // the final usage-only chunk may omit choices
      this.fail(
        new StreamProtocolError(
          VerifyErrorCode.STREAM_MALFORMED_EVENT,
          `event ${this.events} is not a chat.completion.chunk (no choices): data: ${excerpt(data)}`,
          { line: excerpt(data) },
        ),
      );
      return;
    }
    const first = record.choices[0] as Record<string, unknown> | undefined;
    if (!first) return;
    const delta = first.delta as Record<string, unknown> | undefined;
    if (delta && typeof delta.content === "string") this.text += delta.content;
    if (typeof first.finish_reason === "string") this.finishReason = first.finish_reason;
  }

  private fail(err: StreamProtocolError): void {
    if (!this.failure) this.failure = err;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}

/** Reads an OpenAI `usage` object; `undefined` when absent or malformed. */
export function parseUsage(value: unknown): Usage | undefined {
  if (!value || typeof value !== "object") return undefined;
  const u = value as Record<string, unknown>;
  const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  const promptTokens = num(u.prompt_tokens);
  const completionTokens = num(u.completion_tokens);
  if (promptTokens === undefined && completionTokens === undefined) return undefined;
  return {
    promptTokens: promptTokens ?? 0,
    completionTokens: completionTokens ?? 0,
    totalTokens: num(u.total_tokens) ?? (promptTokens ?? 0) + (completionTokens ?? 0),
  };
}
