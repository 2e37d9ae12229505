// How DashScopePrivateAccess hands its props to the parts it composes, as the synthesized Terraform
// shows it: the CEN props to the network, the zone props to the Private Zone, the accounts to the
// endpoint VPC's attachment, the service activations to what must wait for them; and what its
// attributes and addRequester expose.
import { Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopePrivateAccess, DashScopePrivateAccessProps } from "../../lib/patterns";
import { resolved, synthJson, treeSnapshot, validationError, warningsOf } from "../cdktf-helpers";
import { AccessFixture, accessFixture, accessProps, requester } from "./fixtures";

const values = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});

function tokyoAccess(f: AccessFixture, overrides: Partial<DashScopePrivateAccessProps> = {}) {
  return new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)], overrides));
}

describe("the network gets the CEN props", () => {
  test("cenName and tags on the CEN and the transit routers, peerBandwidthMbps on the peer link", () => {
    const f = accessFixture();
    tokyoAccess(f, { cen: { cenName: "landing-zone-cen", peerBandwidthMbps: 7 }, tags: { team: "ai" } });
    const json = synthJson(f.stack, true);
    expect(values(json, "alicloud_cen_instance")).toEqual([expect.objectContaining({ cen_instance_name: "landing-zone-cen", tags: { team: "ai" } })]);
    expect(values(json, "alicloud_cen_transit_router").map((t) => t.tags)).toEqual([{ team: "ai" }, { team: "ai" }]);
    expect(values(json, "alicloud_cen_transit_router_peer_attachment")).toEqual([expect.objectContaining({ bandwidth: 7 })]);
  });

  test("an existing CEN with route tables and an adopted peer link: no CEN, no peer link, the given tables", () => {
    const f = accessFixture();
    tokyoAccess(f, {
      cen: {
        cenId: "cen-lz",
        transitRouterIds: { "ap-southeast-1": "tr-sg", "ap-northeast-1": "tr-tk" },
        routeTableIds: { "ap-southeast-1": "vtb-sg", "ap-northeast-1": "vtb-tk" },
        peerAttachmentIds: { "ap-northeast-1": "tr-attach-peer" },
      },
    });
    const json = synthJson(f.stack, true);
    expect(json.resource.alicloud_cen_instance).toBeUndefined();
    expect(json.resource.alicloud_cen_transit_router_peer_attachment).toBeUndefined();
    expect(values(json, "alicloud_cen_transit_router_vpc_attachment").map((a) => [a.vpc_id, a.cen_id, a.transit_router_id])).toEqual([
      ["vpc-endpoint", "cen-lz", "tr-sg"],
      ["vpc-tokyo", "cen-lz", "tr-tk"],
    ]);
    expect(values(json, "alicloud_cen_transit_router_route_table_association").map((a) => a.transit_router_route_table_id).sort()).toEqual(["vtb-sg", "vtb-tk"]);
  });

  test("an existing CEN with createTransitRouters makes the routers it does not name", () => {
    const f = accessFixture();
    tokyoAccess(f, { cen: { cenId: "cen-lz", transitRouterIds: { "ap-southeast-1": "tr-sg" }, createTransitRouters: true } });
    const json = synthJson(f.stack, true);
    expect(values(json, "alicloud_cen_transit_router")).toEqual([expect.objectContaining({ cen_id: "cen-lz", provider: "alicloud.ap_northeast_1" })]);
  });

  test("a cross-border link with a plan to buy: the crossBorder props reach the network", () => {
    const f = accessFixture();
    new DashScopePrivateAccess(
      f.stack,
      "Access",
      accessProps(f, [requester(f, "hangzhou", "cn-hangzhou", 4)], { crossBorder: { acknowledgeCompliance: true } }),
    );
    const json = synthJson(f.stack, true);
    expect(values(json, "alicloud_cen_transit_router_peer_attachment")).toEqual([expect.objectContaining({ bandwidth_type: "BandwidthPackage" })]);
    expect(values(json, "alicloud_cen_bandwidth_package")).toHaveLength(1);
  });

  test("the endpoint VPC of another account than the CEN's is granted and attached with its owner", () => {
    const f = accessFixture();
    const network = new AlicloudProvider(f.stack, "network-sg", { region: "ap-southeast-1", alias: "network_sg" });
    tokyoAccess(f, {
      endpoint: { ...accessProps(f, []).endpoint, ownerAccountId: "2222222222222222" },
      cen: { ownerAccountId: "1111111111111111", providers: { "ap-southeast-1": network } },
    });
    const json = synthJson(f.stack, true);
    expect(values(json, "alicloud_cen_transit_router_grant_attachment")).toEqual([
      expect.objectContaining({ instance_id: "vpc-endpoint", cen_owner_id: "1111111111111111", provider: "alicloud.ap_southeast_1" }),
    ]);
    const endpointAttachment = values(json, "alicloud_cen_transit_router_vpc_attachment").find((a) => a.vpc_id === "vpc-endpoint");
    expect(endpointAttachment).toMatchObject({ vpc_owner_id: "2222222222222222", provider: "alicloud.network_sg" });
    expect(values(json, "alicloud_cen_instance")).toEqual([expect.objectContaining({ provider: "alicloud.network_sg" })]);
  });

  test("the endpoint VPC of the CEN owner's account is attached without a grant", () => {
    const f = accessFixture();
    tokyoAccess(f, { endpoint: { ...accessProps(f, []).endpoint, ownerAccountId: "1111111111111111" }, cen: { ownerAccountId: "1111111111111111" } });
    const json = synthJson(f.stack, true);
    expect(json.resource.alicloud_cen_transit_router_grant_attachment).toBeUndefined();
    expect(values(json, "alicloud_cen_transit_router_vpc_attachment").find((a) => a.vpc_id === "vpc-endpoint").vpc_owner_id).toBeUndefined();
  });

  test("the endpoint VPC's adopted attachment is not created again", () => {
    const f = accessFixture();
    tokyoAccess(f, { endpoint: { ...accessProps(f, []).endpoint, transitRouterAttachmentId: "tr-attach-ep" } });
    const json = synthJson(f.stack, true);
    expect(values(json, "alicloud_cen_transit_router_vpc_attachment").map((a) => a.vpc_id)).toEqual(["vpc-tokyo"]);
  });
});

