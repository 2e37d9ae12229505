import { buildExampleApp } from "../../examples/app";
import { addressesOf, synthStacks } from "../cdktf-helpers";

/** The deliberate snapshot of the landing-zone examples' Terraform addresses (see multi-region.test.ts). */
const PINNED_ADDRESSES: Record<string, string[]> = {
  "brownfield": [
      "alicloud_cen_transit_router_route_table_association.Access_Network_Vpc-tokyo-workloads-Association_B89995B9",
      "alicloud_cen_transit_router_route_table_propagation.Access_Network_Vpc-tokyo-workloads-Propagation_5553A079",
      "alicloud_cen_transit_router_vpc_attachment.Access_Network_Vpc-tokyo-workloads_22B160F3",
      "alicloud_privatelink_vpc_endpoint.Access_Endpoint_82DD13D9",
      "alicloud_privatelink_vpc_endpoint_zone.Access_Endpoint_Zone-ap-southeast-1a_3405C814",
      "alicloud_privatelink_vpc_endpoint_zone.Access_Endpoint_Zone-ap-southeast-1b_93B9819F",
      "alicloud_pvtz_zone_attachment.Access_PrivateZone_Attachment_7B98FD3E",
      "alicloud_pvtz_zone_record.Access_PrivateZone_Record_5EC0B531",
      "alicloud_security_group.Access_Endpoint_SecurityGroup_F87DC96C",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-VpcCidr-443_3A32C7CD",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-VpcCidr-80_39A3931F",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-shared-services-443_60B9FD0A",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-shared-services-80_F7BE0AF8",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-tokyo-workloads-443_4E7F6898",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-tokyo-workloads-80_00893E2D",
      "data.alicloud_cen_transit_router_route_tables.Access_Network_RouteTables-ap-northeast-1_616BFCEB",
      "data.alicloud_cen_transit_router_route_tables.Access_Network_RouteTables-ap-southeast-1_85C85177"
    ],
  "multi-account": [
      "alicloud_cen_transit_router_grant_attachment.Access_Network_Vpc-dashscope-endpoint-Grant_A14325B7",
      "alicloud_cen_transit_router_grant_attachment.Access_Network_Vpc-frankfurt-workloads-Grant_89F4BD8E",
      "alicloud_cen_transit_router_grant_attachment.Access_Network_Vpc-tokyo-workloads-Grant_AC1E3DC0",
      "alicloud_cen_transit_router_peer_attachment.Access_Network_Peer-ap-northeast-1_CCF26F7C",
      "alicloud_cen_transit_router_peer_attachment.Access_Network_Peer-eu-central-1_A54BC962",
      "alicloud_cen_transit_router_route_table_association.Access_Network_Peer-ap-northeast-1-Hub-Association_89F943EE",
      "alicloud_cen_transit_router_route_table_association.Access_Network_Peer-ap-northeast-1-Spoke-Association_1B9279C4",
      "alicloud_cen_transit_router_route_table_association.Access_Network_Peer-eu-central-1-Hub-Association_E5684538",
      "alicloud_cen_transit_router_route_table_association.Access_Network_Peer-eu-central-1-Spoke-Association_D3BF147F",
      "alicloud_cen_transit_router_route_table_association.Access_Network_Vpc-dashscope-endpoint-Association_EAD69708",
      "alicloud_cen_transit_router_route_table_association.Access_Network_Vpc-frankfurt-workloads-Association_631C46E0",
      "alicloud_cen_transit_router_route_table_association.Access_Network_Vpc-tokyo-workloads-Association_B89995B9",
      "alicloud_cen_transit_router_route_table_propagation.Access_Network_Peer-ap-northeast-1-Hub-Propagation_894C75C8",
      "alicloud_cen_transit_router_route_table_propagation.Access_Network_Peer-ap-northeast-1-Spoke-Propagation_4C7F874E",
      "alicloud_cen_transit_router_route_table_propagation.Access_Network_Peer-eu-central-1-Hub-Propagation_018F0CCB",
      "alicloud_cen_transit_router_route_table_propagation.Access_Network_Peer-eu-central-1-Spoke-Propagation_4EC439D4",
      "alicloud_cen_transit_router_route_table_propagation.Access_Network_Vpc-dashscope-endpoint-Propagation_3FE39D1C",
      "alicloud_cen_transit_router_route_table_propagation.Access_Network_Vpc-frankfurt-workloads-Propagation_602BCEF6",
      "alicloud_cen_transit_router_route_table_propagation.Access_Network_Vpc-tokyo-workloads-Propagation_5553A079",
      "alicloud_cen_transit_router_vpc_attachment.Access_Network_Vpc-dashscope-endpoint_4DD9F075",
      "alicloud_cen_transit_router_vpc_attachment.Access_Network_Vpc-frankfurt-workloads_DEC76525",
      "alicloud_cen_transit_router_vpc_attachment.Access_Network_Vpc-tokyo-workloads_22B160F3",
      "alicloud_privatelink_vpc_endpoint.Access_Endpoint_82DD13D9",
      "alicloud_privatelink_vpc_endpoint_zone.Access_Endpoint_Zone-ap-southeast-1a_3405C814",
      "alicloud_privatelink_vpc_endpoint_zone.Access_Endpoint_Zone-ap-southeast-1b_93B9819F",
      "alicloud_pvtz_user_vpc_authorization.Access_PrivateZone_Authorization-3333333333333333_D8F6E7B3",
      "alicloud_pvtz_user_vpc_authorization.Access_PrivateZone_Authorization-4444444444444444_5CC0C54A",
      "alicloud_pvtz_zone.Access_PrivateZone_848EEFE8",
      "alicloud_pvtz_zone_attachment.Access_PrivateZone_Attachment_7B98FD3E",
      "alicloud_pvtz_zone_record.Access_PrivateZone_Record_5EC0B531",
      "alicloud_security_group.Access_Endpoint_SecurityGroup_F87DC96C",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-VpcCidr-443_3A32C7CD",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-VpcCidr-80_39A3931F",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-frankfurt-workloads-443_2FE1EEFC",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-frankfurt-workloads-80_AF374029",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-tokyo-workloads-443_4E7F6898",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-tokyo-workloads-80_00893E2D",
      "data.alicloud_cen_transit_router_route_tables.Access_Network_RouteTables-ap-northeast-1_616BFCEB",
      "data.alicloud_cen_transit_router_route_tables.Access_Network_RouteTables-ap-southeast-1_85C85177",
      "data.alicloud_cen_transit_router_route_tables.Access_Network_RouteTables-eu-central-1_323E9F3C"
    ],
  "data-residency": [
      "alicloud_cen_transit_router_peer_attachment.Access-ap-southeast-1_Network_Peer-ap-northeast-1_6AB54A2A",
      "alicloud_cen_transit_router_peer_attachment.Access-ap-southeast-1_Network_Peer-eu-central-1_11538646",
      "alicloud_cen_transit_router_peer_attachment.Access-cn-beijing_Network_Peer-cn-hangzhou_2305F098",
      "alicloud_cen_transit_router_peer_attachment.Access-cn-beijing_Network_Peer-cn-shanghai_25F82B10",
      "alicloud_cen_transit_router_route_table_association.Access-ap-southeast-1_Network_Peer-ap-northeast-1-Hub-Association_C020BCA1",
      "alicloud_cen_transit_router_route_table_association.Access-ap-southeast-1_Network_Peer-ap-northeast-1-Spoke-Association_45FBBD73",
      "alicloud_cen_transit_router_route_table_association.Access-ap-southeast-1_Network_Peer-eu-central-1-Hub-Association_B6813DBB",
      "alicloud_cen_transit_router_route_table_association.Access-ap-southeast-1_Network_Peer-eu-central-1-Spoke-Association_A428E1E0",
      "alicloud_cen_transit_router_route_table_association.Access-ap-southeast-1_Network_Vpc-dashscope-endpoint-Association_6A8DAF61",
      "alicloud_cen_transit_router_route_table_association.Access-ap-southeast-1_Network_Vpc-frankfurt-workloads-Association_4372EA70",
      "alicloud_cen_transit_router_route_table_association.Access-ap-southeast-1_Network_Vpc-tokyo-workloads-Association_279B8166",
      "alicloud_cen_transit_router_route_table_association.Access-cn-beijing_Network_Peer-cn-hangzhou-Hub-Association_6DEE25CD",
      "alicloud_cen_transit_router_route_table_association.Access-cn-beijing_Network_Peer-cn-hangzhou-Spoke-Association_40A00E5E",
      "alicloud_cen_transit_router_route_table_association.Access-cn-beijing_Network_Peer-cn-shanghai-Hub-Association_50A3FFE1",
      "alicloud_cen_transit_router_route_table_association.Access-cn-beijing_Network_Peer-cn-shanghai-Spoke-Association_5CAC3A9F",
      "alicloud_cen_transit_router_route_table_association.Access-cn-beijing_Network_Vpc-dashscope-endpoint-Association_79B779E1",
      "alicloud_cen_transit_router_route_table_association.Access-cn-beijing_Network_Vpc-hangzhou-workloads-Association_64E99F5B",
      "alicloud_cen_transit_router_route_table_association.Access-cn-beijing_Network_Vpc-shanghai-workloads-Association_1D958BAF",
      "alicloud_cen_transit_router_route_table_propagation.Access-ap-southeast-1_Network_Peer-ap-northeast-1-Hub-Propagation_5A54CA9B",
      "alicloud_cen_transit_router_route_table_propagation.Access-ap-southeast-1_Network_Peer-ap-northeast-1-Spoke-Propagation_85F28D87",
      "alicloud_cen_transit_router_route_table_propagation.Access-ap-southeast-1_Network_Peer-eu-central-1-Hub-Propagation_180E6626",
      "alicloud_cen_transit_router_route_table_propagation.Access-ap-southeast-1_Network_Peer-eu-central-1-Spoke-Propagation_E9E9431B",
      "alicloud_cen_transit_router_route_table_propagation.Access-ap-southeast-1_Network_Vpc-dashscope-endpoint-Propagation_7454F875",
      "alicloud_cen_transit_router_route_table_propagation.Access-ap-southeast-1_Network_Vpc-frankfurt-workloads-Propagation_4EC1ACB5",
      "alicloud_cen_transit_router_route_table_propagation.Access-ap-southeast-1_Network_Vpc-tokyo-workloads-Propagation_E67B8BBF",
      "alicloud_cen_transit_router_route_table_propagation.Access-cn-beijing_Network_Peer-cn-hangzhou-Hub-Propagation_0D4D0A2B",
      "alicloud_cen_transit_router_route_table_propagation.Access-cn-beijing_Network_Peer-cn-hangzhou-Spoke-Propagation_A07A3A21",
      "alicloud_cen_transit_router_route_table_propagation.Access-cn-beijing_Network_Peer-cn-shanghai-Hub-Propagation_8E0C7390",
      "alicloud_cen_transit_router_route_table_propagation.Access-cn-beijing_Network_Peer-cn-shanghai-Spoke-Propagation_C7E56EA6",
      "alicloud_cen_transit_router_route_table_propagation.Access-cn-beijing_Network_Vpc-dashscope-endpoint-Propagation_A998319B",
      "alicloud_cen_transit_router_route_table_propagation.Access-cn-beijing_Network_Vpc-hangzhou-workloads-Propagation_804B0FC6",
      "alicloud_cen_transit_router_route_table_propagation.Access-cn-beijing_Network_Vpc-shanghai-workloads-Propagation_6960B0F9",
      "alicloud_cen_transit_router_vpc_attachment.Access-ap-southeast-1_Network_Vpc-dashscope-endpoint_AB940E42",
      "alicloud_cen_transit_router_vpc_attachment.Access-ap-southeast-1_Network_Vpc-frankfurt-workloads_48F29459",
      "alicloud_cen_transit_router_vpc_attachment.Access-ap-southeast-1_Network_Vpc-tokyo-workloads_3B8827FB",
      "alicloud_cen_transit_router_vpc_attachment.Access-cn-beijing_Network_Vpc-dashscope-endpoint_903F2947",
      "alicloud_cen_transit_router_vpc_attachment.Access-cn-beijing_Network_Vpc-hangzhou-workloads_C40C29B7",
      "alicloud_cen_transit_router_vpc_attachment.Access-cn-beijing_Network_Vpc-shanghai-workloads_F24CC411",
      "alicloud_privatelink_vpc_endpoint.Access-ap-southeast-1_Endpoint_3AC0735C",
      "alicloud_privatelink_vpc_endpoint.Access-cn-beijing_Endpoint_13B696AE",
      "alicloud_privatelink_vpc_endpoint_zone.Access-ap-southeast-1_Endpoint_Zone-ap-southeast-1a_671723E8",
      "alicloud_privatelink_vpc_endpoint_zone.Access-ap-southeast-1_Endpoint_Zone-ap-southeast-1b_E05B28D1",
      "alicloud_privatelink_vpc_endpoint_zone.Access-cn-beijing_Endpoint_Zone-cn-beijing-h_03F984D0",
      "alicloud_privatelink_vpc_endpoint_zone.Access-cn-beijing_Endpoint_Zone-cn-beijing-k_33079F16",
      "alicloud_pvtz_zone.Access-ap-southeast-1_PrivateZone_ED26B587",
      "alicloud_pvtz_zone.Access-cn-beijing_PrivateZone_AD145060",
      "alicloud_pvtz_zone_attachment.Access-ap-southeast-1_PrivateZone_Attachment_7B7D52E9",
      "alicloud_pvtz_zone_attachment.Access-cn-beijing_PrivateZone_Attachment_D42C7FE0",
      "alicloud_pvtz_zone_record.Access-ap-southeast-1_PrivateZone_Record_DD405921",
      "alicloud_pvtz_zone_record.Access-cn-beijing_PrivateZone_Record_AD0ABB4D",
      "alicloud_security_group.Access-ap-southeast-1_Endpoint_SecurityGroup_D3677AE1",
      "alicloud_security_group.Access-cn-beijing_Endpoint_SecurityGroup_844B24FB",
      "alicloud_security_group_rule.Access-ap-southeast-1_Endpoint_Ingress-VpcCidr-443_3C89DEFB",
      "alicloud_security_group_rule.Access-ap-southeast-1_Endpoint_Ingress-VpcCidr-80_F79140A6",
      "alicloud_security_group_rule.Access-ap-southeast-1_Endpoint_Ingress-requester-frankfurt-workloads-443_C25E155B",
      "alicloud_security_group_rule.Access-ap-southeast-1_Endpoint_Ingress-requester-frankfurt-workloads-80_CAB6E9B4",
      "alicloud_security_group_rule.Access-ap-southeast-1_Endpoint_Ingress-requester-tokyo-workloads-443_AEF3605B",
      "alicloud_security_group_rule.Access-ap-southeast-1_Endpoint_Ingress-requester-tokyo-workloads-80_6EF690D5",
      "alicloud_security_group_rule.Access-cn-beijing_Endpoint_Ingress-VpcCidr-443_2FC580C6",
      "alicloud_security_group_rule.Access-cn-beijing_Endpoint_Ingress-VpcCidr-80_C420116D",
      "alicloud_security_group_rule.Access-cn-beijing_Endpoint_Ingress-requester-hangzhou-workloads-443_2C766370",
      "alicloud_security_group_rule.Access-cn-beijing_Endpoint_Ingress-requester-hangzhou-workloads-80_153670A7",
      "alicloud_security_group_rule.Access-cn-beijing_Endpoint_Ingress-requester-shanghai-workloads-443_831795A3",
      "alicloud_security_group_rule.Access-cn-beijing_Endpoint_Ingress-requester-shanghai-workloads-80_665E9455",
      "data.alicloud_cen_transit_router_route_tables.Access-ap-southeast-1_Network_RouteTables-ap-northeast-1_4A73545E",
      "data.alicloud_cen_transit_router_route_tables.Access-ap-southeast-1_Network_RouteTables-ap-southeast-1_18F17D09",
      "data.alicloud_cen_transit_router_route_tables.Access-ap-southeast-1_Network_RouteTables-eu-central-1_CBEE0D5E",
      "data.alicloud_cen_transit_router_route_tables.Access-cn-beijing_Network_RouteTables-cn-beijing_D677A3F3",
      "data.alicloud_cen_transit_router_route_tables.Access-cn-beijing_Network_RouteTables-cn-hangzhou_565CDA2C",
      "data.alicloud_cen_transit_router_route_tables.Access-cn-beijing_Network_RouteTables-cn-shanghai_710EEF88"
    ],
  "migration": [
      "alicloud_privatelink_vpc_endpoint.Access_Endpoint_82DD13D9",
      "alicloud_privatelink_vpc_endpoint_zone.Access_Endpoint_Zone-cn-beijing-h_8E3FCBDE",
      "alicloud_privatelink_vpc_endpoint_zone.Access_Endpoint_Zone-cn-beijing-k_DD2BDE38",
      "alicloud_pvtz_zone.Access_PrivateZone_848EEFE8",
      "alicloud_pvtz_zone_attachment.Access_PrivateZone_Attachment_7B98FD3E",
      "alicloud_pvtz_zone_record.Access_PrivateZone_Record_5EC0B531",
      "alicloud_security_group.Access_Endpoint_SecurityGroup_F87DC96C",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-10-20-0-0-16-443_CCA33311",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-10-20-0-0-16-80_05DA1C8F",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-10-30-0-0-16-443_6074BE4F",
      "alicloud_security_group_rule.Access_Endpoint_Ingress-10-30-0-0-16-80_831C8211",
      "data.alicloud_cen_transit_router_route_tables.Access_Network_RouteTables-cn-beijing_D00AE2B2",
      "data.alicloud_cen_transit_router_route_tables.Access_Network_RouteTables-cn-shanghai_B1E78A0D"
    ],
};

