/**
 * The wire formats of the Model Studio API families other than OpenAI-compatible chat, as the
 * loopback test server speaks them (shapes from Model Studio's docs: Anthropic-compatible
 * Messages, DashScope native text generation with `X-DashScope-SSE: enable`, OpenAI-compatible
 * embeddings). Written here from the documentation, no SDK involved.
 */
export const ANTHROPIC_PATH = "/apps/anthropic/v1/messages";
export const DASHSCOPE_PATH = "/api/v1/services/aigc/text-generation/generation";
export const EMBEDDINGS_PATH = "/compatible-mode/v1/embeddings";

export const ANTHROPIC_REPLY = "pong";
export const ANTHROPIC_DELTAS = ["Po", "ng", " ✓"];
export const DASHSCOPE_REPLY = "pong";
export const DASHSCOPE_DELTAS = ["P", "ong", " 🏓"];
export const EMBEDDING_DIMENSION = 1024;

export type FamilyStreamMode = "normal" | "no-done" | "malformed" | "error-event";

/** The error body of each family, for a status fault or the 401 of a wrong key. */
export function familyError(route: string, code: string, message: string, requestId: string): unknown {
  if (route.startsWith("anthropic")) return { type: "error", error: { type: code, message } };
  if (route.startsWith("dashscope")) return { code, message, request_id: requestId };
  return { error: { code, message, type: "invalid_request_error" }, request_id: requestId };
}

export function anthropicMessage(id: string): unknown {
  return {
    id: `msg_${id}`,
    type: "message",
    role: "assistant",
    model: "qwen-flash",
    content: [{ type: "text", text: ANTHROPIC_REPLY }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 1 },
  };
}

export function anthropicStreamText(id: string, mode: FamilyStreamMode = "normal"): string {
  const event = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const out = [
    event("message_start", { message: { id: `msg_${id}`, type: "message", role: "assistant", content: [], model: "qwen-flash", usage: { input_tokens: 12, output_tokens: 0 } } }),
    event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    event("ping", {}),
  ];
  ANTHROPIC_DELTAS.forEach((text, i) => {
    out.push(event("content_block_delta", { index: 0, delta: { type: "text_delta", text } }));
    if (mode === "malformed" && i === 0) out.push(`event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"te\n\n`);
    if (mode === "error-event" && i === 0) out.push(event("error", { error: { type: "overloaded_error", message: "Overloaded" } }));
  });
  out.push(event("content_block_stop", { index: 0 }));
  out.push(event("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 3 } }));
  if (mode !== "no-done") out.push(event("message_stop", {}));
  return out.join("");
}

function dashscopeChunk(id: string, content: string, finish: string, usage: { input: number; output: number }): string {
  return JSON.stringify({
    output: { choices: [{ message: { content, role: "assistant" }, finish_reason: finish }] },
    usage: { total_tokens: usage.input + usage.output, input_tokens: usage.input, output_tokens: usage.output },
    request_id: id,
  });
}

export function dashscopeMessage(id: string): unknown {
  return JSON.parse(dashscopeChunk(id, DASHSCOPE_REPLY, "stop", { input: 13, output: 1 }));
}

/** `id:`, `event:result`, `:HTTP_STATUS/200` and `data:` lines, as DashScope writes them. */
export function dashscopeStreamText(id: string, mode: FamilyStreamMode = "normal"): string {
  const out: string[] = [];
  DASHSCOPE_DELTAS.forEach((delta, i) => {
    const last = i === DASHSCOPE_DELTAS.length - 1;
    const finish = last && mode !== "no-done" ? "stop" : "null";
    out.push(`id:${i + 1}\nevent:result\n:HTTP_STATUS/200\ndata:${dashscopeChunk(id, delta, finish, { input: 13, output: i + 1 })}\n\n`);
    if (mode === "malformed" && i === 0) out.push(`id:x\nevent:result\ndata:{"output":{"choi\n\n`);
    if (mode === "error-event" && i === 0) {
      out.push(`id:e\nevent:error\n:HTTP_STATUS/500\ndata:${JSON.stringify({ code: "InternalError", message: "An internal error has occured", request_id: id })}\n\n`);
    }
  });
  return out.join("");
}

/** A DashScope native streamed request's fault: its status with an `event:error` event-stream body, as DashScope sends it. */
export function dashscopeStreamErrorText(id: string, status: number, code: string, message: string): string {
  return `id:1\nevent:error\n:HTTP_STATUS/${status}\ndata:${JSON.stringify({ code, message, request_id: id })}\n\n`;
}

export function embeddingsAnswer(dimension = EMBEDDING_DIMENSION): unknown {
  const embedding = Array.from({ length: dimension }, (_v, i) => Math.round(Math.sin(i) * 1e6) / 1e6);
  return { object: "list", data: [{ object: "embedding", index: 0, embedding }], model: "text-embedding-v4", usage: { prompt_tokens: 1, total_tokens: 1 } };
}