describe("the Private Zone gets the zone props", () => {
  test("its provider, name, TTL and quotas", () => {
    const f = accessFixture();
    const dns = new AlicloudProvider(f.stack, "dns", { region: "ap-southeast-1", alias: "dns" });
    const access = tokyoAccess(f, { privateZone: { provider: dns, zoneName: "dashscope.internal.example.com", recordTtl: 120, maxVpcsPerZone: 1 } });
    const json = synthJson(f.stack);
    expect(values(json, "alicloud_pvtz_zone")).toEqual([expect.objectContaining({ zone_name: "dashscope.internal.example.com", provider: "alicloud.dns" })]);
    expect(values(json, "alicloud_pvtz_zone_record")).toEqual([expect.objectContaining({ ttl: 120, provider: "alicloud.dns" })]);
    expect(values(json, "alicloud_pvtz_zone_attachment")).toEqual([expect.objectContaining({ provider: "alicloud.dns" })]);
    access.addRequester(requester(f, "frankfurt", "eu-central-1", 2));
    expect(() => Testing.synth(f.stack, true)).toThrow(/the private zone would bind 2 VPCs, more than the 1 a zone may have/);
  });

  test("maxAccountsPerZone reaches the zone", () => {
    const f = accessFixture();
    const workload = new AlicloudProvider(f.stack, "workload", { region: "ap-northeast-1", alias: "workload" });
    new DashScopePrivateAccess(
      f.stack,
      "Access",
      accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1, { ownerAccountId: "2222222222222222", provider: workload })], {
        cen: { ownerAccountId: "1111111111111111", providers: { "ap-northeast-1": f.providers["ap-northeast-1"] } },
        // The endpoint VPC is the zone owner's (the CEN owner's), the requester's another account.
        privateZone: { maxAccountsPerZone: 1, bindEndpointVpc: true },
      }),
    );
    expect(() => Testing.synth(f.stack, true)).toThrow(/VPCs of 2 accounts, more than the 1 a zone may serve/);
  });

  test("an adopted zone keeps its VPCs; a kept VPC of the zone owner's account is not authorized, one of another account is", () => {
    const f = accessFixture();
    const props = accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)], {
      endpoint: { ...accessProps(f, []).endpoint, ownerAccountId: "1111111111111111" },
      cen: { ownerAccountId: "1111111111111111" },
      privateZone: {
        zoneId: "zone-lz",
        keepVpcs: [
          { vpcId: "vpc-own", regionId: "ap-southeast-1", ownerAccountId: "1111111111111111" },
          { vpcId: "vpc-other", regionId: "ap-southeast-1", ownerAccountId: "3333333333333333" },
          { vpcId: "vpc-plain", regionId: "ap-southeast-1" },
        ],
      },
    });
    const access = new DashScopePrivateAccess(f.stack, "Access", props);
    expect(access.privateZone!.vpcs).toEqual([
      { vpcId: "vpc-own", regionId: "ap-southeast-1", ownerAccountId: undefined },
      { vpcId: "vpc-other", regionId: "ap-southeast-1", ownerAccountId: "3333333333333333" },
      { vpcId: "vpc-plain", regionId: "ap-southeast-1" },
      { vpcId: "vpc-tokyo", regionId: "ap-northeast-1", ownerAccountId: undefined },
    ]);
    const json = synthJson(f.stack, true);
    expect(json.resource.alicloud_pvtz_zone).toBeUndefined();
    expect(values(json, "alicloud_pvtz_zone_attachment")[0].zone_id).toBe("zone-lz");
    expect(values(json, "alicloud_pvtz_user_vpc_authorization").map((a) => a.authorized_user_id)).toEqual(["3333333333333333"]);
  });

  test("bindEndpointVpc alone (no requesters) authorizes the endpoint's account for its own VPC", () => {
    const f = accessFixture();
    const dns = new AlicloudProvider(f.stack, "dns", { region: "ap-southeast-1", alias: "dns" });
    new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [], {
      endpoint: { ...accessProps(f, []).endpoint, ownerAccountId: "2222222222222222" },
      cen: { ownerAccountId: "2222222222222222" },
      privateZone: { bindEndpointVpc: true, provider: dns, ownerAccountId: "3333333333333333" },
    }));
    const json = synthJson(f.stack, true);
    expect(values(json, "alicloud_pvtz_user_vpc_authorization").map((a) => a.authorized_user_id)).toEqual(["2222222222222222"]);
  });

  test("bindEndpointVpc of another account than the zone owner's authorizes the endpoint's account", () => {
    const f = accessFixture();
    const dns = new AlicloudProvider(f.stack, "dns", { region: "ap-southeast-1", alias: "dns" });
    tokyoAccess(f, {
      endpoint: { ...accessProps(f, []).endpoint, ownerAccountId: "2222222222222222" },
      cen: { ownerAccountId: "2222222222222222" },
      privateZone: { bindEndpointVpc: true, provider: dns, ownerAccountId: "3333333333333333" },
    });
    const json = synthJson(f.stack, true);
    expect(values(json, "alicloud_pvtz_user_vpc_authorization").map((a) => a.authorized_user_id)).toEqual(["2222222222222222"]);
  });
});

