/**
 * The part of Terraform's plugin protocol (version 6, `tfplugin6`) and of go-plugin's own services
 * the stand-in provider answers, written here as a protobufjs JSON descriptor from the protocol's
 * documentation (hashicorp/terraform docs/plugin-protocol). Only the messages and fields that are
 * read or written are declared: protobuf skips unknown fields, so a newer terraform that sends more
 * still decodes. Field numbers are the protocol's; names only matter for the service paths
 * (`/tfplugin6.Provider/PlanResourceChange`, `/plugin.GRPCController/Shutdown`). ./codec encodes and
 * decodes messages from it; it stays in protobufjs's JSON descriptor shape so it reads like the spec.
 */
type Fields = Record<string, { type: string; id: number; rule?: "repeated"; keyType?: string }>;

const msg = (fields: Fields, nested?: Record<string, unknown>) => (nested ? { fields, nested } : { fields });
const f = (type: string, id: number) => ({ type, id });
const many = (type: string, id: number) => ({ type, id, rule: "repeated" as const });
const map = (type: string, id: number) => ({ type, id, keyType: "string" });
const empty = () => msg({});
/** A `Request`/`Response` pair nested in a message named after its RPC. */
const rpc = (request: Fields, response: Fields) => ({ nested: { Request: msg(request), Response: msg(response) } });

const DIAGNOSTICS = (id: number) => many("Diagnostic", id);