const stacks = synthStacks((outdir) => buildExampleApp({ outdir }));
const values = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});
const OUTPUTS = ["custom_domain", "endpoint_domain", "endpoint_id", "endpoint_region", "endpoint_zone_ips"];

test.each(Object.keys(PINNED_ADDRESSES))("%s: the Terraform addresses are pinned", (name) => {
  expect(addressesOf(stacks.get(name))).toEqual(PINNED_ADDRESSES[name]);
});

describe("brownfield: adopted pieces are not created", () => {
  const json = stacks.get("brownfield");

  test("no CEN, router, VPC attachment of the adopted VPCs, peer link or zone; one new attachment (Tokyo) and its routing", () => {
    for (const type of ["alicloud_cen_instance", "alicloud_cen_transit_router", "alicloud_cen_transit_router_peer_attachment", "alicloud_pvtz_zone"]) {
      expect(values(json, type)).toEqual([]);
    }
    expect(values(json, "alicloud_cen_transit_router_vpc_attachment")).toEqual([
      expect.objectContaining({ vpc_id: "${var.tokyo_vpc_id}", transit_router_id: "${var.transit_router_id_ap_northeast_1}", provider: "alicloud.ap_northeast_1" }),
    ]);
    expect(values(json, "alicloud_cen_transit_router_route_table_association")).toHaveLength(1);
    expect(values(json, "alicloud_cen_transit_router_route_table_propagation")).toHaveLength(1);
  });

  test("the adopted requester still gets its ingress; the adopted zone keeps the legacy VPC first and gets the CNAME", () => {
    const cidrs = [...new Set(values(json, "alicloud_security_group_rule").map((r) => r.cidr_ip))].sort();
    expect(cidrs).toEqual(["${var.endpoint_vpc_cidr}", "${var.shared_services_vpc_cidr}", "${var.tokyo_vpc_cidr}"].sort());
    const [attachment] = values(json, "alicloud_pvtz_zone_attachment");
    expect(attachment.zone_id).toBe("${var.private_zone_id}");
    expect(attachment.vpcs).toEqual([
      { vpc_id: "${var.legacy_vpc_id}", region_id: "ap-southeast-1" },
      { vpc_id: "${var.shared_services_vpc_id}", region_id: "ap-southeast-1" },
      { vpc_id: "${var.tokyo_vpc_id}", region_id: "ap-northeast-1" },
    ]);
    expect(values(json, "alicloud_pvtz_zone_record")).toEqual([expect.objectContaining({ zone_id: "${var.private_zone_id}", rr: "@", type: "CNAME" })]);
    expect(Object.keys(json.output).sort()).toEqual(OUTPUTS);
  });
});

