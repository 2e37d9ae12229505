import { App, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import {
  DashScopeValidationError,
  ValidationCode,
  checkDnsName,
  checkIngressCidr,
  checkName,
  checkPort,
  checkTags,
  checkZoneInRegion,
  cidrsOverlap,
  forEachRepeat,
  isDashScopeValidationError,
  isIssue,
  parseCidr,
  resolveDashScopeRegion,
  resolveKnownRegion,
  resolveRegion,
  throwIfIssues,
} from "../../lib/validation";
import { DashScopeRegion, isCrossBorder, lookupRegion } from "../../lib/catalog";

function parsed(text: string) {
  const result = parseCidr(text, "cidr");
  if (isIssue(result)) throw new Error(result.problem);
  return result;
}

describe("CIDR checks", () => {
  test("a network address parses to its first and last address", () => {
    expect(parsed("10.1.0.0/16")).toMatchObject({ prefixLength: 16, last: parsed("10.1.255.255/32").first });
  });

  test.each([
    ["10.1.0.0", /is not an IPv4 CIDR block/],
    ["10.1.0.0/33", /is not an IPv4 CIDR block/],
    ["300.1.0.0/16", /is not an IPv4 CIDR block/],
    ["fd00::/8", /is not an IPv4 CIDR block/],
  ])("%s is rejected with DSPL_CIDR_INVALID", (text, problem) => {
    expect(parseCidr(text, "vpcCidrBlock")).toMatchObject({ code: "DSPL_CIDR_INVALID", problem: expect.stringMatching(problem) });
  });

  test("host bits set: the fix names the network address", () => {
    expect(parseCidr("10.1.2.3/16", "vpcCidrBlock")).toMatchObject({
      code: ValidationCode.CIDR_INVALID,
      received: '"10.1.2.3/16"',
      fix: 'write the network address "10.1.0.0/16"',
    });
  });

  test("overlap is symmetric and exact at the edges", () => {
    expect(cidrsOverlap(parsed("10.0.0.0/8"), parsed("10.20.0.0/16"))).toBe(true);
    expect(cidrsOverlap(parsed("10.20.0.0/16"), parsed("10.0.0.0/8"))).toBe(true);
    expect(cidrsOverlap(parsed("10.0.0.0/16"), parsed("10.1.0.0/16"))).toBe(false);
    expect(cidrsOverlap(parsed("192.168.0.0/24"), parsed("192.168.0.255/32"))).toBe(true);
  });

  test("0.0.0.0/0 and anything wider than /8 need the opt-in", () => {
    expect(checkIngressCidr("0.0.0.0/0", "allowedCidrs[0]", false)).toEqual([
      expect.objectContaining({ code: "DSPL_CIDR_TOO_WIDE", problem: "allowedCidrs[0] opens the endpoint to every IPv4 address" }),
    ]);
    expect(checkIngressCidr("8.0.0.0/7", "allowedCidrs[0]", false)).toEqual([
      expect.objectContaining({ code: "DSPL_CIDR_TOO_WIDE", problem: expect.stringMatching(/a \/7, wider than a \/8/) }),
    ]);
    expect(checkIngressCidr("10.0.0.0/8", "allowedCidrs[0]", false)).toEqual([]);
    expect(checkIngressCidr("0.0.0.0/0", "allowedCidrs[0]", true)).toEqual([]);
  });

  test("tokens are skipped, never rejected", () => {
    const stack = new TerraformStack(new App(), "s");
    const cidr = new TerraformVariable(stack, "cidr", { type: "string" }).stringValue;
    const port = new TerraformVariable(stack, "port", { type: "number" }).numberValue;
    expect(checkIngressCidr(cidr, "allowedCidrs[0]", false)).toEqual([]);
    expect(checkPort(port, "ports[0]")).toEqual([]);
    expect(checkDnsName(cidr, "zoneName")).toEqual([]);
  });
});

describe("names, ports, zones and tags", () => {
  test.each([0, 65536, 443.5, Number.NaN])("port %p is rejected", (port) => {
    expect(checkPort(port, "ports[1]")).toEqual([
      expect.objectContaining({ code: "DSPL_PORT_INVALID", allowed: "an integer from 1 to 65535" }),
    ]);
  });

  test("zones belong to their region whatever the naming style", () => {
    expect(checkZoneInRegion("ap-southeast-1a", "ap-southeast-1", "vSwitches[0].zoneId")).toEqual([]);
    expect(checkZoneInRegion("cn-beijing-k", "cn-beijing", "vSwitches[0].zoneId")).toEqual([]);
    expect(checkZoneInRegion("cn-beijing-a", "ap-southeast-1", "vSwitches[0].zoneId")).toEqual([
      expect.objectContaining({ code: "DSPL_ZONE_REGION_MISMATCH", received: '"cn-beijing-a"' }),
    ]);
    // ap-southeast-1 is not a zone of ap-southeast-10, nor the other way round.
    expect(checkZoneInRegion("ap-southeast-10a", "ap-southeast-1", "z")).toHaveLength(1);
  });

  test("the zone form is strict per region family: a hyphen before the letter for cn-* regions only", () => {
    for (const [zone, region] of [["cn-hangzhou-h", "cn-hangzhou"], ["cn-beijing-a", "cn-beijing"], ["cn-hongkong-b", "cn-hongkong"], ["ap-southeast-1a", "ap-southeast-1"], ["eu-central-1a", "eu-central-1"]]) {
      expect(checkZoneInRegion(zone, region, "z")).toEqual([]);
    }
    expect(checkZoneInRegion("ap-southeast-1-a", "ap-southeast-1", "z")).toEqual([
      expect.objectContaining({ code: "DSPL_ZONE_REGION_MISMATCH", received: '"ap-southeast-1-a"', fix: 'write it as "ap-southeast-1a"' }),
    ]);
    expect(checkZoneInRegion("cn-hangzhoua", "cn-hangzhou", "z")).toEqual([
      expect.objectContaining({ code: "DSPL_ZONE_REGION_MISMATCH", received: '"cn-hangzhoua"', fix: 'write it as "cn-hangzhou-a"' }),
    ]);
  });

  test("underscores in DNS names: the documented pitfall, with the fixed name", () => {
    expect(checkDnsName("vpc_ap.dashscope.aliyuncs.com", "zoneName")).toEqual([
      expect.objectContaining({
        code: "DSPL_DNS_NAME_INVALID",
        problem: expect.stringMatching(/contains an underscore/),
        fix: 'replace each "_" with "-": "vpc-ap.dashscope.aliyuncs.com"',
      }),
    ]);
    expect(checkDnsName("vpc-ap-southeast-1.dashscope.aliyuncs.com", "zoneName")).toEqual([]);
    expect(checkDnsName("-bad.example.com", "zoneName")).toHaveLength(1);
    expect(checkDnsName("localhost", "zoneName")).toHaveLength(1);
  });

  test("endpoint names follow the PrivateLink API rules", () => {
    expect(checkName("dashscope-endpoint_1", "endpointName", "endpointName")).toEqual([]);
    expect(checkName("1-endpoint", "endpointName", "endpointName")).toEqual([
      expect.objectContaining({ code: "DSPL_NAME_INVALID", received: '"1-endpoint"' }),
    ]);
    expect(checkName("has.period", "endpointName", "endpointName")).toHaveLength(1);
    expect(checkName("http://x", "securityGroupName", "securityGroupName")).toHaveLength(1);
  });

  test("reserved tag prefixes are rejected", () => {
    expect(checkTags({ "aliyun:owner": "x", team: "acs:y", ok: "fine" }, "tags").map((i) => i.code)).toEqual([
      "DSPL_TAG_INVALID",
      "DSPL_TAG_INVALID",
    ]);
  });
});

describe("regions", () => {
  test("the endpoint regions of the dated catalog", () => {
    expect(DashScopeRegion.builtIns().map((r) => r.regionId)).toEqual(["ap-southeast-1", "cn-beijing"]);
    expect(DashScopeRegion.AP_SOUTHEAST_1.customDomain).toBe("vpc-ap-southeast-1.dashscope.aliyuncs.com");
    expect(DashScopeRegion.CN_BEIJING.customBaseUrl).toBe("https://vpc-cn-beijing.dashscope.aliyuncs.com/compatible-mode/v1");
  });

  test("us-east-1 is explicitly unsupported and the message says why and what to do", () => {
    const issue = resolveDashScopeRegion("us-east-1", "region");
    expect(issue).toMatchObject({
      code: "DSPL_REGION_UNSUPPORTED",
      received: '"us-east-1"',
      allowed: expect.stringMatching(/"ap-southeast-1" \(Singapore\), "cn-beijing" \(China \(Beijing\)\)/),
      fix: expect.stringMatching(/DashScopeRegion\.custom/),
    });
    expect((issue as { problem: string }).problem).toMatch(/not supported in US \(Virginia\)/);
  });

  test("a custom region extends the table without forking", () => {
    const hk = DashScopeRegion.custom({ regionId: "cn-hongkong", customDomain: "vpc-cn-hongkong.dashscope.aliyuncs.com" });
    expect(resolveDashScopeRegion(hk, "region")).toBe(hk);
    expect(hk).toMatchObject({ mainland: false, geographicRegion: "Asia-Pacific", serviceName: "com.aliyuncs.dashscope", builtIn: false });
  });

  test("mainland and cross-border", () => {
    const [bj, sh, sg, hk] = ["cn-beijing", "cn-shanghai", "ap-southeast-1", "cn-hongkong"].map((r) => lookupRegion(r)!);
    expect(isCrossBorder(bj, sh)).toBe(false);
    expect(isCrossBorder(bj, sg)).toBe(true);
    expect(isCrossBorder(sh, hk)).toBe(true);
    // A region newer than the table is understood from its id.
    expect(lookupRegion("cn-xian")).toMatchObject({ mainland: true, geographicRegion: "China" });
    expect(lookupRegion("eu-south-9")).toMatchObject({ mainland: false, geographicRegion: "Europe" });
    expect(resolveRegion("mars-1", "requesters[0].region")).toMatchObject({ code: "DSPL_REGION_INVALID" });
  });
});

describe("DashScopeValidationError", () => {
  test("carries the code, the construct path and every issue", () => {
    const scope = new Construct(new App(), "Stack");
    const issues = [...checkPort(0, "ports[0]"), ...checkIngressCidr("0.0.0.0/0", "allowedCidrs[0]", false)];
    let error: unknown;
    try {
      throwIfIssues(scope, "Endpoint", issues);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DashScopeValidationError);
    expect(error).toMatchObject({ code: "DSPL_PORT_INVALID", constructPath: "Stack/Endpoint" });
    expect((error as Error).message).toMatch(
      /^Stack\/Endpoint: 2 problems:\n {2}- \[DSPL_PORT_INVALID\] ports\[0\] is not a TCP port\. Received: 0\. Allowed: an integer from 1 to 65535\. Fix: .+\.\n {2}- \[DSPL_CIDR_TOO_WIDE\]/,
    );
  });

  test("no issues, no throw", () => {
    expect(() => throwIfIssues(new Construct(new App(), "S"), "E", [])).not.toThrow();
  });
});

describe("isDashScopeValidationError", () => {
  test("recognises errors of another copy of the package (the brand is a global symbol)", () => {
    let Other: any;
    jest.isolateModules(() => {
      Other = require("../../lib/validation/errors").DashScopeValidationError;
    });
    expect(Other).not.toBe(DashScopeValidationError);
    const foreign = new Other("Stack/Endpoint", [{ code: "DSPL_PORT_INVALID", problem: "p", received: "r", allowed: "a", fix: "f" }]);
    expect(isDashScopeValidationError(foreign)).toBe(true);
    expect(foreign instanceof DashScopeValidationError).toBe(true);
    expect(foreign.code).toBe("DSPL_PORT_INVALID");
  });

  test("rejects look-alikes without the brand", () => {
    const lookalike = Object.assign(new Error("x"), { code: "DSPL_PORT_INVALID", issues: [] });
    expect(isDashScopeValidationError(lookalike)).toBe(false);
    expect(lookalike instanceof DashScopeValidationError).toBe(false);
    expect(isDashScopeValidationError(undefined)).toBe(false);
    expect(isDashScopeValidationError("DSPL_PORT_INVALID")).toBe(false);
  });
});

describe("forEachRepeat", () => {
  test("reports each repeat against the first occurrence and skips undefined keys", () => {
    const seen: Array<[number, number, string]> = [];
    forEachRepeat(["a", "b", "a", "x", "a", "b"], (v) => (v === "x" ? undefined : v), (first, i, key) => seen.push([first, i, key]));
    expect(seen).toEqual([
      [0, 2, "a"],
      [0, 4, "a"],
      [1, 5, "b"],
    ]);
  });
});

describe("region ids", () => {
  test("a near miss of a known region gets a did-you-mean", () => {
    expect(resolveKnownRegion("ap-northeast1", "transitRouterIds key")).toMatchObject({
      code: "DSPL_REGION_INVALID",
      problem: expect.stringMatching(/did you mean "ap-northeast-1"\?/),
      fix: 'write "ap-northeast-1"',
    });
    expect(resolveKnownRegion("ap-northeast-1", "key")).toMatchObject({ regionId: "ap-northeast-1" });
  });
});

describe("the PrivateLink service is data, apart from the region table", () => {
  test("DashScope regions carry DASHSCOPE_SERVICE; another service is one entry, and the endpoint follows it", () => {
    const { DASHSCOPE_SERVICE, PrivateLinkService } = require("../../lib/catalog");
    expect(DashScopeRegion.AP_SOUTHEAST_1.service).toBe(DASHSCOPE_SERVICE);
    expect(DashScopeRegion.AP_SOUTHEAST_1.customDomain).toBe("vpc-ap-southeast-1.dashscope.aliyuncs.com");
    const other = PrivateLinkService.of({
      serviceName: "com.aliyuncs.example",
      label: "Example Service",
      shortLabel: "Example",
      namePrefix: "example",
      ports: [443, 8443],
      customDomainPort: 443,
      customDomain: (regionId: string) => `vpc-${regionId}.example.aliyuncs.com`,
    });
    const region = DashScopeRegion.custom({ regionId: "ap-southeast-1", service: other });
    expect(region).toMatchObject({ serviceName: "com.aliyuncs.example", customDomain: "vpc-ap-southeast-1.example.aliyuncs.com" });
    const { DashScopeEndpoint } = require("../../lib/endpoint");
    const { AlicloudProvider } = require("../../.gen/providers/alicloud/provider");
    const stack = new TerraformStack(new App(), "svc");
    const provider = new AlicloudProvider(stack, "p", { region: "ap-southeast-1", alias: "p" });
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", {
      region,
      provider,
      vpcId: "vpc-1",
      vpcCidrBlock: "10.0.0.0/16",
      vSwitches: [
        { vSwitchId: "vsw-a", zoneId: "ap-southeast-1a" },
        { vSwitchId: "vsw-b", zoneId: "ap-southeast-1b" },
      ],
    });
    expect(endpoint.ports).toEqual([443, 8443]);
    expect(endpoint.endpointName).toBe("example-svc-Endpoint");
    expect(endpoint.serviceName).toBe("com.aliyuncs.example");
  });
});
