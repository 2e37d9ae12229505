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
  checkName,
  checkPort,
  checkProviderRegion,
  checkTags,
  checkVpcCidr,
  checkZoneInRegion,
  isIssue,
  isToken,
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
      {
        code: ValidationCode.PORT_INVALID,
        problem: `${what} is ${isToken(ports) ? "a list token" : "not a list"}, but each port becomes one ingress rule per CIDR, so the list must be known at synth`,
        received: show(ports),
        allowed,
        fix: "pass an array literal (its items may be tokens)",
      },
    ];
  }
  if (ports.length === 0) {
    return [
      {
        code: ValidationCode.PORT_INVALID,
        problem: `${what} is empty, so the endpoint's security group would open nothing`,
        received: "[]",
        allowed,
        fix: "leave it out for [80, 443], or list the ports callers use",
      },
    ];
  }
  const issues = ports.flatMap((port, i) => checkPort(port, `${what}[${i}]`));
  const first = new Map<number, number>();
  ports.forEach((port, i) => {
    if (isToken(port)) return;
    const earlier = first.get(port);
    if (earlier === undefined) first.set(port, i);
    else
      issues.push({
        code: ValidationCode.DUPLICATE,
        problem: `${what}[${earlier}] and ${what}[${i}] are both ${port}; each port would get its rules twice`,
        received: show(ports),
        allowed: "each port once",
        fix: `remove the second ${port}`,
      });
  });
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

  const ownsGroup = props.securityGroupIds === undefined;
  if (ownsGroup) {
    issues.push(...checkPorts(props.ports ?? [...DEFAULT_ENDPOINT_PORTS], "ports"));
    issues.push(...checkAllowedCidrs(props, vpcCidr));
    issues.push(...checkName(props.securityGroupName, "securityGroupName", "securityGroupName"));
  } else {
    issues.push(...checkSecurityGroupIds(props));
  }

  issues.push(...checkName(props.endpointName, "endpointName", "endpointName"));
  issues.push(...checkName(props.endpointDescription, "description", "endpointDescription"));
  issues.push(...checkTags(props.tags, "tags"));

  throwIfIssues(scope, id, issues);
  return { region: region!, ports: [...(props.ports ?? DEFAULT_ENDPOINT_PORTS)], ownsGroup, zoneIds };
}

function checkVSwitches(
  vSwitches: DashScopeVSwitch[],
  region: DashScopeRegion | undefined,
  vpcCidr: string | undefined,
  issues: ValidationIssue[],
): string[] {
  const allowed = "a literal list of at least two vSwitches, each in a different zone of the endpoint's region";
  if (isToken(vSwitches) || !Array.isArray(vSwitches)) {
    issues.push({
      code: ValidationCode.VSWITCH_COUNT,
      problem: `vSwitches is ${isToken(vSwitches) ? "a list token" : "not a list"}, but its length decides how many endpoint zones exist, so it must be known at synth`,
      received: show(vSwitches),
      allowed,
      fix: "pass an array literal of { vSwitchId, zoneId } objects; the ids inside it may be tokens",
    });
    return [];
  }
  if (vSwitches.length < 2) {
    issues.push({
      code: ValidationCode.VSWITCH_COUNT,
      problem: `vSwitches has ${vSwitches.length}, fewer than two: an endpoint in one zone goes down with that zone`,
      received: `${vSwitches.length} vSwitch${vSwitches.length === 1 ? "" : "es"}: ${vSwitches.map((v) => show(v?.vSwitchId)).join(", ") || "none"}`,
      allowed,
      fix: `add a vSwitch of the same VPC in a second zone${region ? ` of ${region.regionId}` : ""}`,
    });
  }
  const byZone = new Map<string, number>();
  const byId = new Map<string, number>();
  const byIp = new Map<string, number>();
  const vpcNetwork = vpcCidr === undefined ? undefined : (ipaddr.IPv4.parseCIDR(vpcCidr) as [ipaddr.IPv4, number]);
  vSwitches.forEach((v, i) => {
    const at = `vSwitches[${i}]`;
    if (region) issues.push(...checkZoneInRegion(v.zoneId, region.regionId, `${at}.zoneId`));
    if (!isToken(v.zoneId)) {
      const j = byZone.get(v.zoneId);
      if (j === undefined) byZone.set(v.zoneId, i);
      else
        issues.push({
          code: ValidationCode.ZONE_DUPLICATE,
          problem: `vSwitches[${j}] and ${at} are both in zone ${v.zoneId}; the endpoint takes one vSwitch per zone, and a second one in the same zone adds no availability`,
          received: `vSwitch ${show(vSwitches[j].vSwitchId)} and vSwitch ${show(v.vSwitchId)} in zone ${show(v.zoneId)}`,
          allowed: "one vSwitch per zone",
          fix: `keep one of them and use a vSwitch in another zone${region ? ` of ${region.regionId}` : ""}`,
        });
    }
    if (!isToken(v.vSwitchId)) {
      const j = byId.get(v.vSwitchId);
      if (j === undefined) byId.set(v.vSwitchId, i);
      else
        issues.push({
          code: ValidationCode.DUPLICATE,
          problem: `vSwitches[${j}] and ${at} name the same vSwitch`,
          received: show(v.vSwitchId),
          allowed: "each vSwitch once",
          fix: "remove the repeated entry",
        });
    }
    if (v.eniIp !== undefined) issues.push(...checkEniIp(v.eniIp, `${at}.eniIp`, vpcCidr, vpcNetwork, byIp, i));
  });
  return vSwitches.map((v, i) => (isToken(v.zoneId) ? `Zone-${i}` : `Zone-${v.zoneId}`));
}

