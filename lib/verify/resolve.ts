/**
 * Name resolution for the dns check: the CNAME chain (for the report: it shows whether the Private
 * Zone record points at the endpoint) and every A/AAAA address (what the later checks are pinned to).
 *
 * With explicit servers, everything goes through a c-ares Resolver bound to them. Without, the
 * addresses come from getaddrinfo (what every client on the runner uses: /etc/hosts, resolv.conf,
 * the VPC's DNS), bounded by the DNS timeout (getaddrinfo cannot be cancelled: the check stops
 * waiting), and the chain from the resolv.conf servers. On both paths a CNAME whose target has no
 * address is diagnosed as a dangling CNAME (`DSV_DNS_NO_ADDRESS`), not as a missing name.
 */
import { promises as dnsPromises } from "node:dns";
import * as net from "node:net";
import { untilAborted } from "./deadline";
import { DnsError, VerifyConfigError, VerifyErrorCode, shownName } from "./errors";
import { addressFamily, isIpAddress, normalizeAddress } from "./addresses";

/** @internal */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** @internal */
export interface Resolution {
  /** Host first, then each CNAME target. */
  readonly chain: readonly string[];
  readonly addresses: readonly ResolvedAddress[];
  /** `literal`, `system` or the servers used. */
  readonly resolver: string;
}

/** @internal */
export interface ResolveOptions {
  /** DNS servers as {@link parseDnsServer} returns them (resolveOptions normalises them once). */
  readonly servers?: readonly string[];
  readonly timeoutMs: number;
  /** Aborts the wait (the run's deadline). */
  readonly signal?: AbortSignal;
}

const MAX_CNAME_HOPS = 8;

/** @internal Validates `IP`, `IP:PORT` or `[IPv6]:PORT` and returns it in the form c-ares accepts. */
export function parseDnsServer(spec: string): string {
  const trimmed = spec.trim();
  let host = trimmed;
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed) {
    host = bracketed[1];
    port = bracketed[2];
  } else if (net.isIPv4(trimmed.split(":")[0]) && trimmed.includes(":")) {
    [host, port] = trimmed.split(":");
  }
  const portNumber = port === undefined ? 53 : Number(port);
  if (!net.isIP(host) || !Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) {
    throw new VerifyConfigError(`\`dnsServers\` has ${shownName(spec)}, which is not IP[:PORT]`, {
      hint: "give the resolver's address, e.g. 100.100.2.136 or 127.0.0.1:5353 or [::1]:53",
    });
  }
  if (port === undefined) return host;
  return net.isIPv6(host) ? `[${host}]:${portNumber}` : `${host}:${portNumber}`;
}

/** @internal Resolves `hostname`; rejects with a DnsError. */
export async function resolveHost(hostname: string, options: ResolveOptions): Promise<Resolution> {
  if (isIpAddress(hostname)) {
    const address = normalizeAddress(hostname);
    return { chain: [hostname], addresses: [{ address, family: addressFamily(address) }], resolver: "literal" };
  }
  const servers = options.servers ?? [];
  const resolver = new dnsPromises.Resolver({ timeout: Math.max(50, options.timeoutMs), tries: 1 });
  if (servers.length > 0) resolver.setServers(servers);
  try {
    if (servers.length > 0) {
      const chain = await cnameChain(resolver, hostname, true);
      const [v4, v6] = await Promise.all([
        query(() => resolver.resolve4(hostname), hostname, chain),
        query(() => resolver.resolve6(hostname), hostname, chain),
      ]);
      const addresses = [
        ...v4.map((address) => ({ address: normalizeAddress(address), family: 4 as const })),
        ...v6.map((address) => ({ address: normalizeAddress(address), family: 6 as const })),
      ];
      if (addresses.length === 0) throw noAddress(hostname, chain);
      return { chain, addresses: dedupe(addresses), resolver: servers.join(",") };
    }
    const chainWork = cnameChain(resolver, hostname, false).catch(() => [hostname]);
    const bound = AbortSignal.any([AbortSignal.timeout(Math.max(1, options.timeoutMs)), ...(options.signal ? [options.signal] : [])]);
    const timedOut = () =>
      new DnsError(VerifyErrorCode.DNS_TIMEOUT, hostname, `no answer from the system resolver for ${hostname} within ${options.timeoutMs} ms`, {
        hint: "check the nameservers in the runner's /etc/resolv.conf (the VPC's DNS, 100.100.2.136/138) and that UDP/TCP 53 to them is allowed",
      });
    let found: ResolvedAddress[];
    try {
      found = await untilAborted(lookupAll(hostname), bound, timedOut);
    } catch (err) {
      // NXDOMAIN at the end of a CNAME is a dangling CNAME, not a missing name.
      const chain = await untilAborted(chainWork, bound, timedOut).catch(() => [hostname]);
      if (err instanceof DnsError && chain.length > 1 && (err.code === VerifyErrorCode.DNS_NOT_FOUND || err.code === VerifyErrorCode.DNS_NO_ADDRESS)) {
        throw noAddress(hostname, chain);
      }
      throw err;
    }
    const chain = await untilAborted(chainWork, bound, timedOut).catch(() => [hostname]);
    if (found.length === 0) throw noAddress(hostname, chain);
    return { chain, addresses: dedupe(found), resolver: "system" };
  } finally {
    resolver.cancel();
  }
}

