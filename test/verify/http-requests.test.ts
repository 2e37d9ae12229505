// One HTTP request of the verifier (lib/verify/http.ts sendOnce) against loopback servers: the connect
// timeout (its own, not the deadline's, and not shorter than asked), certificate verification with the
// run's trust store, nothing sent once the deadline passed, the connection closed as soon as the answer
// is in. And the small rules around it: Retry-After, what a lost connection says, the retry rule's
// edges and the attempt records' durations.
import * as http from "node:http";
import * as net from "node:net";
import * as tls from "node:tls";
import { Deadline } from "../../lib/verify/deadline";
import { HttpStatusError, VerifyError } from "../../lib/verify/errors";
import { type HttpTarget, isRetryable, mapTransportError, parseRetryAfter, readText, sendOnce, withOneRetry } from "../../lib/verify/http";
import { CUSTOM_DOMAIN, ENDPOINT_DOMAIN, type VerifyWorld, startVerifyWorld } from "../support/verify-world";

const listen = (server: net.Server) =>
  new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
const close = (server: net.Server) => new Promise((resolve) => server.close(resolve));

function target(hostname: string, port: number, overrides: Partial<HttpTarget> = {}): HttpTarget {
  return {
    hostname,
    port,
    addresses: [{ address: "127.0.0.1", family: 4 }],
    connectTimeoutMs: 5000,
    headersTimeoutMs: 5000,
    idleTimeoutMs: 5000,
    deadline: new Deadline(10_000),
    ...overrides,
  };
}
const get = (url: string) => ({ method: "GET" as const, url, headers: {} });
const answered = async () => "answered";

async function outcome<T>(promise: Promise<T>): Promise<{ value?: T; error?: any }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

describe("sendOnce against loopback servers", () => {
  let world: VerifyWorld;
  let withCa: tls.SecureContext;
  beforeAll(async () => {
    world = await startVerifyWorld();
    withCa = tls.createSecureContext({ ca: world.caPem });
  });
  afterAll(async () => {
    await world.close();
  });
  beforeEach(() => world.reset());

  test("the run's trust store is enforced: an untrusted certificate and a certificate for another name are refused", async () => {
    const rootsOnly = tls.createSecureContext();
    const untrusted = await outcome(sendOnce(target(CUSTOM_DOMAIN, world.https.port, { trust: rootsOnly }), get(`${world.https.baseUrl(CUSTOM_DOMAIN)}/models`), answered));
    expect(untrusted.value).toBeUndefined();
    expect(untrusted.error).toMatchObject({ code: "DSV_TLS_CERT_UNTRUSTED", layer: "tls" });
    const wrongName = await outcome(
      sendOnce(target(CUSTOM_DOMAIN, world.wrongNameHttps.port, { trust: withCa }), get(`${world.wrongNameHttps.baseUrl(CUSTOM_DOMAIN)}/models`), answered),
    );
    expect(wrongName.value).toBeUndefined();
    expect(wrongName.error).toMatchObject({
      code: "DSV_TLS_CERT_NAME_MISMATCH",
      message: `tls: the certificate of ${CUSTOM_DOMAIN}:${world.wrongNameHttps.port} is not valid for ${CUSTOM_DOMAIN} — the name resolves to something that is not the DashScope endpoint: check the Private Zone CNAME points at the endpoint domain`,
    });
    expect(world.https.requests).toHaveLength(0);
    expect(world.wrongNameHttps.requests).toHaveLength(0);
    // The same store accepts the right certificate.
    await expect(sendOnce(target(CUSTOM_DOMAIN, world.https.port, { trust: withCa }), get(`${world.https.baseUrl(CUSTOM_DOMAIN)}/models`), answered)).resolves.toBe("answered");
  });

  test("once the deadline has passed nothing is sent: DSV_TIMEOUT_DEADLINE", async () => {
    // Passed by the clock, its signal not (yet) aborted.
    class Passed extends Deadline {
      public override get expired(): boolean {
        return true;
      }
    }
    const result = await outcome(sendOnce(target(ENDPOINT_DOMAIN, world.http.port, { deadline: new Passed(10_000) }), get(`${world.endpointBaseUrl}/models`), answered));
    expect(result.value).toBeUndefined();
    expect(result.error).toMatchObject({ code: "DSV_TIMEOUT_DEADLINE", message: "deadline: the overall deadline of 10000 ms passed — raise `timeoutMs`, or look at the step that was slow" });
    expect(world.http.requests).toHaveLength(0);
  });

  test("a TLS handshake slower than a second but within connectTimeoutMs connects", async () => {
    // Holds the client's first bytes (the ClientHello) for 1.5 s, then relays to the HTTPS server.
    const proxy = net.createServer((client) => {
      client.pause();
      const hold = setTimeout(() => {
        const upstream = net.connect(world.https.port, "127.0.0.1", () => {
          client.pipe(upstream);
          upstream.pipe(client);
          client.resume();
        });
        upstream.on("error", () => client.destroy());
        client.on("close", () => upstream.destroy());
      }, 1500);
      client.on("error", () => undefined);
      client.on("close", () => clearTimeout(hold));
    });
    const port = await listen(proxy);
    try {
      const result = await outcome(sendOnce(target(CUSTOM_DOMAIN, port, { trust: withCa, connectTimeoutMs: 5000 }), get(`https://${CUSTOM_DOMAIN}:${port}/compatible-mode/v1/models`), answered));
      expect(result).toEqual({ value: "answered" });
    } finally {
      await close(proxy);
    }
  });

  test("a TLS handshake that never completes is a connect timeout after connectTimeoutMs, well before the deadline", async () => {
    const held = new Set<net.Socket>();
    const silent = net.createServer((socket) => held.add(socket));
    const port = await listen(silent);
    try {
      const started = Date.now();
      const result = await outcome(
        sendOnce(
          target(CUSTOM_DOMAIN, port, { trust: withCa, connectTimeoutMs: 300, deadline: new Deadline(8000) }),
          get(`https://${CUSTOM_DOMAIN}:${port}/compatible-mode/v1/models`),
          answered,
        ),
      );
      expect(result.error).toMatchObject({
        code: "DSV_CONNECT_TIMEOUT",
        layer: "tcp",
        message: `tcp: no TCP/TLS connection to ${CUSTOM_DOMAIN}:${port} within 300 ms — check the endpoint's security group and the route to the endpoint VPC`,
      });
      expect(Date.now() - started).toBeLessThan(7000);
    } finally {
      for (const socket of held) socket.destroy();
      await close(silent);
    }
  });
});

