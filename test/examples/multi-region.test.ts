import { buildExampleApp } from "../../examples/app";
import { addressesOf, synthStacks } from "../cdktf-helpers";

/**
 * The deliberate snapshot: the Terraform addresses of the example stacks. A changed construct id
 * changes an address, and terraform then destroys and recreates the resource: for an endpoint,
 * an outage. If this test fails, the change is breaking; update the list only on purpose.
 */
const PINNED_ADDRESSES: Record<string, string[]> = {
  "cross-region": [
    "alicloud_cen_instance.Access_Network_Cen_FD74022D",
    "alicloud_cen_transit_router.Access_Network_Tr-cn-beijing_EE210F5D",
    "alicloud_cen_transit_router.Access_Network_Tr-cn-shanghai_B19DA3BA",
    "alicloud_cen_transit_router_peer_attachment.Access_Network_Peer-cn-shanghai_AA5BF393",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Peer-cn-shanghai-Hub-Association_83CF4EAA",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Peer-cn-shanghai-Spoke-Association_204CB2DC",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Vpc-dashscope-endpoint-Association_EAD69708",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Vpc-shanghai-app-Association_97B8A06B",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Peer-cn-shanghai-Hub-Propagation_46965930",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Peer-cn-shanghai-Spoke-Propagation_EE08CF84",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Vpc-dashscope-endpoint-Propagation_3FE39D1C",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Vpc-shanghai-app-Propagation_ADB6A8B0",
    "alicloud_cen_transit_router_vpc_attachment.Access_Network_Vpc-dashscope-endpoint_4DD9F075",
    "alicloud_cen_transit_router_vpc_attachment.Access_Network_Vpc-shanghai-app_2D02F149",
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
    "alicloud_vpc.EndpointVpc",
    "alicloud_vpc.RequesterVpc",
    "alicloud_vswitch.EndpointVSwitch-cn-beijing-h",
    "alicloud_vswitch.EndpointVSwitch-cn-beijing-k",
    "alicloud_vswitch.RequesterVSwitch-cn-shanghai-e",
    "alicloud_vswitch.RequesterVSwitch-cn-shanghai-f",
    "data.alicloud_cen_transit_router_route_tables.Access_Network_RouteTables-cn-beijing_D00AE2B2",
    "data.alicloud_cen_transit_router_route_tables.Access_Network_RouteTables-cn-shanghai_B1E78A0D",
  ],
  "landing-zone": [
    "alicloud_cen_transit_router_peer_attachment.Access_Network_Peer-ap-northeast-1_CCF26F7C",
    "alicloud_cen_transit_router_peer_attachment.Access_Network_Peer-cn-hangzhou_6A1CB2EC",
    "alicloud_cen_transit_router_peer_attachment.Access_Network_Peer-eu-central-1_A54BC962",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Peer-ap-northeast-1-Hub-Association_89F943EE",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Peer-ap-northeast-1-Spoke-Association_1B9279C4",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Peer-cn-hangzhou-Hub-Association_5C61FAD6",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Peer-cn-hangzhou-Spoke-Association_8223B181",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Peer-eu-central-1-Hub-Association_E5684538",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Peer-eu-central-1-Spoke-Association_D3BF147F",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Vpc-dashscope-endpoint-Association_EAD69708",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Vpc-frankfurt-workloads-Association_631C46E0",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Vpc-hangzhou-workloads-Association_D7F56CE4",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Vpc-shared-services-Association_D5BDB53E",
    "alicloud_cen_transit_router_route_table_association.Access_Network_Vpc-tokyo-workloads-Association_B89995B9",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Peer-ap-northeast-1-Hub-Propagation_894C75C8",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Peer-ap-northeast-1-Spoke-Propagation_4C7F874E",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Peer-cn-hangzhou-Hub-Propagation_83BCE518",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Peer-cn-hangzhou-Spoke-Propagation_0346349D",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Peer-eu-central-1-Hub-Propagation_018F0CCB",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Peer-eu-central-1-Spoke-Propagation_4EC439D4",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Vpc-dashscope-endpoint-Propagation_3FE39D1C",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Vpc-frankfurt-workloads-Propagation_602BCEF6",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Vpc-hangzhou-workloads-Propagation_C3A56E33",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Vpc-shared-services-Propagation_6ADD74C4",
    "alicloud_cen_transit_router_route_table_propagation.Access_Network_Vpc-tokyo-workloads-Propagation_5553A079",
    "alicloud_cen_transit_router_vpc_attachment.Access_Network_Vpc-dashscope-endpoint_4DD9F075",
    "alicloud_cen_transit_router_vpc_attachment.Access_Network_Vpc-frankfurt-workloads_DEC76525",
    "alicloud_cen_transit_router_vpc_attachment.Access_Network_Vpc-hangzhou-workloads_E83A7842",
    "alicloud_cen_transit_router_vpc_attachment.Access_Network_Vpc-shared-services_A5A1C611",
    "alicloud_cen_transit_router_vpc_attachment.Access_Network_Vpc-tokyo-workloads_22B160F3",
    "alicloud_privatelink_vpc_endpoint.Access_Endpoint_82DD13D9",
    "alicloud_privatelink_vpc_endpoint_zone.Access_Endpoint_Zone-ap-southeast-1a_3405C814",
    "alicloud_privatelink_vpc_endpoint_zone.Access_Endpoint_Zone-ap-southeast-1b_93B9819F",
    "alicloud_pvtz_zone.Access_PrivateZone_848EEFE8",
    "alicloud_pvtz_zone_attachment.Access_PrivateZone_Attachment_7B98FD3E",
    "alicloud_pvtz_zone_record.Access_PrivateZone_Record_5EC0B531",
    "alicloud_security_group.Access_Endpoint_SecurityGroup_F87DC96C",
    "alicloud_security_group_rule.Access_Endpoint_Ingress-VpcCidr-443_3A32C7CD",
    "alicloud_security_group_rule.Access_Endpoint_Ingress-VpcCidr-80_39A3931F",
    "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-frankfurt-workloads-443_2FE1EEFC",
    "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-frankfurt-workloads-80_AF374029",
    "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-hangzhou-workloads-443_36A50622",
    "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-hangzhou-workloads-80_D012549D",
    "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-shared-services-443_60B9FD0A",
    "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-shared-services-80_F7BE0AF8",
    "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-tokyo-workloads-443_4E7F6898",
    "alicloud_security_group_rule.Access_Endpoint_Ingress-requester-tokyo-workloads-80_00893E2D",
    "data.alicloud_cen_transit_router_route_tables.Access_Network_RouteTables-ap-northeast-1_616BFCEB",
    "data.alicloud_cen_transit_router_route_tables.Access_Network_RouteTables-ap-southeast-1_85C85177",
    "data.alicloud_cen_transit_router_route_tables.Access_Network_RouteTables-cn-hangzhou_1CE43186",
    "data.alicloud_cen_transit_router_route_tables.Access_Network_RouteTables-eu-central-1_323E9F3C",
  ],
};

