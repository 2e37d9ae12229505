// The benchmark's hand-wired L1 stack must declare exactly what DashScopePrivateAccess declares for
// the same landing zone; otherwise the pattern/hand-wired ratio would not measure the library's
// overhead. Timings are never asserted here (npm run bench measures them).
import { TerraformResource, TerraformStack, Testing } from "cdktf";
import { CenTransitRouterPeerAttachment } from "../../.gen/providers/alicloud/cen-transit-router-peer-attachment";
import { PvtzZoneAttachment } from "../../.gen/providers/alicloud/pvtz-zone-attachment";
import { buildHandWiredStack } from "../../bench/stacks/hand-wired";
import { BANDWIDTH_PACKAGE_ID, REQUESTER_REGIONS, requesterSpecs } from "../../bench/stacks/landing-zone-spec";
import { buildPatternStack } from "../../bench/stacks/pattern";
import { normalizeStack } from "./normalize";

function synth(build: (app: ReturnType<typeof Testing.app>, count: number) => TerraformStack, count: number): { stack: TerraformStack; json: any } {
  const stack = build(Testing.app(), count);
  return { stack, json: JSON.parse(Testing.synth(stack, true)) };
}

describe("hand-wired benchmark stack", () => {
  test.each([1, 10, 100])("declares the same resources, properties, references and providers as the pattern with %i requester(s)", (count) => {
    const pattern = normalizeStack(synth(buildPatternStack, count).json);
    const handWired = normalizeStack(synth(buildHandWiredStack, count).json);
    expect(handWired.counts).toEqual(pattern.counts);
    expect(handWired.rest).toEqual(pattern.rest);
    expect(handWired.blocks).toEqual(pattern.blocks);
  });

  test("covers every part of the topology at 10 requesters", () => {
    const { counts } = normalizeStack(synth(buildHandWiredStack, 10).json);
    expect(counts).toEqual({
      alicloud_security_group: 1,
      alicloud_security_group_rule: 22,
      alicloud_privatelink_vpc_endpoint: 1,
      alicloud_privatelink_vpc_endpoint_zone: 2,
      alicloud_cen_instance: 1,
      alicloud_cen_bandwidth_package_attachment: 1,
      alicloud_cen_transit_router: 4,
      "data.alicloud_cen_transit_router_route_tables": 4,
      alicloud_cen_transit_router_peer_attachment: 3,
      alicloud_cen_transit_router_vpc_attachment: 11,
      alicloud_cen_transit_router_route_table_association: 17,
      alicloud_cen_transit_router_route_table_propagation: 17,
      alicloud_pvtz_zone: 1,
      alicloud_pvtz_zone_record: 1,
      alicloud_pvtz_zone_attachment: 1,
    });
  });

  test("routes the cross-border link over the given bandwidth plan and binds every requester VPC", () => {
    const { stack } = synth(buildHandWiredStack, 10);
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(CenTransitRouterPeerAttachment, {
      peer_transit_router_region_id: "cn-hangzhou",
      bandwidth_type: "BandwidthPackage",
      cen_bandwidth_package_id: BANDWIDTH_PACKAGE_ID,
    });
    expect(synthesized).toHaveResourceWithProperties(CenTransitRouterPeerAttachment, {
      peer_transit_router_region_id: "ap-northeast-1",
      bandwidth_type: "DataTransfer",
    });
    expect(synthesized).toHaveResourceWithProperties(PvtzZoneAttachment, {
      vpcs: requesterSpecs(10).map((r) => ({ vpc_id: r.vpcId, region_id: r.region })),
    });
  });

  test("the comparison tells apart a stack that differs in one property or one dependency", () => {
    const pattern = normalizeStack(synth(buildPatternStack, 10).json);

    const ttl = buildHandWiredStack(Testing.app(), 10);
    (ttl.node.findChild("PrivateZoneRecord") as TerraformResource).addOverride("ttl", 61);
    expect(normalizeStack(JSON.parse(Testing.synth(ttl))).blocks).not.toEqual(pattern.blocks);

    const dependsOn = buildHandWiredStack(Testing.app(), 10);
    (dependsOn.node.findChild("Peer-cn-hangzhou") as TerraformResource).addOverride("depends_on", ["alicloud_cen_instance.Cen"]);
    expect(normalizeStack(JSON.parse(Testing.synth(dependsOn))).blocks).not.toEqual(pattern.blocks);
  });
});

describe("benchmark landing zone", () => {
  test("spreads requesters round-robin over the four regions with disjoint /16 blocks", () => {
    const specs = requesterSpecs(100);
    expect(specs.map((s) => s.region).slice(0, 8)).toEqual([...REQUESTER_REGIONS, ...REQUESTER_REGIONS]);
    expect(new Set(specs.map((s) => s.vpcCidrBlock)).size).toBe(100);
    expect(specs.every((s) => /^10\.\d+\.0\.0\/16$/.test(s.vpcCidrBlock) && s.vpcCidrBlock !== "10.0.0.0/16")).toBe(true);
  });

  test("rejects a requester count the address plan cannot number", () => {
    expect(() => requesterSpecs(255)).toThrow(/requester count must be an integer from 0 to 254, got 255/);
  });
});
