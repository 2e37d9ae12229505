/**
 * Which addresses count as private for the verifier: RFC 1918, the shared address space
 * 100.64.0.0/10 (Alibaba Cloud's internal DNS and services live there), loopback, and IPv6 unique
 * local (fc00::/7) and loopback. IPv4-mapped IPv6 addresses are judged as their IPv4 address.
 * Everything else, link-local included, is public for this purpose.
 */
import * as ipaddr from "ipaddr.js";

const PRIVATE_V4 = new Set(["private", "carrierGradeNat", "loopback"]);
const PRIVATE_V6 = new Set(["uniqueLocal", "loopback"]);

/** Whether `address` is an IP literal (v4 or v6). */
export function isIpAddress(address: string): boolean {
  return ipaddr.isValid(stripBrackets(address));
}

/** The address in its canonical text form (`::ffff:10.0.0.1` → `10.0.0.1`, `FD00::0001` → `fd00::1`). */
export function normalizeAddress(address: string): string {
  const parsed = ipaddr.process(stripBrackets(address));
  return parsed.toString();
}

/** Whether the verifier may send traffic, and the key, to this address without `--allow-public-address`. */
export function isPrivateAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(stripBrackets(address));
  } catch {
    return false;
  }
  return parsed.kind() === "ipv4" ? PRIVATE_V4.has(parsed.range()) : PRIVATE_V6.has(parsed.range());
}

/** 4 or 6. */
export function addressFamily(address: string): 4 | 6 {
  return ipaddr.process(stripBrackets(address)).kind() === "ipv4" ? 4 : 6;
}

function stripBrackets(address: string): string {
  return address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
}
