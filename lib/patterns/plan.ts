/**
 * The checks `DashScopePrivateAccess` runs before it creates anything: the requesters' own props and
 * their relations (names, VPC ids, providers, regions, cross-border links). Facts that need the
 * whole tree (CIDR overlap, provider defaults) are checked at synth by the constructs it composes.
 */
import { AlibabaCloudRegionInfo, DashScopeRegion } from "../catalog";
import { checkAttachVpcOptions, checkCrossBorderLink } from "../network/checks";
import {
  ValidationCode,
  ValidationIssue,
  checkIngressCidr,
  checkProviderRegion,
  isIssue,
  isToken,
  issue,
  resolveDashScopeRegion,
  resolveRegion,
  show,
} from "../validation";
import { DashScopePrivateAccessProps, DashScopeRequester } from "./types";

/** The transit router attachment name of the endpoint's VPC; no requester may take it. */
export const ENDPOINT_ATTACHMENT_NAME = "dashscope-endpoint";

export interface RequesterPlan {
  readonly requester: DashScopeRequester;
  readonly regionInfo: AlibabaCloudRegionInfo;
}

/** What is already taken when a requester is added. */
export interface RequesterContext {
  readonly hub: AlibabaCloudRegionInfo | undefined;
  readonly endpointVpcId: string;
  readonly crossBorder: DashScopePrivateAccessProps["crossBorder"];
  /** How the endpoint's own security group takes a requester CIDR; `undefined` when the groups are the user's. */
  readonly ingress: { readonly allowAnyCidr: boolean } | undefined;
  readonly names: ReadonlyMap<string, string>;
  readonly vpcIds: ReadonlyMap<string, string>;
  readonly providers: ReadonlyMap<string, { readonly node: { readonly path: string } }>;
}

/** Checks one requester against its own rules and what is already taken. */
export function checkRequester(requester: DashScopeRequester, what: string, context: RequesterContext): {
  issues: ValidationIssue[];
  plan?: RequesterPlan;
} {
  const issues: ValidationIssue[] = [];
  const { name } = requester;
  const regionInfo = resolveRegion(requester.region, `${what}.region`);
  // The name, CIDR and vSwitches are what the requester's transit router attachment checks.
  issues.push(
    ...checkAttachVpcOptions(
      {
        name,
        vpcId: requester.vpcId,
        regionId: requester.region,
        vpcCidrBlock: requester.vpcCidrBlock,
        vSwitches: requester.vSwitches,
      },
      isIssue(regionInfo) ? undefined : regionInfo,
    ),
  );
  if (typeof name === "string" && !isToken(name)) {
    const taken = name === ENDPOINT_ATTACHMENT_NAME ? "the endpoint's own VPC attachment" : context.names.get(name);
    if (taken !== undefined) {
      issues.push(issue(
        ValidationCode.NAME_DUPLICATE,
        `${what}.name ${show(name)} is already used by ${taken}`,
        show(name),
        `a name used once, other than ${show(ENDPOINT_ATTACHMENT_NAME)}`,
        "give each requester its own name",
      ));
    }
  }
  const label = typeof name === "string" && !isToken(name) ? `requester ${show(name)}` : what;
  if (context.ingress) {
    // The endpoint's group opens its ports to the requester's CIDR: the width rule of allowedCidrs
    // (a malformed CIDR is already reported above).
    issues.push(
      ...checkIngressCidr(requester.vpcCidrBlock, `${label} vpcCidrBlock`, context.ingress.allowAnyCidr).filter(
        (issue) => issue.code === ValidationCode.CIDR_TOO_WIDE,
      ),
    );
  }

  if (!isToken(requester.vpcId)) {
    const taken = requester.vpcId === context.endpointVpcId ? "the endpoint's VPC" : context.vpcIds.get(requester.vpcId);
    if (taken !== undefined) {
      issues.push(issue(
        ValidationCode.VPC_DUPLICATE,
        `${label} uses VPC ${requester.vpcId}, which is already ${taken === "the endpoint's VPC" ? "the endpoint's VPC: callers there need no CEN or Private Zone" : `the VPC of ${taken}`}`,
        show(requester.vpcId),
        "each VPC once, and not the endpoint's VPC",
        "list each requester VPC once; leave the endpoint's own VPC out of requesters",
      ));
    }
  }

  if (isIssue(regionInfo)) {
    issues.push(regionInfo);
    return { issues };
  }
  if (requester.provider === undefined || requester.provider === null) {
    issues.push(issue(
      ValidationCode.PROVIDER_MISSING,
      `${label} has no provider for its region ${requester.region}; its transit router and attachment must be managed in that region`,
      "no provider",
      `an AlicloudProvider aliased to ${requester.region}`,
      `create one provider per region, e.g. new AlicloudProvider(stack, "${requester.region}", { region: "${requester.region}", alias: "${requester.region.replace(/-/g, "_")}" }), and pass it as the requester's provider`,
    ));
  } else {
    issues.push(...checkProviderRegion(requester.provider, requester.region, `${label} provider`));
    const known = context.providers.get(requester.region);
    if (known !== undefined && known !== requester.provider) {
      issues.push(issue(
        ValidationCode.PROVIDER_DUPLICATE,
        `${label} brings a second provider for region ${requester.region}; a region has one transit router, managed by one provider`,
        `provider ${requester.provider.node.path}`,
        `the provider already used for ${requester.region} (${known.node.path})`,
        "create one aliased provider per region and pass that instance to every requester in it",
      ));
    }
  }
  if (context.hub) issues.push(...checkCrossBorderLink(context.hub, regionInfo, context.crossBorder));
  return { issues, plan: { requester, regionInfo } };
}

