/**
 * The last line of defence for the API key: every string the verifier prints or writes (human
 * lines, the JSON and JUnit reports, error messages) passes through a redactor. It replaces
 *
 * - any `Bearer <token>` (whatever the token: a gateway may echo another credential too), and
 * - any run of {@link KEY_WINDOW} or more characters of the key (a truncated echo, `sk-7f3a…`,
 *   leaks nothing usable either way, but "not even in part" is the rule),
 *
 * and it runs before any truncation: {@link excerpt} takes the redactor, so a message cut at 120
 * characters cannot keep a prefix the whole-key search would have missed. The checks never put
 * the key or a request header into a message in the first place; this catches what a server
 * echoes back.
 */

/** What the key is replaced with. */
export const REDACTED = "[REDACTED]";

/** The shortest run of key characters that is redacted. */
export const KEY_WINDOW = 8;

/** A function that scrubs the key out of a text. */
export type Redactor = (text: string) => string;

const BEARER = /\bBearer\s+[^\s"'`,;<>\\]+/gi;

/** @internal A redactor for one secret. Secrets shorter than 4 characters are not searched for (too many false hits). */
export function createRedactor(secret: string | undefined): Redactor {
  const windows = keyWindows(secret);
  return (text) => {
    let out = text.replace(BEARER, `Bearer ${REDACTED}`);
    if (windows) out = redactWindows(out, windows.set, windows.size);
    return out;
  };
}

function keyWindows(secret: string | undefined): { set: Set<string>; size: number } | undefined {
  if (!secret || secret.length < 4) return undefined;
  const size = Math.min(KEY_WINDOW, secret.length);
  const set = new Set<string>();
  for (let i = 0; i + size <= secret.length; i++) set.add(secret.slice(i, i + size));
  return { set, size };
}

/** Replaces every stretch of `text` covered by a window of the key. */
function redactWindows(text: string, windows: Set<string>, size: number): string {
  if (text.length < size) return text;
  let out = "";
  let copied = 0;
  let coverEnd = -1;
  let coverStart = -1;
  for (let i = 0; i + size <= text.length; i++) {
    if (!windows.has(text.slice(i, i + size))) continue;
    if (i > coverEnd) {
      if (coverStart >= 0) {
        out += text.slice(copied, coverStart) + REDACTED;
        copied = coverEnd;
      }
      coverStart = i;
    }
    coverEnd = i + size;
  }
  if (coverStart < 0) return text;
  out += text.slice(copied, coverStart) + REDACTED + text.slice(coverEnd);
  return out;
}

/** @internal Deep-redacts every string (keys included) in a JSON-like value. */
export function redactValue<T>(value: T, redact: Redactor): T {
  if (typeof value === "string") return redact(value) as unknown as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, redact)) as unknown as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[redact(k)] = redactValue(v, redact);
    return out as T;
  }
  return value;
}

/**
 * @internal Shortens untrusted text for a message: redacted first, then one line, printable
 * (control and undecodable bytes become spaces), at most `max` characters.
 */
export function excerpt(text: string, redact: Redactor, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const flat = redact(text).replace(/[\u0000-\u001f\u007f-\u009f\ufffd]+/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}… (truncated, ${flat.length} chars)` : flat;
}

/** @internal Whether text looks binary (compressed or not text at all): many undecodable or control characters. */
export function looksBinary(text: string): boolean {
  if (!text) return false;
  // eslint-disable-next-line no-control-regex
  const bad = (text.slice(0, 512).match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g) ?? []).length;
  return bad > Math.min(8, text.length / 10);
}
