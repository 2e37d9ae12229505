/**
 * The CEN bandwidth plans of a {@link TransitRouterNetwork}: which plan backs which peer link, the
 * plans it creates (one per pair of geographic areas) and their attachments to the CEN. Internal.
 */
import { Annotations, ITerraformDependable, Lazy } from "../cdk";
import { Construct } from "constructs";
import { CenBandwidthPackage } from "../../.gen/providers/alicloud/cen-bandwidth-package";
import { CenBandwidthPackageAttachment } from "../../.gen/providers/alicloud/cen-bandwidth-package-attachment";
import { AlicloudProviderLike } from "../provider";
import { AlibabaCloudRegionInfo } from "../catalog";
import { ValidationCode, ValidationIssue, ValidationWarning, isToken, issue, show, warningText } from "../validation";
import { MIN_BANDWIDTH_PACKAGE_MBPS, TransitRouterCrossBorderProps } from "./types";

/** The plan a link draws on, and what the link must wait for. */
export interface LinkPlan {
  readonly bandwidthPackageId: string;
  readonly dependsOn: ITerraformDependable[];
}

interface CreatedPlan {
  readonly pair: string;
  readonly bandwidthPackage: CenBandwidthPackage;
  readonly attachment: CenBandwidthPackageAttachment;
  readonly links: string[];
}

export interface BandwidthPlansProps {
  readonly provider: AlicloudProviderLike;
  readonly cenId: string;
  /** Whether the network created its CEN (then given plans are attached to it here). */
  readonly cenCreated: boolean;
  readonly crossBorder?: TransitRouterCrossBorderProps;
  readonly peerBandwidthMbps: number;
}

/** The geographic pair of a link, mainland side first (`China-Asia-Pacific`). */
function pairOf(hub: AlibabaCloudRegionInfo, spoke: AlibabaCloudRegionInfo): { a: string; b: string } {
  return hub.mainland || !spoke.mainland
    ? { a: hub.geographicRegion, b: spoke.geographicRegion }
    : { a: spoke.geographicRegion, b: hub.geographicRegion };
}

export class BandwidthPlans {
  private readonly created = new Map<string, CreatedPlan>();
  private readonly givenAttachments = new Map<string, CenBandwidthPackageAttachment>();
  /** Geographic pairs served by `crossBorder.bandwidthPackageId`, with the first spoke of each. */
  private readonly sharedPairs = new Map<string, { spoke: string; areas: string }>();

  public constructor(
    private readonly scope: Construct,
    private readonly props: BandwidthPlansProps,
  ) {}

  /**
   * The issue that stops a plan for the link hub -> spoke, or `undefined`; creates nothing.
   * `explicitId` is `addRegion`'s `bandwidthPackageId`.
   */
  public check(hub: AlibabaCloudRegionInfo, spoke: AlibabaCloudRegionInfo, explicitId: string | undefined): ValidationIssue | undefined {
    const { a, b } = pairOf(hub, spoke);
    const pair = `${a}-${b}`;
    if (explicitId !== undefined) return undefined;
    const sharedId = this.props.crossBorder?.bandwidthPackageId;
    if (sharedId !== undefined) {
      // The shared plan serves one pair (planFor records it; a second pair is refused here), so any
      // recorded pair other than this link's is a conflict.
      const other = [...this.sharedPairs.entries()].find(([p]) => p !== pair)?.[1];
      if (other !== undefined) {
        return issue(
          ValidationCode.PROPS_CONFLICT,
          `crossBorder.bandwidthPackageId would back the link to ${spoke.regionId} (${a} to ${b}) and the link to ${other.spoke} (${other.areas}), but a CEN bandwidth plan covers one pair of geographic areas`,
          show(sharedId),
          "one plan per pair of geographic areas",
          `pass the plan for ${spoke.regionId} with addRegion(${show(spoke.regionId)}, provider, { bandwidthPackageId }), or leave crossBorder.bandwidthPackageId out to have one plan created per pair`,
        );
      }
      return undefined;
    }
    if (this.props.crossBorder?.bandwidthPackageMbps === undefined && isToken(this.props.peerBandwidthMbps)) {
      return issue(
        ValidationCode.LITERAL_REQUIRED,
        `the link to ${spoke.regionId} needs a created ${a} to ${b} bandwidth plan sized from peerBandwidthMbps, but peerBandwidthMbps is a token`,
        "an unresolved token",
        "a literal peerBandwidthMbps, or crossBorder.bandwidthPackageMbps, or crossBorder.bandwidthPackageId",
        "set crossBorder.bandwidthPackageMbps (or pass an existing plan as crossBorder.bandwidthPackageId)",
      );
    }
    return undefined;
  }

