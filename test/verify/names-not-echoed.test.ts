// A key pasted into a flag that takes a name (--dns-server, --stack, --output-prefix, --api-key-env,
// --model) or into the base URL is not echoed by the library's own messages, nor sent or reported,
// while ordinary names and addresses still are.
import { parseArgs } from "../../lib/verify/args";
import { parseBaseUrl, resolveOptions } from "../../lib/verify/options";
import { parseOutputs } from "../../lib/verify/outputs";
import { parseDnsServer } from "../../lib/verify/resolve";
import { keyWindows, runCliInProcess } from "../support/cli-process";
import { thrown } from "../support/thrown";

const KEY = "sk-0123456789abcdef0123456789abcdef";
const HEX_KEY = "0123456789abcdef0123456789abcdef";
const UUID_KEY = "01234567-89ab-cdef-0123-456789abcdef";

const message = (fn: () => unknown): string => (thrown(fn) as Error).message;

describe("name-like values in messages", () => {
  test.each([KEY, HEX_KEY, UUID_KEY])("a key given as a DNS server is described by its length: %#", (key) => {
    const text = message(() => parseDnsServer(key));
    expect(text).toContain(`(${key.length} characters, not shown: it may be a key)`);
    expect(keyWindows(key, text)).toEqual([]);
  });

  test("an ordinary wrong DNS server is quoted", () => {
    expect(message(() => parseDnsServer("[fd00::1234]:99999"))).toContain('has "[fd00::1234]:99999", which is not IP[:PORT]');
  });

  test.each([KEY, HEX_KEY, UUID_KEY])("a key given as a stack or a hub prefix is never echoed: %#", (key) => {
    const outputs = { s: { a_endpoint_domain: "ep-x.dashscope.ap-southeast-1.privatelink.aliyuncs.com" } };
    const noStack = message(() => parseOutputs(outputs, key));
    expect(noStack).toContain(`has no stack (${key.length} characters, not shown: it may be a key)`);
    expect(keyWindows(key, noStack)).toEqual([]);
    const noHub = message(() => parseOutputs(outputs, "s", undefined, key));
    // The output names carry the prefix, so they are not named either: the hint follows at once.
    expect(noHub).toContain(`has no outputs of the hub (${key.length} characters, not shown: it may be a key) — `);
    expect(keyWindows(key, noHub)).toEqual([]);
  });

  test("a CamelCase stack name the file lacks is named", () => {
    expect(message(() => parseOutputs({ a: {} }, "DashScopePrivateAccessStack"))).toContain('has no stack "DashScopePrivateAccessStack"');
  });

  test("ordinary stack names and prefixes are printed as before", () => {
    const outputs = { "dashscope-landing-zone": { a_endpoint_domain: "ep-x.dashscope.ap-southeast-1.privatelink.aliyuncs.com" } };
    expect(message(() => parseOutputs(outputs, "dashscope-landing-zone", undefined, "cn_beijing"))).toContain(
      '(stack dashscope-landing-zone) has no outputs of the hub "cn_beijing"',
    );
  });
});

describe("key-shaped names that would otherwise pass", () => {
  // A hex key that starts with a letter is a valid variable name; with the variable unset, the
  // API_KEY_MISSING message would name it twice.
  const HEX_NAME = "abcdef0123456789abcdef0123456789";

  test("--api-key-env with a hex key: a usage error that does not echo it", () => {
    const text = message(() => parseArgs(["--base-url", "https://127.0.0.1:9/compatible-mode/v1", "--api-key-env", HEX_NAME]));
    expect(text).toContain(`--api-key-env (${HEX_NAME.length} characters, not shown: it may be a key) is not a variable name`);
    expect(keyWindows(HEX_NAME, text)).toEqual([]);
    expect(parseArgs(["--base-url", "https://127.0.0.1:9/compatible-mode/v1", "--api-key-env", "DASHSCOPE_KEY_PROD_2026"]).apiKeyEnv).toBe("DASHSCOPE_KEY_PROD_2026");
  });

  test.each([KEY, HEX_KEY])("--model or --embedding-model with a key: exit 2 before anything is sent, the key not echoed (%#)", async (key) => {
    for (const flag of ["--model", "--embedding-model"]) {
      const run = await runCliInProcess(["--base-url", "http://127.0.0.1:9/compatible-mode/v1", flag, key], { DASHSCOPE_API_KEY: "sk-ffeeddccbbaa99887766554433221100" });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is not a model name/);
      expect(keyWindows(key, run.stderr + run.stdout)).toEqual([]);
    }
  });

  test("real model names still pass", () => {
    const options = { apiKey: "sk-ffeeddccbbaa99887766554433221100", targets: [{ baseUrl: "https://127.0.0.1:9/compatible-mode/v1" }] };
    for (const model of ["qwen3-235b-a22b-instruct-2507", "qwen-plus-2025-07-28", "qwen2.5-72b-instruct", "deepseek-v3.1"]) {
      expect(resolveOptions({ ...options, model }).model).toBe(model);
    }
    expect(resolveOptions({ ...options, embeddingModel: "text-embedding-v4" }).embeddingModel).toBe("text-embedding-v4");
  });

  test.each([`http://127.0.0.1:9/${KEY}/v1`, `https://${HEX_KEY}.example/compatible-mode/v1`])("a base URL holding a key is refused without echoing it: %#", (url) => {
    const text = message(() => parseBaseUrl(url));
    expect(text).toBe(`config: the base URL (${url.length} characters, not shown) holds a part shaped like an API key — the key is given as \`apiKey\`, never in the URL`);
    expect(keyWindows(HEX_KEY, text)).toEqual([]);
  });

  test("endpoint and custom domains pass", () => {
    for (const url of ["https://vpc-ap-southeast-1.dashscope.aliyuncs.com/compatible-mode/v1", "http://ep-t4n1u1vz0ut8wwu0vbv4.dashscope.ap-southeast-1.privatelink.aliyuncs.com/api/v1"]) {
      expect(parseBaseUrl(url).baseUrl).toBe(url);
    }
  });
});