const TFPLUGIN6 = {
  DynamicValue: msg({ msgpack: f("bytes", 1), json: f("bytes", 2) }),
  Diagnostic: msg(
    { severity: f("Severity", 1), summary: f("string", 2), detail: f("string", 3), attribute: f("AttributePath", 4) },
    { Severity: { values: { INVALID: 0, ERROR: 1, WARNING: 2 } } },
  ),
  AttributePath: msg(
    { steps: many("Step", 1) },
    { Step: { oneofs: { selector: { oneof: ["attribute_name", "element_key_string", "element_key_int"] } }, fields: { attribute_name: f("string", 1), element_key_string: f("string", 2), element_key_int: f("int64", 3) } } },
  ),
  StringKind: { values: { PLAIN: 0, MARKDOWN: 1 } },
  Schema: msg(
    { version: f("int64", 1), block: f("Block", 2) },
    {
      Block: msg({
        version: f("int64", 1),
        attributes: many("Attribute", 2),
        block_types: many("NestedBlock", 3),
        description: f("string", 4),
        description_kind: f("StringKind", 5),
        deprecated: f("bool", 6),
      }),
      Attribute: msg({
        name: f("string", 1),
        type: f("bytes", 2),
        nested_type: f("Object", 10),
        description: f("string", 3),
        required: f("bool", 4),
        optional: f("bool", 5),
        computed: f("bool", 6),
        sensitive: f("bool", 7),
        description_kind: f("StringKind", 8),
        deprecated: f("bool", 9),
        write_only: f("bool", 11),
      }),
      NestedBlock: msg(
        { type_name: f("string", 1), block: f("Block", 2), nesting: f("NestingMode", 3), min_items: f("int64", 4), max_items: f("int64", 5) },
        { NestingMode: { values: { INVALID: 0, SINGLE: 1, LIST: 2, SET: 3, MAP: 4, GROUP: 5 } } },
      ),
      Object: msg({ attributes: many("Attribute", 1), nesting: f("NestingMode", 3) }, { NestingMode: { values: { INVALID: 0, SINGLE: 1, LIST: 2, SET: 3, MAP: 4 } } }),
    },
  ),
  ServerCapabilities: msg({ plan_destroy: f("bool", 1), get_provider_schema_optional: f("bool", 2), move_resource_state: f("bool", 3) }),
  TypeName: msg({ type_name: f("string", 1) }),
  GetMetadata: rpc({}, { server_capabilities: f("ServerCapabilities", 1), diagnostics: DIAGNOSTICS(2), data_sources: many("TypeName", 3), resources: many("TypeName", 4) }),
  GetProviderSchema: rpc(
    {},
    {
      provider: f("Schema", 1),
      resource_schemas: map("Schema", 2),
      data_source_schemas: map("Schema", 3),
      diagnostics: DIAGNOSTICS(4),
      server_capabilities: f("ServerCapabilities", 6),
    },
  ),
  ValidateProviderConfig: rpc({ config: f("DynamicValue", 1) }, { diagnostics: DIAGNOSTICS(2) }),
  ValidateResourceConfig: rpc({ type_name: f("string", 1), config: f("DynamicValue", 2) }, { diagnostics: DIAGNOSTICS(1) }),
  ValidateDataResourceConfig: rpc({ type_name: f("string", 1), config: f("DynamicValue", 2) }, { diagnostics: DIAGNOSTICS(1) }),
  RawState: msg({ json: f("bytes", 1) }),
  UpgradeResourceState: rpc({ type_name: f("string", 1), version: f("int64", 2), raw_state: f("RawState", 3) }, { upgraded_state: f("DynamicValue", 1), diagnostics: DIAGNOSTICS(2) }),
  ConfigureProvider: rpc({ terraform_version: f("string", 1), config: f("DynamicValue", 2) }, { diagnostics: DIAGNOSTICS(1) }),
  ReadResource: rpc({ type_name: f("string", 1), current_state: f("DynamicValue", 2), private: f("bytes", 3) }, { new_state: f("DynamicValue", 1), diagnostics: DIAGNOSTICS(2), private: f("bytes", 3) }),
  PlanResourceChange: rpc(
    { type_name: f("string", 1), prior_state: f("DynamicValue", 2), proposed_new_state: f("DynamicValue", 3), config: f("DynamicValue", 4), prior_private: f("bytes", 5) },
    { planned_state: f("DynamicValue", 1), planned_private: f("bytes", 3), diagnostics: DIAGNOSTICS(4) },
  ),
  ImportResourceState: {
    nested: {
      Request: msg({ type_name: f("string", 1), id: f("string", 2) }),
      ImportedResource: msg({ type_name: f("string", 1), state: f("DynamicValue", 2), private: f("bytes", 3) }),
      Response: msg({ imported_resources: many("ImportedResource", 1), diagnostics: DIAGNOSTICS(2) }),
    },
  },
  ReadDataSource: rpc({ type_name: f("string", 1), config: f("DynamicValue", 2) }, { state: f("DynamicValue", 1), diagnostics: DIAGNOSTICS(2) }),
  StopProvider: rpc({}, { Error: f("string", 1) }),
  Provider: {
    methods: Object.fromEntries(
      [
        "GetMetadata",
        "GetProviderSchema",
        "ValidateProviderConfig",
        "ValidateResourceConfig",
        "ValidateDataResourceConfig",
        "UpgradeResourceState",
        "ConfigureProvider",
        "ReadResource",
        "PlanResourceChange",
        "ImportResourceState",
        "ReadDataSource",
        "StopProvider",
      ].map((name) => [name, { requestType: `${name}.Request`, responseType: `${name}.Response` }]),
    ),
  },
};

/** go-plugin's services: graceful shutdown, and the stdio and broker streams its client opens. */
const GO_PLUGIN = {
  Empty: empty(),
  StdioData: msg({ channel: f("int32", 1), data: f("bytes", 2) }),
  ConnInfo: msg({ service_id: f("uint32", 1), network: f("string", 2), address: f("string", 3) }),
  GRPCController: { methods: { Shutdown: { requestType: "Empty", responseType: "Empty" } } },
  GRPCStdio: { methods: { StreamStdio: { requestType: "Empty", responseType: "StdioData", responseStream: true } } },
  GRPCBroker: { methods: { StartStream: { requestType: "ConnInfo", requestStream: true, responseType: "ConnInfo", responseStream: true } } },
};

export const DESCRIPTOR = { nested: { tfplugin6: { nested: TFPLUGIN6 }, plugin: { nested: GO_PLUGIN } } };
