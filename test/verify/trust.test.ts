import * as tls from "node:tls";
import type { AddressInfo } from "node:net";
import { createTrust } from "../../lib/verify/trust";
import { createTestPki } from "../support/pki";

const NAME = "vpc-ap-southeast-1.dashscope.aliyuncs.com";

describe("createTrust: one trust store per run", () => {
  const pki = createTestPki();
  const leaf = pki.issue([NAME]);
  let server: tls.Server;
  let port: number;

  beforeAll(async () => {
    server = tls.createServer({ cert: leaf.certPem, key: leaf.keyPem }, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function handshake(secureContext: tls.SecureContext): Promise<string> {
    return new Promise((resolve) => {
      const socket = tls.connect({ host: "127.0.0.1", port, servername: NAME, secureContext, rejectUnauthorized: true });
      socket.once("secureConnect", () => {
        socket.destroy();
        resolve("verified");
      });
      socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });
  }

  test("trusts the extra CA on top of the default roots", async () => {
    const trust = createTrust([pki.caPem]);
    expect(await handshake(trust)).toBe("verified");
    // Still the default roots as well: the context is not limited to the extra CA.
    expect(tls.rootCertificates.length).toBeGreaterThan(100);
  });

  test("without the extra CA the throwaway certificate is not trusted", async () => {
    expect(await handshake(createTrust())).toMatch(/UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED|UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
  });

  test("an extra CA does not leak into other contexts of the process", async () => {
    createTrust([pki.caPem]);
    expect(await handshake(tls.createSecureContext())).not.toBe("verified");
    expect(await handshake(createTrust())).not.toBe("verified");
  });
});
