// The default (system resolver) path, against a loopback DNS server in a network namespace of the
// test's own: a dangling CNAME, a resolver that never answers, an AAAA answer without an IPv6 route.
import { VerifyErrorCode } from "cdktf-dashscope-privatelink/verify";
import { netnsUnavailable, runInNetns } from "../support/netns";
import { CUSTOM_DOMAIN, ENDPOINT_DOMAIN } from "../support/verify-world";

const unavailable = netnsUnavailable();
const maybe = unavailable ? test.skip : test;
if (unavailable && !process.env.CI) process.stderr.write(`system-resolver tests skipped: ${unavailable}\n`);

// Where CI runs, a skip would hide the whole system-resolver path: fail instead.
if (unavailable && process.env.CI) {
  test("network namespaces (unshare -rnm) are available (required in CI)", () => {
    throw new Error(`the system-resolver tests need unshare -rnm, which CI must provide: ${unavailable}`);
  });
}

type Check = { name: string; status: string; code?: string; message: string; resolver?: string; chain?: string[] };
const checkOf = (report: Record<string, unknown>, name: string) => (report.checks as Check[]).find((c) => c.name === name);

describe("the system resolver path (getaddrinfo)", () => {
  maybe("passes through getaddrinfo and still reports the CNAME chain", async () => {
    const { report } = await runInNetns({ records: { [CUSTOM_DOMAIN]: { cname: ENDPOINT_DOMAIN }, [ENDPOINT_DOMAIN]: { a: ["127.0.0.1"] } } });
    expect(checkOf(report, "dns")).toMatchObject({ status: "pass", resolver: "system", chain: [CUSTOM_DOMAIN, ENDPOINT_DOMAIN] });
    expect(report.exitCode).toBe(0);
  });

  maybe("a dangling CNAME is DNS_NO_ADDRESS naming the target, not NXDOMAIN / Private Zone not bound", async () => {
    const { report } = await runInNetns({ records: { [CUSTOM_DOMAIN]: { cname: ENDPOINT_DOMAIN } } });
    const dns = checkOf(report, "dns");
    expect(dns).toMatchObject({ status: "fail", code: VerifyErrorCode.DNS_NO_ADDRESS });
    expect(dns?.message).toMatch(/a dangling CNAME — ep-0test1234abcd5678\.dashscope\.ap-southeast-1\.privatelink\.aliyuncs\.com has no A or AAAA record/);
    expect(dns?.message).not.toMatch(/not bound/);
  });

  maybe("a resolver that never answers is DNS_TIMEOUT within the DNS timeout, whatever resolv.conf allows", async () => {
    const { report, ms } = await runInNetns({ records: {}, silent: true, resolvOptions: "timeout:5 attempts:3", options: { dnsTimeoutMs: 800 } });
    expect(checkOf(report, "dns")).toMatchObject({ status: "fail", code: VerifyErrorCode.DNS_TIMEOUT });
    expect(checkOf(report, "dns")?.message).toMatch(/within 800 ms/);
    // resolv.conf would allow 15 s; the namespace set-up and node start take a second or two.
    expect(ms).toBeLessThan(12_000);
  });

  maybe("an AAAA answer without an IPv6 route falls back to IPv4 with a warning, as a client would", async () => {
    const { report } = await runInNetns({ records: { [CUSTOM_DOMAIN]: { a: ["127.0.0.1"], aaaa: ["fd00::1"] } } });
    const tcp = checkOf(report, "tcp");
    expect(tcp).toMatchObject({ status: "warn", code: VerifyErrorCode.IPV6_NO_ROUTE });
    expect(tcp?.message).toMatch(/connected over IPv4 .*IPv6 \[fd00::1\]:\d+ has no route from this runner/);
    expect(checkOf(report, "chat")).toMatchObject({ status: "pass" });
    expect(report.exitCode).toBe(0);
  });
});

describe("the CLI on the system resolver path", () => {
  maybe("ends soon after the DNS timeout, though resolv.conf would let getaddrinfo wait 15 s", async () => {
    const { report, ms } = await runInNetns({ records: {}, silent: true, resolvOptions: "timeout:5 attempts:3", cli: ["--dns-timeout-ms", "800"] });
    expect(checkOf(report, "dns")).toMatchObject({ status: "fail", code: VerifyErrorCode.DNS_TIMEOUT });
    expect(ms).toBeLessThan(12_000); // resolv.conf would allow 15 s; the rest is namespace set-up and node start under load
  });
});
