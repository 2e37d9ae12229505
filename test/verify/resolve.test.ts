// Name resolution of the dns check (lib/verify/resolve.ts): --dns-server values, the explicit-server
// path against a loopback DNS responder, and the system path (getaddrinfo + the resolv.conf servers)
// with node:dns's lookup and Resolver replaced in this process, so that no query leaves it (the
// real system path runs in a network namespace: test/verify/system-resolver.test.ts).
import * as dns from "node:dns";
import { type Resolution, parseDnsServer, resolveHost } from "../../lib/verify/resolve";
import { type TestDnsServer, startDnsServer } from "../support/dns-server";

const HOST = "vpc-ap-southeast-1.dashscope.aliyuncs.com";
const EP = "ep-0test1234abcd5678.dashscope.ap-southeast-1.privatelink.aliyuncs.com";

async function fails(work: Promise<unknown>): Promise<{ code: string; layer: string; hostname: string; message: string }> {
  try {
    await work;
  } catch (err) {
    return err as { code: string; layer: string; hostname: string; message: string };
  }
  throw new Error("expected a rejection");
}

describe("parseDnsServer", () => {
  test.each([
    ["10.0.0.2", "10.0.0.2"],
    [" 10.0.0.2 ", "10.0.0.2"],
    ["10.0.0.2:53", "10.0.0.2:53"],
    ["127.0.0.1:5353", "127.0.0.1:5353"],
    ["127.0.0.1:65535", "127.0.0.1:65535"],
    ["::1", "::1"],
    ["[::1]", "::1"],
    ["[fd00::2]:5353", "[fd00::2]:5353"],
    ["fd00::2:53", "fd00::2:53"],
  ])("%j is %j", (spec, expected) => expect(parseDnsServer(spec)).toBe(expected));

  test.each(["dns.example", "10.0.0.2:0", "10.0.0.2:65536", "10.0.0.2:x", "[::1]:0", "[nope]:53", "", "10.0.0.256"])("%j is refused, with an example", (spec) => {
    expect(() => parseDnsServer(spec)).toThrow(
      expect.objectContaining({
        code: "DSV_CONFIG_INVALID",
        message: `config: \`dnsServers\` has ${JSON.stringify(spec)}, which is not IP[:PORT] — give the resolver's address, e.g. 100.100.2.136 or 127.0.0.1:5353 or [::1]:53`,
      }),
    );
  });
});

describe("resolveHost through a DNS server", () => {
  let server: TestDnsServer;
  beforeAll(async () => {
    server = await startDnsServer({});
  });
  afterAll(() => server.close());
  const resolve = (host: string, timeoutMs = 1000) => resolveHost(host, { servers: [server.address], timeoutMs });

  test("an IP literal needs no resolver", async () => {
    expect(await resolveHost("::FFFF:10.0.0.1", { timeoutMs: 10 })).toEqual({ chain: ["::FFFF:10.0.0.1"], addresses: [{ address: "10.0.0.1", family: 4 }], resolver: "literal" });
    expect(await resolveHost("FD00::0001", { timeoutMs: 10 })).toEqual({ chain: ["FD00::0001"], addresses: [{ address: "fd00::1", family: 6 }], resolver: "literal" });
    expect(server.queries).toHaveLength(0);
  });

  test("the chain, the IPv4 then IPv6 addresses, normalised and without repeats, and the server asked", async () => {
    server.setRecords({ [HOST]: { cname: EP }, [EP]: { a: ["10.0.1.5", "10.0.2.6"], aaaa: ["FD00::5", "fd00::0005"] } });
    const found: Resolution = await resolve(HOST);
    expect(found).toEqual({
      chain: [HOST, EP],
      addresses: [
        { address: "10.0.1.5", family: 4 },
        { address: "10.0.2.6", family: 4 },
        { address: "fd00::5", family: 6 },
      ],
      resolver: server.address,
    });
  });

  test("a chain is followed at most 8 hops, and a loop ends it", async () => {
    const names = Array.from({ length: 10 }, (_, i) => `n${i}.example.test`);
    server.setRecords(Object.fromEntries(names.map((n, i) => [n, i < 9 ? { cname: names[i + 1] } : { a: ["10.0.0.9"] }])));
    expect((await resolve(names[0])).chain).toEqual(names.slice(0, 9));
    server.setRecords({ "a.example.test": { cname: "b.example.test" }, "b.example.test": { cname: "a.example.test" } });
    expect((await fails(resolve("a.example.test"))).code).toMatch(/^DSV_DNS_/);
  });

  test("no such name: NXDOMAIN, the Private Zone is not bound", async () => {
    server.setRecords({});
    expect(await fails(resolve(HOST))).toMatchObject({
      code: "DSV_DNS_NOT_FOUND",
      layer: "dns",
      hostname: HOST,
      message: `dns: ${HOST} does not exist (NXDOMAIN) — the Private Zone is not bound to this VPC (check the zone's VPC binding and its region), or the name is misspelt`,
    });
  });

  test("a name without addresses, and a dangling CNAME", async () => {
    server.setRecords({ [HOST]: {} });
    expect(await fails(resolve(HOST))).toMatchObject({
      code: "DSV_DNS_NO_ADDRESS",
      message: `dns: ${HOST} has no A or AAAA record — check the Private Zone record (rr @, CNAME to the endpoint domain)`,
    });
    server.setRecords({ [HOST]: { cname: EP } });
    expect((await fails(resolve(HOST))).message).toMatch(new RegExp(`^dns: ${HOST} → ${EP}: a dangling CNAME — ${EP} has no A or AAAA record — the Private Zone is bound and its CNAME answers`));
  });

  test("a server that does not answer: DNS_TIMEOUT within the timeout", async () => {
    server.setRecords({ [HOST]: { a: ["10.0.0.1"] } });
    server.silent = true;
    const started = Date.now();
    try {
      expect(await fails(resolve(HOST, 150))).toMatchObject({
        code: "DSV_DNS_TIMEOUT",
        message: `dns: no DNS answer for ${HOST} in time — check the resolver address (\`dnsServers\`, else /etc/resolv.conf) and that UDP/TCP 53 to it is allowed`,
      });
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      server.silent = false;
    }
  });
});

