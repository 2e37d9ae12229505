/**
 * A small protobuf wire codec driven by the descriptor in ./proto. Written here instead of loading
 * protobufjs through @grpc/proto-loader because terraform starts one plugin process per provider
 * configuration per command (a landing zone with four regional aliases: a dozen starts per plan),
 * and the generic loader cost more start-up time than everything else the plugin does. Covers what the descriptor uses: scalars (string,
 * bytes, bool, int32/int64/uint32, enums), nested messages, repeated fields and string-keyed maps;
 * fields it does not know are skipped, as protobuf requires.
 */
import { DESCRIPTOR } from "./proto";

interface FieldSpec {
  readonly type: string;
  readonly id: number;
  readonly rule?: "repeated";
  readonly keyType?: string;
}
interface Node {
  readonly fields?: Record<string, FieldSpec>;
  readonly values?: Record<string, number>;
  readonly nested?: Record<string, Node>;
  readonly methods?: Record<string, { requestType: string; responseType: string; requestStream?: boolean; responseStream?: boolean }>;
}
/** A message or enum, with the chain of scopes its type names resolve in. */
interface Resolved {
  readonly node: Node;
  readonly scopes: Node[];
}

const SCALARS = new Set(["string", "bytes", "bool", "int32", "int64", "uint32"]);

function resolve(name: string, scopes: Node[]): Resolved {
  for (let i = scopes.length - 1; i >= 0; i--) {
    let node: Node | undefined = scopes[i];
    const chain = [...scopes.slice(0, i + 1)];
    for (const part of name.split(".")) {
      node = node?.nested?.[part];
      if (node) chain.push(node);
    }
    if (node) return { node, scopes: chain };
  }
  throw new Error(`protocol descriptor: unknown type ${name}`);
}

class Writer {
  private readonly chunks: Buffer[] = [];
  varint(n: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(n));
    const bytes: number[] = [];
    do {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      bytes.push(v ? b | 0x80 : b);
    } while (v);
    this.chunks.push(Buffer.from(bytes));
  }
  tag(id: number, wire: number): void {
    this.varint(id * 8 + wire);
  }
  bytes(b: Buffer): void {
    this.varint(b.length);
    this.chunks.push(b);
  }
  finish(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function encodeField(w: Writer, spec: FieldSpec, value: unknown, scopes: Node[]): void {
  if (value === undefined || value === null) return;
  if (spec.type === "string") return w.tag(spec.id, 2), w.bytes(Buffer.from(String(value)));
  if (spec.type === "bytes") return w.tag(spec.id, 2), w.bytes(Buffer.from(value as Uint8Array));
  if (spec.type === "bool") return w.tag(spec.id, 0), w.varint(value ? 1 : 0);
  if (SCALARS.has(spec.type)) return w.tag(spec.id, 0), w.varint(Number(value));
  const t = resolve(spec.type, scopes);
  if (t.node.values) {
    const n = typeof value === "number" ? value : t.node.values[String(value)];
    if (n === undefined) throw new Error(`protocol: ${String(value)} is not a value of enum ${spec.type}`);
    return w.tag(spec.id, 0), w.varint(n);
  }
  w.tag(spec.id, 2);
  w.bytes(encodeMessage(t, value as Record<string, unknown>));
}

function encodeMessage(t: Resolved, obj: Record<string, unknown>): Buffer {
  const w = new Writer();
  for (const [name, spec] of Object.entries(t.node.fields ?? {})) {
    const value = obj[name];
    if (spec.keyType) {
      for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
        const entry = new Writer();
        encodeField(entry, { type: spec.keyType, id: 1 }, k, t.scopes);
        encodeField(entry, { type: spec.type, id: 2 }, v, t.scopes);
        w.tag(spec.id, 2);
        w.bytes(entry.finish());
      }
    } else if (spec.rule === "repeated") {
      for (const v of (value ?? []) as unknown[]) encodeField(w, spec, v, t.scopes);
    } else {
      encodeField(w, spec, value, t.scopes);
    }
  }
  return w.finish();
}

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  varint(): bigint {
    let v = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const b = this.buf[this.pos++];
      if (b === undefined) throw new Error("protocol: truncated varint");
      v |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
  }
  bytes(): Buffer {
    const n = Number(this.varint());
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`protocol: unsupported wire type ${wire}`);
  }
}

function decodeScalar(r: Reader, spec: FieldSpec, scopes: Node[]): unknown {
  if (spec.type === "string") return r.bytes().toString("utf8");
  if (spec.type === "bytes") return Buffer.from(r.bytes());
  if (spec.type === "bool") return r.varint() !== 0n;
  if (spec.type === "int64" || spec.type === "int32") return Number(BigInt.asIntN(64, r.varint()));
  if (SCALARS.has(spec.type)) return Number(r.varint());
  const t = resolve(spec.type, scopes);
  if (t.node.values) {
    const n = Number(r.varint());
    return Object.entries(t.node.values).find(([, v]) => v === n)?.[0] ?? n;
  }
  return decodeMessage(t, r.bytes());
}

function decodeMessage(t: Resolved, buf: Buffer): Record<string, unknown> {
  const byId = new Map(Object.entries(t.node.fields ?? {}).map(([name, spec]) => [spec.id, { name, spec }]));
  const out: Record<string, unknown> = {};
  const r = new Reader(buf);
  while (r.pos < buf.length) {
    const tag = Number(r.varint());
    const field = byId.get(tag >> 3);
    if (!field) {
      r.skip(tag & 7);
      continue;
    }
    const { name, spec } = field;
    if (spec.keyType) {
      const entry = decodeMessage({ node: { fields: { key: { type: spec.keyType, id: 1 }, value: { type: spec.type, id: 2 } } }, scopes: t.scopes }, r.bytes());
      ((out[name] ??= {}) as Record<string, unknown>)[String(entry.key ?? "")] = entry.value;
    } else if (spec.rule === "repeated") {
      ((out[name] ??= []) as unknown[]).push(decodeScalar(r, spec, t.scopes));
    } else {
      out[name] = decodeScalar(r, spec, t.scopes);
    }
  }
  return out;
}

export type Message = Record<string, unknown>;

export interface MethodCodec {
  /** The gRPC path, `/tfplugin6.Provider/PlanResourceChange`. */
  readonly path: string;
  readonly name: string;
  readonly streaming: boolean;
  readonly decodeRequest: (b: Buffer) => Message;
  readonly encodeResponse: (m: Message) => Buffer;
}

/** The methods of a service of the descriptor, e.g. `serviceMethods("tfplugin6.Provider")`. */
export function serviceMethods(fullName: string): MethodCodec[] {
  const [pkg, name] = fullName.split(".");
  const root = DESCRIPTOR as Node;
  const pkgNode = root.nested![pkg];
  const service = pkgNode.nested![name];
  return Object.entries(service.methods ?? {}).map(([method, m]) => {
    const req = resolve(m.requestType, [root, pkgNode]);
    const res = resolve(m.responseType, [root, pkgNode]);
    return {
      path: `/${fullName}/${method}`,
      name: method,
      streaming: !!(m.requestStream || m.responseStream),
      decodeRequest: (b: Buffer) => decodeMessage(req, b),
      encodeResponse: (v: Message) => encodeMessage(res, v),
    };
  });
}

/** Decodes a message of the descriptor by its full name (`tfplugin6.GetProviderSchema.Response`); for tests and debugging. */
export function decodeMessageOf(fullName: string, b: Buffer): Message {
  return decodeMessage(resolve(fullName, [DESCRIPTOR as Node]), b);
}
