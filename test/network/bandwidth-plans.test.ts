// A fixed cross-border plan bandwidth is enough when it equals what its links draw (>=, not >).
import { Testing } from "cdktf";
import { TransitRouterNetwork } from "../../lib/network";
import { ValidationCode } from "../../lib/validation";
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
