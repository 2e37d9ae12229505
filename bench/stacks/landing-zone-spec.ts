/**
 * The landing zone both benchmark stacks build: one Singapore hub holding the endpoint and N
 * requester VPCs round-robin over four regions (Singapore, Tokyo, Frankfurt, Hangzhou; Hangzhou is
 * across the mainland border, acknowledged, on a given bandwidth plan), each with a literal,
 * non-overlapping /16 and two vSwitches; past 254 requesters, eight regions and a /20 each
 * ({@link largeRequesterSpecs}). Plain data: the pattern stack and the hand-wired stack
 * read the same values, so any difference in their output is the library's doing.
 */
import { TerraformStack } from "cdktf";
import { provider } from "cdktf-dashscope-privatelink/alicloud";

/** The endpoint's (hub) region. */
export const HUB = "ap-southeast-1";
/** The requesters' regions, in round-robin order (the hub first). */
export const REQUESTER_REGIONS: readonly string[] = ["ap-southeast-1", "ap-northeast-1", "eu-central-1", "cn-hangzhou"];
/** The stack every benchmark app synthesizes. */
export const STACK_ID = "bench";
/** The construct id of the pattern in its stack. */
export const PATTERN_ID = "Access";
/** The endpoint VPC, its CIDR block and its vSwitches. */
export const ENDPOINT = {
  vpcId: "vpc-endpoint",
  vpcCidrBlock: "10.0.0.0/16",
  vSwitches: [
    { vSwitchId: "vsw-endpoint-a", zoneId: `${HUB}a` },
    { vSwitchId: "vsw-endpoint-b", zoneId: `${HUB}b` },
  ],
} as const;
/** The CEN bandwidth plan the cross-border (Hangzhou) link draws on, bought outside the stack. */
export const BANDWIDTH_PACKAGE_ID = "cenbwp-bench000000000001";
/** The most requesters the CIDR scheme (10.<i+1>.0.0/16) can number. */
export const MAX_REQUESTERS = 254;
/**
 * The regions of the large landing zones (more than {@link MAX_REQUESTERS} requesters): eight, two of
 * them across the mainland border (both on the China to Asia-Pacific plan the hub's links share).
 */
export const LARGE_REQUESTER_REGIONS: readonly string[] = [...REQUESTER_REGIONS, "us-east-1", "cn-shanghai", "ap-southeast-3", "eu-west-1"];
/** The most requesters the large CIDR scheme (10.<1 + i div 16>.<16 (i mod 16)>.0/20) can number. */
export const MAX_LARGE_REQUESTERS = 254 * 16;

export interface RequesterSpec {
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
  readonly vSwitches: ReadonlyArray<{ readonly vSwitchId: string; readonly zoneId: string }>;
}

/**
 * The two zones of the mainland regions, from Alibaba Cloud's zone lists (the library's catalog
 * knows them). Elsewhere the bench uses zones `a` and `b`. A zone the catalog does not list would
 * make the pattern warn (`DSPL_ZONE_UNKNOWN`) once per vSwitch. The bench would then measure those
 * warnings' stack traces, which hand-wired code never records (500 of them at 2,000 requesters,
 * a 716 KB manifest). test/bench/large-landing-zone.test.ts keeps the stacks free of warnings.
 */
const MAINLAND_ZONES: Readonly<Record<string, readonly [string, string]>> = {
  "cn-hangzhou": ["cn-hangzhou-h", "cn-hangzhou-i"],
  "cn-shanghai": ["cn-shanghai-l", "cn-shanghai-m"],
};

/** Zone `index` of a region: `ap-southeast-1a`, `cn-hangzhou-h`. */
function zone(region: string, index: 0 | 1): string {
  const mainland = MAINLAND_ZONES[region];
  if (mainland) return mainland[index];
  if (region.startsWith("cn-")) throw new RangeError(`no zones listed for ${region} in MAINLAND_ZONES`);
  return `${region}${index === 0 ? "a" : "b"}`;
}

/** N requesters, round-robin over {@link REQUESTER_REGIONS}; requester i gets 10.(i+1).0.0/16. */
export function requesterSpecs(count: number): RequesterSpec[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_REQUESTERS) {
    throw new RangeError(`requester count must be an integer from 0 to ${MAX_REQUESTERS}, got ${count}`);
  }
  return Array.from({ length: count }, (_, i) => {
    const region = REQUESTER_REGIONS[i % REQUESTER_REGIONS.length];
    const name = `workload-${String(i + 1).padStart(3, "0")}`;
    return {
      name,
      region,
      vpcId: `vpc-${name}`,
      vpcCidrBlock: `10.${i + 1}.0.0/16`,
      vSwitches: [0, 1].map((z) => ({ vSwitchId: `vsw-${name}-${z === 0 ? "a" : "b"}`, zoneId: zone(region, z as 0 | 1) })),
    };
  });
}

/**
 * N requesters, round-robin over {@link LARGE_REQUESTER_REGIONS}, each with a /20:
 * requester i gets 10.(1 + i div 16).(16 (i mod 16)).0/20, disjoint from each other and the hub's /16.
 */
export function largeRequesterSpecs(count: number): RequesterSpec[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_LARGE_REQUESTERS) {
    throw new RangeError(`requester count must be an integer from 0 to ${MAX_LARGE_REQUESTERS}, got ${count}`);
  }
  return Array.from({ length: count }, (_, i) => {
    const region = LARGE_REQUESTER_REGIONS[i % LARGE_REQUESTER_REGIONS.length];
    const name = `workload-${String(i + 1).padStart(4, "0")}`;
    return {
      name,
      region,
      vpcId: `vpc-${name}`,
      vpcCidrBlock: `10.${1 + Math.floor(i / 16)}.${(i % 16) * 16}.0/20`,
      vSwitches: [0, 1].map((z) => ({ vSwitchId: `vsw-${name}-${z === 0 ? "a" : "b"}`, zoneId: zone(region, z as 0 | 1) })),
    };
  });
}

/** The landing zone of both benchmark stacks: {@link requesterSpecs} up to 254 requesters, {@link largeRequesterSpecs} past that. */
export function landingZoneSpecs(count: number): RequesterSpec[] {
  return count <= MAX_REQUESTERS ? requesterSpecs(count) : largeRequesterSpecs(count);
}

/** The regions a landing zone of these requesters uses: the hub first, then in order of appearance. */
export function regionsOf(requesters: readonly RequesterSpec[]): string[] {
  return [...new Set([HUB, ...requesters.map((r) => r.region)])];
}

/** `ap-southeast-1` -> `ap_southeast_1`: the provider alias. */
export function aliasOf(region: string): string {
  return region.replace(/-/g, "_");
}

/** One aliased provider per region, as every multi-region cdktf app declares them (both stacks share this). */
export function regionProviders(stack: TerraformStack, regions: readonly string[]): Map<string, provider.AlicloudProvider> {
  return new Map(regions.map((region) => [region, new provider.AlicloudProvider(stack, region, { region, alias: aliasOf(region) })]));
}
