/**
 * tcp: one TCP connection to every address the dns check accepted, nothing written on it. Like a
 * client (Happy Eyeballs), an IPv6 address without a route from here does not fail the run when
 * an IPv4 address connects: the check warns, says so, and the later checks use the addresses that
 * connected.
 */
import { formatEndpoint, probeTcp } from "../connect";
import { VerifyErrorCode } from "../errors";
import { defineCheck } from "./check";
import { type ProbeRecord, probeAll } from "./probe";

/** Errno codes of an address family without a route (or without an address to send from). */
const NO_ROUTE = new Set(["ENETUNREACH", "EHOSTUNREACH", "EADDRNOTAVAIL", "EAFNOSUPPORT"]);

export const tcpCheck = defineCheck({
  name: "tcp",
  layer: "tcp",
  needs: [],
  gate: () => "tcp failed: no request was sent",
  run: async (ctx) => {
    const port = ctx.target.port;
    const outcome = await probeAll(ctx.addresses, port, (a) => probeTcp(a, Math.min(ctx.opts.connectTimeoutMs, ctx.deadline.remaining())));
    if (outcome.status === "pass") return outcome;
    const records = (outcome.connections ?? []) as readonly ProbeRecord[];
    const v6NoRoute = records.filter((r) => !r.ok && r.address.includes(":") && NO_ROUTE.has(String(r.cause ?? "")));
    const others = records.filter((r) => !r.ok && !v6NoRoute.includes(r));
    const up = records.filter((r) => r.ok);
    const list = v6NoRoute.map((r) => formatEndpoint(r.address, port)).join(", ");
    if (v6NoRoute.length > 0 && others.length === 0 && up.length > 0) {
      ctx.addresses = ctx.addresses.filter((a) => up.some((r) => r.address === a.address));
      return {
        ...outcome,
        status: "warn",
        code: VerifyErrorCode.IPV6_NO_ROUTE,
        layer: "tcp",
        message: `tcp: connected over IPv4 (${up.map((r) => formatEndpoint(r.address, port)).join(", ")}); IPv6 ${list} has no route from this runner — clients fall back to IPv4 as the verifier did, the later checks use IPv4 only`,
      };
    }
    if (v6NoRoute.length > 0 && up.length === 0 && others.length === 0) {
      return {
        ...outcome,
        message: `tcp: the name resolved to IPv6 only (${list}) and this runner has no IPv6 route — enable IPv6 on the runner's vSwitch or give the name an A record`,
      };
    }
    return outcome;
  },
});
