/**
 * A real DNS responder on a loopback UDP port, answering like a recursive resolver would for a
 * Private Zone: an A/AAAA question for a CNAME gets the whole chain plus the addresses at its end;
 * a CNAME question gets the CNAME; an unknown name gets NXDOMAIN. Records can be changed while it
 * runs; `silent` makes it swallow queries (for resolver-timeout tests); `respond` answers chosen
 * questions itself (a SERVFAIL to one question, an empty answer to another).
 */
import * as dgram from "node:dgram";
import * as dnsPacket from "dns-packet";

export interface DnsRecordSet {
  readonly cname?: string;
  readonly a?: readonly string[];
  readonly aaaa?: readonly string[];
}

export type DnsRecords = Record<string, DnsRecordSet>;

/** An answer `respond` gives: its response code (0 when unset) and records. */
export interface DnsReply {
  readonly rcode?: number;
  readonly answers?: dnsPacket.Answer[];
}

export interface DnsQueryLog {
  readonly name: string;
  readonly type: string;
}

export interface TestDnsServer {
  readonly host: string;
  readonly port: number;
  /** `127.0.0.1:PORT`, as `--dns-server` takes it. */
  readonly address: string;
  /** Every question received. */
  readonly queries: DnsQueryLog[];
  setRecords(records: DnsRecords): void;
  /** When true, queries are received and logged but never answered. */
  silent: boolean;
  /** Answers a question (name in lower case) before the records do; undefined leaves it to them. */
  respond?: (name: string, type: string) => DnsReply | undefined;
  close(): Promise<void>;
}

const NXDOMAIN = 3;

/** `port` 53 is for a network namespace of the test's own (the system resolver asks port 53 only). */
export async function startDnsServer(records: DnsRecords, options: { readonly port?: number } = {}): Promise<TestDnsServer> {
  let table = normalize(records);
  const socket = dgram.createSocket("udp4");
  const queries: DnsQueryLog[] = [];
  const server: TestDnsServer = {
    host: "127.0.0.1",
    port: 0,
    address: "",
    queries,
    silent: false,
    setRecords(next) {
      table = normalize(next);
    },
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  socket.on("message", (msg, rinfo) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase();
    queries.push({ name, type: question.type });
    if (server.silent) return;
    const own = server.respond?.(name, question.type);
    const { answers, rcode } = own ? { answers: own.answers ?? [], rcode: own.rcode ?? 0 } : answer(table, name, question.type);
    const response = dnsPacket.encode({
      type: "response",
      id: query.id,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcode,
      questions: [question],
      answers,
    });
    socket.send(response, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = socket.address().port;
  Object.assign(server, { port, address: `127.0.0.1:${port}` });
  return server;
}

function normalize(records: DnsRecords): Map<string, DnsRecordSet> {
  return new Map(Object.entries(records).map(([name, set]) => [name.toLowerCase().replace(/\.$/, ""), set]));
}

function answer(
  table: Map<string, DnsRecordSet>,
  name: string,
  type: string,
): { answers: dnsPacket.Answer[]; rcode: number } {
  const answers: dnsPacket.Answer[] = [];
  let current = name;
  for (let hop = 0; hop < 10; hop++) {
    const set = table.get(current);
    if (!set) return { answers, rcode: NXDOMAIN };
    if (set.cname) {
      answers.push({ type: "CNAME", name: current, ttl: 0, class: "IN", data: set.cname });
      if (type === "CNAME") break;
      current = set.cname.toLowerCase();
      continue;
    }
    if (type === "A") for (const ip of set.a ?? []) answers.push({ type: "A", name: current, ttl: 0, class: "IN", data: ip });
    if (type === "AAAA") for (const ip of set.aaaa ?? []) answers.push({ type: "AAAA", name: current, ttl: 0, class: "IN", data: ip });
    break;
  }
  return { answers, rcode: 0 };
}