test("sendOnce closes its connection once the answer is in, although the server would keep it alive", async () => {
  const sockets: net.Socket[] = [];
  const server = http.createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end("{}");
  });
  server.keepAliveTimeout = 60_000;
  server.on("connection", (socket: net.Socket) => sockets.push(socket));
  const port = await listen(server);
  try {
    const body = await sendOnce(target(ENDPOINT_DOMAIN, port), get(`http://${ENDPOINT_DOMAIN}:${port}/compatible-mode/v1/models`), (res) => readText(res.body));
    expect(body).toBe("{}");
    expect(sockets).toHaveLength(1);
    const closed = await new Promise<boolean>((resolve) => {
      if (sockets[0].closed) return resolve(true);
      const timer = setTimeout(() => resolve(false), 2000);
      sockets[0].once("close", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    expect(closed).toBe(true);
  } finally {
    for (const socket of sockets) socket.destroy();
    await close(server);
  }
});

describe("mapTransportError", () => {
  const at = (deadline = new Deadline(60_000)): HttpTarget => ({ hostname: "fd00::5", port: 443, addresses: [], connectTimeoutMs: 700, headersTimeoutMs: 800, idleTimeoutMs: 900, deadline });
  const fault = (code: string) => Object.assign(new Error("low"), { code });

  test("a lost connection names the endpoint, says what to check and keeps the cause", () => {
    const cause = fault("ECONNRESET");
    expect(mapTransportError(cause, at(), true)).toMatchObject({
      code: "DSV_CONNECTION_LOST",
      layer: "http",
      address: "[fd00::5]:443",
      hint: "the endpoint or something in between reset the connection: check idle timeouts of proxies on the path, then retry",
      cause,
      message:
        "http: the connection to [fd00::5]:443 closed before the response was complete (ECONNRESET) — the endpoint or something in between reset the connection: check idle timeouts of proxies on the path, then retry",
    });
  });

  test("a code that only starts like an errno name is the verifier's own fault, not a connect failure", () => {
    expect(mapTransportError(fault("EFOO-bar"), at(), false)).toMatchObject({ code: "DSV_INTERNAL", layer: "internal" });
    expect(mapTransportError(fault("EFOO-bar"), at(), true)).toMatchObject({ code: "DSV_INTERNAL", layer: "internal" });
  });
});

describe("parseRetryAfter", () => {
  test.each([
    [" 2 ", 2000],
    ["1.25", 1250],
    ["1.5", 1500],
    ["0", 0],
  ])("seconds %j", (value, ms) => expect(parseRetryAfter(value)).toBe(ms));

  test.each(["x5", "5s", "1.x"])("not a number of seconds nor a date: %j", (value) => expect(parseRetryAfter(value)).toBeUndefined());

  test("an ISO date with a trailing 'Z' is a date, not seconds", () => {
    const now = Date.parse("2026-11-22T02:00:00Z");
    expect(parseRetryAfter("2026-11-22T02:00:03Z", now)).toBe(3000);
  });
});

test("readText: past the cap the message names the response when no name is given", async () => {
  const body = (async function* () {
    yield Buffer.from("abcd");
    yield Buffer.from("efgh");
  })();
  await expect(readText(body, 6, true)).rejects.toMatchObject({
    code: "DSV_RESPONSE_TOO_LARGE",
    message: expect.stringMatching(/^api: response: the answer is larger than /),
  });
});

describe("the retry rule's edges", () => {
  const status503 = () => new HttpStatusError("HTTP 503", { status: 503 });

  test("isRetryable: a status on an error that is not DSV_HTTP_STATUS does not make it retryable", () => {
    expect(isRetryable(Object.assign(new VerifyError("DSV_RESPONSE_MALFORMED", "api", "x"), { status: 503 }))).toBe(false);
    expect(isRetryable(Object.assign(new VerifyError("DSV_RESPONSE_MALFORMED", "api", "x"), { status: 400 }))).toBe(false);
  });

  test("the attempt records' durations are elapsed milliseconds, for a failed and a successful attempt", async () => {
    let calls = 0;
    const { value, attempts } = await withOneRetry(new Deadline(5000), 50, true, async () => {
      calls++;
      if (calls === 1) throw status503();
      return "ok";
    });
    expect(value).toBe("ok");
    expect(attempts).toHaveLength(2);
    for (const a of attempts) {
      expect(a.durationMs).toBeGreaterThanOrEqual(0);
      expect(a.durationMs).toBeLessThan(10_000);
    }
  });

  test("no retry when the time left is exactly the wait plus 250 ms", async () => {
    const deadline = new Deadline(5000);
    jest.spyOn(deadline, "remaining").mockReturnValue(350);
    let calls = 0;
    const { error, attempts } = await withOneRetry(deadline, 100, true, async () => {
      calls++;
      throw status503();
    });
    expect(calls).toBe(1);
    expect(error).toMatchObject({ code: "DSV_HTTP_STATUS", status: 503 });
    expect(attempts).toEqual([expect.objectContaining({ attempt: 1, outcome: "DSV_HTTP_STATUS" })]);
    expect(attempts[0].waitedMs).toBeUndefined();
  });

  test("a deadline that passes during the wait ends the step with DSV_TIMEOUT_DEADLINE, without a second attempt", async () => {
    // The wait outlasted the deadline: expired from then on.
    class PassesDuringTheWait extends Deadline {
      private passed = false;
      public override get expired(): boolean {
        return this.passed;
      }
      public override async sleep(): Promise<void> {
        this.passed = true;
      }
    }
    let calls = 0;
    const { value, error, attempts } = await withOneRetry(new PassesDuringTheWait(5000), 100, true, async () => {
      calls++;
      if (calls === 1) throw status503();
      return "ok";
    });
    expect(calls).toBe(1);
    expect(value).toBeUndefined();
    expect(error).toMatchObject({ code: "DSV_TIMEOUT_DEADLINE", message: "deadline: the overall deadline of 5000 ms passed — raise `timeoutMs`, or look at the step that was slow" });
    expect(attempts).toEqual([expect.objectContaining({ attempt: 1, outcome: "DSV_HTTP_STATUS", waitedMs: 100 })]);
  });
});
