/**
 * Eager validation of DashScopeEndpoint props: every literal is checked before the constructor
 * creates anything, and every problem is reported at once. Unresolved tokens are skipped, except
 * where a value decides how many resources exist (the vSwitch, CIDR and port lists themselves).
 */
import * as ipaddr from "ipaddr.js";
import { IConstruct } from "constructs";
import { DashScopeRegion } from "../catalog";
import {
  ValidationCode,
  ValidationIssue,
  checkIngressCidr,
  checkIpv4,
  forEachRepeat,
  checkName,
  checkPort,
  checkResourceId,
  checkProviderRegion,
  checkTags,
  checkVpcCidr,
  checkZoneInRegion,
  isIssue,
  isToken,
  issue,
  resolveDashScopeRegion,
  show,
  throwIfIssues,
} from "../validation";
import type { DashScopeEndpointProps } from "./dashscope-endpoint";
import { DEFAULT_ENDPOINT_PORTS, DashScopeVSwitch, MAX_ENDPOINT_SECURITY_GROUPS } from "./types";

/** What the constructor builds from validated props. */
export interface EndpointPlan {
  readonly region: DashScopeRegion;
  readonly ports: number[];
  readonly ownsGroup: boolean;
  /** The construct id of each vSwitch's endpoint zone, in vSwitch order. */
  readonly zoneIds: string[];
}

/** Checks a port list: a literal, non-empty array of TCP ports without repeats. */
export function checkPorts(ports: number[], what: string): ValidationIssue[] {
  const allowed = "a literal, non-empty list of distinct TCP ports from 1 to 65535, e.g. [80, 443]";
  if (isToken(ports) || !Array.isArray(ports)) {
    return [
      issue(
        isToken(ports) ? ValidationCode.LITERAL_REQUIRED : ValidationCode.PORT_INVALID,
        `${what} is ${isToken(ports) ? "a list token" : "not a list"}, but each port becomes one ingress rule per CIDR, so the list must be known at synth`,
        show(ports),
        allowed,
        "pass an array literal (its items may be tokens)",
      ),
    ];
  }
  if (ports.length === 0) {
    return [
      issue(
        ValidationCode.PORT_INVALID,
        `${what} is empty, so the endpoint's security group would open nothing`,
        "[]",
        allowed,
        "leave it out for [80, 443], or list the ports callers use",
      ),
    ];
  }
  const issues = ports.flatMap((port, i) => checkPort(port, `${what}[${i}]`));
  forEachRepeat(
    ports,
    (port) => (isToken(port) ? undefined : port),
    (earlier, i, port) =>
      issues.push(
        issue(
          ValidationCode.PORT_DUPLICATE,
          `${what}[${earlier}] and ${what}[${i}] are both ${port}; each port would get its rules twice`,
          show(ports),
          "each port once",
          `remove the second ${port}`,
        ),
      ),
  );
  return issues;
}

/** Validates the props and throws one DashScopeValidationError naming every problem, or returns the plan. */
export function planEndpoint(scope: IConstruct, id: string, props: DashScopeEndpointProps): EndpointPlan {
  const issues: ValidationIssue[] = [];

  const resolved = resolveDashScopeRegion(props.region, "region");
  const region = isIssue(resolved) ? undefined : resolved;
  if (isIssue(resolved)) issues.push(resolved);
  if (props.provider !== undefined && region) issues.push(...checkProviderRegion(props.provider, region.regionId, "provider"));

  const vpcCidrIssues = checkVpcCidr(props.vpcCidrBlock, "vpcCidrBlock");
  issues.push(...vpcCidrIssues);
  // The literal, well-formed VPC CIDR, when there is one: pinned ENI IPs are checked against it.
  const vpcCidr = isToken(props.vpcCidrBlock) || vpcCidrIssues.length > 0 ? undefined : props.vpcCidrBlock;

  const zoneIds = checkVSwitches(props.vSwitches, region, vpcCidr, issues);

  issues.push(...checkResourceId(props.vpcId, "vpc", "vpcId"));
  if (Array.isArray(props.vSwitches) && !isToken(props.vSwitches)) {
    props.vSwitches.forEach((v, i) => issues.push(...checkResourceId(v.vSwitchId, "vSwitch", `vSwitches[${i}].vSwitchId`)));
  }
  const ownsGroup = props.securityGroupIds === undefined;
  if (ownsGroup) {
    const ports = props.ports ?? [...(region?.service.ports ?? DEFAULT_ENDPOINT_PORTS)];
    const httpsPort = region?.service.customDomainPort ?? 443;
    const portIssues = checkPorts(ports, "ports");
    issues.push(...portIssues);
    if (portIssues.length === 0 && !ports.some((p) => isToken(p) || p === httpsPort)) {
      issues.push(
        issue(
          ValidationCode.PORT_MISSING,
          `ports does not open ${httpsPort}, but the custom domain (the name callers and the Private Zone use) answers HTTPS only, so no caller could reach it`,
          show(ports),
          `a list with ${httpsPort} (and 80 for plain HTTP on the endpoint's default domain)`,
          `add ${httpsPort}: [${[...new Set([...ports, httpsPort])].join(", ")}]`,
        ),
      );
    }
    issues.push(...checkAllowedCidrs(props, vpcCidr));
    issues.push(...checkName(props.securityGroupName, "securityGroupName", "securityGroupName"));
  } else {
    issues.push(...checkSecurityGroupIds(props));
    if (Array.isArray(props.securityGroupIds) && !isToken(props.securityGroupIds)) {
      props.securityGroupIds.forEach((sg, i) => issues.push(...checkResourceId(sg, "securityGroup", `securityGroupIds[${i}]`)));
    }
  }

  issues.push(...checkName(props.endpointName, "endpointName", "endpointName"));
  issues.push(...checkName(props.endpointDescription, "description", "endpointDescription"));
  issues.push(...checkTags(props.tags, "tags"));

  throwIfIssues(scope, id, issues);
  return { region: region!, ports: [...(props.ports ?? region!.service.ports)], ownsGroup, zoneIds };
}

