// The dns, tcp, tls and stream checks' messages and report fields as a user reads them, in full:
// address lists with their separators, counts, hints, the certificate's names and protocol, the
// per-address durations, and the connect / handshake timeouts handed to the probes. In-process
// against the loopback peers; a few probes are stubbed the way tcp-ipv6.test.ts does it (an address
// that connects without a listener, an IPv6 address without a route).
import * as net from "node:net";
import { type CheckName, type CheckResult, type VerifyOptions, type VerifyReport, VerifyErrorCode } from "cdktf-dashscope-privatelink/verify";
import * as connect from "../../lib/verify/connect";
import { CUSTOM_DOMAIN, ENDPOINT_DOMAIN, type VerifyWorld, startVerifyWorld, verifyInWorld } from "../support/verify-world";
import { closedPort } from "../support/ports";

const KEY = "sk-check-messages-5e2a8c4f1b7d3960";
const CA = /dashscope-verify test CA [0-9a-f]{8}/.source;
const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

let world: VerifyWorld;
beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(() => world.close());
beforeEach(() => world.reset());
afterEach(() => jest.restoreAllMocks());

function verify(overrides: Partial<VerifyOptions> = {}): Promise<VerifyReport> {
  return verifyInWorld(world, KEY, { stream: false, ...overrides });
}
function check(report: VerifyReport, name: CheckName): CheckResult {
  const found = report.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no ${name} check`);
  return found;
}
/** The CNAME chain ends in these A records. */
function records(a: string[], aaaa: string[] = []): void {
  world.dns.setRecords({ [CUSTOM_DOMAIN]: { cname: ENDPOINT_DOMAIN }, [ENDPOINT_DOMAIN]: { a, aaaa } });
}
/**
 * Stubs the probes: 127.0.0.3 connects (tcp) and hands over the good server's certificate (tls,
 * through 127.0.0.1), 127.0.0.2 refuses, an IPv6 address has no route; 127.0.0.1 is real.
 */
function stubProbes(): void {
  const realTcp = connect.probeTcp;
  const realTls = connect.probeTls;
  jest.spyOn(connect, "probeTcp").mockImplementation((target, timeoutMs) => {
    const where = connect.formatEndpoint(target.address, target.port);
    if (target.address.includes(":")) return Promise.reject(connect.mapSocketError(Object.assign(new Error("no route"), { code: "ENETUNREACH" }), where, target.port));
    if (target.address === "127.0.0.2") return Promise.reject(connect.mapSocketError(Object.assign(new Error("down"), { code: "ECONNREFUSED" }), where, target.port));
    if (target.address === "127.0.0.3") return Promise.resolve();
    return realTcp(target, timeoutMs);
  });
  jest.spyOn(connect, "probeTls").mockImplementation((target, ...rest) => realTls(target.address === "127.0.0.3" ? { ...target, address: "127.0.0.1" } : target, ...rest));
}
describe("dns: the path, the count and the judgement", () => {
  test("one private address: the chain, the address, '1 address, all private' and the resolver", async () => {
    const report = await verify();
    const dns = check(report, "dns");
    expect(dns).toMatchObject({ status: "pass", addresses: ["127.0.0.1"] });
    expect(dns.message).toBe(`${CUSTOM_DOMAIN} → ${ENDPOINT_DOMAIN} → 127.0.0.1 (1 address, all private, via ${dns.resolver})`);
    expect(dns.message).toMatch(/ \(1 address, all private, via \S+\)$/);
  });

  test("two private addresses: listed with a comma, '2 addresses, all private'", async () => {
    records(["127.0.0.1", "127.0.0.2"]);
    const report = await verify();
    const dns = check(report, "dns");
    expect(dns).toMatchObject({ status: "pass", addresses: ["127.0.0.1", "127.0.0.2"] });
    expect(dns.message).toBe(`${CUSTOM_DOMAIN} → ${ENDPOINT_DOMAIN} → 127.0.0.1, 127.0.0.2 (2 addresses, all private, via ${dns.resolver})`);
  });

  test("two public addresses: both named as not private, and nothing is sent", async () => {
    records(["203.0.113.10", "203.0.113.11"]);
    const report = await verify();
    const dns = check(report, "dns");
    expect(dns).toMatchObject({ status: "fail", code: VerifyErrorCode.DNS_PUBLIC_ADDRESS, layer: "dns" });
    expect(dns.message).toMatch(
      new RegExp(`^dns: ${esc(`${CUSTOM_DOMAIN} → ${ENDPOINT_DOMAIN} → 203.0.113.10, 203.0.113.11: 203.0.113.10, 203.0.113.11 is not a private address; nothing was sent — `)}`),
    );
    expect(world.https.connections()).toBe(0);
  });

  test("two addresses outside the expected endpoint IPs: both named, with the hint about the CNAME", async () => {
    records(["127.0.0.1", "127.0.0.2"]);
    const report = await verify({ expectedIps: ["10.0.1.5"] });
    const dns = check(report, "dns");
    expect(dns).toMatchObject({ status: "fail", code: VerifyErrorCode.DNS_UNEXPECTED_ADDRESS, layer: "dns" });
    expect(dns.message).toBe(
      `dns: ${CUSTOM_DOMAIN} → ${ENDPOINT_DOMAIN} → 127.0.0.1, 127.0.0.2: 127.0.0.1, 127.0.0.2 is not an endpoint IP (expected 10.0.1.5) — ` +
        "the name does not lead to this endpoint: check the Private Zone's CNAME, and whether another zone of the same name is bound to this VPC",
    );
    expect(world.https.connections()).toBe(0);
  });
});

describe("tcp: what connected, with its duration", () => {
  test("one address: 'connected to ADDRESS:PORT (N ms)', with a duration that is a duration", async () => {
    const report = await verify();
    const tcp = check(report, "tcp");
    expect(tcp.status).toBe("pass");
    expect(tcp.message).toMatch(new RegExp(`^connected to 127\\.0\\.0\\.1:${world.https.port} \\((\\d+) ms\\)$`));
    const [connection] = tcp.connections ?? [];
    expect(connection).toMatchObject({ address: "127.0.0.1", port: world.https.port, ok: true });
    expect(connection.durationMs).toBeGreaterThanOrEqual(0);
    expect(connection.durationMs).toBeLessThan(60_000);
    expect(tcp.message).toBe(`connected to 127.0.0.1:${world.https.port} (${connection.durationMs} ms)`);
  });

  test("two addresses: both listed, comma-separated", async () => {
    records(["127.0.0.1", "127.0.0.3"]);
    stubProbes();
    const report = await verify();
    const tcp = check(report, "tcp");
    const port = world.https.port;
    expect(tcp.status).toBe("pass");
    expect(tcp.message).toMatch(new RegExp(`^connected to 127\\.0\\.0\\.1:${port} \\(\\d+ ms\\), 127\\.0\\.0\\.3:${port} \\(\\d+ ms\\)$`));
  });

  test("one address refusing: the error as it is, without an 'N of M addresses failed' suffix", async () => {
    const port = await closedPort();
    const report = await verify({ targets: [{ baseUrl: `https://${CUSTOM_DOMAIN}:${port}/compatible-mode/v1` }] });
    const tcp = check(report, "tcp");
    expect(tcp).toMatchObject({ status: "fail", code: VerifyErrorCode.CONNECT_REFUSED, layer: "tcp" });
    expect(tcp.message).toMatch(new RegExp(`^tcp: 127\\.0\\.0\\.1:${port} refused the connection — `));
    const refused = connect.mapSocketError(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }), `127.0.0.1:${port}`, port);
    expect(tcp.message).toBe(refused.message);
    expect(tcp.message).not.toMatch(/addresses failed/);
    const [connection] = tcp.connections ?? [];
    expect(connection).toMatchObject({ address: "127.0.0.1", port, ok: false, code: VerifyErrorCode.CONNECT_REFUSED, message: tcp.message });
    expect(connection.durationMs).toBeGreaterThanOrEqual(0);
    expect(connection.durationMs).toBeLessThan(60_000);
  });

  test("IPv6 without a route next to one IPv4 address that refuses and one that connects: a failure, not a fallback", async () => {
    records(["127.0.0.1", "127.0.0.2"], ["fd00::1"]);
    stubProbes();
    const report = await verify();
    const tcp = check(report, "tcp");
    expect(tcp).toMatchObject({ status: "fail", code: VerifyErrorCode.CONNECT_REFUSED, layer: "tcp" });
    expect(tcp.message).toMatch(/^tcp: 127\.0\.0\.2:\d+ refused the connection — .* \(2 of 3 addresses failed\)$/);
    expect(check(report, "tls").status).toBe("skip");
  });

  test("two IPv4 addresses connect, IPv6 has no route: both IPv4 addresses named, and tls uses both", async () => {
    records(["127.0.0.1", "127.0.0.3"], ["fd00::1"]);
    stubProbes();
    const report = await verify();
    const port = world.https.port;
    const tcp = check(report, "tcp");
    expect(tcp).toMatchObject({ status: "warn", code: VerifyErrorCode.IPV6_NO_ROUTE, layer: "tcp" });
    expect(tcp.message).toBe(
      `tcp: connected over IPv4 (127.0.0.1:${port}, 127.0.0.3:${port}); IPv6 [fd00::1]:${port} has no route from this runner — clients fall back to IPv4 as the verifier did, the later checks use IPv4 only`,
    );
    const tls = check(report, "tls");
    expect(tls).toMatchObject({ status: "pass", addresses: ["127.0.0.1", "127.0.0.3"] });
    expect(tls.connections?.map((c) => [c.address, c.ok])).toEqual([
      ["127.0.0.1", true],
      ["127.0.0.3", true],
    ]);
    expect(tls.message).toMatch(/ on 2 address\(es\) /);
  });

  test("two IPv6 addresses without a route next to IPv4: both listed, comma-separated", async () => {
    records(["127.0.0.1"], ["fd00::1", "fd00::2"]);
    stubProbes();
    const report = await verify();
    const port = world.https.port;
    const tcp = check(report, "tcp");
    expect(tcp).toMatchObject({ status: "warn", code: VerifyErrorCode.IPV6_NO_ROUTE });
    expect(tcp.message).toBe(
      `tcp: connected over IPv4 (127.0.0.1:${port}); IPv6 [fd00::1]:${port}, [fd00::2]:${port} has no route from this runner — clients fall back to IPv4 as the verifier did, the later checks use IPv4 only`,
    );
  });

  test("the connect timeout handed to each probe is connectTimeoutMs when the deadline is further away", async () => {
    const spy = jest.spyOn(connect, "probeTcp");
    const report = await verify({ connectTimeoutMs: 700, timeoutMs: 8000 });
    expect(check(report, "tcp").status).toBe("pass");
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][1]).toBe(700);
  });
});

