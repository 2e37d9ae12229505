// How the verifier's messages show a value the user typed: names (stack names, hub prefixes, DNS
// servers) up to 64 characters of a name's alphabet, values up to 16; anything shaped like a key
// (an sk- prefix, six or more each of letters and digits, a long alphanumeric run) by its length alone.
import { shownName, shownValue } from "../../lib/verify/errors";

const hidden = (value: string) => `(${value.length} characters, not shown: it may be a key)`;

describe("shownName", () => {
  test.each([
    "DashScopeLandingZone",
    "cn_beijing",
    "[fd00::53]:5353",
    "a".repeat(64),
    "my-sk-prod", // sk- only counts at the start
    "abcdef12345", // five digits
    "abcde123456", // five letters
    "",
  ])("%j is shown", (value) => {
    expect(shownName(value)).toBe(JSON.stringify(value));
  });

  test.each([
    "a".repeat(65),
    "sk-prod",
    "SK-prod",
    "abcdef123456", // six of each, as in a hex secret
    "4f2c9a1e-77b0-4d1e-9c3a-5b8e2d7f6a10",
    "a b",
    "ab cd", // the whole value must be of the alphabet, not its start
    "ab\ncd",
  ])("%j is hidden", (value) => {
    expect(shownName(value)).toBe(hidden(value));
  });
});

describe("shownValue", () => {
  test.each(["qwen-plus", "10.0.0.1", "a-sk-b", "16-chars-exactly"])("%j is shown", (value) => {
    expect(shownValue(value)).toBe(JSON.stringify(value));
  });

  test.each(["sk-abc", "17-chars-is-long-", "abcdefghijkl", "a b"])("%j is hidden", (value) => {
    expect(shownValue(value)).toBe(hidden(value));
  });
});