describe("resolveHost on the system path (getaddrinfo and the system's servers, replaced here)", () => {
  type Answer = dns.LookupAddress[] | NodeJS.ErrnoException | "never";
  let lookupAnswer: Answer;
  let cnames: Record<string, string | NodeJS.ErrnoException>;
  const made: Array<{ options: unknown; servers?: string[]; cancelled: number }> = [];
  const errno = (code: string | undefined, message = "lookup failed") => Object.assign(new Error(message), code ? { code } : {}) as NodeJS.ErrnoException;

  beforeEach(() => {
    made.length = 0;
    cnames = {};
    jest.spyOn(dns.promises, "lookup").mockImplementation(((_host: string, options: unknown) => {
      expect(options).toEqual({ all: true, verbatim: true });
      if (lookupAnswer === "never") return new Promise(() => undefined);
      return lookupAnswer instanceof Error ? Promise.reject(lookupAnswer) : Promise.resolve(lookupAnswer);
    }) as unknown as typeof dns.promises.lookup);
    (jest.spyOn(dns.promises, "Resolver") as unknown as jest.Mock).mockImplementation((options: unknown) => {
      const record: { options: unknown; servers?: string[]; cancelled: number } = { options, cancelled: 0 };
      made.push(record);
      return {
        setServers: (servers: string[]) => (record.servers = servers),
        cancel: () => record.cancelled++,
        resolveCname: async (name: string) => {
          const next = cnames[name];
          if (next === undefined) throw errno("ENODATA");
          if (next instanceof Error) throw next;
          return [`${next}.`];
        },
      };
    });
  });
  afterEach(() => jest.restoreAllMocks());
  const resolve = (timeoutMs = 1000, signal?: AbortSignal) => resolveHost(HOST, { timeoutMs, signal });

  test("the addresses getaddrinfo gives, the chain from the system's servers, resolver system", async () => {
    lookupAnswer = [
      { address: "10.0.1.5", family: 4 },
      { address: "::ffff:10.0.1.5", family: 6 },
      { address: "FD00::5", family: 6 },
    ];
    cnames = { [HOST]: EP };
    expect(await resolve()).toEqual({
      chain: [HOST, EP],
      addresses: [
        { address: "10.0.1.5", family: 4 },
        { address: "fd00::5", family: 6 },
      ],
      resolver: "system",
    });
    expect(made).toEqual([{ options: { timeout: 1000, tries: 1 }, cancelled: 1 }]);
  });

  test("the resolver's own timeout is at least 50 ms", async () => {
    lookupAnswer = [{ address: "10.0.1.5", family: 4 }];
    await resolve(10);
    expect(made[0].options).toEqual({ timeout: 50, tries: 1 });
  });

  test("a CNAME lookup that fails leaves the chain at the name", async () => {
    lookupAnswer = [{ address: "10.0.1.5", family: 4 }];
    cnames = { [HOST]: errno("ETIMEOUT") };
    expect((await resolve()).chain).toEqual([HOST]);
    cnames = { [HOST]: EP, [EP]: errno("ENOTFOUND") };
    expect((await resolve()).chain).toEqual([HOST, EP]);
  });

  test("getaddrinfo's NXDOMAIN after a CNAME is a dangling CNAME; without one, the name does not exist", async () => {
    lookupAnswer = errno("ENOTFOUND");
    cnames = { [HOST]: EP };
    expect(await fails(resolve())).toMatchObject({ code: "DSV_DNS_NO_ADDRESS", message: expect.stringMatching(new RegExp(`^dns: ${HOST} → ${EP}: a dangling CNAME — ${EP} has no A or AAAA record`)) });
    cnames = {};
    expect(await fails(resolve())).toMatchObject({ code: "DSV_DNS_NOT_FOUND", message: expect.stringMatching(new RegExp(`^dns: ${HOST} does not exist \\(NXDOMAIN\\)`)) });
    lookupAnswer = errno("EAI_NONAME");
    expect((await fails(resolve())).code).toBe("DSV_DNS_NOT_FOUND");
  });

  test("no address at all: after a CNAME dangling, else no A or AAAA record", async () => {
    lookupAnswer = errno("ENODATA");
    cnames = { [HOST]: EP };
    expect((await fails(resolve())).message).toMatch(/a dangling CNAME/);
    cnames = {};
    expect(await fails(resolve())).toMatchObject({ code: "DSV_DNS_NO_ADDRESS", message: `dns: ${HOST} has no address record — check the Private Zone record (rr @, CNAME to the endpoint domain)` });
    lookupAnswer = [];
    expect(await fails(resolve())).toMatchObject({ code: "DSV_DNS_NO_ADDRESS", message: `dns: ${HOST} has no A or AAAA record — check the Private Zone record (rr @, CNAME to the endpoint domain)` });
    cnames = { [HOST]: EP };
    expect((await fails(resolve())).message).toMatch(/a dangling CNAME/);
  });

  test("other failures: a timeout is DNS_TIMEOUT, anything else DNS_FAILED with its code, and neither is turned into a dangling CNAME", async () => {
    cnames = { [HOST]: EP };
    for (const code of ["EAI_AGAIN", "ETIMEOUT", "ECANCELLED"]) {
      lookupAnswer = errno(code);
      expect(await fails(resolve())).toMatchObject({ code: "DSV_DNS_TIMEOUT", message: `dns: no DNS answer for ${HOST} in time — check the resolver address (\`dnsServers\`, else /etc/resolv.conf) and that UDP/TCP 53 to it is allowed` });
    }
    lookupAnswer = errno("ESERVFAIL");
    expect(await fails(resolve())).toMatchObject({
      code: "DSV_DNS_FAILED",
      message: `dns: resolving ${HOST} failed (ESERVFAIL) — check the resolver (\`dnsServers\`) and the runner's /etc/resolv.conf`,
    });
    lookupAnswer = errno(undefined, "resolver exploded");
    expect((await fails(resolve())).message).toMatch(new RegExp(`^dns: resolving ${HOST} failed \\(resolver exploded\\)`));
  });

  test("getaddrinfo that never answers: DNS_TIMEOUT at the DNS timeout, or when the run's signal aborts", async () => {
    lookupAnswer = "never";
    const started = Date.now();
    expect(await fails(resolve(150))).toMatchObject({
      code: "DSV_DNS_TIMEOUT",
      message: `dns: no answer from the system resolver for ${HOST} within 150 ms — check the nameservers in the runner's /etc/resolv.conf (the VPC's DNS, 100.100.2.136/138) and that UDP/TCP 53 to them is allowed`,
    });
    expect(Date.now() - started).toBeLessThan(1000);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    const again = Date.now();
    expect((await fails(resolve(5000, abort.signal))).code).toBe("DSV_DNS_TIMEOUT");
    expect(Date.now() - again).toBeLessThan(1000);
    expect(made.every((r) => r.cancelled === 1)).toBe(true);
  });
});
