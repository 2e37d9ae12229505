import { execFileSync } from "child_process";
import * as dgram from "dgram";
import * as dns from "dns";
import * as net from "net";

describe("the loopback guard", () => {
  test("refuses a TCP connection to a non-loopback address, before any packet leaves", () => {
    expect(() => net.connect({ host: "203.0.113.10", port: 443 })).toThrow(/loopback guard: the tests tried to reach 203\.0\.113\.10/);
    expect(() => net.connect(443, "198.51.100.7")).toThrow(/loopback guard/);
  });

  test("refuses a host name that resolves off loopback, through the socket's own lookup", async () => {
    const socket = net.connect({
      host: "public.example.test",
      port: 443,
      lookup: (_host, _opts, cb) => (cb as (e: null, a: string, f: number) => void)(null, "203.0.113.10", 4),
    });
    const error = await new Promise<Error>((resolve) => socket.once("error", resolve));
    expect(error.message).toMatch(/public\.example\.test \(203\.0\.113\.10\)/);
  });

  test("lets loopback through", async () => {
    const server = net.createServer((s) => s.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    const reply = await new Promise<string>((resolve, reject) => {
      const s = net.connect({ host: "localhost", port, family: 4 }, () => undefined);
      s.setEncoding("utf8");
      s.on("data", resolve).on("error", reject);
    });
    server.close();
    expect(reply).toBe("ok");
  });

  test("refuses UDP datagrams to a non-loopback address", () => {
    const socket = dgram.createSocket("udp4");
    try {
      expect(() => socket.send(Buffer.from("x"), 53, "192.0.2.1")).toThrow(/loopback guard/);
    } finally {
      socket.close();
    }
  });

  test("refuses DNS queries to a non-loopback server, c-ares included", () => {
    const resolver = new dns.promises.Resolver();
    resolver.setServers(["192.0.2.53"]);
    expect(() => resolver.resolve4("example.test")).toThrow(/loopback guard: the tests tried to reach DNS server 192\.0\.2\.53/);
    const local = new dns.Resolver();
    local.setServers(["127.0.0.1:5353"]);
    expect(() => local.resolve4("example.test", () => undefined)).not.toThrow();
    local.cancel();
  });

  test("child processes inherit it", () => {
    const out = execFileSync(
      process.execPath,
      ["-e", "try { require('net').connect(443, '203.0.113.10') } catch (e) { console.log(e.code) }"],
      { encoding: "utf8" },
    );
    expect(out.trim()).toBe("ELOOPBACKGUARD");
  });
});
