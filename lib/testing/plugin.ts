/**
 * The stand-in provider: a Terraform plugin (protocol 6 over gRPC, go-plugin handshake) that serves a
 * pinned provider schema and answers the RPCs `validate` and `plan` make, so that terraform core can
 * check a configuration without the real provider binary or credentials. It never creates, reads or
 * changes anything real: validation adds only deprecation warnings, a plan is the proposed state with
 * every unset computed attribute unknown, a data source returns placeholders of the right types.
 *
 * Started by terraform as `node plugin-main.js <schema.json>` (through the launcher script the driver
 * puts into a filesystem mirror). Loads node:http2, @msgpack/msgpack and the schema: never the CDK core.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CtyValue, decodeValue, encodeValue, fromJson } from "./cty";
import { serviceMethods } from "./codec";
import { JsonSchema, ProviderSchema, deprecatedPaths, emptyObject, fillComputed, loadProviderSchema, schemaMessage } from "./schema";
import { GrpcServerOptions, Route, startGrpcServer } from "./grpc-server";
import { selfSignedCertificate } from "./tls";

/** go-plugin's magic cookie for Terraform providers: a plugin started any other way says so and exits. */
export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const CORE_PROTOCOL = 1;
const APP_PROTOCOL = 6;

type Request = Record<string, any>;
type Handler = (request: Request) => Record<string, unknown>;
type Diagnostic = { severity: "ERROR" | "WARNING"; summary: string; detail?: string; attribute?: unknown };

const dynamic = (value: CtyValue) => ({ msgpack: encodeValue(value) });
const error = (summary: string, detail: string): Diagnostic => ({ severity: "ERROR", summary, detail });

/** The provider's answers, one function per RPC (exported for tests that call them without gRPC). */
export function providerHandlers(schema: ProviderSchema): Record<string, Handler> {
  const resources = schema.resource_schemas ?? {};
  const dataSources = schema.data_source_schemas ?? {};
  const lookup = (table: Record<string, JsonSchema>, what: string, type: string): JsonSchema | Diagnostic =>
    table[type] ?? error(`The stand-in provider has no schema for ${what} ${type}`, `The served schema lists ${Object.keys(table).length} ${what}s; ${type} is not one of them. Pass a fuller schema with --schema.`);

  const deprecations = (s: JsonSchema, config: CtyValue, type: string): Diagnostic[] =>
    deprecatedPaths(s.block, config).map((p) => ({
      severity: "WARNING",
      summary: "Deprecated argument",
      detail: `${type}: the argument "${p.join(".")}" is deprecated in the provider's schema (see its description for the replacement).`,
      attribute: p.length === 1 ? { steps: [{ attribute_name: p[0] }] } : undefined,
    }));

  const validate = (table: Record<string, JsonSchema>, what: string) => (req: Request) => {
    const s = lookup(table, what, req.type_name);
    if ("severity" in s) return { diagnostics: [s] };
    return { diagnostics: deprecations(s, decodeValue(req.config?.msgpack), req.type_name) };
  };

  return {
    GetMetadata: () => ({
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: true },
      resources: Object.keys(resources).map((type_name) => ({ type_name })),
      data_sources: Object.keys(dataSources).map((type_name) => ({ type_name })),
    }),
    GetProviderSchema: () => ({
      provider: schemaMessage(schema.provider),
      resource_schemas: Object.fromEntries(Object.entries(resources).map(([k, v]) => [k, schemaMessage(v)])),
      data_source_schemas: Object.fromEntries(Object.entries(dataSources).map(([k, v]) => [k, schemaMessage(v)])),
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: true },
    }),
    ValidateProviderConfig: (req) => ({ diagnostics: deprecations(schema.provider, decodeValue(req.config?.msgpack), "provider") }),
    ValidateResourceConfig: validate(resources, "resource type"),
    ValidateDataResourceConfig: validate(dataSources, "data source"),
    ConfigureProvider: () => ({ diagnostics: [] }),
    UpgradeResourceState: (req) => ({ upgraded_state: dynamic(req.raw_state?.json?.length ? fromJson(req.raw_state.json) : null), diagnostics: [] }),
    ReadResource: (req) => ({ new_state: req.current_state, private: req.private, diagnostics: [] }),
    PlanResourceChange: (req) => {
      const s = lookup(resources, "resource type", req.type_name);
      if ("severity" in s) return { diagnostics: [s] };
      const proposed = decodeValue(req.proposed_new_state?.msgpack);
      return { planned_state: dynamic(fillComputed(s.block, proposed, "unknown")), planned_private: req.prior_private, diagnostics: [] };
    },
    // An import block: the object cannot be read, so its state is its id alone; the plan then shows
    // the configured arguments as an in-place update of the imported object.
    ImportResourceState: (req) => {
      const s = lookup(resources, "resource type", req.type_name);
      if ("severity" in s) return { diagnostics: [s] };
      return { imported_resources: [{ type_name: req.type_name, state: dynamic(emptyObject(s.block, req.id)) }], diagnostics: [] };
    },
    ReadDataSource: (req) => {
      const s = lookup(dataSources, "data source", req.type_name);
      if ("severity" in s) return { diagnostics: [s] };
      return { state: dynamic(fillComputed(s.block, decodeValue(req.config?.msgpack), "placeholder")), diagnostics: [] };
    },
    StopProvider: () => ({ Error: "" }),
  };
}