describe("service activation", () => {
  test("the CEN waits for the transit router service, the new zone for the Private Zone service", () => {
    const f = accessFixture();
    tokyoAccess(f, { activateServices: true });
    const json = synthJson(f.stack, true);
    const [trService] = Object.keys(json.data.alicloud_cen_transit_router_service);
    const [pvtzService] = Object.keys(json.data.alicloud_pvtz_service);
    expect(values(json, "alicloud_cen_instance")[0].depends_on).toEqual([`data.alicloud_cen_transit_router_service.${trService}`]);
    expect(values(json, "alicloud_pvtz_zone")[0].depends_on).toEqual([`data.alicloud_pvtz_service.${pvtzService}`]);
  });

  test("an adopted zone: its record waits for the Private Zone service; an existing CEN waits for nothing", () => {
    const f = accessFixture();
    tokyoAccess(f, { activateServices: true, privateZone: { zoneId: "zone-lz" }, cen: { cenId: "cen-lz", createTransitRouters: true } });
    const json = synthJson(f.stack, true);
    const [pvtzService] = Object.keys(json.data.alicloud_pvtz_service);
    expect(values(json, "alicloud_pvtz_zone_record")[0].depends_on).toEqual([`data.alicloud_pvtz_service.${pvtzService}`]);
    expect(Object.keys(json.data.alicloud_cen_transit_router_service)).toHaveLength(1);
  });

  test("without activateServices no service is read and nothing waits", () => {
    const f = accessFixture();
    tokyoAccess(f);
    const json = synthJson(f.stack, true);
    for (const type of ["alicloud_privatelink_service", "alicloud_pvtz_service", "alicloud_cen_transit_router_service"]) expect(json.data?.[type]).toBeUndefined();
    expect(values(json, "alicloud_privatelink_vpc_endpoint")[0].depends_on).toBeUndefined();
    expect(values(json, "alicloud_cen_instance")[0].depends_on).toBeUndefined();
    expect(values(json, "alicloud_pvtz_zone")[0].depends_on).toBeUndefined();
  });
});

