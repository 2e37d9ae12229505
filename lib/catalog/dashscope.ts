/**
 * Model Studio (DashScope) PrivateLink facts as dated data, per Alibaba Cloud's "Access APIs over VPC"
 * page of March 2026: where the endpoint service `com.aliyuncs.dashscope` is offered, the custom
 * domain each region answers on inside a VPC, and the public base URL it replaces.
 *
 * Docs change (a later page describes Beijing and Hong Kong with workspace domains), so the table is
 * open: `DashScopeRegion.custom({...})` describes a region or domain the built-ins do not know, and
 * every construct takes a `DashScopeRegion` wherever it takes a region id.
 *
 * This module imports nothing but `./regions`, so the verifier can use it without loading cdktf.
 */
import { DASHSCOPE_SERVICE, PrivateLinkService } from "./privatelink-service";
import { AlibabaCloudRegionInfo, CATALOG_DATE, CenGeographicRegion, lookupRegion } from "./regions";

/** The PrivateLink endpoint service of Model Studio. */
export const DASHSCOPE_SERVICE_NAME = DASHSCOPE_SERVICE.serviceName;

/** The path of the OpenAI-compatible API under a DashScope host. (Internal: not part of the public API.) @internal */
export const COMPATIBLE_MODE_PATH = "/compatible-mode/v1";

/** Regions Alibaba documents as having Model Studio but no PrivateLink endpoint service. (Internal: not part of the public API.) @internal */
export const DASHSCOPE_REGIONS_WITHOUT_PRIVATELINK: Readonly<Record<string, string>> = Object.freeze({
  "us-east-1": "Private network access is not supported in US (Virginia) (Model Studio docs, March 2026)",
});

export interface DashScopeRegionProps {
  /** The region id the endpoint is created in, e.g. `ap-southeast-1`. */
  readonly regionId: string;
  /**
   * The console name of the region.
   * @default - the name from the region table, else the region id
   */
  readonly displayName?: string;
  /**
   * The custom domain the endpoint answers on over HTTPS inside the VPC; the Private Zone is named
   * after it.
   * @default `vpc-<regionId>.dashscope.aliyuncs.com`
   */
  readonly customDomain?: string;
  /**
   * The public OpenAI-compatible base URL of the region (what callers use without PrivateLink).
   * @default - none known
   */
  readonly publicBaseUrl?: string;
  /**
   * The endpoint service name.
   * @default - the service's name, `com.aliyuncs.dashscope`
   */
  readonly serviceName?: string;
  /**
   * The PrivateLink service reached in this region: its name, ports, custom domain and labels.
   * Another Alibaba service over PrivateLink is one `PrivateLinkService.of({...})` entry.
   * @default DASHSCOPE_SERVICE
   */
  readonly service?: PrivateLinkService;
  /**
   * Whether the region is in the Chinese mainland.
   * @default - from the region table, else inferred from the id (`cn-*` except `cn-hongkong`)
   */
  readonly mainland?: boolean;
  /**
   * The CEN bandwidth plan area of the region.
   * @default - from the region table, else inferred from the id
   */
  readonly geographicRegion?: CenGeographicRegion;
}

/** A region where Model Studio's PrivateLink endpoint service can be reached. */
export class DashScopeRegion implements AlibabaCloudRegionInfo {
  /** Singapore: Model Studio's international region. */
  public static readonly AP_SOUTHEAST_1 = new DashScopeRegion(
    {
      regionId: "ap-southeast-1",
      publicBaseUrl: `https://dashscope-intl.aliyuncs.com${COMPATIBLE_MODE_PATH}`,
    },
    true,
  );

  /** China (Beijing): Model Studio's mainland region. */
  public static readonly CN_BEIJING = new DashScopeRegion(
    {
      regionId: "cn-beijing",
      publicBaseUrl: `https://dashscope.aliyuncs.com${COMPATIBLE_MODE_PATH}`,
    },
    true,
  );

  /** The built-in regions, as documented on {@link CATALOG_DATE}. */
  public static builtIns(): readonly DashScopeRegion[] {
    return [DashScopeRegion.AP_SOUTHEAST_1, DashScopeRegion.CN_BEIJING];
  }

  /** The built-in region with this id, or `undefined`. */
  public static find(regionId: string): DashScopeRegion | undefined {
    return DashScopeRegion.builtIns().find((r) => r.regionId === regionId);
  }

