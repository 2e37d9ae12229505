/**
 * Alibaba Cloud regions as this library needs them: whether a region lies in the Chinese mainland
 * (links between the mainland and anywhere else are cross-border and need enterprise verification
 * and a CEN bandwidth plan) and the geographic area CEN bandwidth plans are sold for.
 *
 * Dated data, read from Alibaba Cloud's region list in March 2026. A region that is not listed is
 * still understood when its id follows Alibaba's naming (`cn-*` mainland, `ap-*`, `eu-*`, `us-*`,
 * `na-*`, `me-*`); `cn-hongkong` is outside the mainland.
 *
 * This module imports nothing, so the verifier can use it without loading cdktf.
 */

/** The geographic areas of `alicloud_cen_bandwidth_package.geographic_region_{a,b}_id`. */
export type CenGeographicRegion =
  | "China"
  | "Asia-Pacific"
  | "Australia"
  | "Europe"
  | "Middle-East"
  | "North-America";

export interface AlibabaCloudRegionInfo {
  /** The region id, e.g. `ap-southeast-1`. */
  readonly regionId: string;
  /** The console name, e.g. `Singapore`. */
  readonly displayName: string;
  /** Whether the region is in the Chinese mainland (Hong Kong, Macao and Taiwan are not). */
  readonly mainland: boolean;
  /** The area a CEN bandwidth plan names for this region. */
  readonly geographicRegion: CenGeographicRegion;
}

/** When the tables in this folder were last checked against Alibaba Cloud's documentation. */
export const CATALOG_DATE = "2026-03-30";

const mainland = (regionId: string, displayName: string): AlibabaCloudRegionInfo => ({
  regionId,
  displayName,
  mainland: true,
  geographicRegion: "China",
});
const abroad = (
  regionId: string,
  displayName: string,
  geographicRegion: CenGeographicRegion,
): AlibabaCloudRegionInfo => ({ regionId, displayName, mainland: false, geographicRegion });

/** The known regions. */
export const ALIBABA_CLOUD_REGIONS: readonly AlibabaCloudRegionInfo[] = Object.freeze([
  mainland("cn-qingdao", "China (Qingdao)"),
  mainland("cn-beijing", "China (Beijing)"),
  mainland("cn-zhangjiakou", "China (Zhangjiakou)"),
  mainland("cn-huhehaote", "China (Hohhot)"),
  mainland("cn-wulanchabu", "China (Ulanqab)"),
  mainland("cn-hangzhou", "China (Hangzhou)"),
  mainland("cn-shanghai", "China (Shanghai)"),
  mainland("cn-nanjing", "China (Nanjing - Local Region)"),
  mainland("cn-fuzhou", "China (Fuzhou - Local Region)"),
  mainland("cn-wuhan-lr", "China (Wuhan - Local Region)"),
  mainland("cn-shenzhen", "China (Shenzhen)"),
  mainland("cn-heyuan", "China (Heyuan)"),
  mainland("cn-guangzhou", "China (Guangzhou)"),
  mainland("cn-chengdu", "China (Chengdu)"),
  abroad("cn-hongkong", "China (Hong Kong)", "Asia-Pacific"),
  abroad("ap-northeast-1", "Japan (Tokyo)", "Asia-Pacific"),
  abroad("ap-northeast-2", "South Korea (Seoul)", "Asia-Pacific"),
  abroad("ap-southeast-1", "Singapore", "Asia-Pacific"),
  abroad("ap-southeast-3", "Malaysia (Kuala Lumpur)", "Asia-Pacific"),
  abroad("ap-southeast-5", "Indonesia (Jakarta)", "Asia-Pacific"),
  abroad("ap-southeast-6", "Philippines (Manila)", "Asia-Pacific"),
  abroad("ap-southeast-7", "Thailand (Bangkok)", "Asia-Pacific"),
  abroad("ap-southeast-2", "Australia (Sydney)", "Australia"),
  abroad("eu-central-1", "Germany (Frankfurt)", "Europe"),
  abroad("eu-west-1", "UK (London)", "Europe"),
  abroad("us-east-1", "US (Virginia)", "North-America"),
  abroad("us-west-1", "US (Silicon Valley)", "North-America"),
  abroad("na-south-1", "Mexico", "North-America"),
  abroad("me-east-1", "UAE (Dubai)", "Middle-East"),
  abroad("me-central-1", "Saudi Arabia (Riyadh)", "Middle-East"),
]);

