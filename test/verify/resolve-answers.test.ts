// How the dns check reads each kind of DNS answer (lib/verify/resolve.ts): a server that fails a
// CNAME or an A/AAAA question (SERVFAIL), NXDOMAIN at the name itself, inconsistent answers, CNAME
// loops, several servers, and the system path's partial chains and DNS timeout. The explicit-server
// cases talk to a loopback UDP responder (test/support/dns-server.ts) that answers each (name, type) as told; the
// system-path cases replace node:dns's lookup and Resolver in this process, as resolve.test.ts does.
import * as dns from "node:dns";
import * as dnsPacket from "dns-packet";
import { parseDnsServer, resolveHost } from "../../lib/verify/resolve";
import { type DnsReply, type TestDnsServer, startDnsServer } from "../support/dns-server";

const HOST = "vpc-ap-southeast-1.dashscope.aliyuncs.com";
const EP = "ep-0test1234abcd5678.dashscope.ap-southeast-1.privatelink.aliyuncs.com";

const SERVFAIL = 2;
const NXDOMAIN = 3;

type Responder = (name: string, type: string) => DnsReply;

/** The shared test DNS server with no records: every question is answered by `respond` (NXDOMAIN until a test sets it). */
async function startResponder(): Promise<TestDnsServer & { respond: Responder }> {
  const server = await startDnsServer({});
  server.respond = () => ({ rcode: NXDOMAIN });
  return server as TestDnsServer & { respond: Responder };
}

const cname = (name: string, data: string): dnsPacket.Answer => ({ type: "CNAME", name, ttl: 0, class: "IN", data });
const a = (name: string, data: string): dnsPacket.Answer => ({ type: "A", name, ttl: 0, class: "IN", data });

async function fails(work: Promise<unknown>): Promise<{ code: string; hostname: string; message: string; chain?: unknown }> {
  try {
    await work;
  } catch (err) {
    return err as { code: string; hostname: string; message: string };
  }
  throw new Error("expected a rejection");
}

const FAILED_HINT = "check the resolver (`dnsServers`) and the runner's /etc/resolv.conf";

describe("parseDnsServer at its edges", () => {
  test("port 1 is a port", () => {
    expect(parseDnsServer("127.0.0.1:1")).toBe("127.0.0.1:1");
    expect(parseDnsServer("[::1]:1")).toBe("[::1]:1");
  });

  test.each(["x[::1]", "[::1]junk", "[::1]:53junk"])("%j (text around the brackets) is refused", (spec) => {
    expect(() => parseDnsServer(spec)).toThrow(
      expect.objectContaining({
        code: "DSV_CONFIG_INVALID",
        message: `config: \`dnsServers\` has ${JSON.stringify(spec)}, which is not IP[:PORT] — give the resolver's address, e.g. 100.100.2.136 or 127.0.0.1:5353 or [::1]:53`,
      }),
    );
  });
});

