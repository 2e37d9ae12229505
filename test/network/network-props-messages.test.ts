// What TransitRouterNetwork says about its own props, its maps by region id and the ownership of an
// attachment: each issue names the prop and carries the value received, what is allowed and the fix.
import { TerraformVariable, Testing } from "cdktf";
import { ValidationCode } from "../../lib";
import { TransitRouterNetwork } from "../../lib/network";
import { SG_ZONES, networkStack, thrown } from "./helpers";

type Props = ConstructorParameters<typeof TransitRouterNetwork>[2];

/** The issues the constructor throws for these props (on top of a Singapore hub). */
function rejected(props: Partial<Props>) {
  const { stack, sg } = networkStack();
  return thrown(() => new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, ...props })).issues;
}

const CEN = "cen-1";
const UID = "1234567890123456";

describe("TransitRouterNetwork props messages", () => {
  test("a reserved tag key is reported under the prop's name, tags", () => {
    expect(rejected({ tags: { "acs:team": "ai" } }).map((i: { code: string; problem: string }) => [i.code, i.problem])).toEqual([
      [ValidationCode.TAG_INVALID, "tags has a tag key the API rejects"],
    ]);
  });

  test("transitRouterIds without cenId: the routers would not belong to the new CEN", () => {
    expect(rejected({ transitRouterIds: { "ap-southeast-1": "tr-1", "ap-northeast-1": "tr-2" } })).toEqual([
      {
        code: ValidationCode.PROPS_CONFLICT,
        problem: "transitRouterIds imports transit routers, but cenId is not set, so a new CEN would be created that those routers do not belong to",
        received: 'transitRouterIds for ["ap-southeast-1","ap-northeast-1"] and no cenId',
        allowed: "transitRouterIds together with the cenId of the CEN the routers belong to",
        fix: "pass cenId as well, or leave transitRouterIds out to create the routers",
      },
    ]);
  });

  test("peerAttachmentIds without cenId: the links would not belong to the new CEN", () => {
    expect(rejected({ peerAttachmentIds: { "ap-northeast-1": "tr-attach-1" } })).toEqual([
      {
        code: ValidationCode.PROPS_CONFLICT,
        problem: "peerAttachmentIds adopts existing peer links, but cenId is not set, so a new CEN would be created that those links do not belong to",
        received: 'peerAttachmentIds for ["ap-northeast-1"] and no cenId',
        allowed: "peerAttachmentIds together with cenId and transitRouterIds",
        fix: "pass cenId and transitRouterIds of the existing network",
      },
    ]);
  });

  test("with cenId, neither map conflicts", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "ap-southeast-1",
      hubProvider: sg,
      cenId: CEN,
      transitRouterIds: { "ap-southeast-1": "tr-1" },
      peerAttachmentIds: {},
    });
    expect(network.cenId).toBe(CEN);
  });

  test("peerAttachmentIds naming the hub: links run from the hub to the other regions", () => {
    expect(rejected({ cenId: CEN, transitRouterIds: { "ap-southeast-1": "tr-1" }, peerAttachmentIds: { "ap-southeast-1": "tr-attach-1" } })).toEqual([
      {
        code: ValidationCode.REGION_NOT_IN_NETWORK,
        problem: "peerAttachmentIds names the hub region ap-southeast-1; peer links run from the hub to the other regions",
        received: '"ap-southeast-1"',
        allowed: "spoke regions only",
        fix: "remove the hub's entry",
      },
    ]);
  });

  test("each map by region id: the key must be a known region, the value an id of its kind", () => {
    const issues = rejected({
      cenId: CEN,
      transitRouterIds: { "ap-southeast-1": "vtb-1", "ap-southeast-9": "tr-2" },
      routeTableIds: { "ap-southeast-1": "tr-1" },
      peerAttachmentIds: { "ap-northeast-1": "tr-1" },
    });
    expect(issues.map((i: { code: string; problem: string }) => [i.code, i.problem])).toEqual([
      [ValidationCode.ID_INVALID, 'transitRouterIds["ap-southeast-1"] is not a transitRouter id (it looks like a routeTable id)'],
      [ValidationCode.REGION_INVALID, expect.stringMatching(/^transitRouterIds key "ap-southeast-9" is not a known Alibaba Cloud region id/)],
      [ValidationCode.ID_INVALID, 'routeTableIds["ap-southeast-1"] is not a routeTable id (it looks like a transitRouter id)'],
      [ValidationCode.ID_INVALID, 'peerAttachmentIds["ap-northeast-1"] is not a transitRouterAttachment id (it looks like a transitRouter id)'],
    ]);
  });

  test("a token map by region id is not checked", () => {
    const { stack, sg } = networkStack();
    const map = new TerraformVariable(stack, "ids", { type: "map(string)" }).value as Record<string, string>;
    expect(() => new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, routeTableIds: map })).not.toThrow();
  });

  test("cenName and cenDescription are named as such", () => {
    const issues = rejected({ cenName: "9 lives", cenDescription: "http://x" });
    expect(issues.map((i: { problem: string }) => i.problem)).toEqual([
      "cenName would be rejected by the Alibaba Cloud API",
      "cenDescription would be rejected by the Alibaba Cloud API",
    ]);
  });

  test("bandwidth plan size below 2 Mbit/s: the smallest plan Alibaba Cloud sells", () => {
    const [only] = rejected({ crossBorder: { acknowledgeCompliance: true, bandwidthPackageMbps: 1 } });
    expect(only.code).toBe(ValidationCode.VALUE_OUT_OF_RANGE);
    expect(only.problem).toMatch(/^crossBorder\.bandwidthPackageMbps \(Mbit\/s of each created bandwidth plan\)/);
    expect(only.allowed).toBe("an integer of at least 2");
    expect(only.fix).toBe("use at least 2 Mbit/s, the smallest plan Alibaba Cloud sells");
  });

  test("a fractional peerBandwidthMbps: the fix names the default", () => {
    const [only] = rejected({ peerBandwidthMbps: 2.5 });
    expect(only.problem).toMatch(/^peerBandwidthMbps \(Mbit\/s per hub-to-spoke link\)/);
    expect(only.fix).toBe("use a whole number of Mbit/s, e.g. 10");
  });

  test("an unknown hub region: only the region issue; no hub router or hub peer link is looked for", () => {
    const { stack, sg } = networkStack();
    const issues = thrown(
      () => new TransitRouterNetwork(stack, "Network", { hubRegion: "Singapore", hubProvider: sg, cenId: CEN, peerAttachmentIds: { Singapore: "tr-attach-1" } }),
    ).issues;
    expect(issues.map((i: { code: string; problem: string }) => [i.code, i.problem.split(" is ")[0]])).toEqual([
      [ValidationCode.REGION_INVALID, "hubRegion"],
      [ValidationCode.REGION_INVALID, 'peerAttachmentIds key "Singapore"'],
    ]);
  });

  test("cenId and ownerAccountId are checked as ids", () => {
    const issues = rejected({ cenId: "vpc-1", ownerAccountId: "alice", createTransitRouters: true });
    expect(issues.map((i: { code: string; problem: string }) => [i.code, i.problem])).toEqual([
      [ValidationCode.ID_INVALID, "cenId is not a cen id (it looks like a vpc id)"],
      [ValidationCode.ACCOUNT_ID_INVALID, "ownerAccountId (the CEN owner) is not an Alibaba Cloud account UID"],
    ]);
  });
});