const BY_ID = new Map(ALIBABA_CLOUD_REGIONS.map((r) => [r.regionId, r]));

/** Region ids: lower-case words and digits joined by hyphens, e.g. `cn-wuhan-lr`, `ap-southeast-1`. */
const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

const PREFIX_AREAS: ReadonlyArray<[RegExp, CenGeographicRegion]> = [
  [/^cn-/, "China"],
  [/^ap-southeast-2$/, "Australia"],
  [/^ap-/, "Asia-Pacific"],
  [/^eu-/, "Europe"],
  [/^(us|na)-/, "North-America"],
  [/^me-/, "Middle-East"],
];

/**
 * Facts about a region id: from the table, else inferred from Alibaba's naming scheme.
 * Returns `undefined` for an id that is neither listed nor follows the scheme.
 */
export function lookupRegion(regionId: string): AlibabaCloudRegionInfo | undefined {
  const known = BY_ID.get(regionId);
  if (known) return known;
  if (!REGION_ID.test(regionId)) return undefined;
  const area = PREFIX_AREAS.find(([pattern]) => pattern.test(regionId));
  if (!area) return undefined;
  return {
    regionId,
    displayName: regionId,
    mainland: area[1] === "China",
    geographicRegion: area[1],
  };
}

/** Whether traffic between two regions crosses the border of the Chinese mainland. */
export function isCrossBorder(a: AlibabaCloudRegionInfo, b: AlibabaCloudRegionInfo): boolean {
  return a.mainland !== b.mainland;
}

/**
 * The availability zones of some regions, as Alibaba Cloud's zone lists showed them on
 * {@link CATALOG_DATE}. Alibaba adds zones: a zone missing here is only a warning
 * (`DSPL_ZONE_UNKNOWN`), and {@link addKnownZones} teaches the table a newer one.
 */
const KNOWN_ZONES = new Map<string, Set<string>>(
  Object.entries({
    "ap-southeast-1": ["a", "b", "c"],
    "ap-northeast-1": ["a", "b", "c"],
    "ap-northeast-2": ["a"],
    "eu-central-1": ["a", "b", "c"],
    "eu-west-1": ["a", "b"],
    "us-west-1": ["a", "b"],
    "cn-hongkong": ["b", "c", "d"],
    "cn-beijing": ["a", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"],
    "cn-hangzhou": ["b", "e", "f", "g", "h", "i", "j", "k"],
    "cn-shanghai": ["a", "b", "e", "f", "g", "l", "m", "n"],
    "cn-shenzhen": ["a", "b", "c", "d", "e", "f"],
  }).map(([regionId, letters]) => [regionId, new Set(letters.map((l) => `${regionId}${regionId.startsWith("cn-") ? "-" : ""}${l}`))]),
);

/** The known zones of a region, or `undefined` when the table does not list the region. */
export function knownZones(regionId: string): readonly string[] | undefined {
  const zones = KNOWN_ZONES.get(regionId);
  return zones ? [...zones] : undefined;
}

/** Adds zones Alibaba opened after {@link CATALOG_DATE} (process-wide), so they no longer warn. */
export function addKnownZones(regionId: string, zoneIds: readonly string[]): void {
  const zones = KNOWN_ZONES.get(regionId) ?? new Set<string>();
  for (const zoneId of zoneIds) zones.add(zoneId);
  KNOWN_ZONES.set(regionId, zones);
}
