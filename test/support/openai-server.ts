/**
 * A Model Studio test server on loopback, HTTP or HTTPS, that can misbehave on demand. It speaks the
 * four API families: OpenAI-compatible `GET /compatible-mode/v1/models` and
 * `POST /compatible-mode/v1/chat/completions` (plain and streamed) and `/embeddings`, the
 * Anthropic-compatible `/apps/anthropic/v1/messages` and the DashScope native
 * `/api/v1/services/aigc/text-generation/generation` (see family-wire.ts), records every request, and
 * writes its event streams adversarially: CRLF and CR line ends, a comment, `data:` without the
 * space, and the bytes cut into small pieces that split multi-byte characters.
 *
 * Faults are per route: `enqueue` adds one-shot faults (consumed by the next matching requests),
 * `setFault` a persistent one. `resetNextConnections(n)` destroys the next n TCP connections as
 * soon as they are accepted (before any TLS handshake).
 */
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";
import {
  ANTHROPIC_PATH,
  DASHSCOPE_PATH,
  EMBEDDINGS_PATH,
  type FamilyStreamMode,
  anthropicMessage,
  anthropicStreamText,
  dashscopeMessage,
  dashscopeStreamErrorText,
  dashscopeStreamText,
  embeddingsAnswer,
  familyError,
} from "./family-wire";

export const API_PREFIX = "/compatible-mode/v1";
/** The reply of a non-streamed chat completion. */
export const CHAT_REPLY = "pong";
/** The deltas of a streamed completion; their concatenation is {@link STREAM_REPLY}. */
export const STREAM_DELTAS = ["Pong", " — ", "ポン", " 🏓", " ✓", " done"];
export const STREAM_REPLY = STREAM_DELTAS.join("");
export const TEST_MODELS = ["qwen-flash", "qwen-plus", "qwen-max"];

export type Route = "models" | "chat" | "stream" | "anthropic" | "anthropic-stream" | "dashscope" | "dashscope-stream" | "embeddings";

export const ROUTES: readonly Route[] = ["models", "chat", "stream", "anthropic", "anthropic-stream", "dashscope", "dashscope-stream", "embeddings"];

export type Fault =
  /** Answer with this status, body (object → JSON) and headers. */
  | { readonly kind: "status"; readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> }
  /** Read the request and never answer. */
  | { readonly kind: "hang" }
  /** Send some stream events, then destroy the connection. */
  | { readonly kind: "reset-mid-stream" }
  /** Send some stream events, then stay silent with the connection open. */
  | { readonly kind: "stall-stream" }
  /** Send the whole stream but end it without its end marker (`data: [DONE]`, `message_stop`, final finish_reason). */
  | { readonly kind: "no-done" }
  /** Put the family's error event into the stream. */
  | { readonly kind: "error-event" }
  /** OpenAI stream without the usage chunk. */
  | { readonly kind: "no-usage" }
  /** OpenAI stream whose end marker is `data:  [DONE]` (two spaces). */
  | { readonly kind: "done-two-spaces" }
  /** Chat answer with choice index 1 before index 0. */
  | { readonly kind: "index-order" }
  /** A 200 whose body is gzip-compressed (content-encoding: gzip) against accept-encoding: identity. */
  | { readonly kind: "gzip-200" }
  /** A 200 stream of `bytes` bytes of valid events that never ends in time. */
  | { readonly kind: "huge-stream"; readonly bytes: number }
  /** An embeddings answer of another dimension. */
  | { readonly kind: "wrong-dimension" }
  /** Put an event whose data is truncated JSON into the stream. */
  | { readonly kind: "malformed-sse" }
  /** 401 whose error message echoes the request's Authorization (or x-api-key) header, in the family's error shape. */
  | { readonly kind: "echo-auth" }
  /** 200 whose body echoes every request header (a debugging gateway). */
  | { readonly kind: "echo-headers" }
  /** Answer 200 with a non-JSON body. */
  | { readonly kind: "non-json-200" }
  /** Answer this status with DashScope's event-stream error body (`event:error`, `data:{code,message,request_id}`). */
  | { readonly kind: "sse-error"; readonly status: number; readonly code: string; readonly message: string };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly route?: Route;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: unknown;
}

