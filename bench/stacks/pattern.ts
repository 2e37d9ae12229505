/** The landing zone with this library: one `DashScopePrivateAccess`. */
import { App, TerraformStack } from "cdktf";
import { DashScopePrivateAccess } from "cdktf-dashscope-privatelink";
import { BANDWIDTH_PACKAGE_ID, ENDPOINT, HUB, PATTERN_ID, STACK_ID, landingZoneSpecs, regionProviders, regionsOf } from "./landing-zone-spec";

/** Adds the benchmark stack to `app`: the pattern with `count` requesters. */
export function buildPatternStack(app: App, count: number): TerraformStack {
  const stack = new TerraformStack(app, STACK_ID);
  const specs = landingZoneSpecs(count);
  const providers = regionProviders(stack, regionsOf(specs));
  new DashScopePrivateAccess(stack, PATTERN_ID, {
    endpoint: {
      provider: providers.get(HUB)!,
      region: HUB,
      vpcId: ENDPOINT.vpcId,
      vpcCidrBlock: ENDPOINT.vpcCidrBlock,
      vSwitches: ENDPOINT.vSwitches.map((v) => ({ ...v })),
    },
    requesters: specs.map((spec) => ({
      ...spec,
      provider: providers.get(spec.region)!,
      vSwitches: spec.vSwitches.map((v) => ({ ...v })),
    })),
    crossBorder: { acknowledgeCompliance: true, bandwidthPackageId: BANDWIDTH_PACKAGE_ID },
    // Past 100 requesters the zone quota must be raised (Alibaba grants more on request).
    privateZone: { maxVpcsPerZone: Math.max(100, specs.length) },
  });
  return stack;
}
