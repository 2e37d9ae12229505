// A fixed cross-border plan bandwidth is enough when it equals what its links draw (>=, not >); a
// created plan's size, its warning and its issue.
import { TerraformVariable, Testing } from "cdktf";
import { TransitRouterNetwork } from "../../lib/network";
import { ValidationCode } from "../../lib/validation";
import { warningsOf } from "../cdktf-helpers";
import { networkStack, resourcesOf, synthJson } from "./helpers";

function network(bandwidthPackageMbps: number) {
  const f = networkStack();
  const net = new TransitRouterNetwork(f.stack, "Network", {
    hubRegion: "ap-southeast-1",
    hubProvider: f.sg,
    peerBandwidthMbps: 20,
    crossBorder: { acknowledgeCompliance: true, bandwidthPackageMbps, bandwidthPackagePaymentType: "PostPaid" },
  });
  net.addRegion("cn-hangzhou", f.hangzhou);
  net.addRegion("cn-beijing", f.beijing);
  return f;
}

describe("TransitRouterNetwork fixed bandwidth plans", () => {
  test("a plan exactly as large as its links draw (2 x 20 = 40 Mbit/s) passes validation", () => {
    const { stack } = network(40);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const plans = Object.values(resourcesOf(synthJson(stack), "alicloud_cen_bandwidth_package"));
    expect(plans.map((p: any) => p.bandwidth)).toEqual([40]);
  });

  test("one Mbit/s less is refused with the amount needed", () => {
    const { stack } = network(39);
    expect(() => Testing.synth(stack, true)).toThrow(new RegExp(`\\[${ValidationCode.VALUE_OUT_OF_RANGE}\\].*Received: 39\\. Allowed: at least 40`));
  });
});

describe("TransitRouterNetwork created bandwidth plans", () => {
  test("a plan sized from its links is at least 2 Mbit/s, the smallest Alibaba Cloud sells", () => {
    const f = networkStack();
    const net = new TransitRouterNetwork(f.stack, "Network", {
      hubRegion: "ap-southeast-1",
      hubProvider: f.sg,
      peerBandwidthMbps: 1,
      crossBorder: { acknowledgeCompliance: true, bandwidthPackagePaymentType: "PostPaid" },
    });
    net.addRegion("cn-hangzhou", f.hangzhou);
    expect(Object.values(resourcesOf(synthJson(f.stack), "alicloud_cen_bandwidth_package")).map((p: any) => p.bandwidth)).toEqual([2]);
    expect(warningsOf(net)).toEqual([]); // pay-as-you-go: nothing to warn about at destroy
    net.addRegion("cn-beijing", f.beijing);
    net.addRegion("cn-shanghai", f.shanghai);
    expect(Object.values(resourcesOf(synthJson(f.stack), "alicloud_cen_bandwidth_package")).map((p: any) => p.bandwidth)).toEqual([3]);
  });

  test("a fixed plan too small: the issue says how much is needed and the three ways out", () => {
    const { stack } = network(39);
    const net = stack.node.findChild("Network") as TransitRouterNetwork;
    expect(net.node.validate()).toEqual([
      "[DSPL_VALUE_OUT_OF_RANGE] crossBorder.bandwidthPackageMbps is below what the 2 links on the China-Asia-Pacific plan draw (cn-hangzhou, cn-beijing, 20 Mbit/s each). " +
        "Received: 39. Allowed: at least 40. Fix: raise bandwidthPackageMbps to 40, lower peerBandwidthMbps, or leave bandwidthPackageMbps out to size the plan from its links.",
    ]);
  });

  test("a subscription plan warns that terraform destroy fails on it", () => {
    const f = networkStack();
    const net = new TransitRouterNetwork(f.stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: f.sg, crossBorder: { acknowledgeCompliance: true } });
    net.addRegion("cn-hangzhou", f.hangzhou);
    expect(warningsOf(net)).toEqual([
      "[DSPL_PREPAID_BANDWIDTH_PLAN] This stack buys a subscription (PrePaid) CEN bandwidth plan for China to Asia-Pacific: it renews monthly and cannot be deleted before it expires, so terraform destroy fails on it. For a long-lived network buy the plan outside the stack and pass crossBorder.bandwidthPackageId.",
    ]);
  });

  test("a plan given to addRegion makes a link that stays outside the mainland plan-backed too", () => {
    const f = networkStack();
    const net = new TransitRouterNetwork(f.stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: f.sg });
    const tokyo = net.addRegion("ap-northeast-1", f.tokyo, { bandwidthPackageId: "cenbwp-jp" });
    expect([tokyo.crossBorder, tokyo.bandwidthPackageId]).toEqual([false, "cenbwp-jp"]);
    const peers = Object.values(resourcesOf(synthJson(f.stack), "alicloud_cen_transit_router_peer_attachment"));
    expect(peers.map((p: any) => [p.bandwidth_type, p.cen_bandwidth_package_id])).toEqual([["BandwidthPackage", "cenbwp-jp"]]);
    expect(net.node.tryFindChild("BandwidthPackageAttachment-ap-northeast-1")).toBeDefined();
  });

  test("a plan given to addRegion is attached to a created CEN under the region's name, and a token fixed size is not checked", () => {
    const f = networkStack();
    const size = new TerraformVariable(f.stack, "size", { type: "number" }).numberValue;
    const net = new TransitRouterNetwork(f.stack, "Network", {
      hubRegion: "ap-southeast-1",
      hubProvider: f.sg,
      crossBorder: { acknowledgeCompliance: true, bandwidthPackageMbps: size, bandwidthPackagePaymentType: "PostPaid" },
    });
    net.addRegion("cn-hangzhou", f.hangzhou, { bandwidthPackageId: "cenbwp-hz" });
    net.addRegion("cn-beijing", f.beijing);
    expect(net.node.tryFindChild("BandwidthPackageAttachment-cn-hangzhou")).toBeDefined();
    expect(net.node.validate()).toEqual([]);
  });
});
