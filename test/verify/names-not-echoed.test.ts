// A key pasted into a flag that takes a name (--dns-server, --stack, --output-prefix) is not echoed by
// the library's own messages, while ordinary names and addresses still are.
import { parseOutputs } from "../../lib/verify/outputs";
import { parseDnsServer } from "../../lib/verify/resolve";
import { keyWindows } from "../support/cli-process";
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