function checkVSwitches(
  vSwitches: DashScopeVSwitch[],
  region: DashScopeRegion | undefined,
  vpcCidr: string | undefined,
  issues: ValidationIssue[],
): string[] {
  const allowed = "a literal list of at least two vSwitches, each in a different zone of the endpoint's region";
  if (isToken(vSwitches) || !Array.isArray(vSwitches)) {
    issues.push(issue(
      isToken(vSwitches) ? ValidationCode.LITERAL_REQUIRED : ValidationCode.VSWITCH_COUNT,
      `vSwitches is ${isToken(vSwitches) ? "a list token" : "not a list"}, but its length decides how many endpoint zones exist, so it must be known at synth`,
      show(vSwitches),
      allowed,
      "pass an array literal of { vSwitchId, zoneId } objects; the ids inside it may be tokens",
    ));
    return [];
  }
  if (vSwitches.length < 2) {
    issues.push(issue(
      ValidationCode.VSWITCH_COUNT,
      `vSwitches has ${vSwitches.length}, fewer than two: an endpoint in one zone goes down with that zone`,
      `${vSwitches.length} vSwitch${vSwitches.length === 1 ? "" : "es"}: ${vSwitches.map((v) => show(v?.vSwitchId)).join(", ") || "none"}`,
      allowed,
      `add a vSwitch of the same VPC in a second zone${region ? ` of ${region.regionId}` : ""}`,
    ));
  }
  const vpcNetwork = vpcCidr === undefined ? undefined : (ipaddr.IPv4.parseCIDR(vpcCidr) as [ipaddr.IPv4, number]);
  const where = region ? ` of ${region.regionId}` : "";
  forEachRepeat(
    vSwitches,
    (v) => (isToken(v.zoneId) ? undefined : v.zoneId),
    (j, i, zoneId) =>
      issues.push(
        issue(
          ValidationCode.ZONE_DUPLICATE,
          `vSwitches[${j}] and vSwitches[${i}] are both in zone ${zoneId}; the endpoint takes one vSwitch per zone, and a second one in the same zone adds no availability`,
          `vSwitch ${show(vSwitches[j].vSwitchId)} and vSwitch ${show(vSwitches[i].vSwitchId)} in zone ${show(zoneId)}`,
          "one vSwitch per zone",
          `keep one of them and use a vSwitch in another zone${where}`,
        ),
      ),
  );
  forEachRepeat(
    vSwitches,
    (v) => (isToken(v.vSwitchId) ? undefined : v.vSwitchId),
    (j, i, vSwitchId) =>
      issues.push(
        issue(
          ValidationCode.VSWITCH_DUPLICATE,
          `vSwitches[${j}] and vSwitches[${i}] name the same vSwitch`,
          show(vSwitchId),
          "each vSwitch once",
          "remove the repeated entry",
        ),
      ),
  );
  vSwitches.forEach((v, i) => {
    const at = `vSwitches[${i}]`;
    if (region) issues.push(...checkZoneInRegion(v.zoneId, region.regionId, `${at}.zoneId`));
    if (v.eniIp !== undefined && !isToken(v.eniIp)) issues.push(...checkIpv4(v.eniIp, `${at}.eniIp`), ...checkEniInVpc(v.eniIp, `${at}.eniIp`, vpcCidr, vpcNetwork));
  });
  forEachRepeat(
    vSwitches,
    (v) => (v.eniIp === undefined || isToken(v.eniIp) || checkIpv4(v.eniIp, "").length > 0 ? undefined : v.eniIp),
    (j, i, eniIp) =>
      issues.push(
        issue(
          ValidationCode.IP_DUPLICATE,
          `vSwitches[${j}].eniIp and vSwitches[${i}].eniIp pin the same address; each zone's ENI needs its own`,
          show(eniIp),
          "a distinct address per zone, each inside its own vSwitch",
          "pin an address of each zone's vSwitch, or leave eniIp out",
        ),
      ),
  );
  return vSwitches.map((v, i) => (isToken(v.zoneId) ? `Zone-${i}` : `Zone-${v.zoneId}`));
}