  /**
   * Describes a region (or a domain) the built-in table does not know, without forking the library:
   * e.g. a region where the endpoint service became available after {@link CATALOG_DATE}.
   */
  public static custom(props: DashScopeRegionProps): DashScopeRegion {
    return new DashScopeRegion(props, false);
  }

  public readonly regionId: string;
  public readonly displayName: string;
  public readonly mainland: boolean;
  public readonly geographicRegion: CenGeographicRegion;
  /** The service reached in this region (its name, ports, labels), from `privatelink-service.ts`. */
  public readonly service: PrivateLinkService;
  /** The endpoint service name, `com.aliyuncs.dashscope` unless overridden. */
  public readonly serviceName: string;
  /** The custom domain (HTTPS inside the VPC), e.g. `vpc-ap-southeast-1.dashscope.aliyuncs.com`. */
  public readonly customDomain: string;
  /** The public base URL of the region, where known. */
  public readonly publicBaseUrl?: string;
  /** Whether this entry comes from the library's dated table rather than `custom()`. */
  public readonly builtIn: boolean;

  private constructor(props: DashScopeRegionProps, builtIn: boolean) {
    const known = lookupRegion(props.regionId);
    this.regionId = props.regionId;
    this.displayName = props.displayName ?? known?.displayName ?? props.regionId;
    this.mainland = props.mainland ?? known?.mainland ?? props.regionId.startsWith("cn-");
    this.geographicRegion = props.geographicRegion ?? known?.geographicRegion ?? "Asia-Pacific";
    this.service = props.service ?? DASHSCOPE_SERVICE;
    this.serviceName = props.serviceName ?? this.service.serviceName;
    this.customDomain = props.customDomain ?? this.service.customDomain(props.regionId);
    this.publicBaseUrl = props.publicBaseUrl;
    this.builtIn = builtIn;
  }

  /** `https://<customDomain>/compatible-mode/v1`: the base URL callers inside a VPC use. */
  public get customBaseUrl(): string {
    return `https://${this.customDomain}${COMPATIBLE_MODE_PATH}`;
  }
}

/** `vpc-<regionId>.dashscope.aliyuncs.com`: the custom domain of the endpoint service in a region. */
export function dashScopeCustomDomain(regionId: string): string {
  return DASHSCOPE_SERVICE.customDomain(regionId);
}

/**
 * `http://<endpointDomain>/compatible-mode/v1`: the base URL on the endpoint's default domain
 * (`ep-….dashscope.<region>.privatelink.aliyuncs.com`), which answers plain HTTP only.
 * @internal Not part of the public API.
 */
export function endpointDomainBaseUrl(endpointDomain: string): string {
  return `http://${endpointDomain}${COMPATIBLE_MODE_PATH}`;
}

export { CATALOG_DATE };

/**
 * The stack outputs `dashscope-verify --outputs` reads, from `cdktf deploy --outputs-file` JSON or
 * `terraform output -json`. `DashScopeEndpointOutputs` writes exactly these names. Part of the
 * contract between the constructs and the verifier: they change only with a major version.
 */
export const ENDPOINT_OUTPUT_NAMES = Object.freeze({
  endpointId: "endpoint_id",
  endpointDomain: "endpoint_domain",
  customDomain: "custom_domain",
  endpointRegion: "endpoint_region",
  endpointZoneIps: "endpoint_zone_ips",
} as const);

/** The output names of one hub, keyed like `ENDPOINT_OUTPUT_NAMES`. */
export type EndpointOutputNames = { readonly [K in keyof typeof ENDPOINT_OUTPUT_NAMES]: string };

/**
 * The output names of one hub: `ENDPOINT_OUTPUT_NAMES` as they are without a prefix, or each written
 * `<prefix>_<name>` (`cn_beijing_endpoint_id`, ...) where a stack holds more than one hub. Both
 * `DashScopeEndpointOutputs({ prefix })` and `dashscope-verify --output-prefix` derive names from here.
 */
export function endpointOutputNames(prefix?: string): EndpointOutputNames {
  if (prefix === undefined || prefix === "") return ENDPOINT_OUTPUT_NAMES;
  const named = {} as { -readonly [K in keyof typeof ENDPOINT_OUTPUT_NAMES]: string };
  for (const key of Object.keys(ENDPOINT_OUTPUT_NAMES) as Array<keyof typeof ENDPOINT_OUTPUT_NAMES>) {
    named[key] = `${prefix}_${ENDPOINT_OUTPUT_NAMES[key]}`;
  }
  return Object.freeze(named);
}
