/**
 * Values as Terraform's plugin protocol carries them: cty values in msgpack (DynamicValue.msgpack),
 * where an unknown value ("known after apply") is msgpack extension type 0, and a refined unknown
 * (an unknown with known bounds, e.g. "not null") is extension type 12. The stand-in decodes them
 * generically (objects, arrays, scalars, UNKNOWN), which round-trips every value it does not touch.
 */
import { ExtensionCodec, decode, encode } from "@msgpack/msgpack";

/** The one unknown value; refinements are dropped (an unrefined unknown is always acceptable). */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type CtyValue = null | string | number | boolean | typeof UNKNOWN | CtyValue[] | { [key: string]: CtyValue };

/** A cty type in its JSON form: "string", ["list", "string"], ["object", {"a": "number"}], ... */
export type CtyType = string | [string, ...unknown[]];

const codec = new ExtensionCodec();
codec.register({ type: 0, encode: (value: unknown) => (value === UNKNOWN ? new Uint8Array([0]) : null), decode: () => UNKNOWN });
codec.register({ type: 12, encode: () => null, decode: () => UNKNOWN });

export function decodeValue(bytes: Uint8Array | undefined): CtyValue {
  if (!bytes || bytes.length === 0) return null;
  return decode(bytes, { extensionCodec: codec }) as CtyValue;
}

export function encodeValue(value: CtyValue): Buffer {
  const bytes = encode(value, { extensionCodec: codec, ignoreUndefined: false });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** JSON (UpgradeResourceState's raw state) has no unknowns: it decodes as is. */
export const fromJson = (bytes: Uint8Array): CtyValue => JSON.parse(Buffer.from(bytes).toString("utf8")) as CtyValue;

/**
 * A known value of the type, for data-source results: collections hold one element (so `[0]` and
 * `element(..., 0)` work in the stack), strings say where they came from.
 */
export function placeholder(type: CtyType, name: string): CtyValue {
  if (typeof type === "string") {
    if (type === "string") return `offline-${name}`;
    if (type === "number") return 1;
    if (type === "bool") return false;
    return null; // "dynamic": null is a value of every type
  }
  const [kind, arg] = type;
  if (kind === "list" || kind === "set") return [placeholder(arg as CtyType, name)];
  if (kind === "map") return { [name]: placeholder(arg as CtyType, name) };
  if (kind === "object") return Object.fromEntries(Object.entries(arg as Record<string, CtyType>).map(([k, t]) => [k, placeholder(t, k)]));
  if (kind === "tuple") return (arg as CtyType[]).map((t, i) => placeholder(t, `${name}-${i}`));
  return null;
}
