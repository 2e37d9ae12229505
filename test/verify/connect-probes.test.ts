// What the tcp and tls probes (lib/verify/connect.ts) leave behind and report, against loopback servers:
// a TCP handshake that never completes, a refused port on the tls probe, the issuer and ALPN of a verified
// handshake, connections closed as soon as a probe settles (no socket, no timer left for a library caller's
// process), and the default-domain hint only for names that end in .privatelink.aliyuncs.com.
import { createHook } from "node:async_hooks";
import * as net from "node:net";
import * as tls from "node:tls";
import { mapTlsError, probeTcp, probeTls } from "../../lib/verify/connect";
import { createTestPki } from "../support/pki";

const CUSTOM = "vpc-ap-southeast-1.dashscope.aliyuncs.com";
/** Looks like the endpoint's default domain, but the name goes on past .com: not the default domain. */
const NOT_DEFAULT_DOMAIN = "ep-x.privatelink.aliyuncs.com.example";
const fault = (code: string) => Object.assign(new Error("low-level"), { code });

// A TCP handshake that never completes (a SYN nobody answers): the next net.connect hands out a
// socket that never connects. Every other connection is real.
const mockStall: { next?: import("node:net").Socket } = {};
jest.mock("node:net", () => {
  const actual = jest.requireActual<typeof import("node:net")>("node:net");
  return {
    ...actual,
    connect: (...args: Parameters<typeof actual.connect>) => {
      const stalled = mockStall.next;
      mockStall.next = undefined;
      return stalled ?? actual.connect(...args);
    },
  };
});

/**
 * Runs a probe and counts the timers it armed that are still pending once it settled: each one would
 * keep a library caller's process up for the probe's whole timeoutMs.
 */
async function timersLeftBy<T>(probe: () => Promise<T>): Promise<{ outcome: PromiseSettledResult<T>; left: number }> {
  const armed = new Set<number>();
  let starting = true;
  const hook = createHook({
    init(id, type) {
      if (starting && type === "Timeout") armed.add(id);
    },
    destroy(id) {
      armed.delete(id);
    },
  }).enable();
  try {
    const running = probe();
    starting = false;
    const [outcome] = await Promise.allSettled([running]);
    // Destroy hooks of cleared timers are delivered on the next turns of the loop.
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    return { outcome, left: armed.size };
  } finally {
    hook.disable();
  }
}

const listen = (server: net.Server) =>
  new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
const close = (server: net.Server) => new Promise((resolve) => server.close(resolve));

async function refusedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await close(server);
  return port;
}

/** Whether `socket` emits 'close' within `ms` (true at once when it already closed). */
function closesWithin(socket: net.Socket, ms: number): Promise<boolean> {
  if (socket.destroyed && socket.closed) return Promise.resolve(true);
  socket.resume(); // read to the FIN: a paused socket never sees the peer close
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Resolves with the server side of the next connection `server` accepts. */
const nextConnection = (server: net.Server, event = "connection") => new Promise<net.Socket>((resolve) => server.once(event, resolve));

async function rejection(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => {
      throw new Error("expected the probe to reject");
    },
    (e: unknown) => e,
  );
}

