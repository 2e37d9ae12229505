/**
 * SSE parsing throughput in one warm process, alternating parsers:
 * `node --expose-gc dist/bench/children/sse-throughput.js --parsers reader,floor --warmup W --samples S --mib N`.
 *
 * Builds one synthetic chat completion stream of at least N MiB (./sse-stream), cut into pieces of
 * 1–8 KiB at arbitrary points, checks that each parser reassembles exactly its text, then runs W
 * warm-up rounds and S rounds of one full parse per parser, after a full GC each. Parsers:
 * - `reader`: `ChatStreamReader` of the compiled lib/verify (what `dashscope-verify` runs);
 * - `floor`: a streaming TextDecoder, eventsource-parser and JSON.parse of every event, collecting
 *   `choices[0].delta.content`: the least any correct reader does.
 * Reports `{ data: { samples: { parser: Sample[] }, bytes, events, pieces } }`; a sample's wallMs is
 * the parse alone and `metrics.mbPerSec` its throughput in MiB/s.
 */
import { createParser } from "eventsource-parser";
import { ChatStreamReader } from "../../lib/verify";
import type { Sample } from "../harness";
import { main, report } from "./report";
import { splitStream, syntheticChatStream } from "./sse-stream";

const MiB = 1024 * 1024;

type Parse = (pieces: readonly Uint8Array[]) => { text: string; events: number };

const PARSERS: Record<string, Parse> = {
  reader: (pieces) => {
    const reader = new ChatStreamReader(undefined, Infinity);
    for (const piece of pieces) reader.push(piece);
    const result = reader.end();
    return { text: result.text, events: result.events };
  },
  floor: (pieces) => {
    const decoder = new TextDecoder("utf-8");
    let text = "";
    let events = 0;
    const parser = createParser({
      onEvent: (event) => {
        events += 1;
        if (event.data === "[DONE]") return;
        const chunk = JSON.parse(event.data) as { choices?: Array<{ delta?: { content?: unknown } }> };
        const content = chunk.choices?.[0]?.delta?.content;
        if (typeof content === "string") text += content;
      },
    });
    for (const piece of pieces) parser.feed(decoder.decode(piece, { stream: true }));
    parser.feed(decoder.decode());
    return { text, events };
  },
};

function option(args: string[], name: string): string {
  const i = args.indexOf(name);
  if (i < 0 || i + 1 >= args.length) throw new Error(`sse-throughput: ${name} is required`);
  return args[i + 1];
}

main(() => {
  const args = process.argv.slice(2);
  const names = option(args, "--parsers").split(",");
  const warmup = Number(option(args, "--warmup"));
  const rounds = Number(option(args, "--samples"));
  const mib = Number(option(args, "--mib"));
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("sse-throughput needs node --expose-gc");
  for (const name of names) if (!PARSERS[name]) throw new Error(`unknown parser ${name}; one of ${Object.keys(PARSERS).join(", ")}`);

  const stream = syntheticChatStream(mib * MiB);
  const pieces = splitStream(stream.wire, 1024, 8192);
  for (const name of names) {
    const { text, events } = PARSERS[name](pieces);
    if (text !== stream.text || events !== stream.events) {
      throw new Error(`${name} reassembled ${text.length} chars in ${events} events; expected ${stream.text.length} in ${stream.events}`);
    }
  }

  const samples: Record<string, Sample[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (const name of names) {
      gc();
      const t0 = performance.now();
      const { events } = PARSERS[name](pieces);
      const ms = performance.now() - t0;
      if (events !== stream.events) throw new Error(`${name} saw ${events} events, expected ${stream.events}`);
      if (round >= warmup) samples[name].push({ wallMs: ms, metrics: { mbPerSec: stream.wire.length / MiB / (ms / 1000) } });
    }
  }
  report({ data: { samples, bytes: stream.wire.length, events: stream.events, pieces: pieces.length } });
});
