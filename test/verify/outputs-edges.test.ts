// Reading a deployment's outputs at the edges (lib/verify/outputs.ts): which shape counts as which
// format, how values are cleaned, the hub prefixes, and every error's exact words.
import { type DeploymentOutputs, parseOutputs, targetsFromOutputs } from "cdktf-dashscope-privatelink/verify";

const CUSTOM = "vpc-ap-southeast-1.dashscope.aliyuncs.com";
const EP = "ep-abc123.dashscope.ap-southeast-1.privatelink.aliyuncs.com";
const tf = (value: unknown, extra: Record<string, unknown> = { type: "string" }) => ({ value, ...extra });

function message(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toMatchObject({ code: "DSV_OUTPUTS_INVALID", layer: "config" });
    return (err as Error).message;
  }
  throw new Error("expected an error");
}

describe("the file's shape", () => {
  test.each([[[]], ["text"], [null], [7]])("%j is not a JSON object", (json) => {
    expect(message(() => parseOutputs(json, undefined, "--outputs o.json"))).toBe("config: --outputs o.json is not a JSON object");
  });

  test("terraform output -json: an entry with value and type or sensitive; --stack is irrelevant there", () => {
    expect(parseOutputs({ custom_domain: tf(CUSTOM, { sensitive: false }), other: 1 }, "ignored")).toEqual({
      format: "terraform",
      stack: undefined,
      customDomain: CUSTOM,
      endpointDomain: undefined,
      endpointZoneIps: [],
    });
    expect(parseOutputs({ endpoint_domain: tf(EP), endpoint_zone_ips: "not an output entry" })).toMatchObject({ format: "terraform", endpointDomain: EP, endpointZoneIps: [] });
    expect(parseOutputs({ cn_beijing_endpoint_domain: tf(EP), endpoint_domain: tf("ep-other.example") }, undefined, undefined, "cn_beijing")).toMatchObject({ endpointDomain: EP });
  });

  test("an entry with a value but neither type nor sensitive is not terraform's: it is read as nesting", () => {
    expect(message(() => parseOutputs({ custom_domain: { value: CUSTOM } }))).toBe(
      "config: the outputs file has neither custom_domain nor endpoint_domain — is this the outputs file of a stack built with this library, written after a successful deploy?",
    );
  });

  test("one stack's outputs without the stack level", () => {
    expect(parseOutputs({ endpoint_domain: EP })).toEqual({ format: "cdktf", stack: undefined, customDomain: undefined, endpointDomain: EP, endpointZoneIps: [] });
    expect(parseOutputs({ custom_domain: CUSTOM })).toMatchObject({ format: "cdktf", customDomain: CUSTOM });
    expect(message(() => parseOutputs({ cn_beijing_endpoint_domain: EP, ap_southeast_1_custom_domain: CUSTOM, cn_beijing_custom_domain: CUSTOM }))).toBe(
      "config: the outputs file holds 2 hub(s) with prefixed outputs: ap_southeast_1, cn_beijing — say which with `prefix`",
    );
  });

  test("stacks: none, one, several, and one --stack names", () => {
    expect(message(() => parseOutputs({ a: "x" }))).toBe("config: the outputs file has 0 stacks; say which with `stack` — its stacks: none");
    expect(parseOutputs({ a: "x", only: { endpoint_domain: EP } })).toMatchObject({ stack: "only", endpointDomain: EP });
    expect(message(() => parseOutputs({}, "s"))).toBe('config: the outputs file has no stack "s" — its stacks: none');
    expect(message(() => parseOutputs({ a: { endpoint_domain: EP }, s: "not a stack" }, "s"))).toBe('config: the outputs file has no stack "s" — its stacks: a, s');
  });

  test("hub prefixes found anywhere in the stack, each once, sorted; a bare suffix is no hub", () => {
    expect(message(() => parseOutputs({ s: { z: { eu_central_1_endpoint_domain: EP, eu_central_1_custom_domain: CUSTOM }, a_custom_domain: CUSTOM } }))).toBe(
      "config: the outputs file (stack s) holds 2 hub(s) with prefixed outputs: a, eu_central_1 — say which with `prefix`",
    );
    expect(message(() => parseOutputs({ s: { _endpoint_domain: EP, x_endpoint_domainx: EP } }))).toBe(
      "config: the outputs file (stack s) has neither custom_domain nor endpoint_domain — is this the outputs file of a stack built with this library, written after a successful deploy?",
    );
  });

  test("a prefix that is not there", () => {
    expect(message(() => parseOutputs({ s: { a_endpoint_domain: EP } }, undefined, undefined, "b"))).toBe(
      'config: the outputs file (stack s) has no outputs of the hub "b" (no b_custom_domain nor b_endpoint_domain) — the hubs present: a (pass one as `prefix`)',
    );
    expect(message(() => parseOutputs({ s: { endpoint_domain: EP } }, undefined, undefined, "b"))).toBe(
      'config: the outputs file (stack s) has no outputs of the hub "b" (no b_custom_domain nor b_endpoint_domain) — the file has no prefixed hub outputs: leave `prefix` out',
    );
  });
});