/** Checks everything the constructor can check before it creates a child. */
export function planAccess(props: DashScopePrivateAccessProps): {
  issues: ValidationIssue[];
  hub?: DashScopeRegion;
  requesters: RequesterPlan[];
} {
  const issues: ValidationIssue[] = [];
  const hub = resolveDashScopeRegion(props.endpoint.region, "endpoint.region");
  if (isIssue(hub)) issues.push(hub);
  else issues.push(...checkProviderRegion(props.endpoint.provider, hub.regionId, "endpoint.provider"));

  const names = new Map<string, string>();
  const vpcIds = new Map<string, string>();
  const providers = new Map<string, { readonly node: { readonly path: string } }>();
  if (!isIssue(hub)) providers.set(hub.regionId, props.endpoint.provider);
  const requesters: RequesterPlan[] = [];
  const list = props.requesters ?? [];
  if (isToken(list)) {
    issues.push(issue(
      ValidationCode.LITERAL_REQUIRED,
      "requesters is a token, but each requester decides which attachments, peer links and rules exist",
      "an unresolved token",
      "a literal array; its members' VPC ids, CIDRs and vSwitch ids may be tokens",
      "list the requesters in code",
    ));
    return { issues, requesters };
  }
  list.forEach((requester, index) => {
    const checked = checkRequester(requester, `requesters[${index}]`, {
      hub: isIssue(hub) ? undefined : hub,
      endpointVpcId: props.endpoint.vpcId,
      crossBorder: props.crossBorder,
      ingress: props.endpoint.securityGroupIds === undefined ? { allowAnyCidr: props.endpoint.allowAnyCidr ?? false } : undefined,
      names,
      vpcIds,
      providers,
    });
    issues.push(...checked.issues);
    if (typeof requester.name === "string" && !names.has(requester.name)) names.set(requester.name, `requesters[${index}]`);
    if (!isToken(requester.vpcId) && !vpcIds.has(requester.vpcId)) vpcIds.set(requester.vpcId, `requester ${show(requester.name)}`);
    if (requester.provider && typeof requester.region === "string" && !providers.has(requester.region)) {
      providers.set(requester.region, requester.provider);
    }
    if (checked.plan) requesters.push(checked.plan);
  });
  return { issues, hub: isIssue(hub) ? undefined : hub, requesters };
}