/** A well-formed pinned ENI IP must lie inside the endpoint VPC's literal CIDR block. */
function checkEniInVpc(
  eniIp: string,
  what: string,
  vpcCidr: string | undefined,
  vpcNetwork: [ipaddr.IPv4, number] | undefined,
): ValidationIssue[] {
  if (vpcCidr === undefined || vpcNetwork === undefined || checkIpv4(eniIp, what).length > 0) return [];
  if (ipaddr.IPv4.parse(eniIp).match(vpcNetwork)) return [];
  return [
    issue(
      ValidationCode.IP_INVALID,
      `${what} is outside vpcCidrBlock ${vpcCidr}, so it cannot be an address of the vSwitch`,
      show(eniIp),
      `a free address of the vSwitch, inside ${vpcCidr}`,
      "pin an address of that vSwitch's CIDR block, or leave eniIp out to let the service choose",
    ),
  ];
}

function checkAllowedCidrs(props: DashScopeEndpointProps, vpcCidr: string | undefined): ValidationIssue[] {
  const allowAny = props.allowAnyCidr === true;
  const { allowedCidrs } = props;
  if (allowedCidrs === undefined) {
    // The default opens the VPC CIDR; it only needs the width check (a malformed one is already reported).
    return vpcCidr === undefined ? [] : checkIngressCidr(vpcCidr, "vpcCidrBlock (opened because allowedCidrs is not set)", allowAny);
  }
  if (isToken(allowedCidrs) || !Array.isArray(allowedCidrs)) {
    return [
      issue(
        isToken(allowedCidrs) ? ValidationCode.LITERAL_REQUIRED : ValidationCode.CIDR_INVALID,
        `allowedCidrs is ${isToken(allowedCidrs) ? "a list token" : "not a list"}, but each CIDR becomes its own ingress rules, so the list must be known at synth`,
        show(allowedCidrs),
        "a literal list of IPv4 CIDR blocks (its items may be tokens)",
        "pass an array literal, e.g. [vpcCidrBlock, requesterCidr]",
      ),
    ];
  }
  return allowedCidrs.flatMap((cidr, i) => checkIngressCidr(cidr, `allowedCidrs[${i}]`, allowAny));
}

function checkSecurityGroupIds(props: DashScopeEndpointProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const ids = props.securityGroupIds!;
  const conflicting = (["allowedCidrs", "allowAnyCidr", "ports", "securityGroupName"] as const).filter((k) => props[k] !== undefined);
  if (conflicting.length > 0) {
    issues.push(issue(
      ValidationCode.PROPS_CONFLICT,
      `securityGroupIds brings your own security groups, but ${conflicting.join(", ")} only shape${conflicting.length === 1 ? "s" : ""} the group this construct creates when securityGroupIds is not set, and would be ignored`,
      `securityGroupIds ${show(ids)} with ${conflicting.map((k) => `${k} ${show(props[k])}`).join(", ")}`,
      "either securityGroupIds, or any of allowedCidrs, allowAnyCidr, ports and securityGroupName",
      "open the ports in your own groups' rules and drop those props, or drop securityGroupIds to let the construct create and manage the group",
    ));
  }
  if (isToken(ids)) return issues;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_ENDPOINT_SECURITY_GROUPS) {
    issues.push(issue(
      ValidationCode.VALUE_OUT_OF_RANGE,
      `securityGroupIds has ${Array.isArray(ids) ? ids.length : "no"} security groups; an interface endpoint needs 1 to ${MAX_ENDPOINT_SECURITY_GROUPS}`,
      show(ids),
      `1 to ${MAX_ENDPOINT_SECURITY_GROUPS} security group ids of the endpoint's VPC`,
      Array.isArray(ids) && ids.length > 0 ? "merge rules into fewer groups" : "leave securityGroupIds out to let the construct create the group",
    ));
  }
  if (Array.isArray(ids)) {
    forEachRepeat(
      ids,
      (sg) => (isToken(sg) ? undefined : sg),
      (j, i, sg) =>
        issues.push(
          issue(
            ValidationCode.SECURITY_GROUP_DUPLICATE,
            `securityGroupIds[${j}] and securityGroupIds[${i}] name the same security group`,
            show(ids),
            "each security group once",
            `remove the repeated ${show(sg)}`,
          ),
        ),
    );
  }
  return issues;
}