describe("attributes", () => {
  test("the endpoint's attributes, the region, the parts and the requesters", () => {
    const f = accessFixture();
    const access = tokyoAccess(f);
    expect(access.endpointId).toBe(access.endpoint.endpointId);
    expect(access.endpointDomain).toBe(access.endpoint.endpointDomain);
    expect(access.customDomain).toBe("vpc-ap-southeast-1.dashscope.aliyuncs.com");
    expect(access.zoneIps).toEqual(access.endpoint.zoneIps);
    expect(access.zoneIps).toHaveLength(2);
    expect(access.region.regionId).toBe("ap-southeast-1");
    expect(access.securityGroupId).toBe(access.endpoint.securityGroupId);
    expect(resolved(f.stack, access.securityGroupId)).toMatch(/^\$\{alicloud_security_group\.[^.]+\.id\}$/);
    expect(access.network!.node.path).toBe("test/Access/Network");
    expect(access.privateZone!.node.path).toBe("test/Access/PrivateZone");
    expect(access.requesters.map((r) => r.name)).toEqual(["tokyo"]);
    expect(access.endpoint.node.path).toBe("test/Access/Endpoint");
  });
});

describe("addRequester", () => {
  test("the first requester added later creates the network and the zone", () => {
    const f = accessFixture();
    const access = new DashScopePrivateAccess(f.stack, "Access", accessProps(f, []));
    access.addRequester(requester(f, "tokyo", "ap-northeast-1", 1));
    const json = synthJson(f.stack, true);
    expect(values(json, "alicloud_cen_transit_router_vpc_attachment").map((a) => a.vpc_id)).toEqual(["vpc-endpoint", "vpc-tokyo"]);
    expect(values(json, "alicloud_pvtz_zone_attachment")[0].vpcs).toEqual([{ vpc_id: "vpc-tokyo", region_id: "ap-northeast-1" }]);
    expect(access.requesters.map((r) => r.name)).toEqual(["tokyo"]);
  });

  test("a newcomer's name, VPC and region provider are checked against the requesters so far and the hub", () => {
    const f = accessFixture();
    const access = tokyoAccess(f);
    const second = new AlicloudProvider(f.stack, "tokyo-2", { region: "ap-northeast-1", alias: "tokyo_2" });
    const local = new AlicloudProvider(f.stack, "sg-2", { region: "ap-southeast-1", alias: "sg_2" });
    const problems = (r: Parameters<DashScopePrivateAccess["addRequester"]>[0]) => validationError(() => access.addRequester(r)).issues.map((i) => i.problem);
    expect(problems(requester(f, "tokyo", "eu-central-1", 2, { vpcId: "vpc-x" }))).toEqual(['addRequester("tokyo").name "tokyo" is already used by requester "tokyo"']);
    expect(problems(requester(f, "osaka", "eu-central-1", 2, { vpcId: "vpc-tokyo" }))).toEqual(['requester "osaka" uses VPC vpc-tokyo, which is already the VPC of requester "tokyo"']);
    expect(problems(requester(f, "osaka", "ap-northeast-1", 2, { provider: second }))).toEqual([
      'requester "osaka" brings a second provider for region ap-northeast-1; a region has one transit router, managed by one provider',
    ]);
    // The hub region's transit router is the endpoint's provider's: a requester there may bring its own.
    access.addRequester(requester(f, "local", "ap-southeast-1", 3, { provider: local }));
    expect(access.requesters.map((r) => r.name)).toEqual(["tokyo", "local"]);
  });

  test("the hub's provider is the CEN owner's when given, for requesters added later too", () => {
    const f = accessFixture();
    const network = new AlicloudProvider(f.stack, "network-sg", { region: "ap-southeast-1", alias: "network_sg" });
    const access = tokyoAccess(f, { cen: { providers: { "ap-southeast-1": network } } });
    access.addRequester(requester(f, "local", "ap-southeast-1", 3));
    const json = synthJson(f.stack, true);
    expect(values(json, "alicloud_cen_transit_router_vpc_attachment").map((a) => [a.vpc_id, a.provider]).sort()).toEqual([
      ["vpc-endpoint", "alicloud.network_sg"],
      ["vpc-local", "alicloud.network_sg"],
      ["vpc-tokyo", "alicloud.ap_northeast_1"],
    ]);
  });

  test("with the user's own security groups a later requester's wide CIDR is not refused, and nothing is opened", () => {
    const f = accessFixture();
    const props = accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)]);
    const access = new DashScopePrivateAccess(f.stack, "Access", { ...props, endpoint: { ...props.endpoint, securityGroupIds: ["sg-lz"] } });
    access.addRequester(requester(f, "wide", "eu-central-1", 2, { vpcCidrBlock: "32.0.0.0/6" }));
    expect(synthJson(f.stack).resource.alicloud_security_group_rule).toBeUndefined();
  });

  test("with the construct's group a later requester's CIDR is checked with allowAnyCidr", () => {
    const f = accessFixture();
    const props = accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)]);
    const strict = new DashScopePrivateAccess(f.stack, "Strict", props);
    const refusal = validationError(() => strict.addRequester(requester(f, "wide", "eu-central-1", 2, { vpcCidrBlock: "32.0.0.0/6" })));
    expect(refusal.issues.map((i) => [i.code, i.problem])).toEqual([["DSPL_CIDR_TOO_WIDE", 'requester "wide" vpcCidrBlock opens the endpoint to a /6, wider than a /8']]);
    const other = accessFixture();
    const open = accessProps(other, [requester(other, "tokyo", "ap-northeast-1", 1)]);
    const any = new DashScopePrivateAccess(other.stack, "Any", { ...open, endpoint: { ...open.endpoint, allowAnyCidr: true } });
    any.addRequester(requester(other, "wide", "eu-central-1", 2, { vpcCidrBlock: "32.0.0.0/6" }));
    expect(values(synthJson(other.stack), "alicloud_security_group_rule").map((r) => r.cidr_ip)).toContain("32.0.0.0/6");
  });

  test("a first requester the new zone refuses (a kept VPC in another region) leaves the tree as it was, the endpoint's group included", () => {
    const f = accessFixture();
    const access = new DashScopePrivateAccess(
      f.stack,
      "Access",
      accessProps(f, [], { activateServices: true, privateZone: { zoneId: "zone-lz", keepVpcs: [{ vpcId: "vpc-tokyo", regionId: "eu-central-1" }] } }),
    );
    const before = treeSnapshot(f.stack);
    const error = validationError(() => access.addRequester(requester(f, "tokyo", "ap-northeast-1", 1)));
    expect(error.constructPath).toBe("test/Access/addRequester");
    expect(error.issues).toEqual([expect.objectContaining({ code: "DSPL_VPC_REGION_CONFLICT", problem: expect.stringMatching(/^addVpc binds VPC "vpc-tokyo" in "ap-northeast-1", but it is already bound in "eu-central-1"/) })]);
    expect(treeSnapshot(f.stack)).toEqual(before);
    expect(access.network).toBeUndefined();
    expect(access.privateZone).toBeUndefined();
    expect(access.requesters).toEqual([]);
    // Nothing of it was kept: a requester the zone takes goes in.
    access.addRequester(requester(f, "osaka", "ap-northeast-1", 2));
    expect(values(synthJson(f.stack), "alicloud_security_group_rule").map((r) => r.cidr_ip).sort()).toEqual(["10.0.0.0/16", "10.0.0.0/16", "10.2.0.0/16", "10.2.0.0/16"]);
  });
});