export interface OpenAiServerOptions {
  /** Serve HTTPS with this certificate. @default - plain HTTP */
  readonly tls?: { readonly certPem: string; readonly keyPem: string };
  /** Answer 401 invalid_api_key unless `Authorization: Bearer <apiKey>`. @default - any key */
  readonly apiKey?: string;
}

export interface TestOpenAiServer {
  readonly port: number;
  readonly protocol: "http" | "https";
  /** Every HTTP request received, in order. */
  readonly requests: RecordedRequest[];
  /** TCP connections accepted so far. */
  readonly connections: () => number;
  /** `http(s)://HOST:PORT/compatible-mode/v1`. */
  baseUrl(host?: string): string;
  enqueue(route: Route, ...faults: Fault[]): void;
  setFault(route: Route, fault: Fault | undefined): void;
  /** Forgets recorded requests and the connection count. */
  resetRecords(): void;
  /** Drops every queued and persistent fault. */
  clearFaults(): void;
  resetNextConnections(count: number): void;
  close(): Promise<void>;
}

export async function startOpenAiServer(options: OpenAiServerOptions = {}): Promise<TestOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const queues = Object.fromEntries(ROUTES.map((r) => [r, [] as Fault[]])) as unknown as Record<Route, Fault[]>;
  const persistent: Partial<Record<Route, Fault>> = {};
  const sockets = new Set<Socket>();
  let accepted = 0;
  let resetBudget = 0;
  let counter = 0;

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const path = (req.url ?? "").split("?")[0];
      const stream = !!(body && typeof body === "object" && (body as Record<string, unknown>).stream === true);
      const route = routeOf(req, path, stream);
      requests.push({ method: req.method ?? "", path, route, headers: req.headers, body });
      const requestId = `req-${++counter}`;
      res.setHeader("x-request-id", requestId);
      if (!route) return json(res, 404, { error: { code: "not_found", message: `no route ${path}` }, request_id: requestId });
      const fault = queues[route].shift() ?? persistent[route];
      if (fault) return misbehave(fault, route, req, res, requestId);
      const given = route.startsWith("anthropic") ? (req.headers["x-api-key"] ?? req.headers.authorization?.replace(/^Bearer /, "")) : req.headers.authorization?.replace(/^Bearer /, "");
      if (options.apiKey && given !== options.apiKey) {
        const code = route.startsWith("anthropic") ? "authentication_error" : route.startsWith("dashscope") ? "InvalidApiKey" : "invalid_api_key";
        return json(res, 401, familyError(route, code, "Incorrect API key provided.", requestId));
      }
      return answer(route, res, requestId, "normal");
    });
  };

  const server: http.Server | https.Server = options.tls
    ? https.createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, handler)
    : http.createServer(handler);
  server.on("connection", (socket: Socket) => {
    accepted += 1;
    if (resetBudget > 0) {
      resetBudget -= 1;
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // A client that rejects our certificate just goes away; nothing to log.
  server.on("tlsClientError", () => undefined);
  server.on("clientError", (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const protocol = options.tls ? "https" : "http";

  return {
    port,
    protocol,
    requests,
    connections: () => accepted,
    baseUrl: (host = "127.0.0.1") => `${protocol}://${host}:${port}${API_PREFIX}`,
    enqueue: (route, ...faults) => void queues[route].push(...faults),
    setFault: (route, fault) => {
      persistent[route] = fault;
    },
    resetRecords: () => {
      requests.length = 0;
      accepted = 0;
    },
    clearFaults: () => {
      for (const route of ROUTES) {
        queues[route].length = 0;
        delete persistent[route];
      }
    },
    resetNextConnections: (count) => {
      resetBudget = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function routeOf(req: http.IncomingMessage, path: string, stream: boolean): Route | undefined {
  if (req.method === "GET" && path === `${API_PREFIX}/models`) return "models";
  if (req.method !== "POST") return undefined;
  if (path === `${API_PREFIX}/chat/completions`) return stream ? "stream" : "chat";
  if (path === ANTHROPIC_PATH) return stream ? "anthropic-stream" : "anthropic";
  if (path === DASHSCOPE_PATH) return req.headers["x-dashscope-sse"] === "enable" ? "dashscope-stream" : "dashscope";
  if (path === EMBEDDINGS_PATH) return "embeddings";
  return undefined;
}

/** The family's normal answer, or its stream in `mode`. */
function answer(route: Route, res: http.ServerResponse, requestId: string, mode: FamilyStreamMode | StreamMode): void {
  switch (route) {
    case "models":
      return json(res, 200, { object: "list", data: TEST_MODELS.map((id) => ({ id, object: "model" })) });
    case "chat":
      return json(res, 200, completion(requestId));
    case "stream":
      return void sendStream(res, requestId, mode as StreamMode);
    case "anthropic":
      return json(res, 200, anthropicMessage(requestId));
    case "anthropic-stream":
      return void sendText(res, anthropicStreamText(requestId, mode as FamilyStreamMode));
    case "dashscope":
      return json(res, 200, dashscopeMessage(requestId));
    case "dashscope-stream":
      return void sendText(res, dashscopeStreamText(requestId, mode as FamilyStreamMode));
    case "embeddings":
      return json(res, 200, embeddingsAnswer());
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function completion(id: string): unknown {
  return {
    id: `chatcmpl-${id}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: "qwen-flash",
    choices: [{ index: 0, message: { role: "assistant", content: CHAT_REPLY }, finish_reason: "stop" }],
    usage: { prompt_tokens: 14, completion_tokens: 1, total_tokens: 15 },
  };
}

function chunk(id: string, delta: Record<string, unknown>, finish: string | null = null): string {
  return JSON.stringify({
    id: `chatcmpl-${id}`,
    object: "chat.completion.chunk",
    model: "qwen-flash",
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
}

type StreamMode = "normal" | "reset" | "stall" | "no-done" | "malformed" | "error-event" | "no-usage" | "done-two-spaces";

/** The SSE wire text, with deliberately mixed framing. */
export function streamWireText(id: string, mode: StreamMode = "normal"): string {
  const events: string[] = [];
  events.push(`data: ${chunk(id, { role: "assistant", content: "" })}\n\n`);
  events.push(`: keep-alive comment\n\n`);
  STREAM_DELTAS.forEach((delta, i) => {
    const data = chunk(id, { content: delta });
    // Rotate the framing: LF, CRLF without the space after the colon, CR only, LF with an id field.
    const frame = [`data: ${data}\n\n`, `data:${data}\r\n\r\n`, `data: ${data}\r\r`, `id: ${i}\ndata: ${data}\n\n`][i % 4];
    events.push(frame);
    if (mode === "malformed" && i === 2) events.push(`data: {"choices":[{"delta":{"content":"trunc\n\n`);
    if (mode === "error-event" && i === 2) events.push(`data: ${JSON.stringify({ error: { code: "internal_error", message: "generation aborted" } })}\n\n`);
  });
  events.push(`data: ${chunk(id, {}, "stop")}\n\n`);
  if (mode !== "no-usage") {
    events.push(
      `data: ${JSON.stringify({ id: `chatcmpl-${id}`, object: "chat.completion.chunk", choices: [], usage: { prompt_tokens: 14, completion_tokens: 9, total_tokens: 23 } })}\n\n`,
    );
  }
  if (mode === "done-two-spaces") events.push("data:  [DONE]\n\n");
  else if (mode !== "no-done") events.push("data: [DONE]\n\n");
  return events.join("");
}

/** Writes an event stream in small, uneven pieces. */
function sendText(res: http.ServerResponse, text: string): Promise<void> {
  return sendBytes(res, Buffer.from(text, "utf8"), "normal");
}

/** Writes the stream in small, uneven pieces (1, 2, 3, 5, 7, 11, 13 bytes, repeating). */
function sendStream(res: http.ServerResponse, id: string, mode: StreamMode): Promise<void> {
  return sendBytes(res, Buffer.from(streamWireText(id, mode), "utf8"), mode);
}

async function sendBytes(res: http.ServerResponse, bytes: Buffer, mode: StreamMode): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
  const cut = mode === "reset" || mode === "stall" ? Math.floor(bytes.length / 3) : bytes.length;
  const sizes = [1, 2, 3, 5, 7, 11, 13];
  let offset = 0;
  for (let i = 0; offset < cut; i++) {
    const end = Math.min(cut, offset + sizes[i % sizes.length]);
    if (res.destroyed) return;
    res.write(bytes.subarray(offset, end));
    offset = end;
    if (i % 8 === 7) await new Promise((r) => setImmediate(r));
  }
  if (mode === "reset") {
    await new Promise((r) => setTimeout(r, 20));
    res.socket?.destroy();
    return;
  }
  if (mode === "stall") return; // headers and a third of the stream, then silence
  res.end();
}

function misbehave(fault: Fault, route: Route, req: http.IncomingMessage, res: http.ServerResponse, requestId: string): void {
  switch (fault.kind) {
    case "status": {
      const body = typeof fault.body === "string" ? fault.body : JSON.stringify(fault.body ?? { error: { code: "error", message: "fault" } });
      const type = typeof fault.body === "string" ? "text/html" : "application/json";
      res.writeHead(fault.status, { "content-type": type, ...fault.headers });
      res.end(body);
      return;
    }
    case "hang":
      return;
    case "sse-error":
      res.writeHead(fault.status, { "content-type": "text/event-stream;charset=UTF-8", "x-request-id": requestId });
      res.end(dashscopeStreamErrorText(requestId, fault.status, fault.code, fault.message));
      return;
    case "echo-auth":
      return json(res, 401, familyError(route, "invalid_api_key", `Incorrect API key provided: ${req.headers.authorization ?? req.headers["x-api-key"] ?? ""}`, requestId));
    case "echo-headers": {
      // A gateway that reflects the request: every header, the key in several spellings and cuts.
      const auth = String(req.headers.authorization ?? req.headers["x-api-key"] ?? "");
      const key = auth.replace(/^Bearer /, "");
      const echo = { headers: req.headers, cut: `${auth.slice(0, 14)}…`, tail: key.slice(-9), middle: key.slice(3, 12), [key.slice(2, 11)]: "key as an object key" };
      return json(res, 200, { error: { code: "echo", message: JSON.stringify(echo) }, choices: "see headers", data: [{ id: key.slice(1, 10) }], echo });
    }
    case "error-event":
      return answer(route, res, requestId, "error-event");
    case "no-usage":
      return void sendStream(res, requestId, "no-usage");
    case "done-two-spaces":
      return void sendStream(res, requestId, "done-two-spaces");
    case "index-order": {
      const body = completion(requestId) as { choices: unknown[] };
      body.choices = [
        { index: 1, message: { role: "assistant", content: "second choice" }, finish_reason: "stop" },
        { index: 0, message: { role: "assistant", content: CHAT_REPLY }, finish_reason: "stop" },
      ];
      return json(res, 200, body);
    }
    case "gzip-200": {
      const zipped = gzipSync(Buffer.from(JSON.stringify(completion(requestId))));
      res.writeHead(200, { "content-type": route.endsWith("stream") ? "text/event-stream" : "application/json", "content-encoding": "gzip", "content-length": zipped.length });
      res.end(zipped);
      return;
    }
    case "huge-stream":
      return void sendHuge(res, requestId, fault.bytes);
    case "wrong-dimension":
      return json(res, 200, embeddingsAnswer(1536));
    case "non-json-200":
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body>Welcome to the captive portal</body></html>");
      return;
    case "reset-mid-stream":
      return void sendStream(res, requestId, "reset");
    case "stall-stream":
      return void sendStream(res, requestId, "stall");
    case "no-done":
      return answer(route, res, requestId, "no-done");
    case "malformed-sse":
      return answer(route, res, requestId, route.endsWith("stream") ? "malformed" : "normal");
  }
}

/** Valid chat chunks, `bytes` of them, written as fast as the socket takes them. */
async function sendHuge(res: http.ServerResponse, id: string, bytes: number): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream" });
  const piece = Buffer.from(`data: ${chunk(id, { content: "x".repeat(4000) })}\n\n`.repeat(16));
  for (let sent = 0; sent < bytes && !res.destroyed; sent += piece.length) {
    if (!res.write(piece)) await new Promise((r) => (res.once("drain", r), res.once("close", r)));
  }
  res.end("data: [DONE]\n\n");
}
