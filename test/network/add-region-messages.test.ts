// What addRegion says when it refuses: a region added again with another provider, router or plan,
// a router imported into a created CEN, a cross-border link without the acknowledgement, and the plan
// issues. checkAddRegion returns the issues addRegion throws.
import { TerraformVariable } from "cdktf";
import { ValidationCode } from "../../lib";
import { TransitRouterNetwork } from "../../lib/network";
import { networkStack, thrown } from "./helpers";

type Props = ConstructorParameters<typeof TransitRouterNetwork>[2];

function network(props: Partial<Props> = {}) {
  const f = networkStack();
  return { ...f, network: new TransitRouterNetwork(f.stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: f.sg, ...props }) };
}

const CROSS_BORDER_PROBLEM = (hub: string, spoke: string) =>
  `the link from ${hub} to ${spoke} crosses the border of the Chinese mainland; Alibaba Cloud connects networks across it only for accounts that have completed enterprise (real-name) verification, and only over a CEN bandwidth plan`;
const CROSS_BORDER_REST = {
  allowed: "crossBorder: { acknowledgeCompliance: true }, optionally with bandwidthPackageId",
  fix: "complete enterprise verification for the account, then set crossBorder: { acknowledgeCompliance: true } (and bandwidthPackageId to use a plan you own); or keep the region out of this network",
};

