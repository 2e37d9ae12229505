import { TerraformOutput, TerraformStack } from "../cdk";
import { Construct } from "constructs";
import { ENDPOINT_OUTPUT_NAMES, EndpointOutputNames, endpointOutputNames } from "../catalog";
import { ValidationCode, issue, show, throwIfIssues } from "../validation";
import { IDashScopeEndpoint } from "./types";

export interface DashScopeEndpointOutputsProps {
  /** The endpoint to describe. */
  readonly endpoint: IDashScopeEndpoint;
  /**
   * Prefixes every output name (`<prefix>_endpoint_id`, ...) so that two hubs can share a stack;
   * `dashscope-verify --output-prefix <prefix>` then picks one hub. Letters, digits and underscores,
   * starting with a letter, e.g. `cn_beijing`.
   * @default - no prefix: `endpoint_id`, `endpoint_domain`, ...
   */
  readonly prefix?: string;
}

/** The output names taken in each stack, and by which construct. */
const TAKEN = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * The five stack outputs `dashscope-verify --outputs` reads: `endpoint_id`, `endpoint_domain`,
 * `custom_domain`, `endpoint_region` and `endpoint_zone_ips` (each `<prefix>_...` with `prefix`),
 * under exactly those names wherever the construct sits in the tree. Output names are unique per
 * stack: two of these with the same names in one stack throw `DSPL_OUTPUT_DUPLICATE` (the second
 * would silently merge into the first, and the verifier would accept the wrong hub's addresses).
 */
export class DashScopeEndpointOutputs extends Construct {
  /** The outputs, by name. */
  public readonly outputs: Readonly<Record<string, TerraformOutput>>;
  /** The output names, keyed like `ENDPOINT_OUTPUT_NAMES`. */
  public readonly names: EndpointOutputNames;

  public constructor(scope: Construct, id: string, props: DashScopeEndpointOutputsProps) {
    const { prefix } = props;
    const issues = [];
    if (prefix !== undefined && !/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(prefix)) {
      issues.push(
        issue(
          ValidationCode.NAME_INVALID,
          "prefix is not a Terraform output name prefix",
          show(prefix),
          "a letter, then up to 62 letters, digits and underscores, e.g. \"cn_beijing\"",
          `use e.g. ${show(String(prefix).replace(/[^A-Za-z0-9_]+/g, "_").replace(/^[^A-Za-z]+/, "") || "hub")}`,
        ),
      );
    }
    const names = endpointOutputNames(prefix);
    const stack = TerraformStack.of(scope);
    const taken = TAKEN.get(stack) ?? new Map<string, string>();
    const clash = Object.values(names).filter((name) => taken.has(name));
    const owner = clash.length > 0 ? taken.get(clash[0]) : undefined;
    if (clash.length > 0) {
      issues.push(
        issue(
          ValidationCode.OUTPUT_DUPLICATE,
          `the outputs ${clash.join(", ")} already exist in this stack (from ${owner}); a second hub's outputs would merge into them and the verifier would read the wrong endpoint`,
          prefix === undefined ? "no prefix" : `prefix ${show(prefix)}`,
          "a distinct prefix per hub in one stack",
          `give each DashScopeEndpointOutputs its own prefix, e.g. prefix: ${show(props.endpoint.region.regionId.replace(/-/g, "_"))}`,
        ),
      );
    }
    throwIfIssues(scope, id, issues);
    super(scope, id);
    this.names = names;
    TAKEN.set(stack, taken);
    for (const name of Object.values(names)) taken.set(name, this.node.path);

    const { endpoint } = props;
    const values: Array<[keyof typeof ENDPOINT_OUTPUT_NAMES, unknown, string]> = [
      ["endpointId", endpoint.endpointId, "The Model Studio (DashScope) interface endpoint id"],
      ["endpointDomain", endpoint.endpointDomain, "The endpoint's default domain: plain HTTP, inside the VPC"],
      ["customDomain", endpoint.customDomain, "The custom domain callers use over HTTPS"],
      ["endpointRegion", endpoint.region.regionId, "The endpoint's region"],
      ["endpointZoneIps", endpoint.zoneIps, "The endpoint's ENI IP in each zone"],
    ];
    const outputs: Record<string, TerraformOutput> = {};
    for (const [key, value, description] of values) {
      const name = names[key];
      const output = new TerraformOutput(this, name, { value, description });
      // Nested outputs get a path-derived name; the verifier needs these exact ones.
      output.overrideLogicalId(name);
      outputs[name] = output;
    }
    this.outputs = outputs;
  }
}