describe("TransitRouterNetwork transit routers of an existing CEN", () => {
  const MISSING = (regionId: string, near: string, named: string) => ({
    code: ValidationCode.TRANSIT_ROUTER_MISSING,
    problem: `the network uses the existing CEN cenId, but transitRouterIds names no transit router for ${regionId}${near}; a new one would be created, and Alibaba allows one transit router per region per CEN, so apply fails if the CEN has one there`,
    received: `transitRouterIds keys ${named}`,
    allowed: `transitRouterIds["${regionId}"] = the CEN's transit router in ${regionId}, or createTransitRouters: true`,
    fix: `add ${regionId} to transitRouterIds, or set createTransitRouters: true if the CEN has no transit router in ${regionId} yet`,
  });

  test("the hub without a router named: the message says a new one would be created", () => {
    expect(rejected({ cenId: CEN })).toEqual([MISSING("ap-southeast-1", "", "[]")]);
  });

  test("a key one letter off: a typo?", () => {
    expect(rejected({ cenId: CEN, transitRouterIds: { "ap-southeast-2": "tr-1" } })).toEqual([
      MISSING("ap-southeast-1", ' (it names "ap-southeast-2": a typo?)', '["ap-southeast-2"]'),
    ]);
  });

  test("a spoke: named by addRegion's transitRouterId, by transitRouterIds, or created on request", () => {
    const { stack, sg, tokyo } = networkStack();
    const base = { hubRegion: "ap-southeast-1", hubProvider: sg, cenId: CEN };
    const network = new TransitRouterNetwork(stack, "Network", { ...base, transitRouterIds: { "ap-southeast-1": "tr-1", "eu-central-1": "tr-3" } });
    expect(network.checkAddRegion("ap-northeast-1", tokyo)).toEqual([MISSING("ap-northeast-1", "", '["ap-southeast-1","eu-central-1"]')]);
    expect(network.checkAddRegion("ap-northeast-1", tokyo, { transitRouterId: "tr-2" })).toEqual([]);
    const created = new TransitRouterNetwork(stack, "Created", { ...base, createTransitRouters: true });
    expect(created.checkAddRegion("ap-northeast-1", tokyo)).toEqual([]);
    const token = new TerraformVariable(stack, "trs", { type: "map(string)" }).value as Record<string, string>;
    // A token map names no region the construct can see: the hub's router would be created.
    expect(thrown(() => new TransitRouterNetwork(stack, "Token", { ...base, transitRouterIds: token })).issues).toEqual([MISSING("ap-southeast-1", "", "[]")]);
  });
});

