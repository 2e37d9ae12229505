// What attachVpc says when it refuses: each issue names the attachment and the prop, and carries the
// value received, what is allowed and the fix. checkAttachVpc returns the issues attachVpc throws.
import { TerraformVariable } from "cdktf";
import { ValidationCode } from "../../lib";
import { TransitRouterNetwork } from "../../lib/network";
import { SG_ZONES, networkStack, thrown } from "./helpers";

const BASE = { vpcId: "vpc-1", regionId: "ap-southeast-1", vpcCidrBlock: "10.0.0.0/16" };

function network(props: Partial<ConstructorParameters<typeof TransitRouterNetwork>[2]> = {}) {
  const f = networkStack();
  return { ...f, network: new TransitRouterNetwork(f.stack, "Network", { hubRegion: "ap-southeast-1", hubProvider: f.sg, ...props }) };
}

const NAME_PROBLEM = "attachVpc name must be a literal string: it becomes part of the attachment's Terraform address";
const NAME_ALLOWED = 'a literal, unique name such as "workload-tokyo"';
const NAME_FIX = "name the attachment with a string literal; only the VPC id, CIDR and vSwitches may be tokens";

describe("attachVpc messages", () => {
  test("a token name: LITERAL_REQUIRED, and the message says why a literal is needed", () => {
    const { stack, network: n } = network();
    const name = new TerraformVariable(stack, "name", { type: "string" }).stringValue;
    expect(n.checkAttachVpc({ ...BASE, name, vSwitches: SG_ZONES })).toEqual([
      { code: ValidationCode.LITERAL_REQUIRED, problem: NAME_PROBLEM, received: "an unresolved token", allowed: NAME_ALLOWED, fix: NAME_FIX },
    ]);
  });

  test("an empty or non-string name: NAME_INVALID with the same explanation", () => {
    const { network: n } = network();
    expect(n.checkAttachVpc({ ...BASE, name: "", vSwitches: SG_ZONES })).toEqual([
      { code: ValidationCode.NAME_INVALID, problem: NAME_PROBLEM, received: '""', allowed: NAME_ALLOWED, fix: NAME_FIX },
    ]);
    expect(n.checkAttachVpc({ ...BASE, name: 42 as unknown as string, vSwitches: SG_ZONES })).toEqual([
      { code: ValidationCode.NAME_INVALID, problem: NAME_PROBLEM, received: "42", allowed: NAME_ALLOWED, fix: NAME_FIX },
    ]);
    expect(n.checkAttachVpc({ ...BASE, name: undefined as unknown as string, vSwitches: SG_ZONES })).toEqual([
      { code: ValidationCode.NAME_INVALID, problem: NAME_PROBLEM, received: "nothing", allowed: NAME_ALLOWED, fix: NAME_FIX },
    ]);
  });

  test("a literal name the API rejects and a malformed CIDR are named after the attachment", () => {
    const { network: n } = network();
    const issues = n.checkAttachVpc({ ...BASE, name: "9 lives", vpcCidrBlock: "10.0.0.1/16", vSwitches: SG_ZONES });
    expect(issues.map((i) => [i.code, i.problem])).toEqual([
      [ValidationCode.NAME_INVALID, 'attachVpc name "9 lives" would be rejected by the Alibaba Cloud API'],
      [ValidationCode.CIDR_INVALID, expect.stringMatching(/^attachVpc vpcCidrBlock of "9 lives" /)],
    ]);
  });

  test("no vSwitches: VSWITCH_COUNT, saying the transit router needs one for its ENI", () => {
    const { network: n } = network();
    const expected = (received: string) => [
      {
        code: ValidationCode.VSWITCH_COUNT,
        problem: 'attachVpc vSwitches of "none" is empty; the transit router needs a vSwitch to put its ENI in',
        received,
        allowed: "one { zoneId, vSwitchId } per zone, at least one (two zones recommended)",
        fix: "list a vSwitch of the VPC in each of two zones the transit router supports",
      },
    ];
    expect(n.checkAttachVpc({ ...BASE, name: "none", vSwitches: [] })).toEqual(expected("[]"));
    expect(n.checkAttachVpc({ ...BASE, name: "none" })).toEqual(expected("[]"));
    expect(n.checkAttachVpc({ ...BASE, name: "none", vSwitches: {} as never })).toEqual(expected("{}"));
  });

  test("vSwitches win over the deprecated zoneMappings", () => {
    const { network: n } = network();
    expect(n.checkAttachVpc({ ...BASE, name: "both", vSwitches: SG_ZONES, zoneMappings: [] })).toEqual([]);
    expect(n.checkAttachVpc({ ...BASE, name: "both", vSwitches: [], zoneMappings: SG_ZONES }).map((i) => i.code)).toEqual([ValidationCode.VSWITCH_COUNT]);
  });

  test("a token vSwitches list is not checked", () => {
    const { stack, network: n } = network();
    const list = new TerraformVariable(stack, "vswitches", { type: "list(object({zoneId=string, vSwitchId=string}))" }).listValue;
    expect(n.checkAttachVpc({ ...BASE, name: "token", vSwitches: list as never })).toEqual([]);
  });

  test("an adopted attachment needs no vSwitches, but the vSwitches it is given are still checked", () => {
    const { network: n } = network();
    const adopted = { ...BASE, name: "adopted", transitRouterAttachmentId: "tr-attach-1" };
    expect(n.checkAttachVpc({ ...adopted, vSwitches: [] })).toEqual([]);
    expect(n.checkAttachVpc(adopted)).toEqual([]);
    const twice = n.checkAttachVpc({ ...adopted, vSwitches: [SG_ZONES[0], { zoneId: "ap-southeast-1a", vSwitchId: "vsw-2" }] });
    expect(twice.map((i) => i.code)).toEqual([ValidationCode.ZONE_DUPLICATE]);
  });

  test("a repeated zone: ZONE_DUPLICATE names both indexes and says one vSwitch per zone", () => {
    const { network: n } = network();
    const vSwitches = [SG_ZONES[0], SG_ZONES[1], { zoneId: "ap-southeast-1b", vSwitchId: "vsw-3" }];
    expect(n.checkAttachVpc({ ...BASE, name: "twice", vSwitches })).toEqual([
      {
        code: ValidationCode.ZONE_DUPLICATE,
        problem: 'attachVpc vSwitches[2].zoneId of "twice" repeats the zone of vSwitches[1]; a VPC attachment takes one vSwitch per zone',
        received: '"ap-southeast-1b"',
        allowed: "each zone at most once",
        fix: "keep one vSwitch per zone and use a second zone for the other",
      },
    ]);
  });

  test("token zones are never compared, even the same token twice", () => {
    const { stack, network: n } = network();
    const zone = new TerraformVariable(stack, "zone", { type: "string" }).stringValue;
    const vSwitches = [{ zoneId: zone, vSwitchId: "vsw-1" }, { zoneId: zone, vSwitchId: "vsw-2" }];
    expect(n.checkAttachVpc({ ...BASE, name: "tokens", vSwitches })).toEqual([]);
  });

  test("zones are checked against the attachment's region, each with its index", () => {
    const { network: n } = network();
    const issues = n.checkAttachVpc({ ...BASE, name: "wrong", vSwitches: [SG_ZONES[0], { zoneId: "ap-northeast-1a", vSwitchId: "vsw-2" }] });
    expect(issues.map((i) => [i.code, i.problem])).toEqual([
      [ValidationCode.ZONE_REGION_MISMATCH, 'attachVpc vSwitches[1].zoneId of "wrong" is not a zone of region ap-southeast-1'],
    ]);
  });

  test("an unknown region: the region issue only, no zone checked against it", () => {
    const { network: n } = network();
    const issues = n.checkAttachVpc({ ...BASE, regionId: "nowhere-1", name: "lost", vSwitches: SG_ZONES });
    expect(issues.map((i) => i.code)).toEqual([ValidationCode.REGION_INVALID]);
    expect(issues[0].problem).toMatch(/^attachVpc regionId /);
  });

  test("a region with no provider: PROVIDER_MISSING lists the regions there are and says to call addRegion", () => {
    const { network: n, tokyo } = network();
    expect(n.checkAttachVpc({ ...BASE, regionId: "ap-northeast-1", name: "tk", vSwitches: [] }, true).map((i) => i.code)).toEqual([
      ValidationCode.VSWITCH_COUNT,
    ]);
    n.addRegion("ap-northeast-1", tokyo);
    const issues = n.checkAttachVpc({ ...BASE, regionId: "eu-central-1", name: "fra", vSwitches: [{ zoneId: "eu-central-1a", vSwitchId: "vsw-1" }] });
    expect(issues).toEqual([
      {
        code: ValidationCode.PROVIDER_MISSING,
        problem: 'attachVpc "fra" is in region eu-central-1, which has no transit router and no provider in this network',
        received: '"eu-central-1"',
        allowed: 'the hub region or a region added with addRegion: ["ap-southeast-1","ap-northeast-1"]',
        fix: 'call addRegion("eu-central-1", provider) with the AlicloudProvider aliased to eu-central-1 before attaching the VPC (or pass a provider for that region)',
      },
    ]);
  });

  test("the same name or VPC twice: what was received, what is allowed, the fix", () => {
    const { network: n } = network();
    n.attachVpc({ ...BASE, name: "a", vSwitches: SG_ZONES });
    expect(n.checkAttachVpc({ ...BASE, vpcId: "vpc-2", vpcCidrBlock: "10.1.0.0/16", name: "a", vSwitches: SG_ZONES })).toEqual([
      {
        code: ValidationCode.NAME_DUPLICATE,
        problem: 'attachVpc name "a" is already used by the attachment of vpc-1',
        received: '"a"',
        allowed: "a name per attachment, unique in the network",
        fix: "give each attachment its own name",
      },
    ]);
    expect(n.checkAttachVpc({ ...BASE, name: "b", vSwitches: SG_ZONES })).toEqual([
      {
        code: ValidationCode.VPC_DUPLICATE,
        problem: 'attachVpc "b" attaches VPC vpc-1, which is already attached as "a"; a VPC attaches to a transit router once',
        received: '"vpc-1"',
        allowed: "each VPC at most once",
        fix: 'reuse the attachment "a" instead of attaching the VPC again',
      },
    ]);
    expect(thrown(() => n.attachVpc({ ...BASE, name: "b", vSwitches: SG_ZONES })).message).toMatch(/^test\/Network: \[DSPL_VPC_DUPLICATE\]/);
  });
});
