/**
 * go-plugin's AutoMTLS, plugin side: terraform passes its client certificate in PLUGIN_CLIENT_CERT
 * (PEM) and expects the plugin to serve TLS with a fresh self-signed certificate for "localhost",
 * sent back in the handshake line as base64 (no padding) DER. Node has no X.509 writer, so this
 * builds the certificate's DER itself: ECDSA P-256 / SHA-256, valid for a day, usable as its own CA,
 * for server and client auth, as go-plugin's own certificates are.
 */
import * as crypto from "node:crypto";

function der(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const n = body.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}

const seq = (...parts: Buffer[]) => der(0x30, ...parts);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const bytes = [a * 40 + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const s = date.toISOString(); // 2026-12-01T21:32:28.123Z -> 261201213228Z
  return der(0x17, Buffer.from(`${s.slice(2, 4)}${s.slice(5, 7)}${s.slice(8, 10)}${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}Z`));
}

const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [der(0x01, Buffer.from([0xff]))] : []), der(0x04, value));

export interface ServerCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  /** The certificate as the handshake line carries it. */
  readonly handshake: string;
}

export function selfSignedCertificate(now = new Date()): ServerCertificate {
  const { publicKey, privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const serial = crypto.randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x01;
  const ecdsaSha256 = seq(oid("1.2.840.10045.4.3.2"));
  const name = seq(der(0x31, seq(oid("2.5.4.3"), der(0x0c, Buffer.from("localhost")))));
  const validity = seq(utcTime(new Date(now.getTime() - 60_000)), utcTime(new Date(now.getTime() + 86_400_000)));
  const extensions = seq(
    extension("2.5.29.19", true, seq(der(0x01, Buffer.from([0xff])))), // basicConstraints: CA
    extension("2.5.29.15", true, der(0x03, Buffer.from([0x02, 0xa4]))), // keyUsage: digitalSignature, keyEncipherment, keyCertSign
    extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))), // extKeyUsage: serverAuth, clientAuth
    extension("2.5.29.17", false, seq(der(0x82, Buffer.from("localhost")))), // subjectAltName: DNS localhost
  );
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serial),
    ecdsaSha256,
    name,
    validity,
    name,
    publicKey.export({ type: "spki", format: "der" }),
    der(0xa3, extensions),
  );
  const signature = crypto.sign("sha256", tbs, privateKey);
  const cert = seq(tbs, ecdsaSha256, der(0x03, Buffer.from([0]), signature));
  const b64 = cert.toString("base64");
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${b64.replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")}-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    handshake: b64.replace(/=+$/, ""),
  };
}
