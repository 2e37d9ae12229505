/**
 * The tcp and tls probes: one connection per resolved address, nothing written on it. The TLS probe
 * sends SNI = the URL's host and verifies the certificate for that name against Node's root CAs
 * plus the extra CAs; verification is never disabled.
 */
import * as net from "node:net";
import * as tls from "node:tls";
import { ConnectError, ConnectTimeoutError, TlsError, VerifyError, VerifyErrorCode } from "./errors";
import type { CertificateRecord } from "./types";

/** @internal */
export interface ProbeTarget {
  readonly address: string;
  readonly port: number;
}

/** @internal `10.0.0.1:443`, `[fd00::1]:443`. */
export function formatEndpoint(address: string, port: number): string {
  return net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

/** @internal Opens a TCP connection and closes it; rejects with a ConnectError. */
export function probeTcp(target: ProbeTarget, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const where = formatEndpoint(target.address, target.port);
    const socket = net.connect({ host: target.address, port: target.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new ConnectTimeoutError(`no TCP handshake with ${where} within ${timeoutMs} ms`, {
          address: where,
          hint: `packets are dropped: check the endpoint's security group allows TCP ${target.port} from this VPC's CIDR, and the route (transit router) back`,
        }),
      );
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(mapSocketError(err, where, target.port));
    });
  });
}

/** @internal Maps a socket-level error of a connection attempt. */
export function mapSocketError(err: unknown, where: string, port: number): ConnectError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ECONNREFUSED") {
    return new ConnectError(VerifyErrorCode.CONNECT_REFUSED, `${where} refused the connection`, {
      address: where,
      beforeRequestWritten: true,
      hint: `nothing listens on port ${port} there: is the address an endpoint ENI, and does the URL use the right port (HTTPS 443 on the custom domain, HTTP 80 on the endpoint domain)?`,
      cause: err,
    });
  }
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") {
    return new ConnectError(VerifyErrorCode.CONNECT_UNREACHABLE, `no route to ${where} (${code})`, {
      address: where,
      beforeRequestWritten: true,
      hint: "check the VPC route table and the transit router attachments between this VPC and the endpoint VPC",
      cause: err,
    });
  }
  return new ConnectError(VerifyErrorCode.CONNECT_FAILED, `connecting to ${where} failed (${code ?? (err as Error).message})`, {
    address: where,
    beforeRequestWritten: true,
    hint: "check the endpoint's security group and the network path",
    cause: err,
  });
}

/** @internal Completes a verified TLS handshake; resolves with what the server presented. */
export function probeTls(
  target: ProbeTarget,
  servername: string,
  trust: tls.SecureContext | undefined,
  timeoutMs: number,
): Promise<CertificateRecord> {
  return new Promise((resolve, reject) => {
    const where = formatEndpoint(target.address, target.port);
    const socket = tls.connect({
      host: target.address,
      port: target.port,
      servername,
      secureContext: trust,
      rejectUnauthorized: true,
      ALPNProtocols: ["http/1.1"],
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new TlsError(VerifyErrorCode.TLS_HANDSHAKE_FAILED, `no TLS handshake with ${where} within ${timeoutMs} ms`, {
          hint: "the port accepts TCP but does not speak TLS: is this the HTTP-only endpoint domain?",
        }),
      );
    }, timeoutMs);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate();
      const record: CertificateRecord = {
        subject: first(cert?.subject?.CN),
        subjectAltName: cert?.subjectaltname,
        issuer: first(cert?.issuer?.CN ?? cert?.issuer?.O),
        validTo: cert?.valid_to,
        fingerprint256: cert?.fingerprint256,
        protocol: socket.getProtocol() ?? undefined,
      };
      socket.destroy();
      resolve(record);
    });
    let tcpUp = false;
    socket.once("connect", () => {
      tcpUp = true;
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      socket.destroy();
      if (tcpUp && !isTlsFailure(err)) {
        // TCP was up: whatever closed the connection did it during the handshake.
        const code = (err as NodeJS.ErrnoException).code ?? err.message;
        reject(
          new TlsError(VerifyErrorCode.TLS_HANDSHAKE_FAILED, `the connection to ${where} closed during the TLS handshake (${code})`, {
            tlsCode: code,
            cause: err,
            hint: /\.privatelink\.aliyuncs\.com$/i.test(servername)
              ? "the endpoint's default domain serves plain HTTP only: use http:// there"
              : "the port does not speak TLS (plain HTTP?), or something in between cut the handshake",
          }),
        );
        return;
      }
      reject(mapTlsError(err, servername, where, target.port));
    });
  });
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Codes of a chain whose leaf issuer is missing (an incomplete chain), as opposed to an untrusted root. */
const INCOMPLETE_CHAIN = new Set(["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY"]);