describe("probeTcp: a TCP handshake that never completes", () => {
  test("rejects DSV_CONNECT_TIMEOUT after timeoutMs with the address and the security-group hint, and closes the attempt", async () => {
    // A connection attempt whose SYN is never answered: a socket that never connects.
    const stalled = new net.Socket();
    mockStall.next = stalled;
    const started = Date.now();
    const err = await rejection(probeTcp({ address: "127.0.0.1", port: 8443 }, 200));
    expect(err).toMatchObject({
      code: "DSV_CONNECT_TIMEOUT",
      layer: "tcp",
      address: "127.0.0.1:8443",
      hint: "packets are dropped: check the endpoint's security group allows TCP 8443 from this VPC's CIDR, and the route (transit router) back",
      message:
        "tcp: no TCP handshake with 127.0.0.1:8443 within 200 ms — packets are dropped: check the endpoint's security group allows TCP 8443 from this VPC's CIDR, and the route (transit router) back",
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(stalled.destroyed).toBe(true);
  }, 10_000);
});

describe("the probes against loopback servers", () => {
  const held = new Set<net.Socket>();
  const pki = createTestPki();
  const trust = tls.createSecureContext({ ca: pki.caPem });
  const leaf = pki.issue([CUSTOM]);
  let plain: net.Server;
  let hangUp: net.Server;
  let secure: tls.Server;
  let offered: string[][];
  let plainPort: number;
  let hangUpPort: number;
  let securePort: number;

  beforeAll(async () => {
    plain = net.createServer((socket) => held.add(socket));
    hangUp = net.createServer((socket) => socket.once("data", () => socket.destroy()));
    secure = tls.createServer({
      cert: leaf.certPem,
      key: leaf.keyPem,
      ALPNCallback: ({ protocols }: { protocols: string[] }) => {
        offered.push(protocols);
        return protocols.includes("http/1.1") ? "http/1.1" : undefined;
      },
    } as tls.TlsOptions);
    secure.on("connection", (socket: net.Socket) => held.add(socket));
    secure.on("tlsClientError", () => undefined);
    [plainPort, hangUpPort, securePort] = await Promise.all([listen(plain), listen(hangUp), listen(secure)]);
  });
  beforeEach(() => {
    offered = [];
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await Promise.all([plain, hangUp, secure].map(close));
  });

  test("tcp: a connected probe closes its connection and leaves no timer armed", async () => {
    const accepted = nextConnection(plain);
    const { outcome, left } = await timersLeftBy(() => probeTcp({ address: "127.0.0.1", port: plainPort }, 60_000));
    expect(outcome).toEqual({ status: "fulfilled", value: undefined });
    expect(left).toBe(0);
    expect(await closesWithin(await accepted, 2000)).toBe(true);
  });

  test("tcp: a refused probe leaves no timer armed", async () => {
    const port = await refusedPort();
    const { outcome, left } = await timersLeftBy(() => probeTcp({ address: "127.0.0.1", port }, 60_000));
    expect(outcome).toMatchObject({ status: "rejected", reason: { code: "DSV_CONNECT_REFUSED", address: `127.0.0.1:${port}` } });
    expect(left).toBe(0);
  });

  test("tls: a refused port is a tcp failure (DSV_CONNECT_REFUSED), not a TLS one, and leaves no timer armed", async () => {
    const port = await refusedPort();
    const { outcome, left } = await timersLeftBy(() => probeTls({ address: "127.0.0.1", port }, CUSTOM, trust, 60_000));
    expect(outcome.status).toBe("rejected");
    expect((outcome as PromiseRejectedResult).reason).toMatchObject({
      code: "DSV_CONNECT_REFUSED",
      layer: "tcp",
      address: `127.0.0.1:${port}`,
      message: `tcp: 127.0.0.1:${port} refused the connection — nothing listens on port ${port} there: is the address an endpoint ENI, and does the URL use the right port (HTTPS 443 on the custom domain, HTTP 80 on the endpoint domain)?`,
    });
    expect(left).toBe(0);
  });

  test("tls: a verified handshake reports the issuing CA's common name, offers http/1.1, closes at once and leaves no timer armed", async () => {
    const accepted = nextConnection(secure);
    const { outcome, left } = await timersLeftBy(() => probeTls({ address: "127.0.0.1", port: securePort }, CUSTOM, trust, 60_000));
    expect(outcome.status).toBe("fulfilled");
    expect(left).toBe(0);
    const record = (outcome as PromiseFulfilledResult<Awaited<ReturnType<typeof probeTls>>>).value;
    expect(record).toMatchObject({ subject: CUSTOM, subjectAltName: `DNS:${CUSTOM}`, protocol: expect.stringMatching(/^TLSv1\.[23]$/) });
    expect(record.issuer).toMatch(/^dashscope-verify test CA [0-9a-f]{8}$/);
    expect(offered).toEqual([["http/1.1"]]);
    expect(await closesWithin(await accepted, 2000)).toBe(true);
  });

  test("tls: a silent port's handshake timeout closes the connection", async () => {
    const accepted = nextConnection(plain);
    await expect(probeTls({ address: "127.0.0.1", port: plainPort }, CUSTOM, undefined, 150)).rejects.toMatchObject({
      code: "DSV_TLS_HANDSHAKE_FAILED",
      message: `tls: no TLS handshake with 127.0.0.1:${plainPort} within 150 ms — the port accepts TCP but does not speak TLS: is this the HTTP-only endpoint domain?`,
    });
    expect(await closesWithin(await accepted, 2000)).toBe(true);
  });

  test("tls: a hang-up mid-handshake for a name that only contains .privatelink.aliyuncs.com gets the generic hint", async () => {
    const err = await rejection(probeTls({ address: "127.0.0.1", port: hangUpPort }, NOT_DEFAULT_DOMAIN, undefined, 2000));
    expect(err).toMatchObject({ code: "DSV_TLS_HANDSHAKE_FAILED", layer: "tls", hint: "the port does not speak TLS (plain HTTP?), or something in between cut the handshake" });
    expect(err.message).toBe(
      `tls: the connection to 127.0.0.1:${hangUpPort} closed during the TLS handshake (${err.tlsCode}) — the port does not speak TLS (plain HTTP?), or something in between cut the handshake`,
    );
  });
});

describe("mapTlsError: the default-domain hints only for names ending in .privatelink.aliyuncs.com", () => {
  test.each([NOT_DEFAULT_DOMAIN, "ep-x.privatelink.aliyuncs.community"])("%s", (servername) => {
    expect(mapTlsError(fault("ERR_TLS_CERT_ALTNAME_INVALID"), servername, "10.0.0.1:443", 443)).toMatchObject({
      code: "DSV_TLS_CERT_NAME_MISMATCH",
      message: `tls: the certificate of 10.0.0.1:443 is not valid for ${servername} — the name resolves to something that is not the DashScope endpoint: check the Private Zone CNAME points at the endpoint domain`,
    });
    expect(mapTlsError(fault("EPROTO"), servername, "10.0.0.1:443", 443)).toMatchObject({
      code: "DSV_TLS_HANDSHAKE_FAILED",
      message: "tls: the TLS handshake with 10.0.0.1:443 failed (EPROTO) — the port does not speak TLS, or speaks an unsupported version",
    });
  });
});
