import { AnnotationMetadataEntryType, TerraformVariable, Testing } from "cdktf";
import { DashScopeValidationError, ValidationCode } from "../../lib";
import { TransitRouterNetwork } from "../../lib/network";
import { SG_ZONES, TOKYO_ZONES, networkStack, thrown } from "./helpers";

describe("TransitRouterNetwork validation", () => {
  test("a token hubRegion is rejected: regions decide which routers exist", () => {
    const { stack, sg } = networkStack();
    const region = new TerraformVariable(stack, "region", { type: "string" });
    const error = thrown(() => new TransitRouterNetwork(stack, "Network", { hubRegion: region.stringValue, hubProvider: sg }));
    expect(error).toBeInstanceOf(DashScopeValidationError);
    expect(error.code).toBe(ValidationCode.LITERAL_REQUIRED);
    expect(error.message).toMatch(/^test\/Network: \[DSPL_LITERAL_REQUIRED\] hubRegion is a token/);
  });

  test("a hub provider for another region is rejected before anything is created", () => {
    const { stack, tokyo } = networkStack();
    const error = thrown(() => new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: tokyo }));
    expect(error.code).toBe(ValidationCode.PROVIDER_REGION_MISMATCH);
    expect(error.message).toMatch(/hubProvider is for region "ap-northeast-1", but it is declared for "ap-southeast-1"/);
    expect(error.message).toMatch(/alias "ap_northeast_1"/);
    expect(stack.node.tryFindChild("Network")).toBeUndefined();
    // The id is free again for the corrected network.
    expect(new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-northeast-1", hubProvider: tokyo }).node.path).toBe("test/Network");
  });

  test("transitRouterIds without cenId conflict", () => {
    const { stack, sg } = networkStack();
    const error = thrown(
      () => new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg, transitRouterIds: { "ap-southeast-1": "tr-1" } }),
    );
    expect(error.code).toBe(ValidationCode.PROPS_CONFLICT);
    expect(error.message).toMatch(/transitRouterIds imports transit routers, but cenId is not set/);
  });

  test("map keys must be region ids, and peerBandwidthMbps must be in range", () => {
    const { stack, sg } = networkStack();
    const error = thrown(
      () =>
        new TransitRouterNetwork(stack, "Network", {
          hubRegion: "ap-southeast-1",
          hubProvider: sg,
          routeTableIds: { Singapore: "vtb-1" },
          peerBandwidthMbps: 0,
        }),
    );
    expect(error.issues.map((i: { code: string }) => i.code)).toEqual([ValidationCode.REGION_INVALID, ValidationCode.VALUE_OUT_OF_RANGE]);
    expect(error.message).toMatch(/routeTableIds key "Singapore" is not a known Alibaba Cloud region id/);
    expect(error.message).toMatch(/peerBandwidthMbps \(Mbit\/s per hub-to-spoke link\) is out of range\. Received: 0\. Allowed: an integer from 1 to 10000/);
  });

  test("addRegion with a provider for another region is rejected", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    const error = thrown(() => network.addRegion("eu-central-1", tokyo));
    expect(error.code).toBe(ValidationCode.PROVIDER_REGION_MISMATCH);
    expect(error.message).toMatch(/addRegion provider for eu-central-1 is for region "ap-northeast-1"/);
  });

  test("a second provider for a known region is a duplicate", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    network.addRegion("ap-northeast-1", tokyo);
    const error = thrown(() => network.addRegion("ap-northeast-1", sg));
    expect(error.code).toBe(ValidationCode.PROVIDER_DUPLICATE);
    expect(error.message).toMatch(/addRegion\("ap-northeast-1"\) was already called with provider test\/Alicloud-ap-northeast-1/);
  });

  test("addRegion transitRouterId needs cenId, and must not change for a known region", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    expect(thrown(() => network.addRegion("ap-northeast-1", tokyo, { transitRouterId: "tr-1" })).code).toBe(ValidationCode.PROPS_CONFLICT);
    network.addRegion("ap-northeast-1", tokyo);
    const error = thrown(() => network.addRegion("ap-northeast-1", tokyo, { transitRouterId: "tr-1" }));
    expect(error.code).toBe(ValidationCode.PROPS_CONFLICT);
    expect(error.message).toMatch(/already has a router created by this network/);
  });

  test("attachVpc in a region with no provider names the region and says to call addRegion", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    const error = thrown(() =>
      network.attachVpc({ name: "tokyo", vpcId: "vpc-tk", regionId: "ap-northeast-1", vpcCidrBlock: "10.1.0.0/16", zoneMappings: TOKYO_ZONES }),
    );
    expect(error.code).toBe(ValidationCode.PROVIDER_MISSING);
    expect(error.message).toMatch(/attachVpc "tokyo" is in region ap-northeast-1, which has no transit router and no provider/);
    expect(error.message).toMatch(/call addRegion\("ap-northeast-1", provider\)/);
    expect(network.node.tryFindChild("Vpc-tokyo")).toBeUndefined();
  });

  test("duplicate attachment names and duplicate VPC ids are rejected", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    network.attachVpc({ name: "a", vpcId: "vpc-1", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16", zoneMappings: SG_ZONES });
    const sameName = thrown(() =>
      network.attachVpc({ name: "a", vpcId: "vpc-2", regionId: "ap-southeast-1", vpcCidrBlock: "10.1.0.0/16", zoneMappings: SG_ZONES }),
    );
    expect(sameName.code).toBe(ValidationCode.NAME_DUPLICATE);
    expect(sameName.message).toMatch(/attachVpc name "a" is already used by the attachment of vpc-1/);
    const sameVpc = thrown(() =>
      network.attachVpc({ name: "b", vpcId: "vpc-1", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16", zoneMappings: SG_ZONES }),
    );
    expect(sameVpc.code).toBe(ValidationCode.VPC_DUPLICATE);
    expect(sameVpc.message).toMatch(/attaches VPC vpc-1, which is already attached as "a"/);
  });

  test("zone mappings: at least one, zones of the region, one vSwitch per zone; a single zone warns", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    const base = { vpcId: "vpc-1", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16" };
    expect(thrown(() => network.attachVpc({ ...base, name: "none", zoneMappings: [] })).code).toBe(ValidationCode.VSWITCH_COUNT);
    const wrongZone = thrown(() => network.attachVpc({ ...base, name: "tokyo", zoneMappings: TOKYO_ZONES }));
    expect(wrongZone.code).toBe(ValidationCode.ZONE_REGION_MISMATCH);
    expect(wrongZone.message).toMatch(/vSwitches\[0\]\.zoneId of "tokyo" is not a zone of region ap-southeast-1/);
    const hyphen = thrown(() => network.attachVpc({ ...base, name: "hyphen", vSwitches: [{ zoneId: "ap-southeast-1-a", vSwitchId: "vsw-1" }, SG_ZONES[1]] }));
    expect(hyphen.code).toBe(ValidationCode.ZONE_REGION_MISMATCH);
    expect(hyphen.message).toMatch(/write it as "ap-southeast-1a"/);
    const twice = thrown(() =>
      network.attachVpc({ ...base, name: "twice", zoneMappings: [SG_ZONES[0], { zoneId: "ap-southeast-1a", vSwitchId: "vsw-2" }] }),
    );
    expect(twice.code).toBe(ValidationCode.ZONE_DUPLICATE);
    network.attachVpc({ ...base, name: "single", zoneMappings: [SG_ZONES[0]] });
    const warnings = network.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => m.data);
    expect(warnings).toEqual([expect.stringMatching(/attachVpc "single" maps a single zone/)]);
  });

  test("a malformed CIDR or a name that cannot be an address is rejected", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    const bad = thrown(() =>
      network.attachVpc({ name: "bad", vpcId: "vpc-1", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.1/16", zoneMappings: SG_ZONES }),
    );
    expect(bad.code).toBe(ValidationCode.CIDR_INVALID);
    const variable = new TerraformVariable(stack, "name", { type: "string" });
    const tokenName = thrown(() =>
      network.attachVpc({ name: variable.stringValue, vpcId: "vpc-1", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16", zoneMappings: SG_ZONES }),
    );
    expect(tokenName.code).toBe(ValidationCode.LITERAL_REQUIRED);
  });

  test("overlapping CIDRs fail synth naming both attachments, both VPCs and both CIDRs", () => {
    const { stack, sg, tokyo } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    network.addRegion("ap-northeast-1", tokyo);
    network.attachVpc({ name: "endpoint", vpcId: "vpc-sg", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16", zoneMappings: SG_ZONES });
    network.attachVpc({ name: "tokyo", vpcId: "vpc-tk", regionId: "ap-northeast-1", vpcCidrBlock: "10.0.128.0/20", zoneMappings: TOKYO_ZONES });
    const messages = network.node.validate();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^\[DSPL_CIDR_OVERLAP\] VPC attachments "endpoint" \(VPC vpc-sg, 10\.0\.0\.0\/16\) and "tokyo" \(VPC vpc-tk, 10\.0\.128\.0\/20\) have overlapping CIDR blocks/,
    );
    expect(() => Testing.synth(stack, true)).toThrow(/DSPL_CIDR_OVERLAP/);
  });

  test("tokens are skipped, never rejected", () => {
    const { stack, sg, tokyo } = networkStack();
    const text = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    const network = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "ap-southeast-1",
      hubProvider: sg,
      cenId: text("cen_id"),
      transitRouterIds: { "ap-northeast-1": text("tr_tokyo"), "ap-southeast-1": text("tr_sg") },
      peerBandwidthMbps: new TerraformVariable(stack, "bw", { type: "number" }).numberValue,
    });
    network.addRegion("ap-northeast-1", tokyo);
    network.attachVpc({ name: "endpoint", vpcId: text("vpc_sg"), regionId: "ap-southeast-1", vpcCidrBlock: text("cidr_sg"), zoneMappings: SG_ZONES });
    network.attachVpc({
      name: "tokyo",
      vpcId: text("vpc_tk"),
      regionId: "ap-northeast-1",
      vpcCidrBlock: "10.0.0.0/16",
      zoneMappings: [
        { zoneId: text("zone_a"), vSwitchId: text("vsw_a") },
        { zoneId: text("zone_b"), vSwitchId: text("vsw_b") },
      ],
    });
    expect(network.node.validate()).toEqual([]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});
