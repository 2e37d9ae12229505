import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tls from "node:tls";
import type { AddressInfo } from "node:net";
import * as ts from "typescript";
import { createTrust } from "../../lib/verify/trust";
import { type LeafCertificate, createTestPki, tlsHandshake } from "../support/pki";

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

  const handshake = (secureContext: tls.SecureContext) => tlsHandshake(secureContext, port, NAME);

  test("trusts the extra CA", async () => {
    expect(await handshake(createTrust([pki.caPem]))).toBe("verified");
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

describe("createTrust keeps the default store", () => {
  // Node reads NODE_EXTRA_CA_CERTS into its default store at start-up, so a child process started
  // with a second throwaway CA there has a default store this test controls: createTrust([first
  // CA]) must accept leaves of both CAs. The child loads lib/verify/trust.ts transpiled here, so
  // the test needs no build.
  const first = createTestPki();
  const second = createTestPki();
  const servers: tls.Server[] = [];
  const ports: number[] = [];
  let dir: string;

  async function serve(leaf: LeafCertificate): Promise<void> {
    const server = tls.createServer({ cert: leaf.certPem, key: leaf.keyPem }, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    ports.push((server.address() as AddressInfo).port);
  }

  beforeAll(async () => {
    await serve(first.issue([NAME]));
    await serve(second.issue([NAME]));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashscope-trust-"));
    fs.writeFileSync(path.join(dir, "second-ca.pem"), second.caPem);
    const source = fs.readFileSync(path.join(__dirname, "..", "..", "lib", "verify", "trust.ts"), "utf8");
    const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
    fs.writeFileSync(path.join(dir, "trust.js"), compiled.outputText);
    fs.writeFileSync(
      path.join(dir, "child.js"),
      `const tls = require("node:tls");
       const { createTrust } = require("./trust.js");
       const { caPem, ports, name } = JSON.parse(process.env.TRUST_TEST_INPUT);
       const handshake = (secureContext, port) => new Promise((resolve) => {
         const socket = tls.connect({ host: "127.0.0.1", port, servername: name, secureContext, rejectUnauthorized: true });
         socket.once("secureConnect", () => { socket.destroy(); resolve("verified"); });
         socket.once("error", (err) => resolve(err.code || err.message));
       });
       (async () => {
         const trust = createTrust([caPem]);
         const onlyFirst = tls.createSecureContext({ ca: [caPem] });
         const result = {
           createTrust: [await handshake(trust, ports[0]), await handshake(trust, ports[1])],
           onlyFirst: [await handshake(onlyFirst, ports[0]), await handshake(onlyFirst, ports[1])],
         };
         process.stdout.write(JSON.stringify(result));
       })();`,
    );
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("accepts leaves of the extra CA and of a CA in the default store", async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [path.join(dir, "child.js")],
        {
          env: {
            PATH: process.env.PATH,
            NODE_OPTIONS: process.env.NODE_OPTIONS, // the loopback guard
            NODE_EXTRA_CA_CERTS: path.join(dir, "second-ca.pem"),
            TRUST_TEST_INPUT: JSON.stringify({ caPem: first.caPem, ports, name: NAME }),
          },
          timeout: 10_000,
        },
        (err, out, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(out)),
      ),
    );
    const result = JSON.parse(stdout) as { createTrust: string[]; onlyFirst: string[] };
    expect(result.createTrust).toEqual(["verified", "verified"]);
    // The control: a context limited to the extra CA (the `ca` option) rejects the second leaf,
    // so the second CA is reachable only through the default store.
    expect(result.onlyFirst[0]).toBe("verified");
    expect(result.onlyFirst[1]).toMatch(/UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
  });
});
