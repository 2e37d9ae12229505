// The verifier's options (lib/verify/options.ts): the defaults it fills in and every configuration
// error, word for word, all before anything is sent.
import { checkApiKey, parseApis, parseBaseUrl, resolveOptions } from "../../lib/verify/options";
import type { VerifyOptions } from "cdktf-dashscope-privatelink/verify";

const KEY = "sk-0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b";
const HTTPS = "https://vpc-ap-southeast-1.dashscope.aliyuncs.com/compatible-mode/v1";
const HTTP = "http://ep-abc.dashscope.ap-southeast-1.privatelink.aliyuncs.com/compatible-mode/v1";
const resolve = (o: Partial<VerifyOptions> = {}) => resolveOptions({ targets: [{ baseUrl: HTTP }], apiKey: KEY, ...o });

function configMessage(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toMatchObject({ layer: "config" });
    return (err as Error).message;
  }
  throw new Error("expected a configuration error");
}

describe("resolveOptions", () => {
  test("the defaults", () => {
    const opts = resolve();
    expect(opts).toMatchObject({
      apiKey: KEY,
      apis: ["openai"],
      model: "qwen-flash",
      embeddingModel: "text-embedding-v4",
      env: process.env,
      dnsServers: undefined,
      trust: undefined,
      timeoutMs: 60_000,
      dnsTimeoutMs: 3_000,
      connectTimeoutMs: 5_000,
      headersTimeoutMs: 30_000,
      idleTimeoutMs: 15_000,
      retryAfterCapMs: 10_000,
      stream: true,
      allowPublicAddress: false,
      maxCompletionTokens: 16,
    });
    expect(opts.targets).toEqual([{ baseUrl: HTTP, origin: "http://ep-abc.dashscope.ap-southeast-1.privatelink.aliyuncs.com", hostname: "ep-abc.dashscope.ap-southeast-1.privatelink.aliyuncs.com", port: 80, https: false, expectedIps: undefined }]);
    expect(resolve({ dnsServers: [] }).dnsServers).toBeUndefined();
    // An empty list of a target's own IPs is no list: the shared one applies.
    expect(resolve({ expectedIps: ["10.0.0.1"], targets: [{ baseUrl: HTTP, expectedIps: [] }] }).targets[0].expectedIps).toEqual(["10.0.0.1"]);
  });

  test("what is given is kept, normalised", () => {
    const onCheck = () => undefined;
    const opts = resolve({
      targets: [{ baseUrl: HTTPS }, { baseUrl: HTTP, expectedIps: ["10.0.9.9"] }],
      expectedIps: ["::FFFF:10.0.1.5"],
      dnsServers: [" 127.0.0.1:5353", "[::1]:53"],
      model: "qwen-plus",
      embeddingModel: "text-embedding-v3",
      env: { A: "1" },
      stream: false,
      allowPublicAddress: true,
      timeoutMs: 1,
      maxCompletionTokens: 8192,
      onCheck,
    });
    expect(opts).toMatchObject({ model: "qwen-plus", embeddingModel: "text-embedding-v3", env: { A: "1" }, stream: false, allowPublicAddress: true, timeoutMs: 1, maxCompletionTokens: 8192, onCheck });
    expect(opts.dnsServers).toEqual(["127.0.0.1:5353", "[::1]:53"]);
    expect(opts.targets.map((t) => t.expectedIps)).toEqual([["10.0.1.5"], ["10.0.9.9"]]);
    expect(opts.trust).toBeDefined();
  });

  test.each([
    [{ apiKey: "" }, "config: no API key was given", "DSV_API_KEY_MISSING"],
    [{ targets: [] }, "config: no target to verify", "DSV_CONFIG_INVALID"],
    [{ targets: undefined }, "config: no target to verify", "DSV_CONFIG_INVALID"],
    [{ model: "a,b" }, 'config: `model` "a,b" is not a model name', "DSV_CONFIG_INVALID"],
    [{ model: "" }, 'config: `model` "" is not a model name', "DSV_CONFIG_INVALID"],
    [{ embeddingModel: "a b" }, "config: `embeddingModel` (3 characters, not shown: it may be a key) is not a model name", "DSV_CONFIG_INVALID"],
    [{ apis: [] }, "config: `apis` is empty — name one or more of openai, anthropic, dashscope, embeddings", "DSV_CONFIG_INVALID"],
    [{ expectedIps: ["10.0.0.1", "nope"] }, "config: `expectedIps` has \"nope\", which is not an IP address — list the endpoint's ENI IPs, comma-separated, e.g. 10.0.1.5,10.0.2.6", "DSV_CONFIG_INVALID"],
    [{ targets: [{ baseUrl: HTTP, expectedIps: ["10.0.0.300"] }] }, 'config: `expectedIps` has "10.0.0.300", which is not an IP address — list the endpoint\'s ENI IPs, comma-separated, e.g. 10.0.1.5,10.0.2.6', "DSV_CONFIG_INVALID"],
    // A bracket is stripped only as a pair: "[::12" is not "::1".
    [{ expectedIps: ["[::12"] }, 'config: `expectedIps` has (5 characters, not shown: it may be a key), which is not an IP address — list the endpoint\'s ENI IPs, comma-separated, e.g. 10.0.1.5,10.0.2.6', "DSV_CONFIG_INVALID"],
  ] as Array<[Partial<VerifyOptions>, string, string]>)("%j", (options, message, code) => {
    expect(() => resolve(options)).toThrow(expect.objectContaining({ message, code }));
  });

  test.each([
    ["timeoutMs", 0, 3_600_000],
    ["dnsTimeoutMs", -1, 3_600_000],
    ["connectTimeoutMs", 1.5, 3_600_000],
    ["headersTimeoutMs", 3_600_001, 3_600_000],
    ["idleTimeoutMs", Number.NaN, 3_600_000],
    ["retryAfterCapMs", 0, 3_600_000],
    ["maxCompletionTokens", 8193, 8192],
  ] as const)("%s %s is refused: an integer from 1 to its maximum", (name, value, max) => {
    expect(configMessage(() => resolve({ [name]: value }))).toBe(`config: \`${name}\` must be an integer from 1 to ${max}, got ${JSON.stringify(value)}`);
    expect(resolve({ [name]: max })[name]).toBe(max);
    expect(resolve({ [name]: 1 })[name]).toBe(1);
  });
});