describe("addRegion messages", () => {
  test("an unknown region id: only the region issue", () => {
    const { network: n, tokyo } = network();
    const issues = n.checkAddRegion("nowhere-1", tokyo);
    expect(issues.map((i) => i.code)).toEqual([ValidationCode.REGION_INVALID]);
    expect(issues[0].problem).toMatch(/^addRegion regionId /);
  });

  test("a router imported into a CEN the network creates: PROPS_CONFLICT with the router and the fix", () => {
    const { network: n, tokyo } = network();
    expect(n.checkAddRegion("ap-northeast-1", tokyo, { transitRouterId: "tr-9" })).toEqual([
      {
        code: ValidationCode.PROPS_CONFLICT,
        problem: 'addRegion("ap-northeast-1") imports transit router "tr-9", but the network creates its own CEN, which that router does not belong to',
        received: '"tr-9"',
        allowed: "transitRouterId only on a network with cenId",
        fix: "pass cenId to the network, or leave transitRouterId out to create the router",
      },
    ]);
    expect(n.checkAddRegion("ap-northeast-1", tokyo, { transitRouterId: "vtb-9" }).map((i) => [i.code, i.problem])).toEqual([
      [ValidationCode.ID_INVALID, 'addRegion("ap-northeast-1") transitRouterId is not a transitRouter id (it looks like a routeTable id)'],
      [ValidationCode.PROPS_CONFLICT, expect.any(String)],
    ]);
  });

  test("the same region with another provider: PROVIDER_DUPLICATE names both providers", () => {
    const { network: n, tokyo, sg } = network();
    n.addRegion("ap-northeast-1", tokyo);
    expect(n.checkAddRegion("ap-northeast-1", sg)).toEqual([
      {
        code: ValidationCode.PROVIDER_DUPLICATE,
        problem:
          'addRegion("ap-northeast-1") was already called with provider test/Alicloud-ap-northeast-1; a region has one transit router and one provider in a network',
        received: "provider test/Alicloud-ap-southeast-1",
        allowed: "the provider the region was first added with (test/Alicloud-ap-northeast-1)",
        fix: "create one aliased provider per region and pass that same instance every time",
      },
    ]);
    expect(n.checkAddRegion("ap-northeast-1", tokyo)).toEqual([]);
  });

  test("another router for a region already added: which router it has", () => {
    const { network: n, tokyo, frankfurt } = network({ cenId: "cen-1", transitRouterIds: { "ap-southeast-1": "tr-hub" }, createTransitRouters: true });
    n.addRegion("ap-northeast-1", tokyo, { transitRouterId: "tr-tk" });
    n.addRegion("eu-central-1", frankfurt);
    const conflict = (regionId: string, has: string) => ({
      code: ValidationCode.PROPS_CONFLICT,
      problem: `addRegion("${regionId}") names transit router "tr-other", but the region already has ${has}`,
      received: '"tr-other"',
      allowed: "the same router every time the region is added",
      fix: "pass the same transitRouterId each time (or none after the first call)",
    });
    expect(n.checkAddRegion("ap-northeast-1", tokyo, { transitRouterId: "tr-other" })).toEqual([conflict("ap-northeast-1", 'router "tr-tk"')]);
    expect(n.checkAddRegion("eu-central-1", frankfurt, { transitRouterId: "tr-other" })).toEqual([conflict("eu-central-1", "a router created by this network")]);
    expect(n.checkAddRegion("ap-northeast-1", tokyo, { transitRouterId: "tr-tk" })).toEqual([]);
    expect(n.checkAddRegion("ap-northeast-1", tokyo)).toEqual([]); // none after the first call
    expect(n.checkAddRegion("ap-southeast-1", n.hub.provider, { transitRouterId: "tr-hub" })).toEqual([]);
    expect(n.checkAddRegion("ap-northeast-1", tokyo, { transitRouterId: "vpc-1" }).map((i) => i.problem)).toEqual([
      'addRegion("ap-northeast-1") transitRouterId is not a transitRouter id (it looks like a vpc id)',
      expect.stringMatching(/names transit router "vpc-1"/),
    ]);
  });

  test("another plan for a region already added: the hub has no link, a spoke its link's bandwidth", () => {
    const { network: n, sg, tokyo, hangzhou } = network({ crossBorder: { acknowledgeCompliance: true } });
    n.addRegion("ap-northeast-1", tokyo);
    n.addRegion("cn-hangzhou", hangzhou, { bandwidthPackageId: "cenbwp-hz" });
    const conflict = (regionId: string, setUp: string) => ({
      code: ValidationCode.PROPS_CONFLICT,
      problem: `addRegion("${regionId}") names bandwidth plan "cenbwp-x", but the region's link was already set up ${setUp}`,
      received: '"cenbwp-x"',
      allowed: "the same plan every time the region is added",
      fix: "pass bandwidthPackageId on the first addRegion call for the region only",
    });
    expect(n.checkAddRegion("ap-southeast-1", sg, { bandwidthPackageId: "cenbwp-x" })).toEqual([conflict("ap-southeast-1", "(the hub has no link)")]);
    expect(n.checkAddRegion("ap-northeast-1", tokyo, { bandwidthPackageId: "cenbwp-x" })).toEqual([conflict("ap-northeast-1", "with pay-by-data-transfer bandwidth")]);
    expect(n.checkAddRegion("cn-hangzhou", hangzhou, { bandwidthPackageId: "cenbwp-x" })).toEqual([conflict("cn-hangzhou", 'with plan "cenbwp-hz"')]);
    expect(n.checkAddRegion("cn-hangzhou", hangzhou, { bandwidthPackageId: "cenbwp-hz" })).toEqual([]);
    expect(n.checkAddRegion("cn-hangzhou", hangzhou)).toEqual([]); // none after the first call
  });

  test("a cross-border link without the acknowledgement: what the network has, and how to acknowledge", () => {
    const bare = network();
    expect(bare.network.checkAddRegion("cn-hangzhou", bare.hangzhou)).toEqual([
      { code: ValidationCode.CROSS_BORDER_UNACKNOWLEDGED, problem: CROSS_BORDER_PROBLEM("ap-southeast-1", "cn-hangzhou"), received: "no crossBorder prop", ...CROSS_BORDER_REST },
    ]);
    const declined = network({ crossBorder: { acknowledgeCompliance: false, bandwidthPackageId: "cenbwp-1" } });
    expect(declined.network.checkAddRegion("cn-hangzhou", declined.hangzhou)).toEqual([
      {
        code: ValidationCode.CROSS_BORDER_UNACKNOWLEDGED,
        problem: CROSS_BORDER_PROBLEM("ap-southeast-1", "cn-hangzhou"),
        received: 'crossBorder {"acknowledgeCompliance":false,"bandwidthPackageId":"cenbwp-1"}',
        ...CROSS_BORDER_REST,
      },
    ]);
    expect(thrown(() => declined.network.addRegion("cn-hangzhou", declined.hangzhou)).message).toMatch(/^test\/Network: \[DSPL_CROSS_BORDER_UNACKNOWLEDGED\]/);
  });

  test("one shared plan for two pairs of areas: which links, which areas, and the fix", () => {
    const { stack, beijing, sg, tokyo, frankfurt } = networkStack();
    const n = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "cn-beijing",
      hubProvider: beijing,
      crossBorder: { acknowledgeCompliance: true, bandwidthPackageId: "cenbwp-apac" },
    });
    n.addRegion("ap-southeast-1", sg);
    expect(n.checkAddRegion("ap-northeast-1", tokyo)).toEqual([]);
    n.addRegion("ap-northeast-1", tokyo);
    expect(n.checkAddRegion("eu-central-1", frankfurt)).toEqual([
      {
        code: ValidationCode.PROPS_CONFLICT,
        problem:
          "crossBorder.bandwidthPackageId would back the link to eu-central-1 (China to Europe) and the link to ap-southeast-1 (China to Asia-Pacific), but a CEN bandwidth plan covers one pair of geographic areas",
        received: '"cenbwp-apac"',
        allowed: "one plan per pair of geographic areas",
        fix: 'pass the plan for eu-central-1 with addRegion("eu-central-1", provider, { bandwidthPackageId }), or leave crossBorder.bandwidthPackageId out to have one plan created per pair',
      },
    ]);
    expect(n.checkAddRegion("eu-central-1", frankfurt, { bandwidthPackageId: "cenbwp-eu" })).toEqual([]);
  });

  test("an adopted peer link needs no acknowledgement and no plan", () => {
    const { network: n, hangzhou } = network({
      cenId: "cen-1",
      createTransitRouters: true,
      peerBandwidthMbps: new TerraformVariable(networkStack().stack, "bw", { type: "number" }).numberValue,
      peerAttachmentIds: { "cn-hangzhou": "tr-attach-hz" },
    });
    expect(n.checkAddRegion("cn-hangzhou", hangzhou)).toEqual([]);
    const region = n.addRegion("cn-hangzhou", hangzhou);
    expect(region).toMatchObject({ peerAttachmentId: "tr-attach-hz", crossBorder: true, isHub: false });
    expect(region.peerAttachment).toBeUndefined();
    expect(n.node.tryFindChild("Peer-cn-hangzhou")).toBeUndefined();
    expect(n.addRegion("cn-hangzhou", hangzhou)).toBe(region); // added again: the same region, nothing created twice
  });

  test("a plan sized from a token bandwidth: LITERAL_REQUIRED, only once the other checks pass", () => {
    const { stack } = networkStack();
    const bw = new TerraformVariable(stack, "bw", { type: "number" }).numberValue;
    const { network: n, hangzhou, tokyo } = network({ peerBandwidthMbps: bw, crossBorder: { acknowledgeCompliance: true } });
    expect(n.checkAddRegion("cn-hangzhou", hangzhou)).toEqual([
      {
        code: ValidationCode.LITERAL_REQUIRED,
        problem: "the link to cn-hangzhou needs a created China to Asia-Pacific bandwidth plan sized from peerBandwidthMbps, but peerBandwidthMbps is a token",
        received: "an unresolved token",
        allowed: "a literal peerBandwidthMbps, or crossBorder.bandwidthPackageMbps, or crossBorder.bandwidthPackageId",
        fix: "set crossBorder.bandwidthPackageMbps (or pass an existing plan as crossBorder.bandwidthPackageId)",
      },
    ]);
    // A link inside one side of the border draws on no plan.
    expect(n.checkAddRegion("ap-northeast-1", tokyo)).toEqual([]);
    // With the provider issue, the plan is not looked at.
    expect(n.checkAddRegion("cn-hangzhou", tokyo).map((i) => i.code)).toEqual([ValidationCode.PROVIDER_REGION_MISMATCH]);
    // An explicit plan on a link inside one side is checked as a plan: it needs nothing sized.
    expect(n.checkAddRegion("ap-northeast-1", tokyo, { bandwidthPackageId: "cenbwp-1" })).toEqual([]);
  });
});
