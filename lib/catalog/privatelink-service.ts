/**
 * An Alibaba-managed service reached over PrivateLink, as data: its endpoint service name, the ports
 * its endpoints serve, how its custom domain is named per region, and how descriptions and default
 * names refer to it. Kept apart from the region table (`regions.ts`) and from any construct, so a
 * second service is one more entry here (and a thin construct that passes it), not a copy of
 * `lib/endpoint/`.
 *
 * This module imports nothing, so the verifier can use it without loading cdktf.
 */

export interface PrivateLinkServiceProps {
  /** The endpoint service name, e.g. `com.aliyuncs.dashscope`. */
  readonly serviceName: string;
  /** The product name in descriptions, e.g. `Model Studio (DashScope)`. */
  readonly label: string;
  /** The short name in rule descriptions, e.g. `DashScope`. */
  readonly shortLabel: string;
  /** The prefix of default endpoint names, e.g. `dashscope`. */
  readonly namePrefix: string;
  /** The TCP ports an endpoint's security group opens by default. */
  readonly ports: readonly number[];
  /** The port the custom domain answers on (HTTPS), which `ports` must keep. */
  readonly customDomainPort: number;
  /** The custom domain in a region, e.g. `vpc-<regionId>.dashscope.aliyuncs.com`. */
  readonly customDomain: (regionId: string) => string;
}

/** A service reached over PrivateLink (see the module documentation). */
export class PrivateLinkService implements PrivateLinkServiceProps {
  /** Describes a service. */
  public static of(props: PrivateLinkServiceProps): PrivateLinkService {
    return new PrivateLinkService(props);
  }

  public readonly serviceName: string;
  public readonly label: string;
  public readonly shortLabel: string;
  public readonly namePrefix: string;
  public readonly ports: readonly number[];
  public readonly customDomainPort: number;
  public readonly customDomain: (regionId: string) => string;

  private constructor(props: PrivateLinkServiceProps) {
    this.serviceName = props.serviceName;
    this.label = props.label;
    this.shortLabel = props.shortLabel;
    this.namePrefix = props.namePrefix;
    this.ports = Object.freeze([...props.ports]);
    this.customDomainPort = props.customDomainPort;
    this.customDomain = props.customDomain;
  }
}

/** Model Studio (DashScope): HTTP on the endpoint's default domain, HTTPS on `vpc-<region>.dashscope.aliyuncs.com`. */
export const DASHSCOPE_SERVICE = PrivateLinkService.of({
  serviceName: "com.aliyuncs.dashscope",
  label: "Model Studio (DashScope)",
  shortLabel: "DashScope",
  namePrefix: "dashscope",
  ports: [80, 443],
  customDomainPort: 443,
  customDomain: (regionId) => `vpc-${regionId}.dashscope.aliyuncs.com`,
});
