// Small pieces of the verifier at their edges: which proxy variable applies and what NO_PROXY
// covers, how a value is shown in a message, the error tree's codes and layers, the deadline's
// helpers, the pinned lookup and the transport errors the HTTP client maps.
import { proxyFor } from "../../lib/verify/checks/proxy";
import { Deadline, untilAborted } from "../../lib/verify/deadline";
import { ConnectError, ConnectTimeoutError, TimeoutError, VerifyError, asVerifyError, shownValue } from "../../lib/verify/errors";
import { type HttpTarget, mapTransportError, pinnedLookup } from "../../lib/verify/http";
import { parseBaseUrl } from "../../lib/verify/options";
import { addressFamily, isIpAddress, isPrivateAddress, normalizeAddress } from "../../lib/verify/addresses";

describe("proxyFor", () => {
  const https = { ...parseBaseUrl("https://VPC-ap-southeast-1.dashscope.aliyuncs.com/compatible-mode/v1") };
  const http = { ...parseBaseUrl("http://ep-abc.dashscope.ap-southeast-1.privatelink.aliyuncs.com/compatible-mode/v1") };

  test("the variable that applies to the scheme, in curl's order", () => {
    expect(proxyFor({}, https)).toBeUndefined();
    expect(proxyFor({ HTTP_PROXY: "p", http_proxy: "p" }, https)).toBeUndefined();
    expect(proxyFor({ HTTPS_PROXY: "p", http_proxy: "p" }, http)).toEqual({ variable: "http_proxy", covered: false });
    expect(proxyFor({ https_proxy: "p", ALL_PROXY: "p" }, https)).toEqual({ variable: "https_proxy", covered: false });
    expect(proxyFor({ all_proxy: "p" }, http)).toEqual({ variable: "all_proxy", covered: false });
    expect(proxyFor({ ALL_PROXY: "p", HTTPS_PROXY: "p" }, https)?.variable).toBe("HTTPS_PROXY");
    expect(proxyFor({ HTTPS_PROXY: "" }, https)).toBeUndefined();
  });

  test.each([
    ["*", true],
    ["localhost, *", true],
    ["vpc-ap-southeast-1.dashscope.aliyuncs.com", true],
    ["VPC-AP-SOUTHEAST-1.DASHSCOPE.ALIYUNCS.COM:443", true],
    [".aliyuncs.com", true],
    ["*.dashscope.aliyuncs.com", true],
    ["aliyuncs.com", true],
    ["yuncs.com", false],
    ["other.example,\tlocalhost", false],
    ["", false],
  ])("NO_PROXY=%j covers the host: %s", (noProxy, covered) => {
    expect(proxyFor({ HTTPS_PROXY: "p", NO_PROXY: noProxy }, https)?.covered).toBe(covered);
    expect(proxyFor({ HTTPS_PROXY: "p", no_proxy: noProxy }, https)?.covered).toBe(covered);
  });

  test("NO_PROXY wins over no_proxy", () => {
    expect(proxyFor({ HTTPS_PROXY: "p", NO_PROXY: "other.example", no_proxy: "*" }, https)?.covered).toBe(false);
  });
});

describe("shownValue", () => {
  test.each([
    ["cn_beijing", '"cn_beijing"'],
    ["10.0.0.1,10.0.0.2", "(17 characters, not shown: it may be a key)"],
    ["1234567890123456", "(16 characters, not shown: it may be a key)"],
    ["12345678901.3456", '"12345678901.3456"'],
    ["", '""'],
    ["SK-abc", "(6 characters, not shown: it may be a key)"],
    ["a b", "(3 characters, not shown: it may be a key)"],
    ["abcdefghijk", '"abcdefghijk"'],
    ["abcdefghijkl", "(12 characters, not shown: it may be a key)"],
    ["x/y:z-w.v", '"x/y:z-w.v"'],
  ])("%j is shown as %s", (value, shown) => expect(shownValue(value)).toBe(shown));
});

