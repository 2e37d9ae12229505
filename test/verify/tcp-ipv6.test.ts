// The tcp check's judgement of IPv6 addresses without a route, in this process: the name resolves to
// an IPv4 and an IPv6 address through the loopback DNS server, and the probe of the IPv6 one fails
// the way a runner without an IPv6 route fails it (the loopback guard would refuse the real
// attempt; the real one runs in a network namespace in test/verify/system-resolver.test.ts).
import * as connect from "../../lib/verify/connect";
import type { VerifyReport } from "cdktf-dashscope-privatelink/verify";
import { CUSTOM_DOMAIN, ENDPOINT_DOMAIN, type VerifyWorld, startVerifyWorld, verifyInWorld } from "../support/verify-world";

const KEY = "sk-9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49";
const V6 = "fd00::1";

let world: VerifyWorld;
beforeAll(async () => {
  world = await startVerifyWorld({ apiKey: KEY });
});
afterAll(() => world.close());
afterEach(() => jest.restoreAllMocks());

/** DNS answers `a` and `aaaa`; a probe of an IPv6 address fails with `v6Code`, of 127.0.0.2 with `v4Code`. */
function scenario(a: string[], aaaa: string[], v6Code: string, v4Code = "ECONNREFUSED"): void {
  world.reset();
  world.dns.setRecords({ [CUSTOM_DOMAIN]: { cname: ENDPOINT_DOMAIN }, [ENDPOINT_DOMAIN]: { a, aaaa } });
  const real = connect.probeTcp;
  jest.spyOn(connect, "probeTcp").mockImplementation((target, timeoutMs) => {
    const where = connect.formatEndpoint(target.address, target.port);
    if (target.address.includes(":")) return Promise.reject(connect.mapSocketError(Object.assign(new Error("no route"), { code: v6Code }), where, target.port));
    if (target.address === "127.0.0.2") return Promise.reject(connect.mapSocketError(Object.assign(new Error("down"), { code: v4Code }), where, target.port));
    return real(target, timeoutMs);
  });
}
const check = (report: VerifyReport, name: string) => report.checks.find((c) => c.name === name);

test.each(["ENETUNREACH", "EHOSTUNREACH", "EADDRNOTAVAIL", "EAFNOSUPPORT"])("IPv4 connects, IPv6 has no route (%s): a warning, and the later checks use IPv4 only", async (code) => {
  scenario(["127.0.0.1"], [V6], code);
  const report = await verifyInWorld(world, KEY, { stream: false });
  const tcp = check(report, "tcp");
  expect(tcp).toMatchObject({ status: "warn", code: "DSV_IPV6_NO_ROUTE", layer: "tcp" });
  expect(tcp?.message).toBe(
    `tcp: connected over IPv4 (127.0.0.1:${world.https.port}); IPv6 [fd00::1]:${world.https.port} has no route from this runner — clients fall back to IPv4 as the verifier did, the later checks use IPv4 only`,
  );
  expect(tcp?.connections?.map((c) => [c.address, c.ok])).toEqual([
    ["127.0.0.1", true],
    [V6, false],
  ]);
  expect(check(report, "tls")).toMatchObject({ status: "pass", message: expect.stringMatching(/ on 1 address\(es\) /) });
  expect(check(report, "chat")?.status).toBe("pass");
  expect(report.exitCode).toBe(0);
});

test("IPv6 only, without a route: a failure that says so", async () => {
  scenario([], [V6], "ENETUNREACH");
  const report = await verifyInWorld(world, KEY, { stream: false });
  expect(check(report, "tcp")).toMatchObject({
    status: "fail",
    code: "DSV_CONNECT_UNREACHABLE",
    message: `tcp: the name resolved to IPv6 only ([fd00::1]:${world.https.port}) and this runner has no IPv6 route — enable IPv6 on the runner's vSwitch or give the name an A record`,
  });
  expect(check(report, "tls")?.status).toBe("skip");
});

test("an IPv6 address refusing the connection is a failure, not a missing route", async () => {
  scenario(["127.0.0.1"], [V6], "ECONNREFUSED");
  const report = await verifyInWorld(world, KEY, { stream: false });
  expect(check(report, "tcp")).toMatchObject({ status: "fail", code: "DSV_CONNECT_REFUSED", message: expect.stringMatching(/^tcp: \[fd00::1\]:\d+ refused the connection — .* \(1 of 2 addresses failed\)$/) });
});

test("an IPv6 address without a route next to an IPv4 address that fails: the first failure, as it is", async () => {
  scenario(["127.0.0.2"], [V6], "ENETUNREACH");
  const report = await verifyInWorld(world, KEY, { stream: false });
  const tcp = check(report, "tcp");
  expect(tcp).toMatchObject({ status: "fail", code: "DSV_CONNECT_REFUSED" });
  expect(tcp?.message).toMatch(/^tcp: 127\.0\.0\.2:\d+ refused the connection — .* \(2 of 2 addresses failed\)$/);
});

test("an IPv4 address without a route is not forgiven", async () => {
  scenario(["127.0.0.1", "127.0.0.2"], [], "ENETUNREACH", "ENETUNREACH");
  const report = await verifyInWorld(world, KEY, { stream: false });
  expect(check(report, "tcp")).toMatchObject({ status: "fail", code: "DSV_CONNECT_UNREACHABLE", message: expect.stringMatching(/^tcp: no route to 127\.0\.0\.2:\d+ \(ENETUNREACH\) — check the VPC route table/) });
});