  /**
   * The plan for the link hub -> spoke, creating what it needs; call {@link check} first (this
   * throws a RangeError on what `check` reports).
   */
  public planFor(hub: AlibabaCloudRegionInfo, spoke: AlibabaCloudRegionInfo, explicitId: string | undefined): LinkPlan {
    const stop = this.check(hub, spoke, explicitId);
    if (stop) throw new RangeError(stop.problem);
    const { a, b } = pairOf(hub, spoke);
    const pair = `${a}-${b}`;
    if (explicitId !== undefined) return this.given(explicitId, `BandwidthPackageAttachment-${spoke.regionId}`);
    const sharedId = this.props.crossBorder?.bandwidthPackageId;
    if (sharedId !== undefined) {
      if (!this.sharedPairs.has(pair)) this.sharedPairs.set(pair, { spoke: spoke.regionId, areas: `${a} to ${b}` });
      return this.given(sharedId, "BandwidthPackageAttachment");
    }
    return this.create(a, b, pair, spoke.regionId);
  }

  /** Issues only known once every link exists: a fixed plan bandwidth below what its links draw. */
  public validate(): ValidationIssue[] {
    const fixed = this.props.crossBorder?.bandwidthPackageMbps;
    if (fixed === undefined || isToken(fixed) || isToken(this.props.peerBandwidthMbps)) return [];
    return [...this.created.values()].flatMap((plan) => {
      const needed = plan.links.length * this.props.peerBandwidthMbps;
      if (fixed >= needed) return [];
      return [
        issue(
          ValidationCode.VALUE_OUT_OF_RANGE,
          `crossBorder.bandwidthPackageMbps is below what the ${plan.links.length} links on the ${plan.pair} plan draw (${plan.links.join(", ")}, ${this.props.peerBandwidthMbps} Mbit/s each)`,
          show(fixed),
          `at least ${needed}`,
          `raise bandwidthPackageMbps to ${needed}, lower peerBandwidthMbps, or leave bandwidthPackageMbps out to size the plan from its links`,
        ),
      ];
    });
  }

  private given(bandwidthPackageId: string, attachmentId: string): LinkPlan {
    if (!this.props.cenCreated) return { bandwidthPackageId, dependsOn: [] };
    let attachment = this.givenAttachments.get(bandwidthPackageId);
    if (!attachment) {
      attachment = new CenBandwidthPackageAttachment(this.scope, attachmentId, {
        provider: this.props.provider,
        instanceId: this.props.cenId,
        bandwidthPackageId,
      });
      this.givenAttachments.set(bandwidthPackageId, attachment);
    }
    return { bandwidthPackageId, dependsOn: [attachment] };
  }

  private create(a: string, b: string, pair: string, spokeRegionId: string): LinkPlan {
    let plan = this.created.get(pair);
    if (!plan) {
      const links: string[] = [];
      const paymentType = this.props.crossBorder?.bandwidthPackagePaymentType ?? "PrePaid";
      const bandwidth =
        this.props.crossBorder?.bandwidthPackageMbps ??
        Lazy.numberValue({
          produce: () => Math.max(MIN_BANDWIDTH_PACKAGE_MBPS, links.length * this.props.peerBandwidthMbps),
        });
      const id = `BandwidthPackage-${pair}`;
      const bandwidthPackage = new CenBandwidthPackage(this.scope, id, {
        provider: this.props.provider,
        bandwidth,
        geographicRegionAId: a,
        geographicRegionBId: b,
        paymentType,
        ...(paymentType === "PrePaid" ? { period: 1, autoRenew: true } : {}),
      });
      if (paymentType === "PrePaid") {
        Annotations.of(bandwidthPackage).addWarning(
          warningText(ValidationWarning.PREPAID_BANDWIDTH_PLAN, `This stack buys a subscription (PrePaid) CEN bandwidth plan for ${a} to ${b}: it renews monthly and cannot be deleted before it expires, so terraform destroy fails on it. For a long-lived network buy the plan outside the stack and pass crossBorder.bandwidthPackageId.`),
        );
      }
      const attachment = new CenBandwidthPackageAttachment(this.scope, `${id}-Attachment`, {
        provider: this.props.provider,
        instanceId: this.props.cenId,
        bandwidthPackageId: bandwidthPackage.id,
      });
      plan = { pair, bandwidthPackage, attachment, links };
      this.created.set(pair, plan);
    }
    plan.links.push(spokeRegionId);
    return { bandwidthPackageId: plan.bandwidthPackage.id, dependsOn: [plan.attachment] };
  }
}