describe("the error tree", () => {
  test("codes, layers and messages", () => {
    expect(new VerifyError("DSV_INTERNAL", "internal", "p")).toMatchObject({ name: "VerifyError", message: "internal: p", hint: undefined });
    expect(new ConnectError("DSV_CONNECTION_LOST", "p")).toMatchObject({ name: "ConnectError", layer: "http", beforeRequestWritten: false, address: undefined });
    expect(new ConnectError("DSV_CONNECT_FAILED", "p", { address: "a:1" })).toMatchObject({ layer: "tcp", address: "a:1" });
    expect(new ConnectTimeoutError("p", { address: "a:1", hint: "h" })).toMatchObject({ name: "ConnectTimeoutError", code: "DSV_CONNECT_TIMEOUT", layer: "tcp", beforeRequestWritten: true, message: "tcp: p — h" });
    expect(new TimeoutError("headers", 5, "p")).toMatchObject({ code: "DSV_TIMEOUT_HEADERS", layer: "http", phase: "headers", timeoutMs: 5 });
    expect(new TimeoutError("body", 5, "p")).toMatchObject({ code: "DSV_TIMEOUT_BODY", layer: "http" });
    expect(new TimeoutError("deadline", 5, "p")).toMatchObject({ code: "DSV_TIMEOUT_DEADLINE", layer: "deadline" });
  });

  test("asVerifyError keeps a VerifyError and wraps anything else as internal", () => {
    const own = new VerifyError("DSV_DNS_FAILED", "dns", "x");
    expect(asVerifyError(own)).toBe(own);
    expect(asVerifyError("text")).toMatchObject({ code: "DSV_INTERNAL", layer: "internal", message: "internal: internal error: text", cause: "text" });
  });
});

describe("the deadline", () => {
  test("remaining, expired, error, throwIfExpired", async () => {
    const d = new Deadline(60);
    expect(d.expired).toBe(false);
    expect(d.remaining()).toBeGreaterThan(0);
    expect(d.remaining()).toBeLessThanOrEqual(60);
    expect(() => d.throwIfExpired()).not.toThrow();
    await new Promise((r) => setTimeout(r, 80));
    expect(d.expired).toBe(true);
    expect(d.remaining()).toBe(0);
    expect(() => d.throwIfExpired()).toThrow("deadline: the overall deadline of 60 ms passed — raise `timeoutMs`, or look at the step that was slow");
    expect(d.error()).toMatchObject({ code: "DSV_TIMEOUT_DEADLINE", timeoutMs: 60 });
  });

  test("sleep stops at the deadline, and does not wait at all for nothing", async () => {
    const short = new Deadline(50);
    const t0 = Date.now();
    await short.sleep(5000);
    expect(Date.now() - t0).toBeLessThan(1000);
    const t1 = Date.now();
    await short.sleep(5000);
    await new Deadline(5000).sleep(0);
    await new Deadline(5000).sleep(-1);
    expect(Date.now() - t1).toBeLessThan(200);
    const t2 = Date.now();
    await new Deadline(5000).sleep(60);
    expect(Date.now() - t2).toBeGreaterThanOrEqual(50);
  });

  test("untilAborted: the work's result, or the abort's error, at once when already aborted", async () => {
    const never = new Promise<string>(() => undefined);
    expect(await untilAborted(Promise.resolve("done"), new AbortController().signal, () => new Error("x"))).toBe("done");
    const aborted = new AbortController();
    aborted.abort();
    await expect(untilAborted(Promise.reject(new Error("late")), aborted.signal, () => new Error("stopped"))).rejects.toThrow("stopped");
    const later = new AbortController();
    setTimeout(() => later.abort(), 20);
    await expect(untilAborted(never, later.signal, () => new Error("cut"))).rejects.toThrow("cut");
    await expect(untilAborted(Promise.reject(new Error("own")), new AbortController().signal, () => new Error("x"))).rejects.toThrow("own");
  });
});

describe("pinnedLookup", () => {
  const lookup = pinnedLookup("h.example", [
    { address: "10.0.0.1", family: 4 },
    { address: "fd00::1", family: 6 },
  ]) as unknown as (host: string, options: object, cb: (...args: unknown[]) => void) => void;
  const ask = (host: string, options: object) => new Promise<unknown[]>((resolve) => lookup(host, options, (...args) => resolve(args)));

  test("families by number or name; no family is any", async () => {
    expect(await ask("h.example", { family: "IPv6" })).toEqual([null, "fd00::1", 6]);
    expect(await ask("h.example", { family: "IPv4" })).toEqual([null, "10.0.0.1", 4]);
    expect(await ask("h.example", { family: 4 })).toEqual([null, "10.0.0.1", 4]);
    expect(await ask("h.example", {})).toEqual([null, "10.0.0.1", 4]);
    expect(await ask("h.example", { family: 0, all: true })).toEqual([null, [{ address: "10.0.0.1", family: 4 }, { address: "fd00::1", family: 6 }]]);
  });

  test("a family with no address is not found", async () => {
    const v4only = pinnedLookup("h.example", [{ address: "10.0.0.1", family: 4 }]) as unknown as typeof lookup;
    const [err] = await new Promise<unknown[]>((resolve) => v4only("h.example", { family: 6 }, (...args) => resolve(args)));
    expect(err).toMatchObject({ code: "ENOTFOUND", message: "the verifier resolves only h.example (asked for h.example)" });
  });
});

