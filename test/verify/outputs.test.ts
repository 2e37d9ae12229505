import { TerraformOutput, TerraformStack } from "cdktf";
import { buildExampleApp } from "../../examples/app";
import {
  VerifyConfigError,
  VerifyErrorCode,
  parseOutputs,
  parseOutputsJson,
  targetsFromOutputs,
} from "cdktf-dashscope-privatelink/verify";

const CUSTOM = "vpc-ap-southeast-1.dashscope.aliyuncs.com";
const ENDPOINT = "ep-abc123.dashscope.ap-southeast-1.privatelink.aliyuncs.com";

function configError(run: () => unknown): VerifyConfigError {
  try {
    run();
  } catch (err) {
    if (err instanceof VerifyConfigError) return err;
    throw err;
  }
  throw new Error("expected a VerifyConfigError");
}

describe("parseOutputs", () => {
  test("reads a cdktf --outputs-file with one stack", () => {
    const outputs = parseOutputs({
      "single-region": {
        endpoint_id: "ep-abc123",
        endpoint_domain: ENDPOINT,
        custom_domain: CUSTOM,
        endpoint_region: "ap-southeast-1",
        endpoint_zone_ips: ["10.0.1.5", "10.0.2.6"],
      },
    });
    expect(outputs).toEqual({
      format: "cdktf",
      stack: "single-region",
      customDomain: CUSTOM,
      endpointDomain: ENDPOINT,
      endpointZoneIps: ["10.0.1.5", "10.0.2.6"],
    });
  });

  test("finds outputs nested under construct ids and picks the stack named by --stack", () => {
    const file = {
      "single-region": { endpoint_domain: "ep-other.dashscope.ap-southeast-1.privatelink.aliyuncs.com" },
      "cross-region": { access: { endpoint: { endpoint_domain: ENDPOINT, endpoint_zone_ips: "10.0.1.5, 10.0.2.6" } }, custom_domain: CUSTOM },
    };
    const outputs = parseOutputs(file, "cross-region");
    expect(outputs.endpointDomain).toBe(ENDPOINT);
    expect(outputs.customDomain).toBe(CUSTOM);
    expect(outputs.endpointZoneIps).toEqual(["10.0.1.5", "10.0.2.6"]);
  });

  test("reads terraform output -json", () => {
    const outputs = parseOutputsJson(
      JSON.stringify({
        custom_domain: { sensitive: false, type: "string", value: CUSTOM },
        endpoint_domain: { sensitive: false, type: "string", value: ENDPOINT },
        endpoint_zone_ips: { sensitive: false, type: ["list", "string"], value: ["10.0.1.5"] },
      }),
    );
    expect(outputs).toEqual({ format: "terraform", stack: undefined, customDomain: CUSTOM, endpointDomain: ENDPOINT, endpointZoneIps: ["10.0.1.5"] });
  });

  test("asks for --stack when the file has several stacks", () => {
    const err = configError(() => parseOutputs({ a: { endpoint_domain: ENDPOINT }, b: { endpoint_domain: ENDPOINT } }));
    expect(err.code).toBe(VerifyErrorCode.OUTPUTS_INVALID);
    expect(err.message).toMatch(/^config: the outputs file has 2 stacks; say which with `stack` — its stacks: a, b$/);
  });

  test("names the stacks when --stack is not in the file", () => {
    expect(configError(() => parseOutputs({ a: { endpoint_domain: ENDPOINT } }, "b")).message).toMatch(/has no stack "b" — its stacks: a/);
  });

  test("rejects a stack without the domain outputs", () => {
    const err = configError(() => parseOutputs({ app: { something: "else" } }));
    expect(err.message).toMatch(/\(stack app\) has neither custom_domain nor endpoint_domain/);
  });

  test("rejects two outputs of the same name in one stack", () => {
    const err = configError(() => parseOutputs({ s: { a: { endpoint_domain: ENDPOINT }, b: { endpoint_domain: ENDPOINT } } }));
    expect(err.message).toMatch(/has 2 outputs named endpoint_domain \(a\.endpoint_domain, b\.endpoint_domain\)/);
  });

  test("rejects text that is not JSON", () => {
    expect(configError(() => parseOutputsJson("not json", undefined, "--outputs x.json")).message).toMatch(/^config: --outputs x\.json is not JSON/);
    expect(configError(() => parseOutputsJson("not json")).message).toMatch(/^config: the outputs file is not JSON/);
  });
});

describe("targetsFromOutputs", () => {
  test("verifies the custom domain over HTTPS first, then the endpoint domain over HTTP, both against the zone IPs", () => {
    const targets = targetsFromOutputs({ format: "cdktf", customDomain: CUSTOM, endpointDomain: ENDPOINT, endpointZoneIps: ["10.0.1.5"] });
    expect(targets).toEqual([
      { baseUrl: `https://${CUSTOM}/compatible-mode/v1`, expectedIps: ["10.0.1.5"], kind: "custom-domain" },
      { baseUrl: `http://${ENDPOINT}/compatible-mode/v1`, expectedIps: ["10.0.1.5"], kind: "endpoint-domain" },
    ]);
  });

  test("puts non-default ports into the URLs", () => {
    const targets = targetsFromOutputs({ format: "cdktf", customDomain: CUSTOM, endpointDomain: ENDPOINT, endpointZoneIps: [] }, { httpsPort: 8443, httpPort: 8080 });
    expect(targets.map((t) => t.baseUrl)).toEqual([`https://${CUSTOM}:8443/compatible-mode/v1`, `http://${ENDPOINT}:8080/compatible-mode/v1`]);
    expect(targets[0].expectedIps).toBeUndefined();
  });
});

describe("the example stacks' outputs", () => {
  test("are what the verifier reads, in the nesting cdktf --outputs-file writes", () => {
    // cdktf writes each output under its construct path below the stack: build that file.
    const app = buildExampleApp({ outdir: "cdktf.out" });
    const file: Record<string, Record<string, unknown>> = {};
    const fake: Record<string, unknown> = {
      endpoint_id: "ep-abc123",
      endpoint_domain: ENDPOINT,
      custom_domain: CUSTOM,
      endpoint_region: "ap-southeast-1",
      endpoint_zone_ips: ["10.0.1.5", "10.0.2.6"],
    };
    const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
    for (const stack of stacks) {
      const root: Record<string, unknown> = (file[stack.node.id] = {});
      for (const output of stack.node.findAll().filter((c): c is TerraformOutput => c instanceof TerraformOutput)) {
        const segments = output.node.path.split("/").slice(1);
        let node = root;
        for (const seg of segments.slice(0, -1)) node = (node[seg] ??= {}) as Record<string, unknown>;
        node[segments[segments.length - 1]] = fake[output.node.id];
      }
    }
    expect(stacks.length).toBeGreaterThan(0);
    // A stack with two hubs (data-residency) has only prefixed outputs: read with --output-prefix.
    const unprefixed = stacks.filter((stack) => stack.node.findAll().some((c) => c instanceof TerraformOutput && c.node.id === "endpoint_id"));
    expect(unprefixed.length).toBeGreaterThan(0);
    for (const stack of unprefixed) {
      expect(parseOutputs(file, stack.node.id)).toEqual({
        format: "cdktf",
        stack: stack.node.id,
        customDomain: CUSTOM,
        endpointDomain: ENDPOINT,
        endpointZoneIps: ["10.0.1.5", "10.0.2.6"],
      });
    }
  });
});