describe("the endpoint's ingress rules", () => {
  test("each requester's rules name it in their descriptions, added at construction or later", () => {
    const f = accessFixture();
    tokyoAccess(f).addRequester(requester(f, "frankfurt", "eu-central-1", 2));
    const rules = values(synthJson(f.stack), "alicloud_security_group_rule").filter((r) => r.port_range === "443/443");
    expect(rules.map((r) => [r.cidr_ip, r.description]).sort()).toEqual([
      ["10.0.0.0/16", "DashScope endpoint dashscope-test-Access-Endpoint: HTTPS from 10.0.0.0/16 (endpoint VPC)"],
      ["10.1.0.0/16", "DashScope endpoint dashscope-test-Access-Endpoint: HTTPS from 10.1.0.0/16 (requester tokyo)"],
      ["10.2.0.0/16", "DashScope endpoint dashscope-test-Access-Endpoint: HTTPS from 10.2.0.0/16 (requester frankfurt)"],
    ]);
  });
});

describe("addRequester with the parts in place", () => {
  test("a newcomer the existing zone refuses leaves the network and the endpoint's group as they were", () => {
    const f = accessFixture();
    const access = tokyoAccess(f, { privateZone: { zoneId: "zone-lz", keepVpcs: [{ vpcId: "vpc-osaka", regionId: "eu-central-1" }] } });
    const before = treeSnapshot(f.stack);
    const error = validationError(() => access.addRequester(requester(f, "osaka", "ap-northeast-1", 2)));
    expect(error.constructPath).toBe("test/Access/addRequester");
    expect(error.issues.map((i) => i.code)).toEqual(["DSPL_VPC_REGION_CONFLICT"]);
    expect(treeSnapshot(f.stack)).toEqual(before);
  });
});