describe("tls: the certificate, its issuer and the protocol", () => {
  test("the pass message names the certificate's subject, its issuer, the host, the address count and the TLS version", async () => {
    const report = await verify();
    const tls = check(report, "tls");
    expect(tls.status).toBe("pass");
    expect(tls.message).toMatch(new RegExp(`^certificate for ${esc(CUSTOM_DOMAIN)} issued by ${CA} verified for ${esc(CUSTOM_DOMAIN)} on 1 address\\(es\\) \\(TLSv1\\.[23]\\)$`));
    expect(tls.certificate).toMatchObject({ subject: CUSTOM_DOMAIN, issuer: expect.stringMatching(new RegExp(`^${CA}$`)), protocol: expect.stringMatching(/^TLSv1\.[23]$/) });
  });

  test("a port that accepts TCP and says nothing fails the handshake within connectTimeoutMs, well before the deadline", async () => {
    const held = new Set<net.Socket>();
    const silent = net.createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const report = await verify({ targets: [{ baseUrl: `https://${CUSTOM_DOMAIN}:${port}/compatible-mode/v1` }], connectTimeoutMs: 200, timeoutMs: 3000 });
      expect(check(report, "tcp").status).toBe("pass");
      expect(check(report, "tls")).toMatchObject({
        status: "fail",
        code: VerifyErrorCode.TLS_HANDSHAKE_FAILED,
        layer: "tls",
        message: `tls: no TLS handshake with 127.0.0.1:${port} within 200 ms — the port accepts TCP but does not speak TLS: is this the HTTP-only endpoint domain?`,
      });
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe("stream: a missing usage chunk", () => {
  test("the warning says what is missing and why it matters", async () => {
    world.https.setFault("stream", { kind: "no-usage" });
    const report = await verify({ stream: true });
    const stream = check(report, "stream");
    expect(stream).toMatchObject({ status: "warn", code: VerifyErrorCode.STREAM_NO_USAGE, layer: "stream" });
    expect(stream.message).toMatch(
      new RegExp(
        `^\\S.*${esc("; but no usage chunk came although stream_options.include_usage was asked — token accounting of streamed calls will be missing (a gateway dropping the last chunk?)")}$`,
      ),
    );
    expect(report.exitCode).toBe(0);
  });
});