/** Refuses to run outside terraform, as go-plugin plugins do. */
function checkCookie(): void {
  if (process.env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE) return;
  process.stderr.write(
    "This is the stand-in for the aliyun/alicloud Terraform provider from cdktf-dashscope-privatelink/testing.\n" +
      "Terraform starts it; it is not meant to be run directly (use dashscope-privatelink-tfcheck).\n",
  );
  process.exit(1);
}

function negotiate(): number {
  const offered = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? String(APP_PROTOCOL)).split(",").map(Number);
  if (offered.includes(APP_PROTOCOL)) return APP_PROTOCOL;
  process.stderr.write(`stand-in provider: terraform offers plugin protocol versions ${offered.join(",")}; this plugin speaks only ${APP_PROTOCOL} (terraform >= 1.0)\n`);
  process.exit(1);
}

/** Starts the plugin: listens on a unix socket and prints go-plugin's handshake line on stdout. */
export function servePlugin(schemaFile: string): void {
  checkCookie();
  const version = negotiate();
  const handlers = providerHandlers(loadProviderSchema(schemaFile));
  let server: { close: () => void } | undefined;
  const shutdown = () => {
    server?.close();
    setImmediate(() => process.exit(0));
  };
  const routes: Route[] = [
    ...serviceMethods("tfplugin6.Provider").map((method) => ({ method, handle: handlers[method.name] })),
    ...serviceMethods("plugin.GRPCController").map((method) => ({ method, handle: () => (setTimeout(shutdown, 10), {}) })),
    // go-plugin's client opens these streams at connection; the stand-in has nothing to send on them.
    ...serviceMethods("plugin.GRPCStdio").map((method) => ({ method })),
    ...serviceMethods("plugin.GRPCBroker").map((method) => ({ method })),
  ];

  let tls: GrpcServerOptions["tls"];
  let cert = "";
  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  if (clientCert) {
    const own = selfSignedCertificate();
    tls = { key: own.keyPem, cert: own.certPem, clientCa: clientCert };
    cert = own.handshake;
  }
  const dir = fs.mkdtempSync(path.join(process.env.PLUGIN_UNIX_SOCKET_DIR || os.tmpdir(), "plugin"));
  const socket = path.join(dir, "alicloud.sock");
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  startGrpcServer({ socket, routes, tls }).then(
    (s) => {
      server = s;
      process.stdout.write(`${CORE_PROTOCOL}|${version}|unix|${socket}|grpc|${cert}\n`);
    },
    (err: Error) => {
      process.stderr.write(`stand-in provider: cannot listen on ${socket}: ${err.message}\n`);
      process.exit(1);
    },
  );
  // If terraform dies without calling Shutdown, do not linger.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && shutdown(), 1000).unref();
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", () => undefined); // terraform forwards ^C as Stop/Shutdown; do not die first
}