describe("mapTransportError", () => {
  const target = (deadline = new Deadline(60_000)): HttpTarget => ({ hostname: "h.example", port: 8443, addresses: [], connectTimeoutMs: 700, headersTimeoutMs: 800, idleTimeoutMs: 900, deadline });
  const fault = (code: string) => Object.assign(new Error("low"), { code });

  test.each([
    ["UND_ERR_CONNECT_TIMEOUT", { code: "DSV_CONNECT_TIMEOUT", layer: "tcp", message: "tcp: no TCP/TLS connection to h.example:8443 within 700 ms — check the endpoint's security group and the route to the endpoint VPC" }],
    ["UND_ERR_HEADERS_TIMEOUT", { code: "DSV_TIMEOUT_HEADERS", message: "http: no response headers from h.example:8443 within 800 ms — the endpoint accepted the request but Model Studio did not answer: check the service status and the model" }],
    ["UND_ERR_BODY_TIMEOUT", { code: "DSV_TIMEOUT_BODY", message: "http: the response body from h.example:8443 stalled for 900 ms — the stream stopped mid-way: a proxy buffering SSE, or the model stalled" }],
    ["UND_ERR_RES_CONTENT_LENGTH_MISMATCH", { code: "DSV_CONNECTION_LOST", layer: "http" }],
    ["ERR_SOCKET_CLOSED", { code: "DSV_CONNECTION_LOST" }],
    ["ERR_TLS_CERT_ALTNAME_INVALID", { code: "DSV_TLS_CERT_NAME_MISMATCH" }],
  ])("%s", (code, expected) => {
    expect(mapTransportError(fault(code), target(), true)).toMatchObject(expected);
  });

  test("before the connection was up: an errno or ERR_SOCKET_* is a connect failure, ERR_* otherwise internal", () => {
    expect(mapTransportError(fault("ERR_SOCKET_CONNECTION_TIMEOUT"), target(), false)).toMatchObject({ code: "DSV_CONNECT_FAILED", message: expect.stringMatching(/^tcp: connecting to h\.example:8443 failed \(ERR_SOCKET_CONNECTION_TIMEOUT\)/) });
    expect(mapTransportError(fault("ERR_STREAM_DESTROYED"), target(), false)).toMatchObject({ code: "DSV_INTERNAL" });
    expect(mapTransportError(fault("ERR_STREAM_DESTROYED"), target(), true)).toMatchObject({ code: "DSV_INTERNAL" });
  });

  test("a VerifyError passes through; once the deadline passed, everything is the deadline", async () => {
    const own = new VerifyError("DSV_RESPONSE_TOO_LARGE", "api", "big");
    expect(mapTransportError(own, target(), true)).toBe(own);
    const passed = new Deadline(1);
    await new Promise((r) => setTimeout(r, 10));
    expect(mapTransportError(own, target(passed), true)).toMatchObject({ code: "DSV_TIMEOUT_DEADLINE" });
  });
});

describe("addresses", () => {
  test("literals, families, normal forms, brackets", () => {
    expect(isIpAddress("[fd00::1]")).toBe(true);
    expect(isIpAddress("[fd00::1")).toBe(false);
    expect(isIpAddress("host")).toBe(false);
    expect(normalizeAddress("[FD00:0::1]")).toBe("fd00::1");
    expect(addressFamily("10.0.0.1")).toBe(4);
    expect(addressFamily("::ffff:10.0.0.1")).toBe(4);
    expect(addressFamily("[fd00::1]")).toBe(6);
    expect(isPrivateAddress("[fd00::1]")).toBe(true);
    expect(isPrivateAddress("[::1")).toBe(false);
  });
});
