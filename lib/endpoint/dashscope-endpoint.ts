import { Annotations, Fn, TerraformStack, Token } from "../cdk";
import { Construct } from "constructs";
import { PrivatelinkVpcEndpoint } from "../../.gen/providers/alicloud/privatelink-vpc-endpoint";
import { PrivatelinkVpcEndpointZone } from "../../.gen/providers/alicloud/privatelink-vpc-endpoint-zone";
import { AlicloudProviderLike } from "../provider";
import { SecurityGroup } from "../../.gen/providers/alicloud/security-group";
import { SecurityGroupRule } from "../../.gen/providers/alicloud/security-group-rule";
import { DashScopeRegion } from "../catalog";
import {
  DashScopeValidationError,
  RegionalProvider,
  ValidationCode,
  ValidationIssue,
  addLazyValidation,
  checkProviderRegion,
  isToken,
  issue,
  show,
  unknownZoneWarning,
} from "../validation";
import { planEndpoint } from "./endpoint-validation";
import { ImportedDashScopeEndpoint } from "./imported-endpoint";
import { EndpointIngress, portText, truncate } from "./ingress";
import { DashScopeEndpointAttributes, DashScopeVSwitch, IDashScopeEndpoint } from "./types";

export interface DashScopeEndpointProps {
  /** The endpoint's region: a built-in region id (`ap-southeast-1`, `cn-beijing`) or a `DashScopeRegion`. Must be a literal. */
  readonly region: string | DashScopeRegion;
  /** The VPC the endpoint is created in. */
  readonly vpcId: string;
  /** The VPC's CIDR block: opened by default, and the range pinned ENI IPs must fall in. */
  readonly vpcCidrBlock: string;
  /**
   * The vSwitches the endpoint places an ENI in: at least two, in different zones of the region.
   * The list itself must be a literal (its length decides how many zones exist); the ids may be tokens.
   */
  readonly vSwitches: DashScopeVSwitch[];
  /**
   * The aliased provider of the endpoint's region. The construct never creates providers.
   * @default - the stack's default (unaliased) alicloud provider, which synth checks exists and is for `region`
   */
  readonly provider?: AlicloudProviderLike;
  /**
   * Security groups of the VPC to put the endpoint in (bring your own): the construct then creates
   * no group and no rules, and `allowedCidrs`, `allowAnyCidr`, `ports` and `securityGroupName` may not be set.
   * @default - the construct creates one group that opens `ports` to `allowedCidrs`
   */
  readonly securityGroupIds?: string[];
  /**
   * The IPv4 CIDR blocks whose callers may reach the endpoint, each on every port of `ports`.
   * Widen later with `allowFrom()`.
   * @default - [vpcCidrBlock]
   */
  readonly allowedCidrs?: string[];
  /**
   * Opt-in for CIDR blocks wider than /8 (`0.0.0.0/0` included) in `allowedCidrs` and `allowFrom()`.
   * @default false
   */
  readonly allowAnyCidr?: boolean;
  /**
   * The TCP ports the group opens: 443 serves HTTPS on the custom domain, 80 plain HTTP on the endpoint's default domain.
   * @default [80, 443]
   */
  readonly ports?: number[];
  /**
   * The endpoint's name (`vpc_endpoint_name`).
   * @default - `dashscope-` followed by the construct path, e.g. `dashscope-single-region-Endpoint`
   */
  readonly endpointName?: string;
  /**
   * The endpoint's description.
   * @default - a sentence naming Model Studio, the region and this library
   */
  readonly endpointDescription?: string;
  /**
   * The name of the security group the construct creates.
   * @default - `<endpointName>-sg`
   */
  readonly securityGroupName?: string;
  /**
   * Tags for the endpoint and the security group the construct creates.
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
  /**
   * The endpoint service to connect to.
   * @default - the region's service name from the catalog, `com.aliyuncs.dashscope`
   */
  readonly serviceName?: string;
}

const LIBRARY = "cdktf-dashscope-privatelink";

/**
 * An interface endpoint for Model Studio (DashScope) in one VPC, in two or more zones, behind a
 * security group that opens HTTP and HTTPS to named networks only.
 *
 * Creates `alicloud_privatelink_vpc_endpoint` (Interface), one `alicloud_privatelink_vpc_endpoint_zone`
 * per vSwitch and, unless `securityGroupIds` is given, an `alicloud_security_group` with one ingress
 * rule per (CIDR, port). Construct ids are Terraform addresses: the zones are named after their zone
 * id and the rules after their CIDR and port, so reordering inputs moves nothing.
 */
export class DashScopeEndpoint extends Construct implements IDashScopeEndpoint {
  /**
   * An endpoint created elsewhere. Its `allowFrom` adds rules to `attrs.securityGroupId` with
   * `attrs.provider`, and throws a coded error when either is missing.
   */
  public static fromEndpointAttributes(scope: Construct, id: string, attrs: DashScopeEndpointAttributes): IDashScopeEndpoint {
    return new ImportedDashScopeEndpoint(scope, id, attrs);
  }

