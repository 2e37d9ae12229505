// The redactor and the CLI's option-name mapping, as units.
import { REDACTED } from "cdktf-dashscope-privatelink/verify";
import { toFlags } from "../../lib/verify/cli";
import { createRedactor, excerpt, redactValue } from "../../lib/verify/redact";
import { ChatStreamReader } from "../../lib/verify/sse";
import { MAX_MESSAGE_CHARS, result } from "../../lib/verify/verifier";

const KEY = "sk-7f3a9c1e5b2d4680aa11bb22cc33dd44";

describe("createRedactor", () => {
  const redact = createRedactor(KEY);

  test("redacts the whole key, any Bearer token and any 8-character run of the key", () => {
    expect(redact(`key ${KEY} end`)).toBe(`key ${REDACTED} end`);
    expect(redact("Authorization: Bearer abc.def-other-token")).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redact(`cut: ${KEY.slice(0, 14)}…`)).toBe(`cut: ${REDACTED}…`);
    expect(redact(`tail ${KEY.slice(-8)}`)).toBe(`tail ${REDACTED}`);
    expect(redact(`middle ${KEY.slice(10, 19)} x`)).toBe(`middle ${REDACTED} x`);
    // 7 characters of the key are not a window: left alone.
    expect(redact(`short ${KEY.slice(5, 12)}`)).toBe(`short ${KEY.slice(5, 12)}`);
    expect(redact("nothing here")).toBe("nothing here");
  });

  test("redacts before truncating: an excerpt never keeps a prefix of the key", () => {
    const echoed = `Incorrect API key provided: ${"x".repeat(100)} Bearer ${KEY}`;
    const cut = excerpt(`${"y".repeat(110)}${KEY}`, redact, 120);
    expect(cut).not.toContain(KEY.slice(0, 8));
    expect(excerpt(echoed, redact, 60)).not.toMatch(/sk-7f3a/);
  });

  test("redacts object keys as well as values", () => {
    const value = redactValue({ [`h-${KEY}`]: "v", list: [KEY.slice(2, 12)], nested: { k: `Bearer ${KEY}` } }, redact);
    expect(Object.keys(value)).toEqual([`h-${REDACTED}`, "list", "nested"]);
    expect(JSON.stringify(value)).not.toContain(KEY.slice(0, 8));
  });
});

describe("toFlags", () => {
  test("maps the library's option names to the CLI's flags, and leaves other backticks alone", () => {
    expect(toFlags("raise `timeoutMs`, check `model`, `stream: false`, `dnsServers`, `other`")).toBe(
      "raise --timeout-ms, check --model, --no-stream, --dns-server, `other`",
    );
  });
});

describe("ChatStreamReader: the reply is choice index 0", () => {
  test("deltas of other choices are not mixed in, whatever their position", () => {
    const reader = new ChatStreamReader();
    const chunk = (choices: unknown[]) => `data: ${JSON.stringify({ object: "chat.completion.chunk", choices })}\n\n`;
    reader.push(chunk([{ index: 1, delta: { content: "B" } }, { index: 0, delta: { content: "a" } }]));
    reader.push(chunk([{ index: 1, delta: { content: "C" } }]));
    reader.push(chunk([{ index: 0, delta: { content: "b" }, finish_reason: "stop" }]));
    reader.push("data: [DONE]\n\n");
    expect(reader.end()).toMatchObject({ text: "ab", finishReason: "stop" });
  });
});

describe("a check's message is redacted before it is capped", () => {
  test("a key straddling the cap leaves no prefix of it", () => {
    // Capped first, the cut would keep 7 characters of the key: fewer than a window, so a later redaction would miss them.
    const message = `${"x".repeat(MAX_MESSAGE_CHARS - 7)}${KEY} and more`;
    const check = result("chat", "https://t/compatible-mode/v1", 1, { status: "fail", message }, createRedactor(KEY));
    expect(check.message).not.toContain(KEY.slice(0, 3));
    expect(check.message).toMatch(/x\[REDA/);
    expect(check.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS + "… (truncated)".length);
  });
});
