/**
 * An endpoint created elsewhere, from {@link DashScopeEndpoint.fromEndpointAttributes}. Not exported
 * from the package: callers hold it as an IDashScopeEndpoint.
 */
import { Construct } from "constructs";
import { AlicloudProviderLike } from "../provider";
import { DashScopeRegion } from "../catalog";
import {
  DashScopeValidationError,
  ValidationCode,
  ValidationIssue,
  checkProviderRegion,
  isIssue,
  issue,
  resolveDashScopeRegion,
  show,
  throwIfIssues,
} from "../validation";
import { checkPorts } from "./endpoint-validation";
import { EndpointIngress } from "./ingress";
import { DEFAULT_ENDPOINT_PORTS, DashScopeEndpointAttributes, IDashScopeEndpoint } from "./types";

export class ImportedDashScopeEndpoint extends Construct implements IDashScopeEndpoint {
  public readonly endpointId: string;
  public readonly endpointDomain: string;
  public readonly customDomain: string;
  public readonly region: DashScopeRegion;
  public readonly securityGroupId?: string;
  public readonly zoneIps: string[];
  public readonly vpcId?: string;
  public readonly vpcCidrBlock?: string;
  public readonly ports: number[];
  public readonly provider?: AlicloudProviderLike;
  private readonly allowAnyCidr: boolean;
  private ingress?: EndpointIngress;

  public constructor(scope: Construct, id: string, attrs: DashScopeEndpointAttributes) {
    const issues: ValidationIssue[] = [];
    const region = resolveDashScopeRegion(attrs.region, "region");
    if (isIssue(region)) issues.push(region);
    else if (attrs.provider) issues.push(...checkProviderRegion(attrs.provider, region.regionId, "provider"));
    if (attrs.ports !== undefined) issues.push(...checkPorts(attrs.ports, "ports"));
    throwIfIssues(scope, id, issues);
    super(scope, id);

    this.region = region as DashScopeRegion;
    this.endpointId = attrs.endpointId;
    this.endpointDomain = attrs.endpointDomain;
    this.customDomain = this.region.customDomain;
    this.securityGroupId = attrs.securityGroupId;
    this.zoneIps = attrs.zoneIps ?? [];
    this.vpcId = attrs.vpcId;
    this.vpcCidrBlock = attrs.vpcCidrBlock;
    this.ports = [...(attrs.ports ?? DEFAULT_ENDPOINT_PORTS)];
    this.provider = attrs.provider;
    this.allowAnyCidr = attrs.allowAnyCidr === true;
  }

  public allowFrom(cidr: string, description?: string): void {
    this.ingressOrThrow(cidr).allow(this.node.path, cidr, description);
  }

  private ingressOrThrow(cidr: string): EndpointIngress {
    if (this.ingress) return this.ingress;
    const call = `allowFrom(${show(cidr)})`;
    if (this.securityGroupId === undefined) {
      throw new DashScopeValidationError(this.node.path, [
        issue(
          ValidationCode.PROPS_CONFLICT,
          "allowFrom() was called on an imported endpoint without securityGroupId, so there is no group to add rules to",
          `${call} with no securityGroupId`,
          "allowFrom() on an endpoint imported with securityGroupId and provider",
          "pass securityGroupId (the endpoint's security group) to fromEndpointAttributes, or open the port in that group where it is managed",
        ),
      ]);
    }
    if (this.provider === undefined) {
      throw new DashScopeValidationError(this.node.path, [
        issue(
          ValidationCode.PROVIDER_MISSING,
          `allowFrom() was called on an imported endpoint without provider, so its rules could be created in another region than ${this.region.regionId}`,
          `${call} with no provider`,
          `an AlicloudProvider for ${this.region.regionId}`,
          `pass provider: the AlicloudProvider of ${this.region.regionId} to fromEndpointAttributes`,
        ),
      ]);
    }
    this.ingress = new EndpointIngress({
      scope: this,
      securityGroupId: this.securityGroupId,
      ports: this.ports,
      provider: this.provider,
      endpointName: this.endpointId,
      serviceLabel: this.region.service.shortLabel,
      allowAnyCidr: this.allowAnyCidr,
      vpcCidrBlock: this.vpcCidrBlock,
    });
    return this.ingress;
  }
}