  /** The endpoint id, `ep-...`. */
  public readonly endpointId: string;
  /** The default domain, `ep-....dashscope.<region>.privatelink.aliyuncs.com`: plain HTTP only. */
  public readonly endpointDomain: string;
  /** The custom domain callers use over HTTPS, from the catalog: `vpc-<region>.dashscope.aliyuncs.com`. */
  public readonly customDomain: string;
  /** The group the construct created, or the first of `securityGroupIds`. */
  public readonly securityGroupId: string;
  /** Every security group of the endpoint. */
  public readonly securityGroupIds: string[];
  /** The ENI IP of each zone (`eni_ip`), in vSwitch order. */
  public readonly zoneIps: string[];
  public readonly region: DashScopeRegion;
  public readonly vpcId: string;
  public readonly vpcCidrBlock: string;
  /** The TCP ports the owned group opens (and `allowFrom` opens). */
  public readonly ports: number[];
  /** The endpoint service, `com.aliyuncs.dashscope` unless overridden. */
  public readonly serviceName: string;
  /** The endpoint's name. */
  public readonly endpointName: string;
  public readonly provider?: AlicloudProviderLike;
  /** The L1 endpoint (escape hatch). */
  public readonly vpcEndpoint: PrivatelinkVpcEndpoint;
  /** The L1 endpoint zones, in vSwitch order (escape hatch). */
  public readonly zones: PrivatelinkVpcEndpointZone[];
  /** The L1 security group, when the construct owns it (escape hatch). */
  public readonly securityGroup?: SecurityGroup;
  private readonly ingress?: EndpointIngress;

  public constructor(scope: Construct, id: string, props: DashScopeEndpointProps) {
    // Everything is checked before super(): a rejected endpoint leaves nothing in the tree.
    const plan = planEndpoint(scope, id, props);
    super(scope, id);

    const { region, ports } = plan;
    this.region = region;
    this.provider = props.provider;
    this.vpcId = props.vpcId;
    this.vpcCidrBlock = props.vpcCidrBlock;
    this.ports = ports;
    this.serviceName = props.serviceName ?? region.serviceName;
    this.customDomain = region.customDomain;
    this.endpointName = props.endpointName ?? defaultName(region.service.namePrefix, this.node.path);
    const provider = props.provider;

    if (plan.ownsGroup) {
      // `<endpointName>-sg`, within the 128 characters a name may have (a token name cannot be measured).
      const base = isToken(this.endpointName) ? defaultName(region.service.namePrefix, this.node.path) : this.endpointName;
      const sgName = props.securityGroupName ?? `${base.slice(0, 125)}-sg`;
      this.securityGroup = new SecurityGroup(this, "SecurityGroup", {
        provider,
        vpcId: props.vpcId,
        securityGroupName: sgName,
        description: truncate(
          `Ingress to the ${region.service.label} PrivateLink endpoint ${this.endpointName} on tcp ${ports.map(portText).join(", ")} from the allowed networks; managed by ${LIBRARY}`,
        ),
        tags: props.tags,
      });
      this.securityGroupId = this.securityGroup.id;
      this.securityGroupIds = [this.securityGroupId];
    } else {
      const ids = props.securityGroupIds!;
      this.securityGroupIds = isToken(ids) ? ids : [...ids];
      // A list token cannot be indexed in TypeScript: its first element is a Terraform expression.
      this.securityGroupId = isToken(ids) ? Token.asString(Fn.element(ids, 0)) : ids[0];
    }

    this.vpcEndpoint = new PrivatelinkVpcEndpoint(this, "Resource", {
      provider,
      endpointType: "Interface",
      serviceName: this.serviceName,
      vpcId: props.vpcId,
      securityGroupIds: this.securityGroupIds,
      vpcEndpointName: this.endpointName,
      endpointDescription:
        props.endpointDescription ??
        truncate(`Private access to ${region.service.label} in ${region.regionId} through ${this.serviceName}; managed by ${LIBRARY}`),
      tags: props.tags,
    });
    this.endpointId = this.vpcEndpoint.id;
    this.endpointDomain = this.vpcEndpoint.endpointDomain;

    this.zones = props.vSwitches.map(
      (v, i) =>
        new PrivatelinkVpcEndpointZone(this, plan.zoneIds[i], {
          provider,
          endpointId: this.endpointId,
          vswitchId: v.vSwitchId,
          zoneId: v.zoneId,
          eniIp: v.eniIp,
        }),
    );
    this.zoneIps = this.zones.map((z) => z.eniIp);
    props.vSwitches.forEach((v, i) => {
      const warning = unknownZoneWarning(v.zoneId, region.regionId, `vSwitches[${i}].zoneId`);
      if (warning) Annotations.of(this).addWarning(warning);
    });

    if (this.securityGroup) {
      this.ingress = new EndpointIngress({
        scope: this,
        securityGroupId: this.securityGroupId,
        ports,
        provider,
        endpointName: this.endpointName,
        serviceLabel: region.service.shortLabel,
        allowAnyCidr: props.allowAnyCidr === true,
        vpcCidrBlock: props.vpcCidrBlock,
      });
      const cidrs = props.allowedCidrs ?? [props.vpcCidrBlock];
      // Already validated by planEndpoint; without labels, keys cannot collide.
      const { planned } = this.ingress.plan(
        cidrs.map((cidr) => ({ cidr, defaultLabel: cidr === props.vpcCidrBlock ? "endpoint VPC" : "allowedCidrs" })),
      );
      this.ingress.create(planned);
    }

    addLazyValidation(this, () => [...this.checkProvider(), ...this.checkIngress()]);
  }

