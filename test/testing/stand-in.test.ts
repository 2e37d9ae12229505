// The stand-in provider's answers and encodings, without terraform: what a plan, a data source
// read and a validation return, the protobuf and msgpack encodings, the AutoMTLS certificate, the
// handshake guard, and the dummy variable values.
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as path from "path";
import { decodeMessageOf, serviceMethods } from "../../lib/testing/codec";
import { UNKNOWN, decodeValue, encodeValue } from "../../lib/testing/cty";
import { fromInitOutput, fromTerraform } from "../../lib/testing/diagnostics";
import { PINNED_SCHEMA } from "../../lib/testing/driver";
import { providerHandlers } from "../../lib/testing/plugin";
import { loadProviderSchema } from "../../lib/testing/schema";
import { selfSignedCertificate } from "../../lib/testing/tls";
import { dummyValue } from "../../lib/testing/variables";

const schema = loadProviderSchema(PINNED_SCHEMA);
const handlers = providerHandlers(schema);
const value = (v: unknown) => ({ msgpack: encodeValue(v as never) });

describe("the stand-in provider's answers", () => {
  test("a plan keeps configured values and makes every unset computed attribute unknown", () => {
    const proposed = { vpc_id: "vpc-1", cidr_block: "10.0.1.0/24", zone_id: "ap-southeast-1a", id: null, create_time: null, description: null };
    const r = handlers.PlanResourceChange({ type_name: "alicloud_vswitch", proposed_new_state: value(proposed) });
    const planned = decodeValue((r.planned_state as { msgpack: Buffer }).msgpack) as Record<string, unknown>;
    expect(planned).toMatchObject({ vpc_id: "vpc-1", cidr_block: "10.0.1.0/24", id: UNKNOWN, create_time: UNKNOWN, description: null });
    expect(r.diagnostics).toEqual([]);
  });

  test("a data source answers with placeholders of each computed attribute's type", () => {
    const r = handlers.ReadDataSource({ type_name: "alicloud_caller_identity", config: value({ id: null, account_id: null }) });
    const state = decodeValue((r.state as { msgpack: Buffer }).msgpack) as Record<string, unknown>;
    expect(state.account_id).toBe("offline-account_id");
    expect(state.id).toBe("offline-id");
  });

  test("validation warns once per deprecated argument set, and only then", () => {
    const set = handlers.ValidateResourceConfig({ type_name: "alicloud_vswitch", config: value({ availability_zone: "ap-southeast-1a", vpc_id: "v" }) });
    expect(set.diagnostics).toEqual([expect.objectContaining({ severity: "WARNING", summary: "Deprecated argument", attribute: { steps: [{ attribute_name: "availability_zone" }] } })]);
    const unset = handlers.ValidateResourceConfig({ type_name: "alicloud_vswitch", config: value({ availability_zone: null, vpc_id: "v" }) });
    expect(unset.diagnostics).toEqual([]);
  });

  test("a type the served schema lacks is an error naming --schema", () => {
    const r = handlers.PlanResourceChange({ type_name: "alicloud_instance", proposed_new_state: value({}) });
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: "ERROR", summary: expect.stringContaining("no schema for resource type alicloud_instance"), detail: expect.stringContaining("--schema") })]);
  });
});

