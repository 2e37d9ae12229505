import { TerraformOutput } from "../cdk";
import { Construct } from "constructs";
import { ENDPOINT_OUTPUT_NAMES } from "../catalog";
import { IDashScopeEndpoint } from "./types";

export interface DashScopeEndpointOutputsProps {
  /** The endpoint to describe. */
  readonly endpoint: IDashScopeEndpoint;
}

/**
 * The five stack outputs `dashscope-verify --outputs` reads: `endpoint_id`, `endpoint_domain`,
 * `custom_domain`, `endpoint_region` and `endpoint_zone_ips`, under exactly those names wherever the
 * construct sits in the tree. Output names are unique per stack, so add it once per stack.
 */
export class DashScopeEndpointOutputs extends Construct {
  /** The outputs, by name. */
  public readonly outputs: Readonly<Record<string, TerraformOutput>>;

  public constructor(scope: Construct, id: string, props: DashScopeEndpointOutputsProps) {
    super(scope, id);
    const { endpoint } = props;
    const values: Array<[string, unknown, string]> = [
      [ENDPOINT_OUTPUT_NAMES.endpointId, endpoint.endpointId, "The Model Studio (DashScope) interface endpoint id"],
      [ENDPOINT_OUTPUT_NAMES.endpointDomain, endpoint.endpointDomain, "The endpoint's default domain: plain HTTP, inside the VPC"],
      [ENDPOINT_OUTPUT_NAMES.customDomain, endpoint.customDomain, "The custom domain callers use over HTTPS"],
      [ENDPOINT_OUTPUT_NAMES.endpointRegion, endpoint.region.regionId, "The endpoint's region"],
      [ENDPOINT_OUTPUT_NAMES.endpointZoneIps, endpoint.zoneIps, "The endpoint's ENI IP in each zone"],
    ];
    const outputs: Record<string, TerraformOutput> = {};
    for (const [name, value, description] of values) {
      const output = new TerraformOutput(this, name, { value, description });
      // Nested outputs get a path-derived name; the verifier needs these exact ones.
      output.overrideLogicalId(name);
      outputs[name] = output;
    }
    this.outputs = outputs;
  }
}