describe("TransitRouterNetwork map keys at synth", () => {
  test("a key that is a region but not of this network: the value would be ignored", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "ap-southeast-1",
      hubProvider: sg,
      cenId: CEN,
      transitRouterIds: { "ap-southeast-1": "tr-1", "ap-northeast-2": "tr-2", "eu-central-1": "tr-3" },
      createTransitRouters: true,
    });
    network.addRegion("ap-northeast-1", tokyo);
    expect(network.node.validate()).toEqual([
      '[DSPL_REGION_NOT_IN_NETWORK] transitRouterIds has the key "ap-northeast-2", which is not a region of this network (did you mean "ap-northeast-1"?), so its value would be ignored. ' +
        'Received: "ap-northeast-2". Allowed: the regions of this network: ["ap-southeast-1","ap-northeast-1"]. Fix: write "ap-northeast-1".',
      '[DSPL_REGION_NOT_IN_NETWORK] transitRouterIds has the key "eu-central-1", which is not a region of this network, so its value would be ignored. ' +
        'Received: "eu-central-1". Allowed: the regions of this network: ["ap-southeast-1","ap-northeast-1"]. Fix: remove the entry, or add a requester (addRegion) in that region.',
    ]);
  });

  test("routeTableIds and peerAttachmentIds are checked too", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "ap-southeast-1",
      hubProvider: sg,
      cenId: CEN,
      createTransitRouters: true,
      routeTableIds: { "eu-central-1": "vtb-1" },
      peerAttachmentIds: { "ap-northeast-1": "tr-attach-1" },
    });
    expect(network.node.validate().map((m) => m.split(", which")[0])).toEqual([
      '[DSPL_REGION_NOT_IN_NETWORK] routeTableIds has the key "eu-central-1"',
      '[DSPL_REGION_NOT_IN_NETWORK] peerAttachmentIds has the key "ap-northeast-1"',
    ]);
    expect(() => Testing.synth(stack, true)).toThrow(/DSPL_REGION_NOT_IN_NETWORK/);
  });

  test("a token map is not checked at synth", () => {
    const { stack, sg } = networkStack();
    const map = new TerraformVariable(stack, "ids", { type: "map(string)" }).value as Record<string, string>;
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, cenId: CEN, createTransitRouters: true, peerAttachmentIds: map });
    expect(network.node.validate()).toEqual([]);
  });
});

