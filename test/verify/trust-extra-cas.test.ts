// createTrust in this process (lib/verify/trust.ts): the NODE_EXTRA_CA_CERTS certificates are added
// back next to the extra CAs (on a Node without tls.getCACertificates the file is read again), an
// unreadable file is ignored as Node ignores it, and only certificates of the file count.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tls from "node:tls";
import type { AddressInfo } from "node:net";
import { createTrust } from "../../lib/verify/trust";
import { type LeafCertificate, createTestPki, tlsHandshake } from "../support/pki";

const NAME = "vpc-ap-southeast-1.dashscope.aliyuncs.com";
const first = createTestPki();
const second = createTestPki();
const servers: tls.Server[] = [];
const ports: number[] = [];
let dir: string;
const saved = process.env.NODE_EXTRA_CA_CERTS;

async function serve(leaf: LeafCertificate): Promise<void> {
  const server = tls.createServer({ cert: leaf.certPem, key: leaf.keyPem }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  ports.push((server.address() as AddressInfo).port);
}
const handshake = (secureContext: tls.SecureContext, port: number) => tlsHandshake(secureContext, port, NAME);

beforeAll(async () => {
  await serve(first.issue([NAME]));
  await serve(second.issue([NAME]));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashscope-trust-"));
  // The second CA among text and one of Node's own roots, as a system bundle would hold it.
  fs.writeFileSync(path.join(dir, "bundle.pem"), `# a bundle\n${tls.rootCertificates[0]}\nnoise\n${second.caPem}\n`);
});
afterAll(async () => {
  if (saved === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
  else process.env.NODE_EXTRA_CA_CERTS = saved;
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  fs.rmSync(dir, { recursive: true, force: true });
});

const hasGetCACertificates = typeof (tls as { getCACertificates?: unknown }).getCACertificates === "function";
const onOldNode = hasGetCACertificates ? test.skip : test;

onOldNode("the NODE_EXTRA_CA_CERTS file's certificates are trusted next to the extra CAs", async () => {
  process.env.NODE_EXTRA_CA_CERTS = path.join(dir, "bundle.pem");
  const trust = createTrust([first.caPem]);
  expect([await handshake(trust, ports[0]), await handshake(trust, ports[1])]).toEqual(["verified", "verified"]);
});

test("without NODE_EXTRA_CA_CERTS, or with an unreadable one, only the extra CAs are added", async () => {
  for (const value of [undefined, "", path.join(dir, "missing.pem")]) {
    if (value === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = value;
    const trust = createTrust([first.caPem]);
    expect(await handshake(trust, ports[0])).toBe("verified");
    expect(await handshake(trust, ports[1])).not.toBe("verified");
  }
});

test("no extra CA: the default store as it is", async () => {
  process.env.NODE_EXTRA_CA_CERTS = path.join(dir, "bundle.pem");
  expect(await handshake(createTrust([]), ports[0])).not.toBe("verified");
});
