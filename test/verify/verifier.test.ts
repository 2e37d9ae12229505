// The verifier library in-process, against real DNS, HTTP and HTTPS servers on loopback.
import {
  type CheckName,
  type CheckResult,
  VerifyConfigError,
  VerifyErrorCode,
  type VerifyOptions,
  type VerifyReport,
  targetsFromOutputs,
  verifyDeployment,
} from "cdktf-dashscope-privatelink/verify";
import { Deadline } from "../../lib/verify/deadline";
import { sendOnce, withOneRetry } from "../../lib/verify/http";
import { CHAT_REPLY, STREAM_REPLY, startOpenAiServer } from "../support/openai-server";
import { CUSTOM_DOMAIN, ENDPOINT_DOMAIN, PUBLIC_ADDRESS, type VerifyWorld, startVerifyWorld } from "../support/verify-world";
import { closedPort } from "../support/ports";

const KEY = "sk-verify-test-3f9c1e7a5b2d4680";

let world: VerifyWorld;

beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(async () => {
  await world.close();
});
beforeEach(() => world.reset());

function verify(overrides: Partial<VerifyOptions> = {}): Promise<VerifyReport> {
  return verifyDeployment({
    targets: [{ baseUrl: world.customBaseUrl }],
    apiKey: KEY,
    dnsServers: [world.dns.address],
    ca: [world.caPem],
    timeoutMs: 5000,
    ...overrides,
  });
}

function check(report: VerifyReport, name: CheckName, target = report.target): CheckResult {
  const found = report.checks.find((c) => c.name === name && c.target === target);
  if (!found) throw new Error(`no ${name} check for ${target}`);
  return found;
}

function statuses(report: VerifyReport, target = report.target): Record<string, string> {
  return Object.fromEntries(report.checks.filter((c) => c.target === target).map((c) => [c.name, c.status]));
}