describe("attachVpc ownership messages", () => {
  const BASE = { name: "other", vpcId: "vpc-1", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16", vSwitches: SG_ZONES };

  test("ids of the attachment are named after it", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    const issues = network.checkAttachVpc({
      ...BASE,
      vpcId: "vsw-1",
      routeTableId: "tr-1",
      ownerAccountId: "bob",
      ownerProvider: sg,
      vSwitches: [SG_ZONES[0], { zoneId: "ap-southeast-1b", vSwitchId: "vpc-2" }],
    });
    expect(issues.map((i) => [i.code, i.problem])).toEqual([
      [ValidationCode.ID_INVALID, 'attachVpc "other" vpcId is not a vpc id (it looks like a vSwitch id)'],
      [ValidationCode.ID_INVALID, 'attachVpc "other" routeTableId is not a routeTable id (it looks like a transitRouter id)'],
      [ValidationCode.ACCOUNT_ID_INVALID, 'attachVpc "other" ownerAccountId is not an Alibaba Cloud account UID'],
      [ValidationCode.ID_INVALID, 'attachVpc "other" vSwitches[1].vSwitchId is not a vSwitch id (it looks like a vpc id)'],
      [ValidationCode.CEN_OWNER_MISSING, expect.any(String)],
    ]);
    const adopted = network.checkAttachVpc({ ...BASE, transitRouterAttachmentId: "tr-1" });
    expect(adopted.map((i) => i.problem)).toEqual(['attachVpc "other" transitRouterAttachmentId is not a transitRouterAttachment id (it looks like a transitRouter id)']);
  });

  test("a VPC of another account without the CEN owner's UID or that account's provider", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    expect(network.checkAttachVpc({ ...BASE, ownerAccountId: UID })).toEqual([
      {
        code: ValidationCode.CEN_OWNER_MISSING,
        problem: `attachVpc "other" belongs to account "${UID}", but the network has no ownerAccountId: the grant of the VPC to the CEN must name the CEN owner's account`,
        received: "no ownerAccountId on the network (cen.ownerAccountId on the pattern)",
        allowed: "ownerAccountId: the 16-digit UID of the account that owns the CEN",
        fix: "set the CEN owner's UID (cen.ownerAccountId), or drop the VPC's ownerAccountId if the CEN owner's account owns it",
      },
      {
        code: ValidationCode.PROVIDER_MISSING,
        problem: `attachVpc "other" belongs to account "${UID}", but no provider of that account is given: the grant must be created by the VPC owner, in the VPC's region`,
        received: "no ownerProvider",
        allowed: `an AlicloudProvider for account "${UID}" in ap-southeast-1 (e.g. with assume_role)`,
        fix: "pass ownerProvider (the pattern passes the requester's provider)",
      },
    ]);
  });

  test("with the CEN owner's UID and a provider, or adopted, a VPC of another account passes", () => {
    const { stack, sg } = networkStack();
    const owned = new TransitRouterNetwork(stack, "Owned", { hubRegion: "ap-southeast-1", hubProvider: sg, ownerAccountId: "6543210987654321" });
    expect(owned.checkAttachVpc({ ...BASE, ownerAccountId: UID, ownerProvider: sg })).toEqual([]);
    expect(owned.checkAttachVpc({ ...BASE, ownerAccountId: UID }).map((i) => i.code)).toEqual([ValidationCode.PROVIDER_MISSING]);
    const unowned = new TransitRouterNetwork(stack, "Unowned", { hubRegion: "ap-southeast-1", hubProvider: sg });
    expect(unowned.checkAttachVpc({ ...BASE, ownerAccountId: UID, transitRouterAttachmentId: "tr-attach-1" })).toEqual([]);
  });
});
