import { TerraformVariable, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopePrivateAccess } from "../../lib/patterns";
import { ValidationCode } from "../../lib/validation";
import { synthJson, treeSnapshot, validationError } from "../cdktf-helpers";
import { accessFixture, accessProps, requester } from "./fixtures";

const values = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});
const dataValues = (json: any, type: string): any[] => Object.values(json.data?.[type] ?? {});

describe("DashScopePrivateAccess: all or nothing", () => {
  test("a token peerBandwidthMbps with a cross-border requester is rejected by addRequester, leaving no CEN, router or attachment", () => {
    const f = accessFixture();
    const bandwidth = new TerraformVariable(f.stack, "bw", { type: "number" }).numberValue;
    const access = new DashScopePrivateAccess(
      f.stack,
      "Access",
      accessProps(f, [], { cen: { peerBandwidthMbps: bandwidth }, crossBorder: { acknowledgeCompliance: true } }),
    );
    const before = treeSnapshot(f.stack);
    const error = validationError(() => access.addRequester(requester(f, "hangzhou", "cn-hangzhou", 1)));
    expect(error.code).toBe(ValidationCode.LITERAL_REQUIRED);
    expect(treeSnapshot(f.stack)).toEqual(before);
    expect(access.network).toBeUndefined();
    expect(access.privateZone).toBeUndefined();
    // ... and the construct still works afterwards.
    access.addRequester(requester(f, "tokyo", "ap-northeast-1", 2));
    expect(values(synthJson(f.stack), "alicloud_cen_transit_router_vpc_attachment")).toHaveLength(2);
  });

  test("with activateServices, a rejected first requester takes the service data sources with it, and a valid one succeeds after", () => {
    const f = accessFixture();
    const bandwidth = new TerraformVariable(f.stack, "bw", { type: "number" }).numberValue;
    const access = new DashScopePrivateAccess(
      f.stack,
      "Access",
      accessProps(f, [], { activateServices: true, cen: { peerBandwidthMbps: bandwidth }, crossBorder: { acknowledgeCompliance: true } }),
    );
    const before = treeSnapshot(f.stack);
    const jsonBefore = synthJson(f.stack, true);
    expect(validationError(() => access.addRequester(requester(f, "hangzhou", "cn-hangzhou", 1))).code).toBe(ValidationCode.LITERAL_REQUIRED);
    expect(treeSnapshot(f.stack)).toEqual(before);
    expect(synthJson(f.stack, true)).toEqual(jsonBefore);
    access.addRequester(requester(f, "tokyo", "ap-northeast-1", 2));
    const json = synthJson(f.stack, true);
    expect(dataValues(json, "alicloud_pvtz_service")).toHaveLength(1);
    expect(dataValues(json, "alicloud_cen_transit_router_service")).toHaveLength(1);
  });

  test("a requester whose token CIDR's ingress label collides with an earlier one is rejected before anything is created", () => {
    const f = accessFixture();
    const cidr = (name: string) => new TerraformVariable(f.stack, `cidr_${name}`, { type: "string" }).stringValue;
    const access = new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo_a", "ap-northeast-1", 1, { vpcCidrBlock: cidr("a") })]));
    const second = requester(f, "tokyo-a", "ap-northeast-1", 2, { vpcCidrBlock: cidr("b") });
    const before = treeSnapshot(f.stack);
    const jsonBefore = synthJson(f.stack, true);
    expect(validationError(() => access.addRequester(second)).code).toBe(ValidationCode.INGRESS_LABEL_DUPLICATE);
    expect(treeSnapshot(f.stack)).toEqual(before);
    expect(synthJson(f.stack, true)).toEqual(jsonBefore);
    expect(access.requesters.map((r) => r.name)).toEqual(["tokyo_a"]);
  });

  test("a requester rejected by the existing network leaves the tree unchanged", () => {
    const f = accessFixture();
    const access = new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)]));
    const before = treeSnapshot(f.stack);
    expect(validationError(() => access.addRequester(requester(f, "tokyo-2", "ap-northeast-1", 1, { vpcId: "vsw-oops" }))).code).toBe(ValidationCode.ID_INVALID);
    expect(validationError(() => access.addRequester(requester(f, "tokyo", "eu-central-1", 3))).code).toBe(ValidationCode.NAME_DUPLICATE);
    expect(treeSnapshot(f.stack)).toEqual(before);
  });
});

