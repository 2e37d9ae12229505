/**
 * A large, realistic chat completion stream for the SSE throughput case, made deterministically
 * from a seed: `chat.completion.chunk` events as Model Studio's compatible mode sends them (every
 * field, `null`s included), deltas of one to three tokens drawn from English, Markdown, Chinese,
 * Japanese, emoji and characters JSON must escape, then a finish chunk, a usage chunk and
 * `data: [DONE]`. {@link splitStream} cuts the bytes into pieces of a few KiB at arbitrary points
 * (inside lines, inside multi-byte characters), as a network read would.
 */

/** A small fast PRNG (mulberry32): the same seed gives the same stream on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  " the", " a", " to", " of", " and", " in", " is", " endpoint", " private", " network", " request", " model", " VPC",
  " PrivateLink", " DNS", " zone", " route", " through", " it", " you", " can", " with", ",", ".", ":", "\n", "\n\n",
  "**", "- ", "1.", " `", "`", "```", "json", "{\"", "\":", " \"", "\\", "\t", "的", "模型", "私网", "连接", "，", "。",
  "服务", "终端节点", "は", "エンドポイント", "です", "。", " 🚀", " ✅", " ⚠️", "é", "ü", "—",
];

export interface SyntheticStream {
  /** The wire bytes, `data: [DONE]` included. */
  readonly wire: Buffer;
  /** The concatenated delta content a reader must reassemble. */
  readonly text: string;
  /** Events on the wire, `[DONE]` included (what ChatStreamReader counts). */
  readonly events: number;
}

/** A stream of at least `minBytes` bytes. */
export function syntheticChatStream(minBytes: number, seed = 20250601): SyntheticStream {
  const random = prng(seed);
  const id = "chatcmpl-4f1c2b7e-9a3d-4c1e-8b6f-2d7a5e9c0b13";
  const created = 1748736000;
  const frame = (choices: unknown[], usage: unknown = null) =>
    `data: ${JSON.stringify({ choices, object: "chat.completion.chunk", usage, created, system_fingerprint: null, model: "qwen-plus", id })}\n\n`;
  const parts: string[] = [];
  const content: string[] = [];
  let bytes = 0;
  let completionTokens = 0;
  const push = (text: string) => {
    parts.push(text);
    bytes += Buffer.byteLength(text, "utf8");
  };
  push(frame([{ delta: { content: "", role: "assistant" }, finish_reason: null, index: 0, logprobs: null }]));
  while (bytes < minBytes) {
    const n = 1 + Math.floor(random() * 3);
    let delta = "";
    for (let i = 0; i < n; i++) delta += TOKENS[Math.floor(random() * TOKENS.length)];
    completionTokens += n;
    content.push(delta);
    push(frame([{ delta: { content: delta }, finish_reason: null, index: 0, logprobs: null }]));
  }
  push(frame([{ delta: { content: "" }, finish_reason: "stop", index: 0, logprobs: null }]));
  push(frame([], { prompt_tokens: 14, completion_tokens: completionTokens, total_tokens: 14 + completionTokens }));
  push("data: [DONE]\n\n");
  return { wire: Buffer.from(parts.join(""), "utf8"), text: content.join(""), events: parts.length };
}

/** Views of `bytes` in pieces of `minSize`..`maxSize` bytes, cut at arbitrary points. */
export function splitStream(bytes: Uint8Array, minSize: number, maxSize: number, seed = 7): Uint8Array[] {
  const random = prng(seed);
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    const end = Math.min(bytes.length, offset + minSize + Math.floor(random() * (maxSize - minSize + 1)));
    pieces.push(bytes.subarray(offset, end));
    offset = end;
  }
  return pieces;
}
