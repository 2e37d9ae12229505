import { TerraformVariable } from "cdktf";
import { DashScopeEndpoint } from "../../lib/endpoint";
import { TransitRouterNetwork } from "../../lib/network";
import { ValidationCode } from "../../lib/validation";
import { synthJson, treeSnapshot, validationError } from "../cdktf-helpers";
import { props as endpointProps } from "../endpoint/helpers";
import { networkStack } from "./helpers";

const SG = [
  { zoneId: "ap-southeast-1a", vSwitchId: "vsw-a" },
  { zoneId: "ap-southeast-1b", vSwitchId: "vsw-b" },
];

describe("every rejecting method leaves the tree unchanged", () => {
  test("addRegion: a plan sized from a token bandwidth, a cross-border link without acknowledgement, a missing router", () => {
    const { stack, sg, hangzhou, tokyo } = networkStack();
    const bandwidth = new TerraformVariable(stack, "bw", { type: "number" }).numberValue;
    const network = new TransitRouterNetwork(stack, "Network", {
      hubRegion: "ap-southeast-1",
      hubProvider: sg,
      peerBandwidthMbps: bandwidth,
      crossBorder: { acknowledgeCompliance: true },
    });
    const before = treeSnapshot(stack);
    expect(validationError(() => network.addRegion("cn-hangzhou", hangzhou)).code).toBe(ValidationCode.LITERAL_REQUIRED);
    expect(validationError(() => network.addRegion("ap-northeast-1", tokyo, { transitRouterId: "tr-x" })).code).toBe(ValidationCode.PROPS_CONFLICT);
    expect(treeSnapshot(stack)).toEqual(before);
    expect(network.regions.map((r) => r.regionId)).toEqual(["ap-southeast-1"]);
  });

  test("attachVpc: a cross-account VPC without the CEN owner, a duplicate VPC", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    network.attachVpc({ name: "a", vpcId: "vpc-1", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16", vSwitches: SG });
    const before = treeSnapshot(stack);
    const cross = validationError(() =>
      network.attachVpc({ name: "b", vpcId: "vpc-2", regionId: "ap-southeast-1", vpcCidrBlock: "10.1.0.0/16", vSwitches: SG, ownerAccountId: "2222222222222222", ownerProvider: sg }),
    );
    expect(cross.code).toBe(ValidationCode.CEN_OWNER_MISSING);
    expect(validationError(() => network.attachVpc({ name: "c", vpcId: "vpc-1", regionId: "ap-southeast-1", vpcCidrBlock: "10.2.0.0/16", vSwitches: SG })).code).toBe(
      ValidationCode.VPC_DUPLICATE,
    );
    expect(treeSnapshot(stack)).toEqual(before);
  });

  test("allowFrom: a malformed or too wide CIDR", () => {
    const { stack, sg } = networkStack();
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", endpointProps(sg));
    const before = treeSnapshot(stack);
    expect(validationError(() => endpoint.allowFrom("10.1.0.1/16")).code).toBe(ValidationCode.CIDR_INVALID);
    expect(validationError(() => endpoint.allowFrom("0.0.0.0/0")).code).toBe(ValidationCode.CIDR_TOO_WIDE);
    expect(treeSnapshot(stack)).toEqual(before);
  });

  test("the deprecated zoneMappings still attaches, like vSwitches", () => {
    const { stack, sg } = networkStack();
    const network = new TransitRouterNetwork(stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: sg });
    network.attachVpc({ name: "old", vpcId: "vpc-1", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16", zoneMappings: SG });
    network.attachVpc({ name: "new", vpcId: "vpc-2", regionId: "ap-southeast-1", vpcCidrBlock: "10.1.0.0/16", vSwitches: SG });
    const attachments = Object.values<any>(synthJson(stack).resource.alicloud_cen_transit_router_vpc_attachment);
    expect(attachments.map((a) => a.zone_mappings)).toEqual([
      SG.map((m) => ({ zone_id: m.zoneId, vswitch_id: m.vSwitchId })),
      SG.map((m) => ({ zone_id: m.zoneId, vswitch_id: m.vSwitchId })),
    ]);
  });
});