describe("multi-account: every resource in the account Alibaba requires", () => {
  const json = stacks.get("multi-account");
  const providers = Object.fromEntries((json.provider.alicloud as any[]).map((p) => [`alicloud.${p.alias}`, p.assume_role.role_arn]));
  const accountOf = (resource: any) => /acs:ram::(\d+):/.exec(providers[resource.provider])![1];

  test("grants in the VPC owners' accounts, in the VPCs' regions, naming the network account", () => {
    const grants = values(json, "alicloud_cen_transit_router_grant_attachment");
    expect(grants.map((g) => [accountOf(g), g.provider, g.instance_id, g.cen_owner_id]).sort()).toEqual(
      [
        ["2222222222222222", "alicloud.shared_ap_southeast_1", "${var.endpoint_vpc_id}", "1111111111111111"],
        ["3333333333333333", "alicloud.workloads_ap_northeast_1", "${var.tokyo_vpc_id}", "1111111111111111"],
        ["4444444444444444", "alicloud.workloads_eu_central_1", "${var.frankfurt_vpc_id}", "1111111111111111"],
      ].sort(),
    );
  });

  test("attachments, peer links and route tables in the network account, with vpc_owner_id and after the grant", () => {
    const grantNames = Object.keys(json.resource.alicloud_cen_transit_router_grant_attachment);
    for (const attachment of values(json, "alicloud_cen_transit_router_vpc_attachment")) {
      expect(accountOf(attachment)).toBe("1111111111111111");
      expect(attachment.vpc_owner_id).toMatch(/^(2222222222222222|3333333333333333|4444444444444444)$/);
      expect(attachment.depends_on).toHaveLength(1);
      expect(grantNames.map((n) => `alicloud_cen_transit_router_grant_attachment.${n}`)).toContain(attachment.depends_on[0]);
    }
    for (const type of ["alicloud_cen_transit_router_peer_attachment", "alicloud_cen_transit_router_route_table_association", "alicloud_cen_transit_router_route_table_propagation"]) {
      for (const r of values(json, type)) expect(accountOf(r)).toBe("1111111111111111");
    }
  });

  test("the endpoint, its group and the Private Zone in shared services; the workload accounts authorized for the zone", () => {
    for (const type of ["alicloud_privatelink_vpc_endpoint", "alicloud_security_group", "alicloud_pvtz_zone", "alicloud_pvtz_zone_attachment", "alicloud_pvtz_zone_record"]) {
      for (const r of values(json, type)) expect(accountOf(r)).toBe("2222222222222222");
    }
    const auths = values(json, "alicloud_pvtz_user_vpc_authorization");
    expect(auths.map((a) => a.authorized_user_id).sort()).toEqual(["3333333333333333", "4444444444444444"]);
    for (const a of auths) expect(a).toMatchObject({ auth_type: "NORMAL", auth_channel: "RESOURCE_DIRECTORY", provider: "alicloud.shared_ap_southeast_1" });
    const [zoneAttachment] = values(json, "alicloud_pvtz_zone_attachment");
    expect(zoneAttachment.depends_on).toHaveLength(2);
  });
});

