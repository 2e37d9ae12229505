// The proxy check at its edges: ALL_PROXY / all_proxy on their own, what NO_PROXY covers when it
// is unset or has empty or port-like entries, and the warning a user reads, in full.
import { type VerifyReport, VerifyErrorCode } from "cdktf-dashscope-privatelink/verify";
import { proxyFor } from "../../lib/verify/checks/proxy";
import { parseBaseUrl } from "../../lib/verify/options";
import { CUSTOM_DOMAIN, type VerifyWorld, startVerifyWorld, verifyInWorld } from "../support/verify-world";

const https = parseBaseUrl("https://vpc-ap-southeast-1.dashscope.aliyuncs.com/compatible-mode/v1");
const http = parseBaseUrl("http://ep-abc.dashscope.ap-southeast-1.privatelink.aliyuncs.com/compatible-mode/v1");

describe("proxyFor: ALL_PROXY and all_proxy alone", () => {
  test.each([
    ["ALL_PROXY", "https"],
    ["all_proxy", "https"],
    ["ALL_PROXY", "http"],
    ["all_proxy", "http"],
  ])("%s alone applies to an %s target", (variable, scheme) => {
    expect(proxyFor({ [variable]: "http://proxy.corp.example:3128" }, scheme === "https" ? https : http)).toEqual({ variable, covered: false });
  });
});

describe("proxyFor: what NO_PROXY covers", () => {
  test("an unset NO_PROXY covers no host, whatever its name", () => {
    for (const host of ["was", "here", "stryker", "a.was"]) {
      expect(proxyFor({ HTTPS_PROXY: "p" }, parseBaseUrl(`https://${host}/v1`))).toEqual({ variable: "HTTPS_PROXY", covered: false });
    }
  });

  test("an empty entry (a doubled or trailing comma) covers nothing, not even a host with a trailing dot", () => {
    const dotted = parseBaseUrl(`https://${CUSTOM_DOMAIN}./compatible-mode/v1`);
    expect(proxyFor({ HTTPS_PROXY: "p", NO_PROXY: "localhost,,other.example," }, dotted)?.covered).toBe(false);
    expect(proxyFor({ HTTPS_PROXY: "p", NO_PROXY: "" }, dotted)?.covered).toBe(false);
    expect(proxyFor({ HTTPS_PROXY: "p" }, dotted)?.covered).toBe(false);
  });

  test("only a trailing :port is dropped from an entry, not a colon and digits inside it", () => {
    const target = parseBaseUrl("https://ab.example/v1");
    expect(proxyFor({ HTTPS_PROXY: "p", NO_PROXY: "a:1b.example" }, target)?.covered).toBe(false);
    expect(proxyFor({ HTTPS_PROXY: "p", NO_PROXY: "ab.example:8443" }, target)?.covered).toBe(true);
  });
});

describe("the proxy warning", () => {
  const KEY = "sk-proxy-edges-8d1f4b6a2c9e3750";
  let world: VerifyWorld;
  beforeAll(async () => {
    world = await startVerifyWorld({ apiKey: KEY });
  });
  afterAll(() => world.close());

  test("names the variable, says the verifier went direct, and what to add to NO_PROXY where the applications run", async () => {
    const report: VerifyReport = await verifyInWorld(world, KEY, { stream: false, env: { HTTPS_PROXY: "http://proxy.corp.example:3128", NO_PROXY: "localhost" } });
    expect(report.checks.find((c) => c.name === "proxy")).toMatchObject({
      status: "warn",
      code: VerifyErrorCode.PROXY_BYPASSED,
      layer: "config",
      message:
        `config: HTTPS_PROXY is set and NO_PROXY does not cover ${CUSTOM_DOMAIN}: the verifier connects directly (it never uses a proxy), ` +
        `but applications that honour HTTPS_PROXY send their requests to the proxy and may not take this private path — add ${CUSTOM_DOMAIN} to NO_PROXY where the applications run`,
    });
    expect(report.exitCode).toBe(0);
  });

  test("ALL_PROXY alone is warned about by its name", async () => {
    const report = await verifyInWorld(world, KEY, { stream: false, env: { ALL_PROXY: "socks5://proxy.corp.example:1080" } });
    const proxy = report.checks.find((c) => c.name === "proxy");
    expect(proxy).toMatchObject({ status: "warn", code: VerifyErrorCode.PROXY_BYPASSED });
    expect(proxy?.message).toMatch(/^config: ALL_PROXY is set and NO_PROXY does not cover .* but applications that honour ALL_PROXY send their requests to the proxy/);
  });
});
