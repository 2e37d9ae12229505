import {
  ALIBABA_CLOUD_REGIONS,
  AlibabaCloudRegionInfo,
  CATALOG_DATE,
  DASHSCOPE_REGIONS_WITHOUT_PRIVATELINK,
  DashScopeRegion,
  lookupRegion,
} from "../catalog";
import { isToken } from "./checks";
import { ValidationCode, ValidationIssue, show } from "./errors";
import { checkAlicloudProvider } from "../provider";


/** Resolves the region of a Model Studio endpoint: a built-in id, or a `DashScopeRegion`. */
export function resolveDashScopeRegion(region: string | DashScopeRegion, what: string): DashScopeRegion | ValidationIssue {
  if (region instanceof DashScopeRegion) return region;
  const supported = DashScopeRegion.builtIns().map((r) => `"${r.regionId}" (${r.displayName})`).join(", ");
  if (isToken(region)) {
    return {
      code: ValidationCode.REGION_INVALID,
      problem: `${what} is a token, but the endpoint's region decides its service, domain and peering and must be known at synth`,
      received: "an unresolved token",
      allowed: `a literal region id: ${supported}`,
      fix: "pass the region as a string literal (or a DashScopeRegion); the VPC and vSwitch ids may stay tokens",
    };
  }
  const found = DashScopeRegion.find(region);
  if (found) return found;
  const why = DASHSCOPE_REGIONS_WITHOUT_PRIVATELINK[region];
  return {
    code: ValidationCode.REGION_UNSUPPORTED,
    problem: `${what} is not a region where Model Studio offers the PrivateLink endpoint service${why ? ` (${why})` : ""}`,
    received: show(region),
    allowed: `${supported}, per Alibaba Cloud's docs of ${CATALOG_DATE}`,
    fix: `put the endpoint in a supported region and reach it from ${show(region)} over CEN as a requester, or, if Alibaba has since opened the service there, pass DashScopeRegion.custom({ regionId: ${show(region)} })`,
  };
}

/** Resolves any Alibaba Cloud region id (a requester's, a transit router's). */
export function resolveRegion(regionId: string, what: string): AlibabaCloudRegionInfo | ValidationIssue {
  if (!isToken(regionId) && typeof regionId === "string") {
    const info = lookupRegion(regionId);
    if (info) return info;
  }
  return {
    code: ValidationCode.REGION_INVALID,
    problem: isToken(regionId)
      ? `${what} is a token, but regions decide which transit routers and peer links exist and must be known at synth`
      : `${what} is not an Alibaba Cloud region id`,
    received: show(regionId),
    allowed: `a literal region id such as ${ALIBABA_CLOUD_REGIONS.slice(0, 4).map((r) => `"${r.regionId}"`).join(", ")}`,
    fix: "pass the region id as a string literal",
  };
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
  if (providerRegion === undefined || isToken(providerRegion) || isToken(regionId) || providerRegion === regionId) return [];
  return [
    {
      code: ValidationCode.PROVIDER_REGION_MISMATCH,
      problem: `${what} is for region ${show(providerRegion)}, but it is declared for ${show(regionId)}; every resource would be created in the provider's region`,
      received: `provider ${provider.alias ? `alias ${show(provider.alias)}` : provider.node.path} with region ${show(providerRegion)}`,
      allowed: `an AlicloudProvider whose region is ${show(regionId)}`,
      fix: `pass the provider configured for ${regionId} (one aliased provider per region), or correct the declared region`,
    },
  ];
}