describe("data-residency: two hubs on one CEN, nothing across the border", () => {
  const json = stacks.get("data-residency");

  test("two endpoints, one per hub, and distinct prefixed outputs", () => {
    expect(values(json, "alicloud_privatelink_vpc_endpoint").map((e) => e.provider).sort()).toEqual(["alicloud.ap_southeast_1", "alicloud.cn_beijing"]);
    expect(Object.keys(json.output).sort()).toEqual(["ap_southeast_1", "cn_beijing"].flatMap((p) => OUTPUTS.map((o) => `${p}_${o}`)).sort());
    expect(json.output.cn_beijing_endpoint_region.value).toBe("cn-beijing");
    expect(json.output.ap_southeast_1_endpoint_region.value).toBe("ap-southeast-1");
  });

  test("mainland requesters peer with Beijing, the others with Singapore; no cross-border peer and no bandwidth plan", () => {
    const peers = values(json, "alicloud_cen_transit_router_peer_attachment").map((p) => `${p.provider} -> ${p.peer_transit_router_region_id}`).sort();
    expect(peers).toEqual([
      "alicloud.ap_southeast_1 -> ap-northeast-1",
      "alicloud.ap_southeast_1 -> eu-central-1",
      "alicloud.cn_beijing -> cn-hangzhou",
      "alicloud.cn_beijing -> cn-shanghai",
    ]);
    for (const p of values(json, "alicloud_cen_transit_router_peer_attachment")) expect(p.bandwidth_type).toBe("DataTransfer");
    expect(values(json, "alicloud_cen_bandwidth_package")).toEqual([]);
    expect(values(json, "alicloud_cen_instance")).toEqual([]);
    expect(values(json, "alicloud_cen_transit_router")).toEqual([]);
    const zones = values(json, "alicloud_pvtz_zone").map((z) => z.zone_name).sort();
    expect(zones).toEqual(["vpc-ap-southeast-1.dashscope.aliyuncs.com", "vpc-cn-beijing.dashscope.aliyuncs.com"]);
  });
});