describe("encodings", () => {
  test("an unknown value is msgpack extension 0, as cty writes it; refined unknowns (extension 12) read as unknown", () => {
    expect(encodeValue(UNKNOWN as never).toString("hex")).toBe("d40000");
    expect(decodeValue(Buffer.from("c7020c8100", "hex"))).toBe(UNKNOWN);
  });

  test("the schema message round-trips through the protobuf codec with cty JSON types", () => {
    const method = serviceMethods("tfplugin6.Provider").find((m) => m.name === "GetProviderSchema")!;
    const wire = method.encodeResponse(handlers.GetProviderSchema({}));
    const decoded = decodeMessageOf("tfplugin6.GetProviderSchema.Response", wire) as { resource_schemas: Record<string, { block: { attributes: { name: string; type: Buffer; computed?: boolean }[]; block_types?: { nesting: string }[] } }> };
    const vswitch = decoded.resource_schemas.alicloud_vswitch.block;
    const id = vswitch.attributes.find((a) => a.name === "id")!;
    expect(JSON.parse(id.type.toString())).toBe("string");
    expect(id.computed).toBe(true);
    expect(Object.keys(decoded.resource_schemas).sort()).toEqual(Object.keys(schema.resource_schemas!).sort());
  });

  test("the AutoMTLS certificate is a self-signed P-256 CA for localhost, sent as unpadded base64 DER", () => {
    const own = selfSignedCertificate();
    const x509 = new crypto.X509Certificate(own.certPem);
    expect([x509.subject, x509.subjectAltName, x509.ca, x509.verify(x509.publicKey)]).toEqual(["CN=localhost", "DNS:localhost", true, true]);
    expect(x509.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
    expect(Buffer.from(own.handshake, "base64").equals(x509.raw)).toBe(true);
    expect(own.handshake).not.toMatch(/=$/);
  });

  test("started without terraform's magic cookie, the plugin says what it is and exits 1", () => {
    const main = path.join(__dirname, "..", "..", "dist", "lib", "testing", "plugin-main.js");
    const r = spawnSync(process.execPath, [main, PINNED_SCHEMA], {
      encoding: "utf8",
      env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: "" },
      timeout: 10_000,
      killSignal: "SIGKILL",
    });
    expect([r.status, r.stdout]).toEqual([1, ""]);
    expect(r.stderr).toMatch(/stand-in for the aliyun\/alicloud Terraform provider/);
  });
});

describe("diagnostics", () => {
  test.each([
    ["Unsupported argument", "", "stack"],
    ["Invalid for_each argument", "", "stack"],
    ["Deprecated argument", "alicloud_vswitch: the argument \"availability_zone\" is deprecated", "stack"],
    ["Failed to load plugin schemas", "Unrecognized remote plugin message", "stand-in"],
    ["Provider produced invalid plan", "", "stand-in"],
    ["Request cancelled", "rpc error: code = Unavailable", "stand-in"],
  ])("%s is attributed to the %s", (summary, detail, source) => {
    expect(fromTerraform("validate", { severity: "error", summary, detail }).source).toBe(source);
  });

  test("init's boxed errors become init-phase diagnostics", () => {
    const text = "\n╷\n│ Error: Failed to query available provider packages\n│ \n│ Could not retrieve the list.\n╵\n";
    expect(fromInitOutput(text)).toEqual([{ phase: "init", source: "stand-in", severity: "error", summary: "Failed to query available provider packages", detail: "Could not retrieve the list." }]);
  });
});

describe("dummy values for variables without a default", () => {
  test.each([
    ["string", "vpc_id", "offline-vpc-id"],
    ["string", "endpoint_vpc_cidr", "10.0.0.0/16"],
    ["number", "n", 1],
    ["bool", "b", false],
    ["list(string)", "vswitch_ids", ["offline-vswitch-ids", "offline-vswitch-ids-1"]],
    ["set(string)", "requester_cidrs", ["10.0.0.0/16", "10.1.0.0/16"]],
    ["map(number)", "sizes", { sizes_key: 1 }],
    ["object({ a = string, b = optional(list(bool), []) })", "o", { a: "offline-a", b: [false, false] }],
    ["tuple([string, number])", "t", ["offline-t", 2]],
  ])("%s %s", (type, name, expected) => {
    expect(dummyValue(type, name)).toEqual(expected);
  });

  test("a type it cannot read is an error naming --var-file", () => {
    expect(() => dummyValue("list(", "x")).toThrow(/cannot read the variable type "list\(".*|--var-file/);
  });
});
