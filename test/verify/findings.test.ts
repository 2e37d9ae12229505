// One test per finding of the second review (issue 12), in-process against the loopback peers;
// each fails on the verifier before the fix.
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import { type CheckName, type VerifyOptions, type VerifyReport, VerifyErrorCode } from "cdktf-dashscope-privatelink/verify";
import { keyWindows } from "../support/cli-process";
import { CHAT_REPLY } from "../support/openai-server";
import { CUSTOM_DOMAIN, ENDPOINT_DOMAIN, type VerifyWorld, startVerifyWorld, verifyInWorld } from "../support/verify-world";

const KEY = "sk-findings-7f3a9c1e5b2d4680aa11";

let world: VerifyWorld;
beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(() => world.close());
beforeEach(() => world.reset());

function verify(overrides: Partial<VerifyOptions> = {}): Promise<VerifyReport> {
  return verifyInWorld(world, KEY, { ...overrides });
}
const check = (report: VerifyReport, name: CheckName) => report.checks.find((c) => c.name === name);

describe("cleartext key to a public address", () => {
  test("http:// to a non-private address is refused even with allowPublicAddress", async () => {
    // 0.0.0.0 is not private, and a connection to it would reach the loopback HTTP server.
    world.dns.setRecords({ [ENDPOINT_DOMAIN]: { a: ["0.0.0.0"] } });
    const report = await verify({ targets: [{ baseUrl: world.endpointBaseUrl }], allowPublicAddress: true });
    expect(check(report, "dns")).toMatchObject({ status: "fail", code: VerifyErrorCode.DNS_PUBLIC_ADDRESS });
    expect(check(report, "dns")?.message).toMatch(/plain http to a public address would send the key in clear text, and `allowPublicAddress` allows HTTPS only/);
    expect(world.http.connections()).toBe(0);
    expect(report.exitCode).toBe(1);
  });
});

describe("dns", () => {
  test("a public answer is DNS_PUBLIC_ADDRESS even when expected IPs are known (outputs mode)", async () => {
    world.dns.setRecords({ [CUSTOM_DOMAIN]: { cname: ENDPOINT_DOMAIN }, [ENDPOINT_DOMAIN]: { a: ["203.0.113.10"] } });
    const report = await verify({ expectedIps: ["10.0.1.5"] });
    expect(check(report, "dns")).toMatchObject({ status: "fail", code: VerifyErrorCode.DNS_PUBLIC_ADDRESS });
  });

  test("a dangling CNAME through --dns-server is DNS_NO_ADDRESS naming the CNAME target", async () => {
    world.dns.setRecords({ [CUSTOM_DOMAIN]: { cname: ENDPOINT_DOMAIN } });
    const report = await verify();
    expect(check(report, "dns")).toMatchObject({ status: "fail", code: VerifyErrorCode.DNS_NO_ADDRESS });
    expect(check(report, "dns")?.message).toMatch(/a dangling CNAME — ep-0test1234abcd5678\.dashscope\.ap-southeast-1\.privatelink\.aliyuncs\.com has no A or AAAA record/);
  });
});

describe("API error codes, not only statuses", () => {
  test.each(["insufficient_quota", "Arrearage"])("429 %s: no retry, exit 1, 'no retry will fix this'", async (code) => {
    world.https.setFault("chat", { kind: "status", status: 429, body: { error: { code, message: "You exceeded your current quota" } } });
    const report = await verify();
    expect(check(report, "chat")).toMatchObject({ status: "fail", apiCode: code, httpStatus: 429 });
    expect(check(report, "chat")?.inconclusive).toBeUndefined();
    expect(check(report, "chat")?.attempts).toHaveLength(1);
    expect(check(report, "chat")?.message).toMatch(/no retry will fix this/);
    expect(report.exitCode).toBe(1);
  });

  test("a 400 that is not about the model does not blame the model", async () => {
    world.https.setFault("chat", { kind: "status", status: 400, body: { error: { code: "invalid_parameter_error", message: "temperature out of range" } } });
    const report = await verify();
    expect(check(report, "chat")?.message).not.toMatch(/model/);
    world.https.setFault("chat", { kind: "status", status: 400, body: { error: { code: "model_not_found", message: "The model does not exist" } } });
    expect(check(await verify(), "chat")?.message).toMatch(/check `model`/);
  });

  test("a 429 whose Retry-After does not fit before the deadline is not waited for: exit 3 as documented", async () => {
    world.https.setFault("chat", { kind: "status", status: 429, headers: { "retry-after": "5" }, body: { error: { code: "Throttling.RateQuota", message: "slow down" } } });
    const report = await verify({ timeoutMs: 2500, stream: false });
    expect(check(report, "chat")).toMatchObject({ status: "fail", inconclusive: true, httpStatus: 429 });
    expect(check(report, "chat")?.attempts).toHaveLength(1);
    expect(report.exitCode).toBe(3);
  });
});