function checkEniIp(
  eniIp: string,
  what: string,
  vpcCidr: string | undefined,
  vpcNetwork: [ipaddr.IPv4, number] | undefined,
  seen: Map<string, number>,
  index: number,
): ValidationIssue[] {
  if (isToken(eniIp)) return [];
  const malformed = checkIpv4(eniIp, what);
  if (malformed.length > 0) return malformed;
  const j = seen.get(eniIp);
  if (j !== undefined) {
    return [
      {
        code: ValidationCode.DUPLICATE,
        problem: `vSwitches[${j}].eniIp and ${what} pin the same address; each zone's ENI needs its own`,
        received: show(eniIp),
        allowed: "a distinct address per zone, each inside its own vSwitch",
        fix: "pin an address of each zone's vSwitch, or leave eniIp out",
      },
    ];
  }
  seen.set(eniIp, index);
  if (vpcCidr !== undefined && vpcNetwork !== undefined && !ipaddr.IPv4.parse(eniIp).match(vpcNetwork)) {
    return [
      {
        code: ValidationCode.IP_INVALID,
        problem: `${what} is outside vpcCidrBlock ${vpcCidr}, so it cannot be an address of the vSwitch`,
        received: show(eniIp),
        allowed: `a free address of the vSwitch, inside ${vpcCidr}`,
        fix: "pin an address of that vSwitch's CIDR block, or leave eniIp out to let the service choose",
      },
    ];
  }
  return [];
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
      {
        code: ValidationCode.CIDR_INVALID,
        problem: `allowedCidrs is ${isToken(allowedCidrs) ? "a list token" : "not a list"}, but each CIDR becomes its own ingress rules, so the list must be known at synth`,
        received: show(allowedCidrs),
        allowed: "a literal list of IPv4 CIDR blocks (its items may be tokens)",
        fix: "pass an array literal, e.g. [vpcCidrBlock, requesterCidr]",
      },
    ];
  }
  return allowedCidrs.flatMap((cidr, i) => checkIngressCidr(cidr, `allowedCidrs[${i}]`, allowAny));
}

function checkSecurityGroupIds(props: DashScopeEndpointProps): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const ids = props.securityGroupIds!;
  const conflicting = (["allowedCidrs", "allowAnyCidr", "ports", "securityGroupName"] as const).filter((k) => props[k] !== undefined);
  if (conflicting.length > 0) {
    issues.push({
      code: ValidationCode.PROPS_CONFLICT,
      problem: `securityGroupIds brings your own security groups, but ${conflicting.join(", ")} only shape${conflicting.length === 1 ? "s" : ""} the group this construct creates when securityGroupIds is not set, and would be ignored`,
      received: `securityGroupIds ${show(ids)} with ${conflicting.map((k) => `${k} ${show(props[k])}`).join(", ")}`,
      allowed: "either securityGroupIds, or any of allowedCidrs, allowAnyCidr, ports and securityGroupName",
      fix: "open the ports in your own groups' rules and drop those props, or drop securityGroupIds to let the construct create and manage the group",
    });
  }
  if (isToken(ids)) return issues;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_ENDPOINT_SECURITY_GROUPS) {
    issues.push({
      code: ValidationCode.VALUE_OUT_OF_RANGE,
      problem: `securityGroupIds has ${Array.isArray(ids) ? ids.length : "no"} security groups; an interface endpoint needs 1 to ${MAX_ENDPOINT_SECURITY_GROUPS}`,
      received: show(ids),
      allowed: `1 to ${MAX_ENDPOINT_SECURITY_GROUPS} security group ids of the endpoint's VPC`,
      fix: Array.isArray(ids) && ids.length > 0 ? "merge rules into fewer groups" : "leave securityGroupIds out to let the construct create the group",
    });
  }
  if (Array.isArray(ids)) {
    const literal = ids.filter((sg) => !isToken(sg));
    const repeated = literal.filter((sg, i) => literal.indexOf(sg) !== i);
    if (repeated.length > 0) {
      issues.push({
        code: ValidationCode.DUPLICATE,
        problem: "securityGroupIds names a security group more than once",
        received: show(ids),
        allowed: "each security group once",
        fix: `remove the repeated ${show(repeated[0])}`,
      });
    }
  }
  return issues;
}
