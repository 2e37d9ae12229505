import { AnnotationMetadataEntryType, TerraformVariable, Testing } from "cdktf";
import { CenBandwidthPackage } from "../../.gen/providers/alicloud/cen-bandwidth-package";
import { CenBandwidthPackageAttachment } from "../../.gen/providers/alicloud/cen-bandwidth-package-attachment";
import { CenTransitRouterPeerAttachment } from "../../.gen/providers/alicloud/cen-transit-router-peer-attachment";
import { DashScopeValidationError, ValidationCode } from "../../lib";
import { TransitRouterNetwork } from "../../lib/network";
import { address, networkStack, ref, resourcesOf, synthJson, thrown } from "./helpers";

describe("TransitRouterNetwork cross-border links", () => {
  test("a link across the mainland border without the acknowledgement throws and creates nothing for the region", () => {
    const { stack, sg, hangzhou } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    const error = thrown(() => network.addRegion("cn-hangzhou", hangzhou));
    expect(error).toBeInstanceOf(DashScopeValidationError);
    expect(error.code).toBe(ValidationCode.CROSS_BORDER_UNACKNOWLEDGED);
    expect(error.message).toMatch(/\[DSPL_CROSS_BORDER_UNACKNOWLEDGED\] the link from ap-southeast-1 to cn-hangzhou crosses the border/);
    expect(error.message).toMatch(/enterprise \(real-name\) verification/);
    expect(error.message).toMatch(/crossBorder: \{ acknowledgeCompliance: true \}/);
    expect(network.node.tryFindChild("Tr-cn-hangzhou")).toBeUndefined();
    expect(network.region("cn-hangzhou")).toBeUndefined();
  });

  test("acknowledgeCompliance: false is no acknowledgement", () => {
    const { stack, beijing, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "cn-beijing",
      hubProvider: beijing,
      crossBorder: { acknowledgeCompliance: false, bandwidthPackageId: "cenbwp-1" },
    });
    expect(thrown(() => network.addRegion("ap-northeast-1", tokyo)).code).toBe(ValidationCode.CROSS_BORDER_UNACKNOWLEDGED);
  });

  test("links inside the mainland need no acknowledgement and stay pay-by-data-transfer", () => {
    const { stack, beijing, shanghai } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "cn-beijing", hubProvider: beijing });
    network.addRegion("cn-shanghai", shanghai);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CenTransitRouterPeerAttachment, { bandwidth_type: "DataTransfer" });
    expect(resourcesOf(synthJson(stack), "alicloud_cen_bandwidth_package")).toEqual({});
  });

  test("with the acknowledgement it creates one plan per geographic pair, attaches it to the CEN and draws the links from it", () => {
    const { stack, sg, hangzhou, beijing, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "ap-southeast-1",
      hubProvider: sg,
      peerBandwidthMbps: 20,
      crossBorder: { acknowledgeCompliance: true },
    });
    const hz = network.addRegion("cn-hangzhou", hangzhou);
    const bj = network.addRegion("cn-beijing", beijing);
    network.addRegion("ap-northeast-1", tokyo);
    const plan = network.node.findChild("BandwidthPackage-China-Asia-Pacific") as CenBandwidthPackage;
    const planAttachment = network.node.findChild("BandwidthPackage-China-Asia-Pacific-Attachment") as CenBandwidthPackageAttachment;
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(CenBandwidthPackage, {
      provider: "alicloud.ap_southeast_1",
      geographic_region_a_id: "China",
      geographic_region_b_id: "Asia-Pacific",
      payment_type: "PrePaid",
      period: 1,
      auto_renew: true,
      bandwidth: 40,
    });
    expect(synth).toHaveResourceWithProperties(CenBandwidthPackageAttachment, {
      instance_id: ref(network.cen!, "id"),
      bandwidth_package_id: ref(plan, "id"),
    });
    const json = synthJson(stack);
    expect(Object.keys(resourcesOf(json, "alicloud_cen_bandwidth_package"))).toHaveLength(1);
    const peers = resourcesOf(json, "alicloud_cen_transit_router_peer_attachment");
    for (const region of [hz, bj]) {
      expect(region.crossBorder).toBe(true);
      expect(peers[region.peerAttachment!.friendlyUniqueId]).toMatchObject({
        bandwidth_type: "BandwidthPackage",
        bandwidth: 20,
        cen_bandwidth_package_id: ref(plan, "id"),
        depends_on: [address(planAttachment)],
      });
    }
    const tokyoPeer = peers[network.region("ap-northeast-1")!.peerAttachment!.friendlyUniqueId];
    expect(tokyoPeer.bandwidth_type).toBe("DataTransfer");
    const warnings = plan.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => m.data);
    expect(warnings).toEqual([expect.stringMatching(/subscription \(PrePaid\).*cannot be deleted before it expires/)]);
  });

  test("a fixed bandwidthPackageMbps below what the links draw fails synth with VALUE_OUT_OF_RANGE", () => {
    const { stack, sg, hangzhou, beijing } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "ap-southeast-1",
      hubProvider: sg,
      peerBandwidthMbps: 20,
      crossBorder: { acknowledgeCompliance: true, bandwidthPackageMbps: 30, bandwidthPackagePaymentType: "PostPaid" },
    });
    network.addRegion("cn-hangzhou", hangzhou);
    network.addRegion("cn-beijing", beijing);
    expect(() => Testing.synth(stack, true)).toThrow(
      /\[DSPL_VALUE_OUT_OF_RANGE\] crossBorder.bandwidthPackageMbps is below what the 2 links on the China-Asia-Pacific plan draw \(cn-hangzhou, cn-beijing, 20 Mbit\/s each\)\. Received: 30\. Allowed: at least 40/,
    );
  });

  test("a plan cannot be sized from a token peerBandwidthMbps unless bandwidthPackageMbps is given", () => {
    const { stack, sg, hangzhou, beijing } = networkStack();
    const bandwidth = new TerraformVariable(stack, "bandwidth", { type: "number" }).numberValue;
    const sized = new TransitRouterNetwork(stack, "Sized", {
      hubRegion: "ap-southeast-1",
      hubProvider: sg,
      peerBandwidthMbps: bandwidth,
      crossBorder: { acknowledgeCompliance: true, bandwidthPackageMbps: 100 },
    });
    sized.addRegion("cn-hangzhou", hangzhou);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CenBandwidthPackage, { bandwidth: 100 });
    const unsized = new TransitRouterNetwork(stack, "Unsized", {
      hubRegion: "ap-southeast-1",
      hubProvider: sg,
      peerBandwidthMbps: bandwidth,
      crossBorder: { acknowledgeCompliance: true },
    });
    const error = thrown(() => unsized.addRegion("cn-beijing", beijing));
    expect(error.code).toBe(ValidationCode.LITERAL_REQUIRED);
    expect(error.message).toMatch(/peerBandwidthMbps is a token.*Fix: set crossBorder\.bandwidthPackageMbps/);
  });

  test("PostPaid plans carry no subscription period", () => {
    const { stack, sg, hangzhou } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "ap-southeast-1",
      hubProvider: sg,
      crossBorder: { acknowledgeCompliance: true, bandwidthPackagePaymentType: "PostPaid" },
    });
    network.addRegion("cn-hangzhou", hangzhou);
    const [plan] = Object.values(resourcesOf(synthJson(stack), "alicloud_cen_bandwidth_package"));
    expect(plan).toEqual({ provider: "alicloud.ap_southeast_1", bandwidth: 10, geographic_region_a_id: "China", geographic_region_b_id: "Asia-Pacific", payment_type: "PostPaid" });
  });

  test("a given plan on an imported CEN is used as is: no plan and no plan attachment are created", () => {
    const { stack, sg, hangzhou } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "ap-southeast-1",
      hubProvider: sg,
      cenId: "cen-lz",
      createTransitRouters: true,
      crossBorder: { acknowledgeCompliance: true, bandwidthPackageId: "cenbwp-lz" },
    });
    const hz = network.addRegion("cn-hangzhou", hangzhou);
    const json = synthJson(stack);
    expect(resourcesOf(json, "alicloud_cen_bandwidth_package")).toEqual({});
    expect(resourcesOf(json, "alicloud_cen_bandwidth_package_attachment")).toEqual({});
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CenTransitRouterPeerAttachment, {
      bandwidth_type: "BandwidthPackage",
      cen_bandwidth_package_id: "cenbwp-lz",
    });
    expect(hz.bandwidthPackageId).toBe("cenbwp-lz");
    expect(resourcesOf(json, "alicloud_cen_transit_router_peer_attachment")[hz.peerAttachment!.friendlyUniqueId]).not.toHaveProperty("depends_on");
  });

  test("a given plan on a created CEN is attached to it once, and the links wait for the attachment", () => {
    const { stack, sg, hangzhou, beijing } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "ap-southeast-1",
      hubProvider: sg,
      crossBorder: { acknowledgeCompliance: true, bandwidthPackageId: "cenbwp-1" },
    });
    const hz = network.addRegion("cn-hangzhou", hangzhou);
    network.addRegion("cn-beijing", beijing);
    const json = synthJson(stack);
    const attachments = resourcesOf(json, "alicloud_cen_bandwidth_package_attachment");
    expect(Object.values(attachments)).toEqual([
      { provider: "alicloud.ap_southeast_1", bandwidth_package_id: "cenbwp-1", instance_id: ref(network.cen!, "id") },
    ]);
    const attachment = network.node.findChild("BandwidthPackageAttachment") as CenBandwidthPackageAttachment;
    expect(resourcesOf(json, "alicloud_cen_transit_router_peer_attachment")[hz.peerAttachment!.friendlyUniqueId].depends_on).toEqual([
      address(attachment),
    ]);
  });

  test("one shared plan cannot serve two geographic pairs; addRegion's bandwidthPackageId can", () => {
    const { stack, beijing, sg, frankfurt, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "cn-beijing",
      hubProvider: beijing,
      cenId: "cen-1",
      createTransitRouters: true,
      crossBorder: { acknowledgeCompliance: true, bandwidthPackageId: "cenbwp-apac" },
    });
    network.addRegion("ap-southeast-1", sg);
    network.addRegion("ap-northeast-1", tokyo);
    const error = thrown(() => network.addRegion("eu-central-1", frankfurt));
    expect(error.code).toBe(ValidationCode.PROPS_CONFLICT);
    expect(error.message).toMatch(/link to eu-central-1 \(China to Europe\) and the link to ap-southeast-1 \(China to Asia-Pacific\)/);
    expect(error.message).toMatch(/addRegion\("eu-central-1", provider, \{ bandwidthPackageId \}\)/);
    const eu = network.addRegion("eu-central-1", frankfurt, { bandwidthPackageId: "cenbwp-eu" });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CenTransitRouterPeerAttachment, {
      peer_transit_router_region_id: "eu-central-1",
      cen_bandwidth_package_id: "cenbwp-eu",
    });
    expect(eu.bandwidthPackageId).toBe("cenbwp-eu");
  });
});
