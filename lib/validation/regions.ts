import {
  ALIBABA_CLOUD_REGIONS,
  AlibabaCloudRegionInfo,
  CATALOG_DATE,
  DASHSCOPE_REGIONS_WITHOUT_PRIVATELINK,
  DashScopeRegion,
  lookupRegion,
} from "../catalog";
import { isIssue, isToken } from "./checks";
import { ValidationCode, ValidationIssue, issue, show } from "./errors";
import { checkAlicloudProvider } from "../provider";


/** Resolves the region of a Model Studio endpoint: a built-in id, or a `DashScopeRegion`. */
export function resolveDashScopeRegion(region: string | DashScopeRegion, what: string): DashScopeRegion | ValidationIssue {
  if (region instanceof DashScopeRegion) return region;
  const supported = DashScopeRegion.builtIns().map((r) => `"${r.regionId}" (${r.displayName})`).join(", ");
  if (isToken(region)) {
    return issue(
      ValidationCode.LITERAL_REQUIRED,
      `${what} is a token, but the endpoint's region decides its service, domain and peering and must be known at synth`,
      "an unresolved token",
      `a literal region id: ${supported}`,
      "pass the region as a string literal (or a DashScopeRegion); the VPC and vSwitch ids may stay tokens",
    );
  }
  const found = DashScopeRegion.find(region);
  if (found) return found;
  const why = DASHSCOPE_REGIONS_WITHOUT_PRIVATELINK[region];
  return issue(
    ValidationCode.REGION_UNSUPPORTED,
    `${what} is not a region where Model Studio offers the PrivateLink endpoint service${why ? ` (${why})` : ""}`,
    show(region),
    `${supported}, per Alibaba Cloud's docs of ${CATALOG_DATE}`,
    `put the endpoint in a supported region and reach it from ${show(region)} over CEN as a requester, or, if Alibaba has since opened the service there, pass DashScopeRegion.custom({ regionId: ${show(region)} })`,
  );
}

/** Resolves any Alibaba Cloud region id (a requester's, a transit router's). */
export function resolveRegion(regionId: string, what: string): AlibabaCloudRegionInfo | ValidationIssue {
  if (isToken(regionId)) {
    return issue(
      ValidationCode.LITERAL_REQUIRED,
      `${what} is a token, but regions decide which transit routers and peer links exist and must be known at synth`,
      show(regionId),
      `a literal region id such as ${ALIBABA_CLOUD_REGIONS.slice(0, 4).map((r) => `"${r.regionId}"`).join(", ")}`,
      "pass the region id as a string literal",
    );
  }
  return (typeof regionId === "string" ? lookupRegion(regionId) : undefined) ?? unknownRegion(regionId, what);
}

/** The issue for a string that is not a region id, with a did-you-mean for a near miss of a known one. */
export function unknownRegion(regionId: string, what: string, candidates: readonly string[] = ALIBABA_CLOUD_REGIONS.map((r) => r.regionId)): ValidationIssue {
  const near = suggest(regionId, candidates);
  return issue(
    ValidationCode.REGION_INVALID,
    `${what} is not a known Alibaba Cloud region id${near ? ` (did you mean ${show(near)}?)` : ""}`,
    show(regionId),
    `a region id of Alibaba Cloud's region list of ${CATALOG_DATE}, such as ${candidates.slice(0, 4).map((r) => `"${r}"`).join(", ")}`,
    near ? `write ${show(near)}` : "pass the region id exactly as Alibaba Cloud writes it, e.g. \"ap-northeast-1\"",
  );
}

/** Resolves a key of a map by region id: it must be a region of the dated table (no inference). */
export function resolveKnownRegion(regionId: string, what: string): AlibabaCloudRegionInfo | ValidationIssue {
  const resolved = resolveRegion(regionId, what);
  if (isIssue(resolved) || ALIBABA_CLOUD_REGIONS.some((r) => r.regionId === regionId)) return resolved;
  return unknownRegion(regionId, what);
}

/** The closest candidate within `maxEdits` edits (default 2), if any. */
export function suggest(value: string, candidates: readonly string[], maxEdits = 2): string | undefined {
  let best: string | undefined;
  let bestDistance = maxEdits + 1;
  for (const candidate of candidates) {
    const d = editDistance(value, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The part of an `AlicloudProvider` these checks read. */
export interface RegionalProvider {
  readonly region?: string;
  readonly alias?: string;
  readonly node: { readonly path: string };
}

/** Checks that a provider, when its region is a literal, is for the region it is declared for. */
export function checkProviderRegion(provider: RegionalProvider, regionId: string, what: string): ValidationIssue[] {
  const invalid = checkAlicloudProvider(provider, what);
  if (invalid.length) return invalid;
  const providerRegion = provider.region;
  if (providerRegion === undefined) {
    return [
      issue(
        ValidationCode.PROVIDER_REGION_MISSING,
        `${what} has no region, so Terraform would use ALICLOUD_REGION from the environment, else cn-beijing, instead of ${show(regionId)}`,
        `provider ${provider.alias ? `alias ${show(provider.alias)}` : provider.node.path} without region`,
        `an AlicloudProvider with region: ${show(regionId)}`,
        `set region: ${show(regionId)} on the provider (one aliased provider per region)`,
      ),
    ];
  }
  if (isToken(providerRegion) || isToken(regionId) || providerRegion === regionId) return [];
  return [
    issue(
      ValidationCode.PROVIDER_REGION_MISMATCH,
      `${what} is for region ${show(providerRegion)}, but it is declared for ${show(regionId)}; every resource would be created in the provider's region`,
      `provider ${provider.alias ? `alias ${show(provider.alias)}` : provider.node.path} with region ${show(providerRegion)}`,
      `an AlicloudProvider whose region is ${show(regionId)}`,
      `pass the provider configured for ${regionId} (one aliased provider per region), or correct the declared region`,
    ),
  ];
}