describe("migration: the reference module's deployment is imported, not recreated", () => {
  const json = stacks.get("migration");

  test("import blocks for the endpoint, its zones, its group and rules, and the Private Zone's zone, record and attachment", () => {
    const imports = (json.import as any[]).map((i) => [i.to.split(".")[0], i.id]).sort();
    expect(imports).toEqual(
      [
        ["alicloud_privatelink_vpc_endpoint", "ep-2zei0123456789abcdef"],
        ["alicloud_privatelink_vpc_endpoint_zone", "ep-2zei0123456789abcdef:cn-beijing-h"],
        ["alicloud_privatelink_vpc_endpoint_zone", "ep-2zei0123456789abcdef:cn-beijing-k"],
        ["alicloud_security_group", "sg-2ze0123456789abcdef"],
        ...["10.20.0.0/16", "10.30.0.0/16"].flatMap((cidr) =>
          [80, 443].map((port) => ["alicloud_security_group_rule", `sg-2ze0123456789abcdef:ingress:tcp:${port}/${port}:intranet:${cidr}:accept:1`]),
        ),
        ["alicloud_pvtz_zone", "3f2c0123456789abcdef0123456789ab"],
        ["alicloud_pvtz_zone_record", "41710001:3f2c0123456789abcdef0123456789ab"],
        ["alicloud_pvtz_zone_attachment", "3f2c0123456789abcdef0123456789ab"],
      ].sort(),
    );
    for (const i of json.import) expect(addressesOf(json)).toContain(i.to);
    // Each rule import lands on the rule with that CIDR and port.
    for (const i of (json.import as any[]).filter((x) => x.to.startsWith("alicloud_security_group_rule."))) {
      const rule = json.resource.alicloud_security_group_rule[i.to.split(".")[1]];
      expect(i.id).toBe(`sg-2ze0123456789abcdef:ingress:tcp:${rule.port_range}:intranet:${rule.cidr_ip}:accept:1`);
    }
  });

  test("the module's network is adopted by id: no CEN, router, attachment or peer link is created", () => {
    for (const type of ["alicloud_cen_instance", "alicloud_cen_transit_router", "alicloud_cen_transit_router_vpc_attachment", "alicloud_cen_transit_router_peer_attachment"]) {
      expect(values(json, type)).toEqual([]);
    }
  });
});
