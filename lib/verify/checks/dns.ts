/**
 * dns: resolves the target host (keeping the CNAME chain) and judges the addresses. A public
 * address fails first (the Private Zone is not bound to this VPC — the common CI failure), an
 * address that is private but not an expected endpoint IP second (a stale record or another zone).
 * `allowPublicAddress` turns the first into a warning for HTTPS only: plain http to a public
 * address is always refused (the key would cross the internet in clear text).
 */
import { isPrivateAddress } from "../addresses";
import { DnsError, VerifyErrorCode } from "../errors";
import { type ResolvedAddress, resolveHost } from "../resolve";
import { type Outcome, defineCheck } from "./check";
import { failure } from "./outcome";

export const dnsCheck = defineCheck({
  name: "dns",
  layer: "dns",
  needs: [],
  gate: (target) => `dns failed: nothing was sent to ${target.hostname}`,
  run: async (ctx) => {
    const found = await resolveHost(ctx.target.hostname, {
      servers: ctx.opts.dnsServers,
      timeoutMs: Math.min(ctx.opts.dnsTimeoutMs, ctx.deadline.remaining()),
      signal: ctx.deadline.signal,
    });
    ctx.addresses = found.addresses;
    return judge(ctx.target.hostname, ctx.target.https, ctx.target.expectedIps, ctx.opts.allowPublicAddress, found.chain, found.addresses, found.resolver);
  },
});

function judge(
  hostname: string,
  https: boolean,
  expected: readonly string[] | undefined,
  allowPublic: boolean,
  chain: readonly string[],
  found: readonly ResolvedAddress[],
  resolver: string,
): Outcome {
  const list = found.map((a) => a.address);
  const facts = { chain, addresses: list, resolver };
  const path = `${chain.join(" → ")} → ${list.join(", ")}`;
  const publicOnes = list.filter((a) => !isPrivateAddress(a));
  if (publicOnes.length > 0) {
    const allowed = allowPublic && https;
    const why = !https
      ? "; nothing was sent: plain http to a public address would send the key in clear text, and `allowPublicAddress` allows HTTPS only"
      : allowed
        ? ""
        : "; nothing was sent";
    const err = new DnsError(VerifyErrorCode.DNS_PUBLIC_ADDRESS, hostname, `${path}: ${publicOnes.join(", ")} is not a private address${why}`, {
      hint: "the public record answered: the Private Zone is not bound to this VPC (or to its region), or the runner does not use the VPC's DNS",
    });
    return allowed
      ? { status: "warn", message: `${err.message} (continuing: \`allowPublicAddress\`)`, code: err.code, layer: err.layer, ...facts }
      : { ...failure(err), ...facts };
  }
  const unexpected = expected ? list.filter((a) => !expected.includes(a)) : [];
  if (unexpected.length > 0) {
    const err = new DnsError(
      VerifyErrorCode.DNS_UNEXPECTED_ADDRESS,
      hostname,
      `${path}: ${unexpected.join(", ")} is not an endpoint IP (expected ${expected!.join(", ")})`,
      { hint: "the name does not lead to this endpoint: check the Private Zone's CNAME, and whether another zone of the same name is bound to this VPC" },
    );
    return { ...failure(err), ...facts };
  }
  const count = list.length === 1 ? "1 address" : `${list.length} addresses`;
  const note = expected ? `${count}, all expected endpoint IPs` : `${count}, all private`;
  return { status: "pass", message: `${path} (${note}, via ${resolver})`, ...facts };
}