describe("bring-your-own security groups", () => {
  test("the warning names every requester with its CIDR and the endpoint's ports", () => {
    const f = accessFixture();
    const props = accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1), requester(f, "frankfurt", "eu-central-1", 2)]);
    const access = new DashScopePrivateAccess(f.stack, "Access", { ...props, endpoint: { ...props.endpoint, securityGroupIds: ["sg-lz"], ports: undefined } });
    expect(warningsOf(access).filter((w) => w.startsWith("[DSPL_SECURITY_GROUPS_BROUGHT]"))).toEqual([
      "[DSPL_SECURITY_GROUPS_BROUGHT] The endpoint uses your own security groups (securityGroupIds), so this construct opens nothing: allow tcp 80, 443 from tokyo (10.1.0.0/16), frankfurt (10.2.0.0/16) in them.",
    ]);
  });

  test("the construct's own group opens the ports itself: no such warning", () => {
    const f = accessFixture();
    expect(warningsOf(tokyoAccess(f)).filter((w) => w.startsWith("[DSPL_SECURITY_GROUPS_BROUGHT]"))).toEqual([]);
  });

  test("no requesters, no warning", () => {
    const f = accessFixture();
    const props = accessProps(f, []);
    const access = new DashScopePrivateAccess(f.stack, "Access", { ...props, endpoint: { ...props.endpoint, securityGroupIds: ["sg-lz"] } });
    expect(warningsOf(access)).toEqual([]);
  });
});

describe("all or nothing", () => {
  test("a part that rejects a prop after planning removes the construct, and the error is the part's", () => {
    const f = accessFixture();
    const error = validationError(() => tokyoAccess(f, { privateZone: { recordTtl: 1 } }));
    expect(error.constructPath).toBe("test/Access/PrivateZone");
    expect(f.stack.node.tryFindChild("Access")).toBeUndefined();
    expect(tokyoAccess(f).node.path).toBe("test/Access");
  });
});
