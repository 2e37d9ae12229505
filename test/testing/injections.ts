/**
 * Errors injected into copies of the single-region example stack, one copy each (terraform stops at
 * the first stage that fails: a static config error hides the schema checks of the graph walk), with
 * the diagnostic real terraform reports for it and the phase that reports it.
 */
type Doc = { resource: Record<string, Record<string, Record<string, unknown>>>; output: Record<string, { value: unknown }> };

export interface Injection {
  readonly name: string;
  readonly phase: "validate" | "plan";
  readonly apply: (doc: Doc) => void;
  /** The diagnostic terraform reports: its summary, and text its detail or address holds. */
  readonly summary: RegExp;
  readonly mentions: RegExp;
}

const R = (doc: Doc, type: string, name: string) => doc.resource[type][name];
const VPC = "alicloud_vpc";
const VSW = "alicloud_vswitch";
const RULE = "alicloud_security_group_rule";
const RULE_80 = "Endpoint_Ingress-10-10-0-0-16-80_994D4A4F";
const RULE_443 = "Endpoint_Ingress-10-10-0-0-16-443_2BF30562";

export const INJECTIONS: readonly Injection[] = [
  {
    name: "unknown argument",
    phase: "validate",
    apply: (d) => void (R(d, VPC, "Vpc").no_such_argument = "x"),
    summary: /^(Unsupported argument|Extraneous JSON object property)$/,
    mentions: /no_such_argument/,
  },
  {
    name: "missing required argument",
    phase: "validate",
    apply: (d) => void delete R(d, RULE, RULE_80).ip_protocol,
    summary: /^Missing required argument$/,
    mentions: /ip_protocol/,
  },
  {
    name: "wrong type",
    phase: "validate",
    apply: (d) => void (R(d, RULE, RULE_443).port_range = ["443/443"]),
    summary: /^Incorrect attribute value type$/,
    mentions: /port_range/,
  },
  {
    name: "unknown attribute reference",
    phase: "validate",
    apply: (d) => void (d.output.endpoint_domain.value = "${alicloud_privatelink_vpc_endpoint.Endpoint_EEF1FD8F.no_such_attribute}"),
    summary: /^Unsupported attribute$/,
    mentions: /no_such_attribute/,
  },
  {
    name: "unknown resource type",
    phase: "validate",
    apply: (d) => void (d.resource.alicloud_no_such_thing = { Thing: { provider: "alicloud.ap_southeast_1" } }),
    summary: /^Invalid resource type$/,
    mentions: /alicloud_no_such_thing/,
  },
  {
    name: "undeclared provider alias",
    phase: "validate",
    apply: (d) => void (R(d, VSW, "VSwitch-ap-southeast-1b").provider = "alicloud.nowhere"),
    summary: /provider configuration|undefined provider|Provider configuration not present/i,
    mentions: /nowhere/,
  },
  {
    name: "depends_on a missing resource",
    phase: "validate",
    apply: (d) => void (R(d, VSW, "VSwitch-ap-southeast-1a").depends_on = ["alicloud_vpc.Missing"]),
    summary: /^Reference to undeclared resource$/,
    mentions: /alicloud_vpc\.Missing|Missing/,
  },
  {
    name: "a cycle",
    phase: "validate",
    apply: (d) => void (R(d, VPC, "Vpc").depends_on = ["alicloud_vswitch.VSwitch-ap-southeast-1a"]),
    summary: /^Cycle: /,
    mentions: /alicloud_vpc\.Vpc/,
  },
  {
    name: "for_each over an apply-time value",
    phase: "plan",
    apply: (d) =>
      void (d.resource[VPC].Extra = { provider: "alicloud.ap_southeast_1", for_each: "${toset([alicloud_vpc.Vpc.id])}", cidr_block: "10.20.0.0/16" }),
    summary: /^Invalid for_each argument$/,
    mentions: /known only after apply|apply/,
  },
];