  /** The CIDR blocks the owned group opens (empty when the groups are brought). */
  public get allowedCidrs(): string[] {
    return this.ingress?.cidrs ?? [];
  }

  /** The ingress rules the construct created (escape hatch). */
  public get securityGroupRules(): SecurityGroupRule[] {
    return this.ingress?.rules ?? [];
  }

  /**
   * Opens every port of `ports` to another network: one ingress rule per port, named
   * `Ingress-<cidr>-<port>` (e.g. `Ingress-10-1-0-0-16-443`). A CIDR already allowed is a no-op.
   *
   * @param cidr the callers' IPv4 CIDR block (a token is fine); wider than /8 needs `allowAnyCidr`
   * @param description who the network is, e.g. `workloads in ap-northeast-1`; it ends each rule's
   *   description. For a token CIDR it also names the rules (`Ingress-<description>-<port>`), so keep
   *   it stable; a token CIDR without one gets `Ingress-Cidr<n>-<port>` in call order.
   * @throws DashScopeValidationError DSPL_PROPS_CONFLICT when the groups are brought (`securityGroupIds`),
   *   DSPL_CIDR_INVALID / DSPL_CIDR_TOO_WIDE for a bad literal
   */
  public allowFrom(cidr: string, description?: string): void {
    if (!this.ingress) {
      throw new DashScopeValidationError(this.node.path, [
        issue(
          ValidationCode.PROPS_CONFLICT,
          "allowFrom() was called on an endpoint whose security groups are brought (securityGroupIds), so there is no group of this construct to add rules to",
          `allowFrom(${show(cidr)}) with securityGroupIds ${show(this.securityGroupIds)}`,
          "allowFrom() on an endpoint that creates its own group (securityGroupIds not set)",
          "add the ingress rule to your own security group, or drop securityGroupIds and use allowedCidrs",
        ),
      ]);
    }
    this.ingress.allow(this.node.path, cidr, description);
  }

  /**
   * The dry run of `allowFrom`: the issues it would throw (empty when it would succeed); creates nothing.
   * On an endpoint whose groups are brought there is nothing to check, and nothing is reported.
   */
  public checkAllowFrom(cidr: string, description?: string): ValidationIssue[] {
    if (!this.ingress) return [];
    const issues = this.ingress.check(cidr, `allowFrom(${show(cidr)})`);
    if (issues.length > 0) return issues;
    return this.ingress.plan([{ cidr, label: description, defaultLabel: "allowFrom" }]).issues;
  }

  private checkProvider(): ValidationIssue[] {
    const regionId = this.region.regionId;
    if (this.provider) return checkProviderRegion(this.provider, regionId, "provider");
    const alicloud = TerraformStack.of(this)
      .allProviders()
      .filter((p) => p.terraformResourceType === "alicloud") as unknown as Array<RegionalProvider & { alias?: string }>;
    const fallback = alicloud.find((p) => p.alias === undefined);
    if (fallback) return checkProviderRegion(fallback, regionId, "the stack's default alicloud provider (used because no provider prop is given)");
    return [
      issue(
        ValidationCode.PROVIDER_MISSING,
        `the endpoint has no provider prop and its stack declares no default (unaliased) alicloud provider, so Terraform would use an unconfigured one (region from ALICLOUD_REGION, else cn-beijing) instead of ${regionId}`,
        alicloud.length === 0
            ? "no alicloud provider in the stack"
            : `only aliased providers: ${alicloud.map((p) => `${show(p.alias)} (region ${p.region === undefined || isToken(p.region) ? "unknown" : show(p.region)})`).join(", ")}`,
        `an AlicloudProvider for ${regionId}, passed as provider`,
        `pass provider: the AlicloudProvider you declared for ${regionId}`,
      ),
    ];
  }

  private checkIngress(): ValidationIssue[] {
    if (!this.ingress || this.ingress.rules.length > 0) return [];
    return [
      issue(
        ValidationCode.VALUE_OUT_OF_RANGE,
        "the endpoint's security group opens no port to any network: allowedCidrs is empty and allowFrom() was never called, so nothing could reach the endpoint",
        "allowedCidrs []",
        "at least one CIDR block, through allowedCidrs or allowFrom()",
        "leave allowedCidrs out to open the endpoint VPC's CIDR, or call allowFrom(cidr) for each caller network",
      ),
    ];
  }
}

/** `<service prefix>-<construct path>` with the characters endpoint names reject replaced, at most 128 characters. */
function defaultName(prefix: string, path: string): string {
  return `${prefix}-${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`.slice(0, 128);
}

