/**
 * tls: a verified TLS handshake with every address (SNI and certificate name = the URL's host,
 * Node's root CAs plus `ca`; verification is never disabled). Skipped for plain http targets.
 */
import { probeTls } from "../connect";
import type { CertificateRecord } from "../types";
import { defineCheck } from "./check";
import { probeAll } from "./probe";

export const tlsCheck = defineCheck({
  name: "tls",
  layer: "tls",
  needs: [],
  gate: () => "tls failed: no request was sent",
  skip: (ctx) => (ctx.target.https ? undefined : "plain http target: no TLS"),
  run: async (ctx) => {
    let certificate: CertificateRecord | undefined;
    const outcome = await probeAll(ctx.addresses, ctx.target.port, async (a) => {
      certificate = await probeTls(a, ctx.target.hostname, ctx.opts.trust, Math.min(ctx.opts.connectTimeoutMs, ctx.deadline.remaining()));
    });
    if (outcome.status !== "pass") return outcome;
    const who = certificate?.subject ? `certificate for ${certificate.subject}` : "certificate";
    return {
      ...outcome,
      certificate,
      message: `${who} issued by ${certificate?.issuer ?? "?"} verified for ${ctx.target.hostname} on ${ctx.addresses.length} address(es) (${certificate?.protocol ?? "TLS"})`,
    };
  },
});
