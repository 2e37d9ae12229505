// The redactor at its edges (lib/verify/redact.ts): short secrets, Bearer tokens in their contexts,
// runs of the key that overlap or stand apart, excerpts and the binary-text test, deep redaction.
import { REDACTED } from "cdktf-dashscope-privatelink/verify";
import { createRedactor, excerpt, looksBinary, redactValue } from "../../lib/verify/redact";
import { MAX_MESSAGE_CHARS, result } from "../../lib/verify/verifier";

const KEY = "sk-3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b";
const redact = createRedactor(KEY);

describe("createRedactor", () => {
  test("without a secret, or one under 4 characters, only Bearer tokens go", () => {
    for (const secret of [undefined, "", "abc"]) {
      const r = createRedactor(secret);
      expect(r("abc abcabc Bearer tok")).toBe(`abc abcabc Bearer ${REDACTED}`);
    }
  });

  test("a secret of 4 to 7 characters is searched whole", () => {
    expect(createRedactor("abcd")("xabcdx abc")).toBe(`x${REDACTED}x abc`);
    expect(createRedactor("abcdefg")("abcdefg abcdef")).toBe(`${REDACTED} abcdef`);
  });

  test("Bearer tokens: any case and spacing, ending at quotes, commas and the like", () => {
    expect(redact('BEARER  tok1,"bearer\ttok2" x')).toBe(`Bearer ${REDACTED},"Bearer ${REDACTED}" x`);
    expect(redact("Bearer a'b Bearer c`d Bearer e;f Bearer g<h Bearer i\\j")).toBe(`Bearer ${REDACTED}'b Bearer ${REDACTED}\`d Bearer ${REDACTED};f Bearer ${REDACTED}<h Bearer ${REDACTED}\\j`);
    expect(redact("NotBearer tok")).toBe("NotBearer tok");
    expect(redact("Bearer")).toBe("Bearer");
  });

  test("runs of the key: overlapping windows are one stretch, separate runs separate stretches", () => {
    expect(redact(`${KEY.slice(0, 12)}|${KEY.slice(20, 30)}|end`)).toBe(`${REDACTED}|${REDACTED}|end`);
    expect(redact(`a${KEY.slice(4, 12)}${KEY.slice(4, 12)}b`)).toBe(`a${REDACTED}b`);
    expect(redact(`${KEY}${KEY}`)).toBe(REDACTED);
    expect(redact(`x${KEY.slice(0, 8)}`)).toBe(`x${REDACTED}`);
    expect(redact(KEY.slice(0, 8))).toBe(REDACTED);
    expect(redact("short")).toBe("short");
    expect(redact(`${KEY.slice(0, 8)}y${KEY.slice(9, 17)}`)).toBe(`${REDACTED}y${REDACTED}`);
  });
});

describe("excerpt", () => {
  test("one printable line, at most max characters, redacted first", () => {
    expect(excerpt("  a\r\n\tb\u0000\u001b[31mc\u007f\u0085d\ufffd  ", redact)).toBe("a b [31mc d");
    expect(excerpt("x".repeat(10), redact, 10)).toBe("x".repeat(10));
    expect(excerpt("a   b \u00a0 c", redact)).toBe("a b c"); // runs of spaces are one space
    expect(excerpt("x".repeat(11), redact, 10)).toBe(`${"x".repeat(10)}… (truncated, 11 chars)`);
    expect(excerpt("y".repeat(121), redact)).toBe(`${"y".repeat(120)}… (truncated, 121 chars)`);
    expect(excerpt(`key ${KEY}`, redact)).toBe(`key ${REDACTED}`);
  });
});

describe("looksBinary", () => {
  test("many control or undecodable characters in the first 512", () => {
    expect(looksBinary("")).toBe(false);
    expect(looksBinary("plain text\nwith lines\tand tabs\r\n")).toBe(false);
    expect(looksBinary("\u0000".repeat(9) + "x".repeat(200))).toBe(true);
    expect(looksBinary("\u0000".repeat(8) + "x".repeat(200))).toBe(false);
    expect(looksBinary("\ufffd\u0001x")).toBe(true);
    expect(looksBinary("\u0001" + "x".repeat(9))).toBe(false);
    expect(looksBinary("\u0001\u0002" + "x".repeat(9))).toBe(true);
    expect(looksBinary("x".repeat(512) + "\u0000".repeat(20))).toBe(false);
    expect(looksBinary("\u000b\u000c\u000b" + "x".repeat(7))).toBe(false);
    expect(looksBinary("\u000e\u001f" + "x".repeat(8))).toBe(true);
  });
});

describe("redactValue", () => {
  test("every string, at any depth; other values as they are", () => {
    const value = redactValue({ a: [KEY, 1, null, true, { [KEY]: [`Bearer ${KEY}`] }], n: 5, u: undefined }, redact);
    expect(value).toEqual({ a: [REDACTED, 1, null, true, { [REDACTED]: [`Bearer ${REDACTED}`] }], n: 5, u: undefined });
    expect(redactValue(KEY, redact)).toBe(REDACTED);
    expect(redactValue(7, redact)).toBe(7);
  });
});

describe("a check result", () => {
  test("documented fields first, the message capped after redaction, connection records without their errno", () => {
    const message = "m".repeat(MAX_MESSAGE_CHARS + 1);
    const check = result("tcp", "https://t/compatible-mode/v1", 5, {
      status: "fail",
      message,
      code: "DSV_CONNECT_REFUSED",
      connections: [{ address: "10.0.0.1", port: 443, ok: false, durationMs: 1, cause: "ECONNREFUSED" } as never],
    }, redact);
    expect(Object.keys(check).slice(0, 5)).toEqual(["name", "target", "status", "durationMs", "message"]);
    expect(check.message).toBe(`${"m".repeat(MAX_MESSAGE_CHARS)}… (truncated)`);
    expect(check.connections).toEqual([{ address: "10.0.0.1", port: 443, ok: false, durationMs: 1 }]);
    expect(result("dns", "t", 0, { status: "pass", message: "m".repeat(MAX_MESSAGE_CHARS) }, redact)).toEqual({ name: "dns", target: "t", status: "pass", durationMs: 0, message: "m".repeat(MAX_MESSAGE_CHARS) });
  });
});