describe("resolveHost through a DNS server, answer by answer", () => {
  let server: TestDnsServer & { respond: Responder };
  let second: TestDnsServer & { respond: Responder };
  beforeAll(async () => {
    server = await startResponder();
    second = await startResponder();
  });
  afterAll(async () => {
    await server.close();
    await second.close();
  });
  beforeEach(() => {
    server.queries.length = 0;
  });
  const resolve = (host: string) => resolveHost(host, { servers: [server.address], timeoutMs: 2000 });

  test("several servers are all reported, comma-separated", async () => {
    const answer: Responder = (name, type) => (type === "A" ? { answers: [a(name, "10.0.1.5")] } : {});
    server.respond = answer;
    second.respond = answer;
    expect(await resolveHost(HOST, { servers: [server.address, second.address], timeoutMs: 2000 })).toEqual({
      chain: [HOST],
      addresses: [{ address: "10.0.1.5", family: 4 }],
      resolver: `${server.address},${second.address}`,
    });
  });

  test("a SERVFAIL to the CNAME question for the name fails the check, though its A record answers", async () => {
    server.respond = (name, type) => (type === "CNAME" ? { rcode: SERVFAIL } : type === "A" ? { answers: [a(name, "10.0.1.5")] } : {});
    expect(await fails(resolve(HOST))).toMatchObject({
      code: "DSV_DNS_FAILED",
      hostname: HOST,
      message: `dns: resolving ${HOST} failed (ESERVFAIL) — ${FAILED_HINT}`,
    });
  });

  test("a SERVFAIL to the CNAME question for the CNAME's target fails the check too", async () => {
    server.respond = (name, type) => {
      if (type === "CNAME") return name === HOST ? { answers: [cname(HOST, EP)] } : { rcode: SERVFAIL };
      if (type === "A") return { answers: [cname(HOST, EP), a(EP, "10.0.1.5")] };
      return { answers: [cname(HOST, EP)] };
    };
    expect(await fails(resolve(HOST))).toMatchObject({
      code: "DSV_DNS_FAILED",
      hostname: EP,
      message: `dns: resolving ${EP} failed (ESERVFAIL) — ${FAILED_HINT}`,
    });
  });

  test("NXDOMAIN for the name itself: one CNAME question, then DNS_NOT_FOUND", async () => {
    server.respond = () => ({ rcode: NXDOMAIN });
    expect(await fails(resolve(HOST))).toMatchObject({
      code: "DSV_DNS_NOT_FOUND",
      message: `dns: ${HOST} does not exist (NXDOMAIN) — the Private Zone is not bound to this VPC (check the zone's VPC binding and its region), or the name is misspelt`,
    });
    expect(server.queries).toEqual([{ name: HOST.toLowerCase(), type: "CNAME" }]);
  });

  test("a CNAME whose A and AAAA questions get SERVFAIL is a failed lookup, not a dangling CNAME", async () => {
    server.respond = (name, type) => (type === "CNAME" ? (name === HOST ? { answers: [cname(HOST, EP)] } : {}) : { rcode: SERVFAIL });
    expect(await fails(resolve(HOST))).toMatchObject({
      code: "DSV_DNS_FAILED",
      hostname: HOST,
      message: `dns: resolving ${HOST} failed (ESERVFAIL) — ${FAILED_HINT}`,
    });
  });

  test("no CNAME, and NXDOMAIN to the address questions: the name does not exist", async () => {
    server.respond = (_name, type) => (type === "CNAME" ? {} : { rcode: NXDOMAIN });
    expect(await fails(resolve(HOST))).toMatchObject({
      code: "DSV_DNS_NOT_FOUND",
      message: `dns: ${HOST} does not exist (NXDOMAIN) — the Private Zone is not bound to this VPC (check the zone's VPC binding and its region), or the name is misspelt`,
    });
  });

  test("a CNAME loop ends the chain where it repeats", async () => {
    const loop: Record<string, string> = { "a.example.test": "b.example.test", "b.example.test": "a.example.test" };
    server.respond = (name, type) => (type === "CNAME" && loop[name] ? { answers: [cname(name, loop[name])] } : {});
    expect(await fails(resolve("a.example.test"))).toMatchObject({
      code: "DSV_DNS_NO_ADDRESS",
      message:
        "dns: a.example.test → b.example.test: a dangling CNAME — b.example.test has no A or AAAA record — the Private Zone is bound and its CNAME answers, but the endpoint domain it points at does not resolve: is the endpoint still being created, was it deleted, or does the CNAME name another endpoint?",
    });
  });
});

describe("resolveHost on the system path, partial chains and the wait", () => {
  let lookupAnswer: () => Promise<dns.LookupAddress[]>;
  let cnames: Record<string, string | NodeJS.ErrnoException | "never">;
  const errno = (code: string) => Object.assign(new Error("query failed"), { code }) as NodeJS.ErrnoException;
  const GOOD = [{ address: "10.0.1.5", family: 4 }];

  beforeEach(() => {
    cnames = {};
    lookupAnswer = async () => GOOD;
    jest.spyOn(dns.promises, "lookup").mockImplementation((() => lookupAnswer()) as unknown as typeof dns.promises.lookup);
    (jest.spyOn(dns.promises, "Resolver") as unknown as jest.Mock).mockImplementation(() => ({
      setServers: () => undefined,
      cancel: () => undefined,
      resolveCname: async (name: string) => {
        const next = cnames[name];
        if (next === undefined) throw errno("ENODATA");
        if (next === "never") return new Promise(() => undefined);
        if (next instanceof Error) throw next;
        return [`${next}.`];
      },
    }));
  });
  afterEach(() => jest.restoreAllMocks());
  const resolve = (timeoutMs = 1000) => resolveHost(HOST, { timeoutMs });

  test("a CNAME question that times out after the first hop keeps the chain found so far", async () => {
    cnames = { [HOST]: EP, [EP]: errno("ETIMEOUT") };
    expect(await resolve()).toEqual({ chain: [HOST, EP], addresses: [{ address: "10.0.1.5", family: 4 }], resolver: "system" });
  });

  test("a CNAME loop ends the chain where it repeats", async () => {
    cnames = { [HOST]: EP, [EP]: HOST };
    expect((await resolve()).chain).toEqual([HOST, EP]);
  });

  test("a CNAME question that outlasts the DNS timeout leaves the chain at the name, with the addresses", async () => {
    cnames = { [HOST]: "never" };
    expect(await resolve(50)).toEqual({ chain: [HOST], addresses: [{ address: "10.0.1.5", family: 4 }], resolver: "system" });
  });

  test("getaddrinfo that answers well within the DNS timeout is waited for", async () => {
    lookupAnswer = () => new Promise((resolve) => setTimeout(() => resolve(GOOD), 30));
    expect(await resolve(1000)).toEqual({ chain: [HOST], addresses: [{ address: "10.0.1.5", family: 4 }], resolver: "system" });
  });
});