describe("DashScopePrivateAccess: regionId and the deprecated region", () => {
  test("region still works, and regionId and region that disagree conflict", () => {
    const f = accessFixture();
    const old = requester(f, "tokyo", "ap-northeast-1", 1);
    const { regionId: _r, ...withoutRegionId } = old;
    new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [{ ...withoutRegionId, region: "ap-northeast-1" }]));
    expect(values(synthJson(f.stack), "alicloud_cen_transit_router_vpc_attachment")).toHaveLength(2);
    const g = accessFixture();
    const error = validationError(() => new DashScopePrivateAccess(g.stack, "Access", accessProps(g, [{ ...requester(g, "tokyo", "ap-northeast-1", 1), region: "eu-central-1" }])));
    expect(error.issues.map((i) => i.code)).toContain(ValidationCode.PROPS_CONFLICT);
  });
});

describe("DashScopePrivateAccess: adopting what the landing zone has", () => {
  test("an already attached requester gets ingress and the zone binding, but no attachment, association or propagation", () => {
    const f = accessFixture();
    new DashScopePrivateAccess(
      f.stack,
      "Access",
      accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1, { transitRouterAttachmentId: "tr-attach-tokyo" })], {
        cen: {
          cenId: "cen-lz",
          transitRouterIds: { "ap-southeast-1": "tr-sg", "ap-northeast-1": "tr-tokyo" },
          peerAttachmentIds: { "ap-northeast-1": "tr-attach-peer-tokyo" },
        },
        endpoint: { ...accessProps(f, []).endpoint, transitRouterAttachmentId: "tr-attach-endpoint" },
      }),
    );
    const json = synthJson(f.stack, true);
    expect(values(json, "alicloud_cen_transit_router_vpc_attachment")).toEqual([]);
    expect(values(json, "alicloud_cen_transit_router_peer_attachment")).toEqual([]);
    expect(values(json, "alicloud_cen_transit_router_route_table_association")).toEqual([]);
    expect(values(json, "alicloud_cen_transit_router")).toEqual([]);
    expect(values(json, "alicloud_security_group_rule").map((r) => r.cidr_ip)).toContain("10.1.0.0/16");
    expect(values(json, "alicloud_pvtz_zone_attachment")[0].vpcs).toEqual([{ vpc_id: "vpc-tokyo", region_id: "ap-northeast-1" }]);
  });

  test("an adopted requester needs no vSwitches; a malformed vSwitch id it does give is still rejected", () => {
    const f = accessFixture();
    const { vSwitches: _v, ...bare } = requester(f, "tokyo", "ap-northeast-1", 1, { transitRouterAttachmentId: "tr-attach-tokyo" });
    new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [bare]));
    const json = synthJson(f.stack, true);
    expect(values(json, "alicloud_cen_transit_router_vpc_attachment").map((a) => a.vpc_id)).toEqual(["vpc-endpoint"]);
    expect(values(json, "alicloud_pvtz_zone_attachment")[0].vpcs).toEqual([expect.objectContaining({ vpc_id: "vpc-tokyo" })]);
    const g = accessFixture();
    const bad = requester(g, "tokyo", "ap-northeast-1", 1, { transitRouterAttachmentId: "tr-attach-tokyo", vSwitches: [{ vSwitchId: "vpc-oops", zoneId: "ap-northeast-1a" }] });
    expect(validationError(() => new DashScopePrivateAccess(g.stack, "Access", accessProps(g, [bad]))).issues.map((i) => i.code)).toEqual([ValidationCode.ID_INVALID]);
    const { vSwitches: _w, ...unadopted } = requester(g, "tokyo", "ap-northeast-1", 1);
    expect(validationError(() => new DashScopePrivateAccess(g.stack, "Access", accessProps(g, [unadopted]))).issues.map((i) => i.code)).toEqual([ValidationCode.VSWITCH_COUNT]);
  });

  test("a typo in a transitRouterIds key is a did-you-mean; a missing region is an error unless createTransitRouters", () => {
    const f = accessFixture();
    const typo = validationError(
      () =>
        new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)], {
          cen: { cenId: "cen-lz", transitRouterIds: { "ap-southeast-1": "tr-sg", "ap-northeast1": "tr-tokyo" } },
        })),
    );
    expect(typo.issues.map((i) => i.code)).toEqual([ValidationCode.REGION_INVALID]);
    expect(typo.message).toMatch(/did you mean "ap-northeast-1"\?/);
    expect(f.stack.node.tryFindChild("Access")).toBeUndefined();
    const h = accessFixture();
    const missing = validationError(
      () =>
        new DashScopePrivateAccess(h.stack, "Access", accessProps(h, [requester(h, "tokyo", "ap-northeast-1", 1)], {
          cen: { cenId: "cen-lz", transitRouterIds: { "ap-southeast-1": "tr-sg" } },
        })),
    );
    expect(missing.code).toBe(ValidationCode.TRANSIT_ROUTER_MISSING);
    expect(missing.message).toMatch(/transitRouterIds names no transit router for ap-northeast-1/);
    const g = accessFixture();
    expect(() =>
      new DashScopePrivateAccess(g.stack, "Access", accessProps(g, [requester(g, "tokyo", "ap-northeast-1", 1)], {
        cen: { cenId: "cen-lz", transitRouterIds: { "ap-southeast-1": "tr-sg" }, createTransitRouters: true },
      })),
    ).not.toThrow();
  });

  test("a routeTableIds key that is no region of the network fails synth instead of falling back to the System table", () => {
    const f = accessFixture();
    new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)], { cen: { routeTableIds: { "eu-central-1": "vtb-1" } } }));
    expect(() => Testing.synth(f.stack, true)).toThrow(/DSPL_REGION_NOT_IN_NETWORK\] routeTableIds has the key "eu-central-1", which is not a region of this network/);
  });
});