/** The networks each stack's endpoint must open 80 and 443 to: its own VPC and every requester VPC. */
const INGRESS_CIDRS: Record<string, string[]> = {
  "cross-region": ["10.20.0.0/16", "10.30.0.0/16"],
  "landing-zone": ["endpoint", "shared_services", "tokyo_workloads", "frankfurt_workloads", "hangzhou_workloads"].map(
    (vpc) => `\${var.${vpc}_vpc_cidr}`,
  ),
};

const stacks = synthStacks((outdir) => buildExampleApp({ outdir }));
const values = (json: any, type: string): any[] => Object.values(json.resource[type] ?? {});
const idOf = (json: any, type: string): string => `${type}.${Object.keys(json.resource[type])[0]}`;

describe.each(Object.keys(PINNED_ADDRESSES))("example stack %s", (name) => {
  const json = stacks.get(name);

  test("the Terraform addresses are pinned", () => {
    expect(addressesOf(json)).toEqual(PINNED_ADDRESSES[name]);
  });

  test("the five outputs the verifier reads", () => {
    expect(Object.keys(json.output).sort()).toEqual(["custom_domain", "endpoint_domain", "endpoint_id", "endpoint_region", "endpoint_zone_ips"]);
  });

  test("one endpoint; one private zone for the hub's custom domain with a CNAME @ to the endpoint domain", () => {
    const [endpoint] = values(json, "alicloud_privatelink_vpc_endpoint");
    expect(values(json, "alicloud_privatelink_vpc_endpoint")).toHaveLength(1);
    expect(endpoint).toMatchObject({ service_name: "com.aliyuncs.dashscope", endpoint_type: "Interface" });
    const hub = json.output.endpoint_region.value;
    expect(values(json, "alicloud_pvtz_zone")).toEqual([expect.objectContaining({ zone_name: `vpc-${hub}.dashscope.aliyuncs.com` })]);
    expect(values(json, "alicloud_pvtz_zone_record")).toEqual([
      expect.objectContaining({ rr: "@", type: "CNAME", value: `\${${idOf(json, "alicloud_privatelink_vpc_endpoint")}.endpoint_domain}` }),
    ]);
  });

  test("one zone attachment binding every requester VPC with its region", () => {
    const attachments = values(json, "alicloud_pvtz_zone_attachment");
    expect(attachments).toHaveLength(1);
    const requesterAttachments = values(json, "alicloud_cen_transit_router_vpc_attachment").filter(
      (a) => a.transit_router_vpc_attachment_name !== "dashscope-endpoint",
    );
    expect(attachments[0].vpcs).toHaveLength(requesterAttachments.length);
    expect(attachments[0].vpcs.map((v: any) => v.vpc_id).sort()).toEqual(requesterAttachments.map((a) => a.vpc_id).sort());
    for (const binding of attachments[0].vpcs) expect(binding.region_id).toMatch(/^[a-z]+-[a-z]+-?\d*$/);
  });

  test("each VPC attachment and each peer link is associated and propagated (peers on both sides)", () => {
    const refs = (type: string) => values(json, type).map((r) => r.transit_router_attachment_id).sort();
    const attachmentRefs = Object.keys(json.resource.alicloud_cen_transit_router_vpc_attachment).map(
      (n) => `\${alicloud_cen_transit_router_vpc_attachment.${n}.transit_router_attachment_id}`,
    );
    const peerRefs = Object.keys(json.resource.alicloud_cen_transit_router_peer_attachment).map(
      (n) => `\${alicloud_cen_transit_router_peer_attachment.${n}.transit_router_attachment_id}`,
    );
    const expected = [...attachmentRefs, ...peerRefs, ...peerRefs].sort();
    expect(refs("alicloud_cen_transit_router_route_table_association")).toEqual(expected);
    expect(refs("alicloud_cen_transit_router_route_table_propagation")).toEqual(expected);
    // One peer link per remote region, each created in the hub region.
    const hub = json.output.endpoint_region.value;
    const remoteRegions = [...new Set(values(json, "alicloud_pvtz_zone_attachment")[0].vpcs.map((v: any) => v.region_id))].filter((r) => r !== hub);
    const peers = values(json, "alicloud_cen_transit_router_peer_attachment");
    expect(peers.map((p) => p.peer_transit_router_region_id).sort()).toEqual([...remoteRegions].sort());
    for (const peer of peers) expect(peer.provider).toBe(`alicloud.${hub.replace(/-/g, "_")}`);
  });

  test("ingress 80 and 443 for the endpoint VPC and every requester, and nothing else", () => {
    const rules = values(json, "alicloud_security_group_rule");
    expect(rules.map((r) => `${r.cidr_ip} ${r.port_range}`).sort()).toEqual(
      INGRESS_CIDRS[name].flatMap((cidr) => [`${cidr} 443/443`, `${cidr} 80/80`]).sort(),
    );
    for (const rule of rules) {
      expect(rule).toMatchObject({ type: "ingress", ip_protocol: "tcp", nic_type: "intranet", policy: "accept" });
    }
  });
});