const UNTRUSTED = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_REJECTED",
]);

/** @internal Whether a low-level error comes from TLS (handshake or certificate verification). */
export function isTlsFailure(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? "";
  return (
    code === "ERR_TLS_CERT_ALTNAME_INVALID" ||
    UNTRUSTED.has(code) ||
    code === "CERT_HAS_EXPIRED" ||
    code === "CERT_NOT_YET_VALID" ||
    code === "EPROTO" ||
    code.startsWith("ERR_SSL_") ||
    code.startsWith("ERR_TLS_")
  );
}

/**
 * @internal Maps a TLS-level error (from the probe or from undici's connector). `where` is the endpoint as
 * {@link formatEndpoint} writes it; `port` is its port.
 */
export function mapTlsError(err: unknown, servername: string, where: string, port: number): VerifyError {
  const code = (err as NodeJS.ErrnoException).code ?? "";
  const onDefaultDomain = /\.privatelink\.aliyuncs\.com$/i.test(servername);
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return new TlsError(
      VerifyErrorCode.TLS_CERT_NAME_MISMATCH,
      `the certificate of ${where} is not valid for ${servername}`,
      {
        tlsCode: code,
        cause: err,
        hint: onDefaultDomain
          ? "the endpoint's default domain serves plain HTTP only: use http:// there, or the custom domain (vpc-<region>.dashscope.aliyuncs.com) for HTTPS"
          : "the name resolves to something that is not the DashScope endpoint: check the Private Zone CNAME points at the endpoint domain",
      },
    );
  }
  if (INCOMPLETE_CHAIN.has(code)) {
    // The leaf's issuer is nowhere: the server did not send its intermediate, or the CA is unknown.
    return new TlsError(VerifyErrorCode.TLS_CERT_UNTRUSTED, `the certificate chain of ${where} does not reach a trusted CA (${code})`, {
      tlsCode: code,
      cause: err,
      hint: "the server sent no issuer for its certificate: most often a missing intermediate certificate in the server's bundle (fix the server's chain); if the issuer is a private CA, trust it with `ca` (verification is never disabled)",
    });
  }
  if (UNTRUSTED.has(code)) {
    return new TlsError(VerifyErrorCode.TLS_CERT_UNTRUSTED, `the certificate of ${where} is not trusted (${code})`, {
      tlsCode: code,
      cause: err,
      hint: "the chain ends in a CA this runner does not trust: a TLS-inspecting proxy or a private CA is in the path — trust its CA with `ca` (verification is never disabled)",
    });
  }
  if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") {
    return new TlsError(VerifyErrorCode.TLS_CERT_EXPIRED, `the certificate of ${where} is outside its validity (${code})`, {
      tlsCode: code,
      cause: err,
      hint: "check the runner's clock, then whether something other than the endpoint answers",
    });
  }
  if (isTlsFailure(err)) {
    return new TlsError(VerifyErrorCode.TLS_HANDSHAKE_FAILED, `the TLS handshake with ${where} failed (${code})`, {
      tlsCode: code,
      cause: err,
      hint: onDefaultDomain
        ? "the endpoint's default domain serves plain HTTP only: use http:// there"
        : "the port does not speak TLS, or speaks an unsupported version",
    });
  }
  return mapSocketError(err, where, port);
}