describe("DashScopePrivateAccess: requesters in other accounts", () => {
  function crossAccount() {
    const f = accessFixture();
    const workload = new AlicloudProvider(f.stack, "workload-tokyo", { region: "ap-northeast-1", alias: "workload_tokyo", assumeRole: { roleArn: "acs:ram::2222222222222222:role/deployer" } });
    const access = new DashScopePrivateAccess(
      f.stack,
      "Access",
      accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1, { provider: workload, ownerAccountId: "2222222222222222" })], {
        cen: { ownerAccountId: "1111111111111111", providers: { "ap-northeast-1": f.providers["ap-northeast-1"] } },
      }),
    );
    return { f, access, json: synthJson(f.stack, true) };
  }

  test("the grant in the VPC owner's account, the attachment with vpc_owner_id by the CEN owner after it, the zone authorization", () => {
    const { json } = crossAccount();
    const [grant] = values(json, "alicloud_cen_transit_router_grant_attachment");
    expect(grant).toMatchObject({ provider: "alicloud.workload_tokyo", instance_type: "VPC", instance_id: "vpc-tokyo", cen_owner_id: "1111111111111111", order_type: "PayByCenOwner" });
    const attachments = Object.entries<any>(json.resource.alicloud_cen_transit_router_vpc_attachment);
    const [grantName] = Object.keys(json.resource.alicloud_cen_transit_router_grant_attachment);
    const tokyo = attachments.find(([name]) => name.includes("Vpc-tokyo"))![1];
    expect(tokyo).toMatchObject({ provider: "alicloud.ap_northeast_1", vpc_owner_id: "2222222222222222", order_type: "PayByCenOwner" });
    expect(tokyo.depends_on).toEqual([`alicloud_cen_transit_router_grant_attachment.${grantName}`]);
    const [auth] = values(json, "alicloud_pvtz_user_vpc_authorization");
    expect(auth).toMatchObject({ authorized_user_id: "2222222222222222", auth_type: "NORMAL", auth_channel: "RESOURCE_DIRECTORY", provider: "alicloud.ap_southeast_1" });
  });

  test("an ownerAccountId without cen.ownerAccountId, a malformed UID, and no CEN owner provider are rejected", () => {
    const f = accessFixture();
    const error = validationError(
      () => new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1, { ownerAccountId: "acme" })])),
    );
    expect(error.issues.map((i) => i.code)).toEqual([ValidationCode.ACCOUNT_ID_INVALID, ValidationCode.CEN_OWNER_MISSING, ValidationCode.PROVIDER_MISSING]);
  });
});