test("cross-region: both VPCs are created in the stack; the Beijing-Shanghai link is on data transfer", () => {
  const json = stacks.get("cross-region");
  expect(values(json, "alicloud_vpc").map((v) => v.cidr_block).sort()).toEqual(["10.20.0.0/16", "10.30.0.0/16"]);
  expect(values(json, "alicloud_cen_transit_router_peer_attachment")).toEqual([
    expect.objectContaining({ peer_transit_router_region_id: "cn-shanghai", bandwidth_type: "DataTransfer", provider: "alicloud.cn_beijing" }),
  ]);
  const rules = values(json, "alicloud_security_group_rule").map((r) => `${r.cidr_ip} ${r.port_range}`).sort();
  expect(rules).toEqual(["10.20.0.0/16 443/443", "10.20.0.0/16 80/80", "10.30.0.0/16 443/443", "10.30.0.0/16 80/80"]);
});

test("landing-zone: brownfield inputs are variables, state is in OSS, the cross-border link is on the bandwidth plan", () => {
  const json = stacks.get("landing-zone");
  expect(json.resource.alicloud_vpc).toBeUndefined();
  expect(json.resource.alicloud_cen_instance).toBeUndefined();
  expect(json.resource.alicloud_cen_transit_router).toBeUndefined();
  expect(Object.keys(json.variable)).toEqual(
    expect.arrayContaining(["cen_id", "endpoint_vpc_id", "endpoint_vpc_cidr", "endpoint_vswitch_ids", "cross_border_bandwidth_package_id", "transit_router_id_cn_hangzhou"]),
  );
  expect(json.terraform.backend.oss).toMatchObject({ key: "landing-zone.tfstate", tablestore_table: expect.any(String), encrypt: true });
  const peers = values(json, "alicloud_cen_transit_router_peer_attachment");
  expect(peers.find((p) => p.peer_transit_router_region_id === "cn-hangzhou")).toMatchObject({
    bandwidth_type: "BandwidthPackage",
    cen_bandwidth_package_id: "${var.cross_border_bandwidth_package_id}",
  });
  for (const peer of peers.filter((p) => p.peer_transit_router_region_id !== "cn-hangzhou")) {
    expect(peer.bandwidth_type).toBe("DataTransfer");
  }
  expect(values(json, "alicloud_pvtz_zone_attachment")[0].vpcs.map((v: any) => v.region_id)).toEqual([
    "ap-southeast-1",
    "ap-northeast-1",
    "eu-central-1",
    "cn-hangzhou",
  ]);
});