describe("parseApis", () => {
  test("the catalog's order, each family once", () => {
    expect(parseApis(undefined)).toEqual(["openai"]);
    expect(parseApis(["embeddings", "openai", "embeddings", "anthropic"])).toEqual(["openai", "anthropic", "embeddings"]);
  });
});

describe("parseBaseUrl", () => {
  test("cleans the URL and reads host, port and scheme", () => {
    expect(parseBaseUrl("https://VPC-ap-southeast-1.dashscope.aliyuncs.com:8443/compatible-mode/v1///")).toEqual({
      baseUrl: "https://vpc-ap-southeast-1.dashscope.aliyuncs.com:8443/compatible-mode/v1",
      origin: "https://vpc-ap-southeast-1.dashscope.aliyuncs.com:8443",
      hostname: "vpc-ap-southeast-1.dashscope.aliyuncs.com",
      port: 8443,
      https: true,
    });
    expect(parseBaseUrl("https://h.example")).toMatchObject({ baseUrl: "https://h.example", port: 443, https: true });
    expect(parseBaseUrl("http://[FD00::1]:8080/v1")).toMatchObject({ hostname: "fd00::1", port: 8080, origin: "http://[fd00::1]:8080", https: false });
    expect(parseBaseUrl("http://h.example/v1")).toMatchObject({ port: 80 });
  });

  test.each([
    ["not a url", "config: the base URL (9 characters, not shown: it may be a key) is not a URL — e.g. https://vpc-ap-southeast-1.dashscope.aliyuncs.com/compatible-mode/v1"],
    ["ftp://h.example/v1", "config: the base URL must be http:// or https://, got ftp:"],
    ["https://user@h.example/v1", "config: the base URL must not carry credentials — the key is given as `apiKey`, never in the URL"],
    ["https://:pw@h.example/v1", "config: the base URL must not carry credentials — the key is given as `apiKey`, never in the URL"],
    ["https://h.example/v1?x=1", "config: the base URL must not have a query or fragment"],
    ["https://h.example/v1#top", "config: the base URL must not have a query or fragment"],
  ])("%s", (url, message) => {
    expect(configMessage(() => parseBaseUrl(url))).toBe(message);
  });
});

describe("checkApiKey", () => {
  test.each([
    [`${KEY}\r`, "ends with a line break"],
    [`${KEY}\n\n`, "contains a line break"],
    [`${KEY}\r\nx`, "contains a line break"],
    [`${KEY}\u007f`, "contains a character that is not printable ASCII"],
    [`${KEY} `, "starts or ends with whitespace"],
  ])("%j: %s", (key, problem) => {
    expect(configMessage(() => checkApiKey(key))).toBe(
      `config: \`apiKey\` ${problem}; nothing was sent — keys read from a file or written with echo often end in a newline: strip it where the key is set, e.g. KEY="$(tr -d '[:space:]' < key.txt)"`,
    );
  });

  test("a key that can be sent passes; the source names where it came from", () => {
    expect(() => checkApiKey(`${KEY} with inner spaces`)).not.toThrow();
    expect(configMessage(() => checkApiKey(" k", "the API key variable K"))).toMatch(/^config: the API key variable K starts or ends with whitespace; nothing was sent — /);
  });
});