describe("DashScopePrivateAccess: preflight and activateServices", () => {
  test("preflight adds a precondition per attachment zone naming the zone and the region", () => {
    const f = accessFixture();
    new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)], { preflight: true }));
    const json = synthJson(f.stack, true);
    expect(dataValues(json, "alicloud_cen_transit_router_available_resources").map((d) => d.provider).sort()).toEqual([
      "alicloud.ap_northeast_1",
      "alicloud.ap_southeast_1",
    ]);
    const tokyo = values(json, "alicloud_cen_transit_router_vpc_attachment").find((a) => a.vpc_id === "vpc-tokyo");
    expect(tokyo.lifecycle.precondition).toHaveLength(2);
    const [tokyoData] = Object.keys(json.data.alicloud_cen_transit_router_available_resources).filter((name) => name.includes("ap-northeast-1"));
    const source = `data.alicloud_cen_transit_router_available_resources.${tokyoData}.resources[0]`;
    tokyo.lifecycle.precondition.forEach((p: any, i: number) =>
      expect(p.condition).toBe(`\${contains(flatten([${source}.master_zones, ${source}.slave_zones, ${source}.available_zones]), "ap-northeast-1${"ab"[i]}")}`),
    );
    expect(tokyo.lifecycle.precondition[0].error_message).toMatch(/transit router in ap-northeast-1 does not offer zone ap-northeast-1a/);
  });

  test("activateServices reads the three service data sources with enable On, each with its account's provider", () => {
    const f = accessFixture();
    new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)], { activateServices: true }));
    const json = synthJson(f.stack, true);
    for (const type of ["alicloud_privatelink_service", "alicloud_pvtz_service", "alicloud_cen_transit_router_service"]) {
      expect(dataValues(json, type)).toEqual([expect.objectContaining({ enable: "On", provider: "alicloud.ap_southeast_1" })]);
    }
    expect(values(json, "alicloud_privatelink_vpc_endpoint")[0].depends_on).toEqual([expect.stringMatching(/^data\.alicloud_privatelink_service\./)]);
  });

  test("activateServices with three accounts: PrivateLink with the endpoint's provider, Private Zone with the zone's, transit router with the CEN owner's", () => {
    const f = accessFixture();
    const network = new AlicloudProvider(f.stack, "network-sg", { region: "ap-southeast-1", alias: "network_sg" });
    const dns = new AlicloudProvider(f.stack, "dns", { region: "ap-southeast-1", alias: "dns" });
    new DashScopePrivateAccess(
      f.stack,
      "Access",
      accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)], {
        activateServices: true,
        endpoint: { ...accessProps(f, []).endpoint, ownerAccountId: "2222222222222222" },
        cen: { ownerAccountId: "1111111111111111", providers: { "ap-southeast-1": network, "ap-northeast-1": f.providers["ap-northeast-1"] } },
        privateZone: { provider: dns, ownerAccountId: "3333333333333333" },
      }),
    );
    const json = synthJson(f.stack, true);
    expect(dataValues(json, "alicloud_privatelink_service")).toEqual([expect.objectContaining({ enable: "On", provider: "alicloud.ap_southeast_1" })]);
    expect(dataValues(json, "alicloud_pvtz_service")).toEqual([expect.objectContaining({ enable: "On", provider: "alicloud.dns" })]);
    expect(dataValues(json, "alicloud_cen_transit_router_service")).toEqual([expect.objectContaining({ enable: "On", provider: "alicloud.network_sg" })]);
  });
});

describe("DashScopePrivateAccess: the Private Zone's owner", () => {
  const auths = (json: any) => values(json, "alicloud_pvtz_user_vpc_authorization").map((a) => [a.authorized_user_id, a.provider]).sort();

  test("a zone in its own account (privateZone.ownerAccountId) authorizes the CEN owner's and the workload's accounts with its provider", () => {
    const f = accessFixture();
    const dns = new AlicloudProvider(f.stack, "dns", { region: "ap-southeast-1", alias: "dns", assumeRole: { roleArn: "acs:ram::3333333333333333:role/dns" } });
    const workload = new AlicloudProvider(f.stack, "workload-tokyo", { region: "ap-northeast-1", alias: "workload_tokyo" });
    new DashScopePrivateAccess(
      f.stack,
      "Access",
      accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1, { provider: workload, ownerAccountId: "2222222222222222" }), requester(f, "osaka", "ap-northeast-1", 2, { provider: f.providers["ap-northeast-1"] })], {
        cen: { ownerAccountId: "1111111111111111", providers: { "ap-northeast-1": f.providers["ap-northeast-1"] } },
        privateZone: { provider: dns, ownerAccountId: "3333333333333333" },
      }),
    );
    expect(auths(synthJson(f.stack, true))).toEqual([
      ["1111111111111111", "alicloud.dns"],
      ["2222222222222222", "alicloud.dns"],
    ]);
  });

  test("without an endpoint owner the zone is the CEN owner's: a requester of that account is not authorized", () => {
    const f = accessFixture();
    new DashScopePrivateAccess(
      f.stack,
      "Access",
      accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1, { ownerAccountId: "1111111111111111" })], { cen: { ownerAccountId: "1111111111111111" } }),
    );
    expect(auths(synthJson(f.stack, true))).toEqual([]);
  });

  test("a zone provider other than the endpoint's with accounts named but no privateZone.ownerAccountId is rejected; a malformed one too", () => {
    const f = accessFixture();
    const dns = new AlicloudProvider(f.stack, "dns", { region: "ap-southeast-1", alias: "dns" });
    const props = (zone: object) =>
      accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1, { ownerAccountId: "2222222222222222" })], {
        cen: { ownerAccountId: "1111111111111111", providers: { "ap-northeast-1": f.providers["ap-northeast-1"] } },
        privateZone: { provider: dns, ...zone },
      });
    expect(validationError(() => new DashScopePrivateAccess(f.stack, "Access", props({}))).issues.map((i) => i.code)).toEqual([ValidationCode.ZONE_OWNER_MISSING]);
    expect(validationError(() => new DashScopePrivateAccess(f.stack, "Access", props({ ownerAccountId: "33" }))).issues.map((i) => i.code)).toEqual([ValidationCode.ACCOUNT_ID_INVALID]);
    expect(f.stack.node.tryFindChild("Access")).toBeUndefined();
  });
});