describe("verifyDeployment: the happy paths", () => {
  test("passes every check on the custom domain over HTTPS, pinned to the CNAME chain's address", async () => {
    const report = await verify();
    expect(statuses(report)).toEqual({ dns: "pass", tcp: "pass", tls: "pass", models: "pass", chat: "pass", stream: "pass" });
    expect(report).toMatchObject({ ok: true, exitCode: 0, reply: { chat: CHAT_REPLY, stream: STREAM_REPLY } });
    expect(report.usage).toEqual({ promptTokens: 28, completionTokens: 10, totalTokens: 38 });
    expect(check(report, "dns")).toMatchObject({ chain: [CUSTOM_DOMAIN, ENDPOINT_DOMAIN], addresses: ["127.0.0.1"] });
    expect(check(report, "tls").certificate).toMatchObject({ subject: CUSTOM_DOMAIN });
    expect(check(report, "stream")).toMatchObject({ reply: STREAM_REPLY, events: 10 });
  });

  test("sends tiny requests with the key as a bearer token and Host = the URL's host", async () => {
    await verify();
    const [models, chat, stream] = world.https.requests;
    expect(models).toMatchObject({ method: "GET", route: "models" });
    for (const req of [models, chat, stream]) {
      expect(req.headers.host).toBe(`${CUSTOM_DOMAIN}:${world.https.port}`);
      expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
    }
    expect(chat.body).toMatchObject({ model: "qwen-flash", max_completion_tokens: 16 });
    expect(chat.body).not.toHaveProperty("max_tokens");
    expect(stream.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(stream.body).not.toHaveProperty("max_tokens");
  });

  test("verifies a plain http target when every address is private, skipping tls", async () => {
    const report = await verify({ targets: [{ baseUrl: world.endpointBaseUrl }] });
    expect(statuses(report)).toEqual({ dns: "pass", tcp: "pass", tls: "skip", models: "pass", chat: "pass", stream: "pass" });
    expect(check(report, "tls").message).toBe("plain http target: no TLS");
    expect(report.exitCode).toBe(0);
  });

  test("verifies both domains from deployment outputs, custom domain first", async () => {
    const targets = targetsFromOutputs(
      { format: "cdktf", customDomain: CUSTOM_DOMAIN, endpointDomain: ENDPOINT_DOMAIN, endpointZoneIps: ["127.0.0.1"] },
      { httpsPort: world.https.port, httpPort: world.http.port },
    );
    const report = await verify({ targets });
    expect(report.targets).toEqual([world.customBaseUrl, world.endpointBaseUrl]);
    expect(report.target).toBe(world.customBaseUrl);
    expect(report.checks).toHaveLength(12);
    expect(statuses(report, world.endpointBaseUrl)).toMatchObject({ dns: "pass", tls: "skip", chat: "pass", stream: "pass" });
    expect(check(report, "dns").message).toMatch(/1 address, all expected endpoint IPs/);
    expect(report.exitCode).toBe(0);
  });

  test("takes an IP literal as its own resolution, without DNS", async () => {
    const report = await verify({ targets: [{ baseUrl: world.http.baseUrl("127.0.0.1") }], dnsServers: undefined });
    expect(check(report, "dns")).toMatchObject({ status: "pass", resolver: "literal", addresses: ["127.0.0.1"] });
    expect(report.exitCode).toBe(0);
    expect(world.dns.queries).toHaveLength(0);
  });

  test("skips the stream check with stream: false", async () => {
    const report = await verify({ stream: false });
    expect(check(report, "stream")).toMatchObject({ status: "skip", message: "`stream: false`: streaming checks skipped" });
    expect(report.reply.stream).toBeNull();
    expect(report.exitCode).toBe(0);
  });

  test("reports every check as it finishes, in order", async () => {
    const seen: string[] = [];
    await verify({ onCheck: (c) => seen.push(`${c.name}:${c.status}`) });
    expect(seen).toEqual(["dns:pass", "tcp:pass", "tls:pass", "models:pass", "chat:pass", "stream:pass"]);
  });
});

describe("verifyDeployment: dns", () => {
  test("fails on a public address and sends nothing", async () => {
    world.dns.setRecords({ [CUSTOM_DOMAIN]: { cname: ENDPOINT_DOMAIN }, [ENDPOINT_DOMAIN]: { a: [PUBLIC_ADDRESS] } });
    const report = await verify();
    expect(check(report, "dns")).toMatchObject({ status: "fail", code: VerifyErrorCode.DNS_PUBLIC_ADDRESS, layer: "dns", addresses: [PUBLIC_ADDRESS] });
    expect(check(report, "dns").message).toMatch(/203\.0\.113\.10 is not a private address; nothing was sent — .*Private Zone is not bound/);
    expect(statuses(report)).toMatchObject({ tcp: "skip", tls: "skip", models: "skip", chat: "skip", stream: "skip" });
    expect(world.https.connections()).toBe(0);
    expect(world.https.requests).toHaveLength(0);
    expect(report.exitCode).toBe(1);
  });

  test("continues with a warning on a non-private address under allowPublicAddress", async () => {
    // 0.0.0.0 is not private, yet connecting to it stays on this machine.
    world.dns.setRecords({ [CUSTOM_DOMAIN]: { a: ["0.0.0.0"] } });
    const report = await verify({ targets: [{ baseUrl: world.customBaseUrl }], allowPublicAddress: true });
    expect(check(report, "dns")).toMatchObject({ status: "warn", code: VerifyErrorCode.DNS_PUBLIC_ADDRESS });
    expect(check(report, "dns").message).toMatch(/continuing: `allowPublicAddress`/);
    expect(statuses(report)).toMatchObject({ tcp: "pass", chat: "pass" });
    expect(report).toMatchObject({ ok: true, exitCode: 0 });
  });

  test("fails when an address is not one of the expected endpoint IPs", async () => {
    const report = await verify({ expectedIps: ["10.0.1.5", "10.0.2.6"] });
    expect(check(report, "dns")).toMatchObject({ status: "fail", code: VerifyErrorCode.DNS_UNEXPECTED_ADDRESS });
    expect(check(report, "dns").message).toMatch(/127\.0\.0\.1 is not an endpoint IP \(expected 10\.0\.1\.5, 10\.0\.2\.6\)/);
    expect(world.https.connections()).toBe(0);
  });

  test("fails with NXDOMAIN pointing at the Private Zone binding", async () => {
    world.dns.setRecords({});
    const report = await verify();
    expect(check(report, "dns")).toMatchObject({ status: "fail", code: VerifyErrorCode.DNS_NOT_FOUND });
    expect(check(report, "dns").message).toMatch(/does not exist \(NXDOMAIN\) — the Private Zone is not bound to this VPC/);
  });

  test("fails with a DNS timeout when the server does not answer", async () => {
    world.dns.silent = true;
    const report = await verify({ dnsTimeoutMs: 300 });
    expect(check(report, "dns")).toMatchObject({ status: "fail", code: VerifyErrorCode.DNS_TIMEOUT });
    expect(world.dns.queries.length).toBeGreaterThan(0);
  });
});

describe("verifyDeployment: tcp and tls", () => {
  test("fails tcp when the port refuses, and skips the rest", async () => {
    const port = await closedPort();
    const report = await verify({ targets: [{ baseUrl: `https://${CUSTOM_DOMAIN}:${port}/compatible-mode/v1` }] });
    expect(check(report, "tcp")).toMatchObject({ status: "fail", code: VerifyErrorCode.CONNECT_REFUSED, layer: "tcp" });
    expect(check(report, "tcp").message).toMatch(new RegExp(`^tcp: 127\\.0\\.0\\.1:${port} refused the connection — nothing listens`));
    expect(statuses(report)).toMatchObject({ tls: "skip", models: "skip", chat: "skip", stream: "skip" });
  });

  test("fails tls on a certificate for another name and sends no HTTP request", async () => {
    const report = await verify({ targets: [{ baseUrl: world.wrongNameHttps.baseUrl(CUSTOM_DOMAIN) }] });
    expect(check(report, "tls")).toMatchObject({ status: "fail", code: VerifyErrorCode.TLS_CERT_NAME_MISMATCH, layer: "tls" });
    expect(check(report, "tls").message).toMatch(/is not valid for vpc-ap-southeast-1\.dashscope\.aliyuncs\.com — .*Private Zone CNAME/);
    expect(statuses(report)).toMatchObject({ models: "skip", chat: "skip", stream: "skip" });
    expect(world.wrongNameHttps.requests).toHaveLength(0);
  });

  test("explains TLS on the endpoint's default domain", async () => {
    const report = await verify({ targets: [{ baseUrl: world.wrongNameHttps.baseUrl(ENDPOINT_DOMAIN) }] });
    expect(check(report, "tls").message).toMatch(/default domain serves plain HTTP only/);
  });

  test("fails tls without the CA: verification is never disabled", async () => {
    const report = await verify({ ca: [] });
    expect(check(report, "tls")).toMatchObject({ status: "fail", code: VerifyErrorCode.TLS_CERT_UNTRUSTED });
    expect(check(report, "tls").message).toMatch(/trust it with `ca` \(verification is never disabled\)/);
    expect(world.https.requests).toHaveLength(0);
  });

  test("fails tls on an expired certificate and sends no HTTP request", async () => {
    const expired = await startOpenAiServer({ apiKey: KEY, tls: world.pki.issue([CUSTOM_DOMAIN], { expired: true }) });
    try {
      const report = await verify({ targets: [{ baseUrl: expired.baseUrl(CUSTOM_DOMAIN) }] });
      expect(check(report, "tls")).toMatchObject({ status: "fail", code: VerifyErrorCode.TLS_CERT_EXPIRED, layer: "tls" });
      expect(check(report, "tls").message).toMatch(
        new RegExp(`^tls: the certificate of 127\\.0\\.0\\.1:${expired.port} is outside its validity \\(CERT_HAS_EXPIRED\\) — check the runner's clock`),
      );
      expect(statuses(report)).toMatchObject({ models: "skip", chat: "skip", stream: "skip" });
      expect(expired.requests).toHaveLength(0);
    } finally {
      await expired.close();
    }
  });

  test("fails tls when the port speaks plain HTTP", async () => {
    const report = await verify({ targets: [{ baseUrl: `https://${CUSTOM_DOMAIN}:${world.http.port}/compatible-mode/v1` }] });
    expect(check(report, "tls")).toMatchObject({ status: "fail", code: VerifyErrorCode.TLS_HANDSHAKE_FAILED });
  });
});

describe("verifyDeployment: API faults", () => {
  test("401: names the key's region or workspace, fails chat and skips stream", async () => {
    const report = await verify({ apiKey: "sk-wrong-key-000000000000" });
    expect(check(report, "models")).toMatchObject({ status: "fail", httpStatus: 401, apiCode: "invalid_api_key" });
    const chat = check(report, "chat");
    expect(chat).toMatchObject({ status: "fail", code: VerifyErrorCode.HTTP_STATUS, layer: "api", httpStatus: 401, requestId: expect.stringMatching(/^req-/) });
    expect(chat.message).toMatch(/^api: HTTP 401 invalid_api_key: Incorrect API key provided\. \(request id req-\d+\) — the key belongs to another region or workspace/);
    expect(chat.attempts).toHaveLength(1);
    expect(check(report, "stream")).toMatchObject({ status: "skip", message: "chat failed" });
    expect(report.exitCode).toBe(1);
  });

  test("429 then success: waits for Retry-After and records both attempts", async () => {
    world.https.enqueue("chat", {
      kind: "status",
      status: 429,
      headers: { "retry-after": "1" },
      body: { error: { code: "rate_limit_exceeded", message: "Requests rate limit exceeded" } },
    });
    const report = await verify();
    const chat = check(report, "chat");
    expect(chat.status).toBe("pass");
    expect(chat.attempts).toEqual([
      expect.objectContaining({ attempt: 1, status: 429, outcome: VerifyErrorCode.HTTP_STATUS, waitedMs: 1000 }),
      expect.objectContaining({ attempt: 2, status: 200, outcome: "ok" }),
    ]);
    expect(chat.durationMs).toBeGreaterThanOrEqual(1000);
    expect(report.exitCode).toBe(0);
  });

  test("429 twice is inconclusive (exit 3)", async () => {
    world.https.setFault("chat", { kind: "status", status: 429, headers: { "retry-after": "0" }, body: { error: { code: "Throttling", message: "slow down" } } });
    const report = await verify();
    expect(check(report, "chat")).toMatchObject({ status: "fail", inconclusive: true, httpStatus: 429 });
    expect(check(report, "chat").attempts).toHaveLength(2);
    expect(check(report, "stream").status).toBe("skip");
    expect(report).toMatchObject({ ok: false, exitCode: 3 });
  });

  test("caps a long Retry-After", async () => {
    world.https.enqueue("chat", { kind: "status", status: 429, headers: { "retry-after": "120" } });
    const report = await verify({ retryAfterCapMs: 200 });
    expect(check(report, "chat").attempts?.[0]).toMatchObject({ waitedMs: 200 });
    expect(check(report, "chat").status).toBe("pass");
  });

  test("503 once is retried; 503 twice fails with both attempts", async () => {
    world.https.enqueue("stream", { kind: "status", status: 503, headers: { "retry-after": "0" } });
    const once = await verify();
    expect(check(once, "stream")).toMatchObject({ status: "pass", reply: STREAM_REPLY });
    expect(check(once, "stream").attempts).toHaveLength(2);

    world.https.setFault("chat", { kind: "status", status: 503, headers: { "retry-after": "0" }, body: { error: { code: "ServiceUnavailable", message: "busy" } } });
    const twice = await verify();
    expect(check(twice, "chat")).toMatchObject({ status: "fail", httpStatus: 503, apiCode: "ServiceUnavailable" });
    expect(check(twice, "chat").attempts?.map((a) => a.status)).toEqual([503, 503]);
    expect(check(twice, "chat").inconclusive).toBeUndefined();
    expect(twice.exitCode).toBe(1);
  });

  test("retries a connection that failed before the request was written", async () => {
    const report = await verify({
      onCheck: (c) => {
        if (c.name === "models") world.https.resetNextConnections(1);
      },
    });
    const chat = check(report, "chat");
    expect(chat.status).toBe("pass");
    expect(chat.attempts?.[0].outcome).toMatch(/^DSV_CONNECT_/);
    expect(chat.attempts).toHaveLength(2);
  });

  test("a non-JSON error body points at a proxy, not the API", async () => {
    world.https.setFault("chat", { kind: "status", status: 500, body: "<html><body>500 Internal Server Error</body></html>" });
    const report = await verify();
    const chat = check(report, "chat");
    expect(chat).toMatchObject({ status: "fail", httpStatus: 500, code: VerifyErrorCode.HTTP_STATUS });
    expect(chat.message).toMatch(/HTTP 500 \(non-JSON body: <html><body>500 Internal Server Error<\/body><\/html>\) .* — the body is not the API's JSON: a proxy/);
    expect(chat.attempts).toHaveLength(1);
  });

  test("a 2xx answer that is not JSON is a malformed response", async () => {
    world.https.setFault("chat", { kind: "non-json-200" });
    const report = await verify();
    expect(check(report, "chat")).toMatchObject({ status: "fail", code: VerifyErrorCode.RESPONSE_MALFORMED, layer: "api" });
    expect(check(report, "chat").message).toMatch(/the 2xx answer is not JSON: <html><body>Welcome to the captive portal/);
  });

  test("404 on /models is a warning, not a failure", async () => {
    world.https.setFault("models", { kind: "status", status: 404, body: { error: { code: "not_found", message: "no" } } });
    const report = await verify();
    expect(check(report, "models")).toMatchObject({ status: "warn", httpStatus: 404 });
    expect(report).toMatchObject({ ok: true, exitCode: 0 });
  });
});

describe("verifyDeployment: stream faults", () => {
  test("a reset mid-stream fails the stream check without a retry", async () => {
    world.https.setFault("stream", { kind: "reset-mid-stream" });
    const report = await verify();
    const stream = check(report, "stream");
    expect(stream).toMatchObject({ status: "fail", code: VerifyErrorCode.CONNECTION_LOST, layer: "http" });
    expect(stream.message).toMatch(/closed before the response was complete/);
    expect(stream.attempts).toHaveLength(1);
    expect(report.reply).toEqual({ chat: CHAT_REPLY, stream: null });
  });

  test("a stream without data: [DONE] fails", async () => {
    world.https.setFault("stream", { kind: "no-done" });
    const report = await verify();
    expect(check(report, "stream")).toMatchObject({ status: "fail", code: VerifyErrorCode.STREAM_NO_DONE, layer: "stream" });
  });

  test("a malformed SSE line fails, naming the line", async () => {
    world.https.setFault("stream", { kind: "malformed-sse" });
    const report = await verify();
    expect(check(report, "stream")).toMatchObject({ status: "fail", code: VerifyErrorCode.STREAM_MALFORMED_EVENT });
    expect(check(report, "stream").message).toMatch(/is not valid JSON: data: \{"choices":\[\{"delta":\{"content":"trunc/);
  });

  test("a stalled stream fails on the idle timeout", async () => {
    world.https.setFault("stream", { kind: "stall-stream" });
    const report = await verify({ idleTimeoutMs: 300 });
    expect(check(report, "stream")).toMatchObject({ status: "fail", code: VerifyErrorCode.TIMEOUT_BODY });
    // TIMEOUT_BODY (not the overall deadline) is what proves the idle timer; the bound only says it
    // did not wait for the overall deadline.
    expect(check(report, "stream").durationMs).toBeLessThan(4_500); // the overall deadline of these tests is 5,000 ms
  });
});

describe("verifyDeployment: timeouts", () => {
  test("a hung chat ends at the overall deadline and skips the rest", async () => {
    world.https.setFault("chat", { kind: "hang" });
    const started = Date.now();
    const report = await verify({ timeoutMs: 1500 });
    expect(Date.now() - started).toBeLessThan(1500 + 8000); // a hang would run to jest's 30 s timeout
    expect(check(report, "chat")).toMatchObject({ status: "fail", code: VerifyErrorCode.TIMEOUT_DEADLINE, layer: "deadline" });
    expect(check(report, "stream")).toMatchObject({ status: "skip", message: "the overall deadline had passed" });
    expect(report.exitCode).toBe(1);
  });

  test("a hung chat fails on the headers timeout when that comes first", async () => {
    world.https.setFault("chat", { kind: "hang" });
    const report = await verify({ headersTimeoutMs: 300 });
    expect(check(report, "chat")).toMatchObject({ status: "fail", code: VerifyErrorCode.TIMEOUT_HEADERS, layer: "http" });
    expect(check(report, "chat").message).toMatch(/no response headers from .* within 300 ms/);
  });
});

describe("verifyDeployment: secrets and configuration", () => {
  test("redacts the key when a server echoes it back", async () => {
    world.https.setFault("chat", { kind: "echo-auth" });
    const report = await verify();
    const text = JSON.stringify(report);
    expect(text).not.toContain(KEY);
    expect(check(report, "chat").message).toMatch(/Incorrect API key provided: Bearer \[REDACTED\]/);
  });

  test("rejects an empty key before sending anything", async () => {
    await expect(verify({ apiKey: "" })).rejects.toMatchObject({ code: VerifyErrorCode.API_KEY_MISSING });
    expect(world.dns.queries).toHaveLength(0);
  });

  test.each([
    ["a trailing newline", `${KEY}\n`, "ends with a line break"],
    ["a trailing CRLF", `${KEY}\r\n`, "ends with a line break"],
    ["a line break inside", `sk-verify\n${KEY}`, "contains a line break"],
    ["a NUL", `${KEY}\0`, "contains a NUL character"],
    ["a leading space", ` ${KEY}`, "starts or ends with whitespace"],
    ["a trailing tab", `${KEY}\t`, "starts or ends with whitespace"],
    ["a non-ASCII character", `${KEY}\u00e9x`, "contains a character that is not printable ASCII"],
  ])("rejects a key with %s before sending anything, without quoting it", async (_what, apiKey, problem) => {
    const err = await verify({ apiKey }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VerifyConfigError);
    expect(err).toMatchObject({ code: VerifyErrorCode.CONFIG_INVALID, layer: "config" });
    expect((err as Error).message).toMatch(new RegExp(`^config: \`apiKey\` ${problem}; nothing was sent — .*often end in a newline`));
    expect((err as Error).message).not.toContain(KEY);
    expect(world.dns.queries).toHaveLength(0);
    expect(world.https.connections()).toBe(0);
  });

  test.each([
    ["ftp://x/compatible-mode/v1", /must be http:\/\/ or https:\/\//],
    ["https://user:pw@x/compatible-mode/v1", /must not carry credentials/],
    ["not a url", /is not a URL/],
  ])("rejects the base URL %s", async (baseUrl, pattern) => {
    const err = await verify({ targets: [{ baseUrl }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VerifyConfigError);
    expect((err as Error).message).toMatch(pattern);
  });
});

describe("sendOnce: what undici refuses is the verifier's fault", () => {
  test("an invalid header value is an internal error, not a connection failure, and is not retried", async () => {
    const deadline = new Deadline(5000);
    try {
      const target = {
        hostname: ENDPOINT_DOMAIN,
        port: world.http.port,
        addresses: [{ address: "127.0.0.1", family: 4 as const }],
        connectTimeoutMs: 1000,
        headersTimeoutMs: 1000,
        idleTimeoutMs: 1000,
        deadline,
      };
      const { error, attempts } = await withOneRetry(deadline, 100, true, () =>
        sendOnce(target, { method: "GET", url: `${world.endpointBaseUrl}/models`, headers: { authorization: `Bearer ${KEY}\n` } }, async () => "answered"),
      );
      expect(error).toMatchObject({ code: VerifyErrorCode.INTERNAL, layer: "internal" });
      expect(error?.message).toMatch(/^internal: internal error: invalid authorization header/);
      expect(attempts).toEqual([expect.objectContaining({ attempt: 1, outcome: VerifyErrorCode.INTERNAL })]);
      expect(world.http.requests).toHaveLength(0);
    } finally {
      // nothing to dispose: the deadline is an AbortSignal.timeout
    }
  });
});
