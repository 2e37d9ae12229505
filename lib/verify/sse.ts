/**
 * Server-Sent Events readers for the streamed checks, one per API family.
 *
 * Bytes are decoded with a streaming TextDecoder (a chunk may end inside a multi-byte character)
 * and framed by `eventsource-parser` (CRLF / CR / LF line ends, comment lines, `data:` with or
 * without the space, multi-line data, chunks split anywhere). Each family's reader judges the
 * events as strictly as that family's official SDK at least: event data must be JSON (an error
 * object or an `event: error` fails), and the stream must end with the family's end marker
 * (`data: [DONE]`, `message_stop`, a final `finish_reason`).
 *
 * At the end of the body a pending event whose lines were all complete is dispatched (as if the
 * final blank line had arrived): a server that closes right after `data: [DONE]\n` passes, one that
 * closes inside a line does not. The reply text kept is capped at 4,096 characters.
 */
import { createParser, type EventSourceMessage, type EventSourceParser } from "eventsource-parser";
import { StreamProtocolError, VerifyConfigError, VerifyErrorCode } from "./errors";
import { excerpt, type Redactor } from "./redact";
import type { Usage } from "./types";

/** Largest buffered line or event the reader accepts (1 MiB of characters). */
export const SSE_MAX_BUFFER = 1024 * 1024;

/** The longest reply text a check keeps (and reports); the rest is counted, not kept. */
export const MAX_REPLY_CHARS = 4096;

export interface ChatStreamResult {
  /** The concatenated deltas of the first choice (index 0), at most 4,096 characters. */
  readonly text: string;
  /** The usage chunk (`stream_options.include_usage`), when sent. */
  readonly usage?: Usage;
  /** Events received, the end marker included. */
  readonly events: number;
  /** The last `finish_reason` (or `stop_reason`) seen. */
  readonly finishReason?: string;
  /** True when the reply was longer than 4,096 characters (and cut). */
  readonly truncated?: boolean;
}

const keep: Redactor = (text) => text;

/** The framing, caps and end-of-stream rule every family's reader shares (the base of {@link ChatStreamReader}). */
export abstract class SseReader {
  protected events = 0;
  protected text = "";
  protected truncated = false;
  protected usage?: Usage;
  protected finishReason?: string;
  protected done = false;
  private readonly decoder = new TextDecoder("utf-8");
  private readonly parser: EventSourceParser;
  private failure?: StreamProtocolError;

  /**
   * @param redact applied to every piece of event data a message quotes
   * @param maxReplyChars the longest reply text kept: a whole number of characters (0 or more), or `Infinity` for no cap
   */
  constructor(
    protected readonly redact: Redactor = keep,
    private readonly maxReplyChars = MAX_REPLY_CHARS,
  ) {
    if (!(maxReplyChars >= 0) || (!Number.isInteger(maxReplyChars) && maxReplyChars !== Infinity)) {
      throw new VerifyConfigError(`\`maxReplyChars\` is ${String(maxReplyChars)}, not a whole number of characters (0 or more) nor Infinity`, { hint: `e.g. ${MAX_REPLY_CHARS}, the default` });
    }
    this.parser = createParser({
      onEvent: (event) => {
        if (this.failure) return;
        this.events += 1;
        if (this.done) return; // anything after the end marker is ignored
        this.onMessage(event);
      },
      onError: (err) => {
        // Unknown fields and bad `retry:` values are ignored, as the SSE spec says; only an
        // over-long line or event is fatal.
        if (err.type === "max-buffer-size-exceeded") {
          this.fail(
            new StreamProtocolError(VerifyErrorCode.STREAM_PROTOCOL, `an SSE line or event exceeded ${SSE_MAX_BUFFER} characters`, {
              hint: "the server is not sending an event stream of this API",
            }),
          );
        }
      },
      maxBufferSize: SSE_MAX_BUFFER,
    });
  }

  /** The end marker, as messages name it. */
  protected abstract readonly endMarker: string;
  protected abstract onMessage(event: EventSourceMessage): void;

  /** Feeds raw body bytes (or already-decoded text). Throws a StreamProtocolError on a bad event. */
  public push(chunk: Uint8Array | string): void {
    this.throwIfFailed();
    const decoded = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    if (decoded) this.parser.feed(decoded);
    this.throwIfFailed();
  }

  /** Marks the end of the body and returns what the stream said. Throws when the end marker never came. */
  public end(): ChatStreamResult {
    this.throwIfFailed();
    const rest = this.decoder.decode();
    if (rest) this.parser.feed(rest);
    // A blank line: dispatches an event whose lines are complete but whose terminator never came.
    if (!this.done) this.parser.feed("\n");
    this.throwIfFailed();
    if (!this.done) {
      throw new StreamProtocolError(VerifyErrorCode.STREAM_NO_DONE, `the stream ended after ${this.events} event(s) without ${this.endMarker}`, {
        hint: "the connection was closed early (a proxy or load-balancer timeout, or the endpoint reset it); check idle timeouts on the path",
      });
    }
    return {
      text: this.text,
      usage: this.usage,
      events: this.events,
      finishReason: this.finishReason,
      ...(this.truncated ? { truncated: true } : {}),
    };
  }