describe("the values", () => {
  test("names are trimmed, lower-cased and lose a trailing dot; null and empty mean absent", () => {
    expect(parseOutputs({ s: { custom_domain: ` ${CUSTOM.toUpperCase()}. `, endpoint_domain: null } })).toMatchObject({ customDomain: CUSTOM, endpointDomain: undefined });
    expect(parseOutputs({ s: { custom_domain: "", endpoint_domain: EP } })).toMatchObject({ customDomain: undefined, endpointDomain: EP });
  });

  test("a name that is not a string", () => {
    expect(message(() => parseOutputs({ s: { endpoint_domain: 5 } }))).toBe("config: the outputs file: endpoint_domain is not a string (got 5)");
    expect(message(() => parseOutputs({ s: { endpoint_domain: [EP] } }))).toBe(`config: the outputs file: endpoint_domain is not a string (got ["${EP}"])`);
  });

  test("endpoint_zone_ips: a list (nested lists flattened), a comma or space separated string, trimmed, blanks dropped", () => {
    const ips = (value: unknown) => parseOutputs({ s: { endpoint_domain: EP, endpoint_zone_ips: value } }).endpointZoneIps;
    expect(ips([" 10.0.1.5 ", ["10.0.2.6", [["10.0.3.7"]]], ""])).toEqual(["10.0.1.5", "10.0.2.6", "10.0.3.7"]);
    expect(ips("10.0.1.5,10.0.2.6  10.0.3.7\n,")).toEqual(["10.0.1.5", "10.0.2.6", "10.0.3.7"]);
    expect(ips(null)).toEqual([]);
    expect(message(() => ips([["10.0.1.5", 7]]))).toBe("config: the outputs file: endpoint_zone_ips holds 7, not an IP");
    expect(message(() => ips(true))).toBe("config: the outputs file: endpoint_zone_ips holds true, not an IP");
    expect(message(() => ips([[[[["10.0.1.5"]]]]]))).toBe('config: the outputs file: endpoint_zone_ips holds ["10.0.1.5"], not an IP');
  });
});

describe("targetsFromOutputs", () => {
  const outputs = (o: Partial<DeploymentOutputs>): DeploymentOutputs => ({ format: "cdktf", endpointZoneIps: [], ...o });
  test("only the outputs present become targets; default ports stay out of the URLs", () => {
    expect(targetsFromOutputs(outputs({ customDomain: CUSTOM }), { httpsPort: 443, httpPort: 8080 })).toEqual([
      { baseUrl: `https://${CUSTOM}/compatible-mode/v1`, expectedIps: undefined, kind: "custom-domain" },
    ]);
    expect(targetsFromOutputs(outputs({ endpointDomain: EP, endpointZoneIps: ["10.0.1.5"] }), { httpsPort: 8443, httpPort: 80 })).toEqual([
      { baseUrl: `http://${EP}/compatible-mode/v1`, expectedIps: ["10.0.1.5"], kind: "endpoint-domain" },
    ]);
    expect(targetsFromOutputs(outputs({}))).toEqual([]);
  });
});
