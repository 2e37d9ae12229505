// The one shape of every validation message (code, problem, received, allowed, fix), how a received
// value is rendered, the construct path an error names, and what counts as a DashScopeValidationError.
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { DashScopeEndpoint } from "../../lib/endpoint";
import { DashScopePrivateZone } from "../../lib/dns";
import { DashScopeValidationError, ValidationCode, isDashScopeValidationError } from "../../lib/validation";
import { fixture, props, validationError } from "../endpoint/helpers";

const endpoint = { endpointDomain: "ep-1.dashscope.ap-southeast-1.privatelink.aliyuncs.com", customDomain: "vpc-ap-southeast-1.dashscope.aliyuncs.com", region: { regionId: "ap-southeast-1" } };

describe("the message of a DashScopeValidationError", () => {
  test("one issue: the construct path, then the code and the four parts, each ending in a full stop", () => {
    const { stack, provider } = fixture();
    const error = validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, { ports: [443, 0] })));
    expect(error.name).toBe("DashScopeValidationError");
    expect(error.code).toBe(ValidationCode.PORT_INVALID);
    expect(error.constructPath).toBe("test/Endpoint");
    expect(error.message).toBe(
      "test/Endpoint: [DSPL_PORT_INVALID] ports[1] is not a TCP port. Received: 0. Allowed: an integer from 1 to 65535. " +
        "Fix: use the port the endpoint listens on: 443 for HTTPS on the custom domain, 80 for HTTP on the default domain.",
    );
  });

  test("several issues: a count, then one indented line per issue; the code is the first issue's", () => {
    const { stack, provider } = fixture();
    const error = validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, { ports: [443, 0], endpointName: "9" })));
    expect(error.code).toBe(ValidationCode.PORT_INVALID);
    expect(error.issues.map((i) => i.code)).toEqual([ValidationCode.PORT_INVALID, ValidationCode.NAME_INVALID]);
    expect(error.message.split("\n")).toEqual([
      "test/Endpoint: 2 problems:",
      expect.stringMatching(/^ {2}- \[DSPL_PORT_INVALID\] ports\[1\] is not a TCP port\. Received: 0\. .*\.$/),
      expect.stringMatching(/^ {2}- \[DSPL_NAME_INVALID\] endpointName would be rejected by the Alibaba Cloud API\. Received: "9"\. .* Fix: rename it\.$/),
    ]);
  });

  test("a construct at the root of the app is named by its id alone", () => {
    const app = Testing.app();
    const error = validationError(() => new DashScopePrivateZone(app, "Dns", { endpoint, zoneName: "dns_zone.example.com" }));
    expect(error.constructPath).toBe("Dns");
    expect(error.message).toMatch(/^Dns: \[DSPL_DNS_NAME_INVALID\] zoneName contains an underscore/);
  });

  test("an error needs at least one issue", () => {
    expect(() => new DashScopeValidationError("Stack/X", [])).toThrow(new RangeError("DashScopeValidationError needs at least one issue"));
  });
});

describe("how a received value is rendered", () => {
  test("nothing, a token, a string in quotes, other values as JSON, and what JSON cannot show as text", () => {
    const { stack, provider } = fixture();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const port = new TerraformVariable(stack, "port", { type: "number" }).numberValue;
    const error = validationError(
      () =>
        new DashScopeEndpoint(stack, "Endpoint", props(provider, { ports: [undefined, "8443", [80], () => 80, BigInt(80), circular, port, 443] as unknown as number[] })),
    );
    expect(error.issues.filter((i) => i.code === ValidationCode.PORT_INVALID).map((i) => [i.problem, i.received])).toEqual([
      ["ports[0] is not a TCP port", "nothing"],
      ["ports[1] is not a TCP port", '"8443"'],
      ["ports[2] is not a TCP port", "[80]"],
      ["ports[3] is not a TCP port", "() => 80"],
      ["ports[4] is not a TCP port", "80"],
      ["ports[5] is not a TCP port", "[object Object]"],
    ]);
  });

  test("a token where a literal is needed is shown as an unresolved token, not as its markers", () => {
    const { stack, provider } = fixture();
    const region = new TerraformVariable(stack, "region", { type: "string" }).stringValue;
    const error = validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider, { region })));
    expect(error.issues[0].received).toBe("an unresolved token");
    expect(error.message).not.toMatch(/\$\{|TfToken/);
  });
});

describe("isDashScopeValidationError", () => {
  const BRAND = Symbol.for("cdktf-dashscope-privatelink.DashScopeValidationError");

  test("needs an object with the brand set to true and a string code", () => {
    expect(isDashScopeValidationError(null)).toBe(false);
    expect(isDashScopeValidationError(undefined)).toBe(false);
    expect(isDashScopeValidationError(Object.assign(new Error("x"), { [BRAND]: true, code: "DSPL_PORT_INVALID" }))).toBe(true);
    expect(isDashScopeValidationError({ [BRAND]: true, code: "DSPL_PORT_INVALID" })).toBe(true);
    expect(isDashScopeValidationError({ [BRAND]: "yes", code: "DSPL_PORT_INVALID" })).toBe(false);
    expect(isDashScopeValidationError({ [BRAND]: true, code: 7 })).toBe(false);
    expect(isDashScopeValidationError({ [BRAND]: true })).toBe(false);
  });

  test("a thrown error of this package is one, also by instanceof; its brand is not an enumerable property", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const error = validationError(() => new DashScopePrivateZone(stack, "Dns", { endpoint, zoneName: "UPPER.example.com" }));
    expect(isDashScopeValidationError(error)).toBe(true);
    expect(error).toBeInstanceOf(DashScopeValidationError);
    expect(error).toBeInstanceOf(Error);
    expect((error as unknown as Record<symbol, unknown>)[BRAND]).toBe(true);
    expect(Object.prototype.propertyIsEnumerable.call(error, BRAND)).toBe(false);
    // So a copy of its fields is not one.
    expect(isDashScopeValidationError({ ...error })).toBe(false);
  });
});