async function lookupAll(hostname: string): Promise<ResolvedAddress[]> {
  try {
    const found = await dnsPromises.lookup(hostname, { all: true, verbatim: true });
    return found.map((a) => ({ address: normalizeAddress(a.address), family: a.family === 6 ? 6 : 4 }));
  } catch (err) {
    throw mapDnsError(err, hostname);
  }
}

/** Follows CNAME records from `hostname`; with `strict`, resolver failures other than "no CNAME" reject. */
async function cnameChain(resolver: dnsPromises.Resolver, hostname: string, strict: boolean): Promise<string[]> {
  const chain = [hostname];
  let name = hostname;
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    let targets: string[];
    try {
      targets = await resolver.resolveCname(name);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENODATA" || (code === "ENOTFOUND" && hop > 0)) break;
      if (!strict) break;
      throw mapDnsError(err, name);
    }
    const next = targets[0]?.replace(/\.$/, "");
    if (!next || chain.includes(next)) break;
    chain.push(next);
    name = next;
  }
  return chain;
}

async function query(run: () => Promise<string[]>, hostname: string, chain: readonly string[]): Promise<string[]> {
  try {
    return await run();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENODATA") return [];
    // The name exists (it has a CNAME) but its target does not: a dangling CNAME.
    if (code === "ENOTFOUND" && chain.length > 1) return [];
    throw mapDnsError(err, hostname);
  }
}

function noAddress(hostname: string, chain: readonly string[]): DnsError {
  if (chain.length > 1) {
    const end = chain[chain.length - 1];
    return new DnsError(VerifyErrorCode.DNS_NO_ADDRESS, hostname, `${chain.join(" → ")}: a dangling CNAME — ${end} has no A or AAAA record`, {
      hint: "the Private Zone is bound and its CNAME answers, but the endpoint domain it points at does not resolve: is the endpoint still being created, was it deleted, or does the CNAME name another endpoint?",
    });
  }
  return new DnsError(VerifyErrorCode.DNS_NO_ADDRESS, hostname, `${hostname} has no A or AAAA record`, {
    hint: "check the Private Zone record (rr @, CNAME to the endpoint domain)",
  });
}

function mapDnsError(err: unknown, hostname: string): DnsError {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOTFOUND":
    case "EAI_NONAME":
      return new DnsError(VerifyErrorCode.DNS_NOT_FOUND, hostname, `${hostname} does not exist (NXDOMAIN)`, {
        hint: "the Private Zone is not bound to this VPC (check the zone's VPC binding and its region), or the name is misspelt",
        cause: err,
      });
    case "ENODATA":
      return new DnsError(VerifyErrorCode.DNS_NO_ADDRESS, hostname, `${hostname} has no address record`, {
        hint: "check the Private Zone record (rr @, CNAME to the endpoint domain)",
        cause: err,
      });
    case "ETIMEOUT":
    case "ECANCELLED":
    case "EAI_AGAIN":
      return new DnsError(VerifyErrorCode.DNS_TIMEOUT, hostname, `no DNS answer for ${hostname} in time`, {
        hint: "check the resolver address (`dnsServers`, else /etc/resolv.conf) and that UDP/TCP 53 to it is allowed",
        cause: err,
      });
    default:
      return new DnsError(
        VerifyErrorCode.DNS_FAILED,
        hostname,
        `resolving ${hostname} failed (${code ?? (err as Error).message})`,
        { hint: "check the resolver (`dnsServers`) and the runner's /etc/resolv.conf", cause: err },
      );
  }
}

function dedupe(addresses: ResolvedAddress[]): ResolvedAddress[] {
  const seen = new Set<string>();
  return addresses.filter((a) => (seen.has(a.address) ? false : (seen.add(a.address), true)));
}