  protected append(delta: string): void {
    if (this.truncated) return;
    const room = this.maxReplyChars - this.text.length;
    if (delta.length > room) {
      this.text += delta.slice(0, room);
      this.truncated = true;
    } else this.text += delta;
  }

  /** Parses event data as a JSON object, or fails the stream. */
  protected json(data: string): Record<string, unknown> | undefined {
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch (cause) {
      this.fail(
        new StreamProtocolError(VerifyErrorCode.STREAM_MALFORMED_EVENT, `event ${this.events} is not valid JSON: data: ${excerpt(data, this.redact)}`, {
          hint: "something between the caller and Model Studio rewrote the stream",
          cause,
          line: excerpt(data, this.redact),
        }),
      );
      return undefined;
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      this.malformed(data, "is not a JSON object");
      return undefined;
    }
    return value as Record<string, unknown>;
  }

  protected malformed(data: string, problem: string): void {
    this.fail(
      new StreamProtocolError(VerifyErrorCode.STREAM_MALFORMED_EVENT, `event ${this.events} ${problem}: data: ${excerpt(data, this.redact)}`, {
        line: excerpt(data, this.redact),
      }),
    );
  }

  /** An error the API put into the stream. */
  /**
   * Fails with the stream's error event. `code` and `message` are the event's own JSON values: a
   * value that is not a string is shown as JSON, so an odd one (`{"toString":0}`) cannot throw.
   */
  protected errorEvent(code: unknown, message: unknown, data: string): void {
    const text = (value: unknown): string => (typeof value === "string" ? value : (JSON.stringify(value) ?? String(value)));
    this.fail(
      new StreamProtocolError(VerifyErrorCode.STREAM_PROTOCOL, `the stream carried an error event: ${text(code)} ${excerpt(text(message), this.redact)}`.trim(), {
        hint: "Model Studio aborted the generation; see the error code",
        line: excerpt(data, this.redact),
      }),
    );
  }

  protected fail(err: StreamProtocolError): void {
    if (!this.failure) this.failure = err;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}

/** An OpenAI-compatible chat completion stream: `chat.completion.chunk` events until `data: [DONE]`. */
export class ChatStreamReader extends SseReader {
  protected readonly endMarker = "data: [DONE]";

  protected onMessage(event: EventSourceMessage): void {
    const data = event.data;
    // As the OpenAI SDK: the marker must start the data (`data:  [DONE]`, two spaces, is not it).
    if (data.startsWith("[DONE]")) {
      this.done = true;
      return;
    }
    const record = this.json(data);
    if (!record) return;
    // As the OpenAI SDK: any truthy `error` is an error event (an object, a string, a number), choices or not.
    if (record.error || event.event === "error") {
      const error = (record.error && typeof record.error === "object" ? record.error : record) as Record<string, unknown>;
      const text = typeof record.error === "string" ? record.error : typeof error.message === "string" ? error.message : "";
      this.errorEvent(typeof error.code === "string" ? error.code : "error", text, data);
      return;
    }
    const usage = parseUsage(record.usage);
    if (usage) this.usage = usage;
    if (!Array.isArray(record.choices)) {
      if (usage) return; // the final usage-only chunk may omit choices
      this.malformed(data, "is not a chat.completion.chunk (no choices)");
      return;
    }
    // The reply is choice 0 by its index, not by position (n > 1 interleaves choices).
    const choice = record.choices.find((c, i) => indexOf(c, i) === 0) as Record<string, unknown> | undefined;
    if (!choice) return;
    const delta = choice.delta as Record<string, unknown> | undefined;
    if (delta && typeof delta.content === "string") this.append(delta.content);
    if (typeof choice.finish_reason === "string") this.finishReason = choice.finish_reason;
  }
}

/** @internal A choice's `index`, or its position when it has none. */
export function indexOf(choice: unknown, position: number): number {
  const index = choice && typeof choice === "object" ? (choice as Record<string, unknown>).index : undefined;
  return typeof index === "number" ? index : position;
}

/** @internal Reads a `usage` object (OpenAI `prompt_tokens`, or Anthropic/DashScope `input_tokens`); `undefined` when absent or malformed. */
export function parseUsage(value: unknown): Usage | undefined {
  if (!value || typeof value !== "object") return undefined;
  const u = value as Record<string, unknown>;
  const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  const promptTokens = num(u.prompt_tokens) ?? num(u.input_tokens);
  const completionTokens = num(u.completion_tokens) ?? num(u.output_tokens);
  if (promptTokens === undefined && completionTokens === undefined) return undefined;
  return {
    promptTokens: promptTokens ?? 0,
    completionTokens: completionTokens ?? 0,
    totalTokens: num(u.total_tokens) ?? (promptTokens ?? 0) + (completionTokens ?? 0),
  };
}
