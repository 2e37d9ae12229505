import { AnnotationMetadataEntryType, TerraformVariable, Testing } from "cdktf";
import { CenInstance } from "../../.gen/providers/alicloud/cen-instance";
import { CenTransitRouterPeerAttachment } from "../../.gen/providers/alicloud/cen-transit-router-peer-attachment";
import { PrivatelinkVpcEndpoint } from "../../.gen/providers/alicloud/privatelink-vpc-endpoint";
import { PvtzZoneAttachment } from "../../.gen/providers/alicloud/pvtz-zone-attachment";
import { PvtzZoneRecord } from "../../.gen/providers/alicloud/pvtz-zone-record";
import { SecurityGroupRule } from "../../.gen/providers/alicloud/security-group-rule";
import { DashScopePrivateAccess } from "../../lib/patterns";
import { countsOf, synthJson } from "../cdktf-helpers";
import { accessFixture, accessProps, requester } from "./fixtures";

describe("DashScopePrivateAccess", () => {
  test("one requester in another region: the whole graph", () => {
    const f = accessFixture();
    const access = new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)]));
    const json = synthJson(f.stack, true);
    expect(countsOf(json)).toEqual({
      alicloud_cen_instance: 1,
      alicloud_cen_transit_router: 2,
      alicloud_cen_transit_router_vpc_attachment: 2,
      alicloud_cen_transit_router_peer_attachment: 1,
      // endpoint VPC + requester VPC + both sides of the peer link
      alicloud_cen_transit_router_route_table_association: 4,
      alicloud_cen_transit_router_route_table_propagation: 4,
      alicloud_privatelink_vpc_endpoint: 1,
      alicloud_privatelink_vpc_endpoint_zone: 2,
      alicloud_security_group: 1,
      // (endpoint VPC, requester VPC) x (80, 443)
      alicloud_security_group_rule: 4,
      alicloud_pvtz_zone: 1,
      alicloud_pvtz_zone_record: 1,
      alicloud_pvtz_zone_attachment: 1,
    });
    expect(access.network?.hubRegion).toBe("ap-southeast-1");
    expect(access.customDomain).toBe("vpc-ap-southeast-1.dashscope.aliyuncs.com");
    const synthed = Testing.synth(f.stack);
    expect(synthed).toHaveResourceWithProperties(SecurityGroupRule, { cidr_ip: "10.1.0.0/16", port_range: "443/443", nic_type: "intranet" });
    expect(synthed).toHaveResourceWithProperties(SecurityGroupRule, { cidr_ip: "10.0.0.0/16", port_range: "80/80" });
    expect(synthed).toHaveResourceWithProperties(PvtzZoneAttachment, { vpcs: [{ vpc_id: "vpc-tokyo", region_id: "ap-northeast-1" }] });
    expect(synthed).toHaveResourceWithProperties(PvtzZoneRecord, {
      rr: "@",
      type: "CNAME",
      value: `\${${access.endpoint.vpcEndpoint.terraformResourceType}.${access.endpoint.vpcEndpoint.friendlyUniqueId}.endpoint_domain}`,
    });
  });

  test("four requesters across four regions, one of them in the hub region", () => {
    const f = accessFixture();
    new DashScopePrivateAccess(
      f.stack,
      "Access",
      accessProps(
        f,
        [
          requester(f, "shared", "ap-southeast-1", 1),
          requester(f, "tokyo", "ap-northeast-1", 2),
          requester(f, "frankfurt", "eu-central-1", 3),
          requester(f, "hangzhou", "cn-hangzhou", 4),
        ],
        { crossBorder: { acknowledgeCompliance: true, bandwidthPackageId: "cenbwp-given" } },
      ),
    );
    const json = synthJson(f.stack, true);
    expect(countsOf(json)).toMatchObject({
      alicloud_cen_transit_router: 4,
      alicloud_cen_transit_router_vpc_attachment: 5,
      // a peer per remote region: the Singapore requester shares the hub router
      alicloud_cen_transit_router_peer_attachment: 3,
      alicloud_cen_transit_router_route_table_association: 5 + 2 * 3,
      alicloud_cen_transit_router_route_table_propagation: 5 + 2 * 3,
      alicloud_security_group_rule: 5 * 2,
      alicloud_pvtz_zone_attachment: 1,
    });
    const peers = Object.values<any>(json.resource.alicloud_cen_transit_router_peer_attachment);
    expect(peers.map((p) => [p.peer_transit_router_region_id, p.bandwidth_type, p.provider]).sort()).toEqual([
      ["ap-northeast-1", "DataTransfer", "alicloud.ap_southeast_1"],
      ["cn-hangzhou", "BandwidthPackage", "alicloud.ap_southeast_1"],
      ["eu-central-1", "DataTransfer", "alicloud.ap_southeast_1"],
    ]);
    const [zoneAttachment] = Object.values<any>(json.resource.alicloud_pvtz_zone_attachment);
    expect(zoneAttachment.vpcs).toEqual([
      { vpc_id: "vpc-shared", region_id: "ap-southeast-1" },
      { vpc_id: "vpc-tokyo", region_id: "ap-northeast-1" },
      { vpc_id: "vpc-frankfurt", region_id: "eu-central-1" },
      { vpc_id: "vpc-hangzhou", region_id: "cn-hangzhou" },
    ]);
  });

  test("no requesters: only the endpoint, no CEN and no Private Zone", () => {
    const f = accessFixture();
    const access = new DashScopePrivateAccess(f.stack, "Access", accessProps(f, []));
    expect(Object.keys(synthJson(f.stack, true).resource).sort()).toEqual([
      "alicloud_privatelink_vpc_endpoint",
      "alicloud_privatelink_vpc_endpoint_zone",
      "alicloud_security_group",
      "alicloud_security_group_rule",
    ]);
    expect(access.network).toBeUndefined();
    expect(access.privateZone).toBeUndefined();
  });

  test("bindEndpointVpc binds the endpoint's own VPC too, first in the one attachment", () => {
    const f = accessFixture();
    new DashScopePrivateAccess(f.stack, "Access", {
      ...accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)]),
      privateZone: { bindEndpointVpc: true, recordTtl: 30 },
    });
    const json = synthJson(f.stack, true);
    expect(Object.values<any>(json.resource.alicloud_pvtz_zone_attachment)[0].vpcs).toEqual([
      { vpc_id: "vpc-endpoint", region_id: "ap-southeast-1" },
      { vpc_id: "vpc-tokyo", region_id: "ap-northeast-1" },
    ]);
    expect(Object.values<any>(json.resource.alicloud_pvtz_zone_record)[0].ttl).toBe(30);
  });

  test("the endpoint VPC's transit router attachment can use its own vSwitches", () => {
    const f = accessFixture();
    const props = accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)]);
    new DashScopePrivateAccess(f.stack, "Access", {
      ...props,
      endpoint: { ...props.endpoint, transitRouterVSwitches: [{ vSwitchId: "vsw-tr-a", zoneId: "ap-southeast-1a" }, { vSwitchId: "vsw-tr-c", zoneId: "ap-southeast-1c" }] },
    });
    const json = synthJson(f.stack, true);
    const endpointAttachment = Object.values<any>(json.resource.alicloud_cen_transit_router_vpc_attachment).find((a) => a.vpc_id === "vpc-endpoint");
    expect(endpointAttachment.zone_mappings).toEqual([
      { vswitch_id: "vsw-tr-a", zone_id: "ap-southeast-1a" },
      { vswitch_id: "vsw-tr-c", zone_id: "ap-southeast-1c" },
    ]);
    expect(Object.values<any>(json.resource.alicloud_privatelink_vpc_endpoint_zone).map((z) => z.vswitch_id).sort()).toEqual(["vsw-ep-a", "vsw-ep-b"]);
  });

  test("addRequester after construction lands in the same network, group and zone attachment", () => {
    const f = accessFixture();
    const access = new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)]));
    access.addRequester(requester(f, "frankfurt", "eu-central-1", 2));
    access.addRequester(requester(f, "tokyo-batch", "ap-northeast-1", 3));
    const json = synthJson(f.stack, true);
    expect(countsOf(json)).toMatchObject({
      alicloud_cen_instance: 1,
      alicloud_cen_transit_router_peer_attachment: 2,
      alicloud_cen_transit_router_vpc_attachment: 4,
      alicloud_security_group_rule: 8,
      alicloud_pvtz_zone_attachment: 1,
    });
    const [zoneAttachment] = Object.values<any>(json.resource.alicloud_pvtz_zone_attachment);
    expect(zoneAttachment.vpcs.map((v: any) => v.vpc_id)).toEqual(["vpc-tokyo", "vpc-frankfurt", "vpc-tokyo-batch"]);
    expect(access.requesters.map((r) => r.name)).toEqual(["tokyo", "frankfurt", "tokyo-batch"]);
  });

  test("an imported CEN and transit routers create no CEN and no routers", () => {
    const f = accessFixture();
    new DashScopePrivateAccess(
      f.stack,
      "Access",
      accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)], {
        cen: { cenId: "cen-landing-zone", transitRouterIds: { "ap-southeast-1": "tr-sg", "ap-northeast-1": "tr-tk" } },
      }),
    );
    const json = synthJson(f.stack, true);
    expect(json.resource.alicloud_cen_instance).toBeUndefined();
    expect(json.resource.alicloud_cen_transit_router).toBeUndefined();
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(CenTransitRouterPeerAttachment, {
      cen_id: "cen-landing-zone",
      transit_router_id: "tr-sg",
      peer_transit_router_id: "tr-tk",
      peer_transit_router_region_id: "ap-northeast-1",
    });
    expect(Testing.synth(f.stack)).not.toHaveResource(CenInstance);
  });

  test("tokens for VPC ids, CIDRs and vSwitch ids pass", () => {
    const f = accessFixture();
    const v = (name: string) => new TerraformVariable(f.stack, name, { type: "string" }).stringValue;
    new DashScopePrivateAccess(f.stack, "Access", {
      ...accessProps(f, [
        requester(f, "tokyo", "ap-northeast-1", 1, {
          vpcId: v("tokyo_vpc"),
          vpcCidrBlock: v("tokyo_cidr"),
          vSwitches: [{ vSwitchId: v("tokyo_vsw"), zoneId: v("tokyo_zone") }],
        }),
      ]),
    });
    expect(Testing.synth(f.stack, true)).toHaveResourceWithProperties(PrivatelinkVpcEndpoint, { service_name: "com.aliyuncs.dashscope" });
  });

  test("bring-your-own security groups: nothing is opened, and synth says what to allow", () => {
    const f = accessFixture();
    const props = accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)]);
    const access = new DashScopePrivateAccess(f.stack, "Access", { ...props, endpoint: { ...props.endpoint, securityGroupIds: ["sg-landing-zone"] } });
    expect(synthJson(f.stack, true).resource.alicloud_security_group_rule).toBeUndefined();
    const warnings = access.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => m.data);
    expect(warnings).toEqual([expect.stringMatching(/allow tcp 80, 443 from tokyo \(10\.1\.0\.0\/16\) in them/)]);
  });
});
