/**
 * Everything the verifier meets in a VPC, on loopback: a DNS responder serving the Private Zone
 * CNAME chain (custom domain → endpoint domain → 127.0.0.1), an HTTPS server with a certificate for
 * the custom domain signed by a throwaway CA (written to a temp `ca.pem`), an HTTPS server whose
 * certificate names another host, and a plain HTTP server (the endpoint domain's port 80 stand-in).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type DnsRecords, startDnsServer, type TestDnsServer } from "./dns-server";
import { startOpenAiServer, type OpenAiServerOptions, type TestOpenAiServer } from "./openai-server";
import { createTestPki, type TestPki } from "./pki";
import { type VerifyOptions, type VerifyReport, verifyDeployment } from "cdktf-dashscope-privatelink/verify";

export const CUSTOM_DOMAIN = "vpc-ap-southeast-1.dashscope.aliyuncs.com";
export const ENDPOINT_DOMAIN = "ep-0test1234abcd5678.dashscope.ap-southeast-1.privatelink.aliyuncs.com";
export const WRONG_NAME = "wrong.example.test";
/** A documentation address (TEST-NET-3): public for the verifier, never actually contacted. */
export const PUBLIC_ADDRESS = "203.0.113.10";

/** The Private Zone as a VPC bound to it sees it. */
export function privateZoneRecords(address = "127.0.0.1"): DnsRecords {
  return {
    [CUSTOM_DOMAIN]: { cname: ENDPOINT_DOMAIN },
    [ENDPOINT_DOMAIN]: { a: [address] },
  };
}

export interface VerifyWorld {
  readonly dns: TestDnsServer;
  /** HTTPS with a certificate for {@link CUSTOM_DOMAIN}. */
  readonly https: TestOpenAiServer;
  /** HTTPS with a certificate for {@link WRONG_NAME} only. */
  readonly wrongNameHttps: TestOpenAiServer;
  /** Plain HTTP. */
  readonly http: TestOpenAiServer;
  /** A temp directory holding `ca.pem` (cleaned up by close). */
  readonly dir: string;
  readonly caFile: string;
  readonly caPem: string;
  /** The throwaway CA behind every certificate here, to issue more (an expired one, say). */
  readonly pki: TestPki;
  /** `https://CUSTOM_DOMAIN:PORT/compatible-mode/v1` on the good HTTPS server. */
  readonly customBaseUrl: string;
  /** `http://ENDPOINT_DOMAIN:PORT/compatible-mode/v1` on the HTTP server. */
  readonly endpointBaseUrl: string;
  /** Forget recorded requests and faults' effects between tests (records are reset too). */
  reset(): void;
  close(): Promise<void>;
}

export async function startVerifyWorld(options: Pick<OpenAiServerOptions, "apiKey"> = {}): Promise<VerifyWorld> {
  const pki = createTestPki();
  const good = pki.issue([CUSTOM_DOMAIN]);
  const wrong = pki.issue([WRONG_NAME]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashscope-verify-"));
  const caFile = path.join(dir, "ca.pem");
  fs.writeFileSync(caFile, pki.caPem);
  const [dns, https, wrongNameHttps, http] = await Promise.all([
    startDnsServer(privateZoneRecords()),
    startOpenAiServer({ ...options, tls: good }),
    startOpenAiServer({ ...options, tls: wrong }),
    startOpenAiServer(options),
  ]);
  return {
    dns,
    https,
    wrongNameHttps,
    http,
    dir,
    caFile,
    caPem: pki.caPem,
    pki,
    customBaseUrl: https.baseUrl(CUSTOM_DOMAIN),
    endpointBaseUrl: http.baseUrl(ENDPOINT_DOMAIN),
    reset() {
      for (const server of [https, wrongNameHttps, http]) {
        server.resetRecords();
        server.clearFaults();
        server.resetNextConnections(0);
      }
      dns.setRecords(privateZoneRecords());
      dns.silent = false;
      dns.queries.length = 0;
    },
    async close() {
      await Promise.all([dns.close(), https.close(), wrongNameHttps.close(), http.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `verifyDeployment` against the world's custom domain, resolved through its DNS server and trusted
 * through its CA, with no proxy variables; `overrides` win.
 */
export function verifyInWorld(world: VerifyWorld, apiKey: string, overrides: Partial<VerifyOptions> = {}): Promise<VerifyReport> {
  return verifyDeployment({
    targets: [{ baseUrl: world.customBaseUrl }],
    apiKey,
    dnsServers: [world.dns.address],
    ca: [world.caPem],
    timeoutMs: 8000,
    env: {},
    ...overrides,
  });
}
