// What the tcp and tls probes say when they fail (lib/verify/connect.ts): every TLS code's error and
// hint, socket errors, and the probes against loopback servers that accept TCP and then do not speak
// TLS (silent, or hanging up mid-handshake).
import * as net from "node:net";
import { isTlsFailure, mapSocketError, mapTlsError, probeTcp, probeTls } from "../../lib/verify/connect";

const CUSTOM = "vpc-ap-southeast-1.dashscope.aliyuncs.com";
const DEFAULT_DOMAIN = "ep-0test1234abcd5678.dashscope.ap-southeast-1.privatelink.aliyuncs.com";
const WHERE = "[fd00::5]:8443";
const fault = (code: string | undefined, message = "low-level") => Object.assign(new Error(message), code ? { code } : {});
const NEVER_DISABLED = "(verification is never disabled)";

describe("mapTlsError", () => {
  test.each([
    ["ERR_TLS_CERT_ALTNAME_INVALID", CUSTOM, "DSV_TLS_CERT_NAME_MISMATCH", `the certificate of ${WHERE} is not valid for ${CUSTOM}`, "the name resolves to something that is not the DashScope endpoint: check the Private Zone CNAME points at the endpoint domain"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", DEFAULT_DOMAIN, "DSV_TLS_CERT_NAME_MISMATCH", `the certificate of ${WHERE} is not valid for ${DEFAULT_DOMAIN}`, "the endpoint's default domain serves plain HTTP only: use http:// there, or the custom domain (vpc-<region>.dashscope.aliyuncs.com) for HTTPS"],
    ...["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY"].map((code) => [
      code,
      CUSTOM,
      "DSV_TLS_CERT_UNTRUSTED",
      `the certificate chain of ${WHERE} does not reach a trusted CA (${code})`,
      `the server sent no issuer for its certificate: most often a missing intermediate certificate in the server's bundle (fix the server's chain); if the issuer is a private CA, trust it with \`ca\` ${NEVER_DISABLED}`,
    ]),
    ...["SELF_SIGNED_CERT_IN_CHAIN", "DEPTH_ZERO_SELF_SIGNED_CERT", "CERT_UNTRUSTED", "CERT_SIGNATURE_FAILURE", "CERT_REJECTED"].map((code) => [
      code,
      CUSTOM,
      "DSV_TLS_CERT_UNTRUSTED",
      `the certificate of ${WHERE} is not trusted (${code})`,
      `the chain ends in a CA this runner does not trust: a TLS-inspecting proxy or a private CA is in the path — trust its CA with \`ca\` ${NEVER_DISABLED}`,
    ]),
    ...["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"].map((code) => [
      code,
      CUSTOM,
      "DSV_TLS_CERT_EXPIRED",
      `the certificate of ${WHERE} is outside its validity (${code})`,
      "check the runner's clock, then whether something other than the endpoint answers",
    ]),
    ...["EPROTO", "ERR_SSL_WRONG_VERSION_NUMBER", "ERR_TLS_HANDSHAKE_TIMEOUT"].map((code) => [
      code,
      CUSTOM,
      "DSV_TLS_HANDSHAKE_FAILED",
      `the TLS handshake with ${WHERE} failed (${code})`,
      "the port does not speak TLS, or speaks an unsupported version",
    ]),
    ["EPROTO", DEFAULT_DOMAIN.toUpperCase(), "DSV_TLS_HANDSHAKE_FAILED", `the TLS handshake with ${WHERE} failed (EPROTO)`, "the endpoint's default domain serves plain HTTP only: use http:// there"],
  ])("%s for %s", (code, servername, verifyCode, problem, hint) => {
    expect(isTlsFailure(fault(code))).toBe(true);
    expect(mapTlsError(fault(code), servername, WHERE, 8443)).toMatchObject({ code: verifyCode, layer: "tls", tlsCode: code, hint, message: `tls: ${problem} — ${hint}` });
  });

  test.each([
    ["ECONNREFUSED", "DSV_CONNECT_REFUSED", `${WHERE} refused the connection — nothing listens on port 8443 there: is the address an endpoint ENI, and does the URL use the right port (HTTPS 443 on the custom domain, HTTP 80 on the endpoint domain)?`],
    ["EHOSTUNREACH", "DSV_CONNECT_UNREACHABLE", `no route to ${WHERE} (EHOSTUNREACH) — check the VPC route table and the transit router attachments between this VPC and the endpoint VPC`],
    ["ENETUNREACH", "DSV_CONNECT_UNREACHABLE", `no route to ${WHERE} (ENETUNREACH) — check the VPC route table and the transit router attachments between this VPC and the endpoint VPC`],
    ["ECONNRESET", "DSV_CONNECT_FAILED", `connecting to ${WHERE} failed (ECONNRESET) — check the endpoint's security group and the network path`],
    [undefined, "DSV_CONNECT_FAILED", `connecting to ${WHERE} failed (low-level) — check the endpoint's security group and the network path`],
  ])("a non-TLS code %s is a socket error", (code, verifyCode, message) => {
    expect(isTlsFailure(fault(code))).toBe(false);
    expect(mapTlsError(fault(code), CUSTOM, WHERE, 8443)).toMatchObject({ code: verifyCode, layer: "tcp", address: WHERE, beforeRequestWritten: true, message: `tcp: ${message}` });
    expect(mapSocketError(fault(code), WHERE, 8443)).toMatchObject({ code: verifyCode, message: `tcp: ${message}` });
  });

  test("isTlsFailure: nothing and a bare error are not TLS failures", () => {
    expect(isTlsFailure(undefined)).toBe(false);
    expect(isTlsFailure(new Error("x"))).toBe(false);
    expect(isTlsFailure(fault("ERR_SOCKET_CLOSED"))).toBe(false);
  });
});

describe("probes against servers that accept TCP and do not speak TLS", () => {
  const held = new Set<net.Socket>();
  let silent: net.Server;
  let hangUp: net.Server;
  const listen = (server: net.Server) => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
  let silentPort: number;
  let hangUpPort: number;
  beforeAll(async () => {
    silent = net.createServer((socket) => held.add(socket));
    hangUp = net.createServer((socket) => socket.once("data", () => socket.destroy()));
    silentPort = await listen(silent);
    hangUpPort = await listen(hangUp);
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await Promise.all([silent, hangUp].map((s) => new Promise((resolve) => s.close(resolve))));
  });

  test("tcp: a listening port connects", async () => {
    await expect(probeTcp({ address: "127.0.0.1", port: silentPort }, 1000)).resolves.toBeUndefined();
  });

  test("tls: a silent port is a handshake timeout after timeoutMs", async () => {
    const started = Date.now();
    await expect(probeTls({ address: "127.0.0.1", port: silentPort }, CUSTOM, undefined, 150)).rejects.toMatchObject({
      code: "DSV_TLS_HANDSHAKE_FAILED",
      layer: "tls",
      message: `tls: no TLS handshake with 127.0.0.1:${silentPort} within 150 ms — the port accepts TCP but does not speak TLS: is this the HTTP-only endpoint domain?`,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test.each([
    [CUSTOM, "the port does not speak TLS (plain HTTP?), or something in between cut the handshake"],
    [DEFAULT_DOMAIN, "the endpoint's default domain serves plain HTTP only: use http:// there"],
  ])("tls: a port that hangs up mid-handshake (%s)", async (servername, hint) => {
    const err = await probeTls({ address: "127.0.0.1", port: hangUpPort }, servername, undefined, 2000).then(
      () => undefined,
      (e: unknown) => e as { code: string; tlsCode: string; message: string },
    );
    expect(err).toMatchObject({ code: "DSV_TLS_HANDSHAKE_FAILED", layer: "tls" });
    expect(err?.message).toBe(`tls: the connection to 127.0.0.1:${hangUpPort} closed during the TLS handshake (${err?.tlsCode}) — ${hint}`);
    expect(err?.tlsCode).toMatch(/^E[A-Z]+$/);
  });

  test("tcp: a refused port", async () => {
    const closed = net.createServer();
    const freePort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    await expect(probeTcp({ address: "127.0.0.1", port: freePort }, 1000)).rejects.toMatchObject({ code: "DSV_CONNECT_REFUSED", address: `127.0.0.1:${freePort}` });
  });
});
