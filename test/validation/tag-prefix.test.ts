// The reserved tag prefixes `aliyun` and `acs:` are refused whatever their case, in keys and values.
import { ValidationCode, checkTags } from "../../lib/validation";
import { DashScopeEndpoint } from "../../lib/endpoint";
import { fixture, props, validationError } from "../endpoint/helpers";

describe("reserved tag prefixes", () => {
  test.each(["aliyun", "Aliyun-owner", "ALIYUN", "ACS:team", "Acs:x", "acs:y"])("the key %s is refused", (key) => {
    expect(checkTags({ [key]: "v" }, "tags").map((i) => i.code)).toEqual([ValidationCode.TAG_INVALID]);
  });

  test.each(["AliYun project", "ACS:billing"])("the value %s is refused", (value) => {
    expect(checkTags({ team: value }, "tags").map((i) => i.code)).toEqual([ValidationCode.TAG_INVALID]);
  });

  test("keys and values that merely contain the words are allowed", () => {
    expect(checkTags({ "my-aliyun": "the acs: team", acs: "aliyu" }, "tags")).toEqual([]);
  });

  test("a construct refuses an upper-case reserved key in its constructor, naming the key", () => {
    const { stack, provider } = fixture();
    const error = validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, { tags: { "ALIYUN:env": "prod" } })));
    expect(error.issues.map((i) => i.code)).toEqual([ValidationCode.TAG_INVALID]);
    expect(error.message).toContain('"ALIYUN:env"');
    expect(stack.node.tryFindChild("Endpoint")).toBeUndefined();
  });
});
