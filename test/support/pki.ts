/**
 * A throwaway PKI for the loopback test servers: a CA and leaf certificates generated in the test
 * run (nothing is committed). Keys come from Node's crypto (fast, native); node-forge builds and
 * signs the X.509 certificates.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import * as tls from "node:tls";
import * as forge from "node-forge";

export interface LeafCertificate {
  readonly certPem: string;
  readonly keyPem: string;
}

export interface TestPki {
  /** The CA certificate (what `--ca` points at). */
  readonly caPem: string;
  /** Issues a server certificate for these DNS names (and IP addresses) signed by the CA. */
  issue(names: readonly string[], options?: { readonly expired?: boolean }): LeafCertificate;
  /** An intermediate CA signed by this one (its `caPem` is the intermediate's certificate). */
  intermediate(): TestPki;
}

function keyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; keyPem: string } {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), keyPem: privateKey };
}

function serial(): string {
  // Positive: clear the top bit.
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString("hex");
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Creates a CA named "dashscope-verify test CA <random>" (or an intermediate under `parent`). */
export function createTestPki(parent?: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }): TestPki {
  const ca = keyPair();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.publicKey;
  caCert.serialNumber = serial();
  caCert.validity.notBefore = new Date(Date.now() - 3600_000);
  caCert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const caName = [
    { name: "commonName", value: `dashscope-verify test ${parent ? "intermediate" : "CA"} ${serial().slice(0, 8)}` },
    { name: "organizationName", value: "dashscope-verify tests" },
  ];
  caCert.setSubject(caName);
  caCert.setIssuer(parent ? parent.cert.subject.attributes : caName);
  caCert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  caCert.sign(parent ? parent.key : ca.privateKey, forge.md.sha256.create());
  const caPem = forge.pki.certificateToPem(caCert);

  return {
    caPem,
    intermediate: () => createTestPki({ cert: caCert, key: ca.privateKey }),
    issue(names, options = {}) {
      const leaf = keyPair();
      const cert = forge.pki.createCertificate();
      cert.publicKey = leaf.publicKey;
      cert.serialNumber = serial();
      const now = Date.now();
      cert.validity.notBefore = new Date(options.expired ? now - 3 * 86_400_000 : now - 3600_000);
      cert.validity.notAfter = new Date(options.expired ? now - 86_400_000 : now + 86_400_000);
      cert.setSubject([{ name: "commonName", value: names[0] }]);
      cert.setIssuer(caCert.subject.attributes);
      cert.setExtensions([
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
        { name: "extKeyUsage", serverAuth: true },
        {
          name: "subjectAltName",
          altNames: names.map((n) => (IPV4.test(n) ? { type: 7, ip: n } : { type: 2, value: n })),
        },
        { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
      ]);
      cert.sign(ca.privateKey, forge.md.sha256.create());
      return { certPem: forge.pki.certificateToPem(cert), keyPem: leaf.keyPem };
    },
  };
}

/**
 * One TLS handshake with 127.0.0.1:port as `servername`, trusting only `secureContext`: "verified",
 * or the error code (e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE) the client refused the server with.
 */
export function tlsHandshake(secureContext: tls.SecureContext, port: number, servername: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: "127.0.0.1", port, servername, secureContext, rejectUnauthorized: true });
    socket.once("secureConnect", () => {
      socket.destroy();
      resolve("verified");
    });
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}