describe("bodies: compressed, oversized, binary", () => {
  test("a gzip body is named as such, without binary bytes in the message", async () => {
    world.https.setFault("chat", { kind: "gzip-200" });
    const report = await verify();
    expect(check(report, "chat")).toMatchObject({ status: "fail", code: VerifyErrorCode.RESPONSE_MALFORMED });
    expect(check(report, "chat")?.message).toMatch(/gzip-encoded although the verifier asked for identity/);
    expect(check(report, "chat")?.message).not.toMatch(/captive portal|[\u0000-\u0008\ufffd]/);
    expect(world.https.requests.find((r) => r.route === "chat")?.headers["accept-encoding"]).toBe("identity");
  });

  test("a JSON answer past 1 MiB fails as too large, not as a captive portal", async () => {
    world.https.setFault("chat", { kind: "status", status: 200, body: `{"choices":"${"x".repeat(2 * 1024 * 1024)}"}` });
    const report = await verify({ stream: false });
    expect(check(report, "chat")).toMatchObject({ status: "fail", code: VerifyErrorCode.RESPONSE_TOO_LARGE });
    expect(check(report, "chat")?.message).toMatch(/larger than 1 MiB, the verifier's cap/);
  });

  test("a stream past 8 MiB fails as too large, and the report stays small", async () => {
    world.https.setFault("stream", { kind: "huge-stream", bytes: 12 * 1024 * 1024 });
    const report = await verify({ timeoutMs: 20_000 });
    expect(check(report, "stream")).toMatchObject({ status: "fail", code: VerifyErrorCode.RESPONSE_TOO_LARGE });
    expect(JSON.stringify(report).length).toBeLessThan(64 * 1024);
  });
});

describe("streams", () => {
  test("a missing usage chunk although include_usage was asked is a warning, not a failure", async () => {
    world.https.setFault("stream", { kind: "no-usage" });
    const report = await verify();
    expect(check(report, "stream")).toMatchObject({ status: "warn", code: VerifyErrorCode.STREAM_NO_USAGE });
    expect(report.exitCode).toBe(0);
  });

  test("`data:  [DONE]` (two spaces) is not the end marker, as in the OpenAI SDK", async () => {
    world.https.setFault("stream", { kind: "done-two-spaces" });
    const report = await verify();
    expect(check(report, "stream")).toMatchObject({ status: "fail", code: VerifyErrorCode.STREAM_MALFORMED_EVENT });
  });

  test("the chat reply is the choice with index 0, not the first by position", async () => {
    world.https.setFault("chat", { kind: "index-order" });
    const report = await verify();
    expect(check(report, "chat")).toMatchObject({ status: "pass", reply: CHAT_REPLY });
  });
});

describe("proxy variables", () => {
  test("warn when HTTPS_PROXY is set and NO_PROXY does not cover the host; silent when it does", async () => {
    const report = await verify({ env: { HTTPS_PROXY: "http://proxy.corp.example:3128", NO_PROXY: "localhost,.internal" } });
    expect(check(report, "proxy")).toMatchObject({ status: "warn", code: VerifyErrorCode.PROXY_BYPASSED });
    expect(check(report, "proxy")?.message).toMatch(/HTTPS_PROXY is set and NO_PROXY does not cover vpc-ap-southeast-1\.dashscope\.aliyuncs\.com/);
    expect(report.exitCode).toBe(0);
    const covered = await verify({ env: { https_proxy: "http://proxy.corp.example:3128", no_proxy: ".aliyuncs.com" } });
    expect(check(covered, "proxy")).toBeUndefined();
  });
});

describe("tls", () => {
  test("a missing intermediate certificate is named as such, not blamed on a TLS-inspecting proxy", async () => {
    const intermediate = world.pki.intermediate();
    const leaf = intermediate.issue([CUSTOM_DOMAIN]);
    const server = https.createServer({ cert: leaf.certPem, key: leaf.keyPem }, (_req, res) => res.end("{}"));
    server.on("tlsClientError", () => undefined);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const report = await verify({ targets: [{ baseUrl: `https://${CUSTOM_DOMAIN}:${port}/compatible-mode/v1` }] });
      expect(check(report, "tls")).toMatchObject({ status: "fail", code: VerifyErrorCode.TLS_CERT_UNTRUSTED });
      expect(check(report, "tls")?.message).toMatch(/missing intermediate certificate/);
      expect(check(report, "tls")?.message).not.toMatch(/TLS-inspecting proxy/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("the library redacts what it returns, not only the CLI", () => {
  const windows = (text: string) => keyWindows(KEY, text);

  test("a gateway echoing the key in x-request-id, error.code and the message leaves no 8-character run of it in the report or any onCheck payload", async () => {
    const echo = { kind: "status", status: 401, headers: { "x-request-id": `req-${KEY}` }, body: { error: { code: KEY, message: `Incorrect API key provided: ${KEY}` } } } as const;
    world.https.setFault("models", echo);
    world.https.setFault("chat", echo);
    world.https.setFault("stream", echo);
    const payloads: string[] = [];
    const report = await verify({ onCheck: (c) => payloads.push(JSON.stringify(c)) });
    expect(check(report, "chat")).toMatchObject({ status: "fail", httpStatus: 401 });
    expect(world.https.requests.length).toBeGreaterThanOrEqual(2);
    expect(payloads.length).toBe(report.checks.length);
    for (const text of [JSON.stringify(report), ...payloads]) expect(windows(text)).toEqual([]);
    expect(JSON.stringify(report)).toContain("[REDACTED]");
  });
});
