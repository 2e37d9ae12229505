/**
 * The last line of defence for the API key: every string the verifier prints or writes (human
 * lines, the JSON and JUnit reports, error messages) passes through a redactor that replaces the
 * exact key string. The checks never put the key or a request header into a message in the first
 * place; this catches what a server echoes back.
 */

/** What the key is replaced with. */
export const REDACTED = "[REDACTED]";

export type Redactor = (text: string) => string;

/** A redactor for one secret. Secrets shorter than 4 characters are not searched for (too many false hits). */
export function createRedactor(secret: string | undefined): Redactor {
  if (!secret || secret.length < 4) return (text) => text;
  return (text) => (text.includes(secret) ? text.split(secret).join(REDACTED) : text);
}

/** Deep-redacts every string in a JSON-like value. */
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

/** Shortens untrusted text for a message: one line, printable, at most `max` characters. */
export function excerpt(text: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}… (truncated, ${flat.length} chars)` : flat;
}
