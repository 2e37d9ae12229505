// What DashScopePrivateAccess says about accounts before it creates anything: a requester or the
// endpoint of another account than the CEN owner's, the CEN owner's providers, malformed UIDs and
// the Private Zone's owner. Each issue in full (code, problem, received, allowed, fix).
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopePrivateAccess } from "../../lib/patterns";
import { ValidationCode } from "../../lib/validation";
import { synthJson } from "../cdktf-helpers";
import { accessFixture, accessProps, refused, requester } from "./fixtures";

const CEN_OWNER = "1111111111111111";
const WORKLOAD = "2222222222222222";

describe("account messages", () => {
  test("a requester of another account without the CEN owner's UID", () => {
    const f = accessFixture();
    const issues = refused(f, [requester(f, "tokyo", "ap-northeast-1", 1, { ownerAccountId: WORKLOAD })]);
    expect(issues.find((i) => i.code === ValidationCode.CEN_OWNER_MISSING)).toEqual({
      code: ValidationCode.CEN_OWNER_MISSING,
      problem: 'requester "tokyo" belongs to account "2222222222222222", but cen.ownerAccountId is not set: the grant of its VPC to the CEN must name the CEN owner\'s account',
      received: "no cen.ownerAccountId",
      allowed: "cen.ownerAccountId: the 16-digit UID of the account that owns the CEN",
      fix: "set cen.ownerAccountId (and cen.providers for the CEN owner's providers), or drop ownerAccountId if the VPC is the CEN owner's",
    });
  });

  test("an adopted attachment of another account needs no CEN owner's UID (no grant), only the CEN owner's provider", () => {
    const f = accessFixture();
    const tokyo = requester(f, "tokyo", "ap-northeast-1", 1, { ownerAccountId: WORKLOAD, transitRouterAttachmentId: "tr-attach-1", vSwitches: undefined });
    const cen = { providers: { "ap-northeast-1": f.providers["ap-northeast-1"] } };
    new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [tokyo], { cen }));
    expect(synthJson(f.stack).resource.alicloud_cen_transit_router_grant_attachment).toBeUndefined();
  });

  test("a requester of another account without the CEN owner's provider for its region", () => {
    const f = accessFixture();
    const issues = refused(f, [requester(f, "tokyo", "ap-northeast-1", 1, { ownerAccountId: WORKLOAD })], {
      cen: { ownerAccountId: CEN_OWNER, providers: { "eu-central-1": f.providers["eu-central-1"] } },
    });
    expect(issues).toEqual([
      {
        code: ValidationCode.PROVIDER_MISSING,
        problem:
          'requester "tokyo" belongs to account "2222222222222222", so its provider acts for that account, but the transit router in ap-northeast-1 and the attachment belong to the CEN owner; no CEN owner provider is given for ap-northeast-1',
        received: 'cen.providers keys ["eu-central-1"]',
        allowed: 'cen.providers["ap-northeast-1"]: the CEN owner\'s AlicloudProvider for ap-northeast-1',
        fix: "add the network account's provider for ap-northeast-1 to cen.providers",
      },
    ]);
  });

  test("a requester of another account in the hub region uses the hub's provider", () => {
    const f = accessFixture();
    const workload = new AlicloudProvider(f.stack, "workload-sg", { region: "ap-southeast-1", alias: "workload_sg" });
    const local = requester(f, "local", "ap-southeast-1", 1, { ownerAccountId: WORKLOAD, provider: workload });
    expect(() => new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [local], { cen: { ownerAccountId: CEN_OWNER } }))).not.toThrow();
  });

  test("a CEN owner provider for another region than the one it is given for", () => {
    const f = accessFixture();
    const issues = refused(f, [requester(f, "tokyo", "ap-northeast-1", 1, { ownerAccountId: WORKLOAD })], {
      cen: { ownerAccountId: CEN_OWNER, providers: { "ap-northeast-1": f.providers["eu-central-1"] } },
    });
    expect(issues.map((i) => [i.code, i.problem])).toEqual([
      [
        ValidationCode.PROVIDER_REGION_MISMATCH,
        'cen.providers["ap-northeast-1"] is for region "eu-central-1", but it is declared for "ap-northeast-1"; every resource would be created in the provider\'s region',
      ],
    ]);
  });

  test("the endpoint of another account than the CEN's needs the CEN owner's hub provider", () => {
    const f = accessFixture();
    const issues = refused(f, [], { endpoint: { ...accessProps(f, []).endpoint, ownerAccountId: WORKLOAD }, cen: { ownerAccountId: CEN_OWNER } });
    expect(issues).toEqual([
      {
        code: ValidationCode.PROVIDER_MISSING,
        problem:
          'endpoint.ownerAccountId "2222222222222222" is not the CEN owner\'s account, so the endpoint\'s provider cannot manage the hub\'s transit router and peer links',
        received: "cen.providers keys []",
        allowed: 'cen.providers["ap-southeast-1"]: the CEN owner\'s AlicloudProvider for the hub region',
        fix: "add the network account's provider for ap-southeast-1 to cen.providers",
      },
    ]);
  });

  test("with an endpoint region that is refused, nothing that needs the hub is checked", () => {
    const f = accessFixture();
    const endpoint = { ...accessProps(f, []).endpoint, region: "us-east-1", ownerAccountId: WORKLOAD };
    expect(refused(f, [requester(f, "tokyo", "ap-northeast-1", 1)], { endpoint, cen: { ownerAccountId: CEN_OWNER, providers: { "ap-northeast-1": f.providers["ap-northeast-1"] } } }).map((i) => i.code)).toEqual([
      ValidationCode.REGION_UNSUPPORTED,
    ]);
  });

  test("the endpoint of the CEN owner's own account needs no extra provider", () => {
    const f = accessFixture();
    const props = accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)], { endpoint: { ...accessProps(f, []).endpoint, ownerAccountId: CEN_OWNER }, cen: { ownerAccountId: CEN_OWNER } });
    expect(() => new DashScopePrivateAccess(f.stack, "Access", props)).not.toThrow();
  });

  test("malformed UIDs are named by their prop; a malformed endpoint attachment id too", () => {
    const f = accessFixture();
    const issues = refused(f, [], {
      endpoint: { ...accessProps(f, []).endpoint, ownerAccountId: "e", transitRouterAttachmentId: "vpc-1" },
      cen: { ownerAccountId: "c" },
      privateZone: { ownerAccountId: "z" },
    });
    expect(issues.map((i) => i.problem)).toEqual([
      "endpoint.ownerAccountId is not an Alibaba Cloud account UID",
      "cen.ownerAccountId is not an Alibaba Cloud account UID",
      "privateZone.ownerAccountId is not an Alibaba Cloud account UID",
      "endpoint.transitRouterAttachmentId is not a transitRouterAttachment id (it looks like a vpc id)",
      expect.stringMatching(/^endpoint\.ownerAccountId "e" is not the CEN owner's account/),
    ]);
  });

  test("a zone provider of its own with accounts named: the zone owner is asked for once, however many requesters", () => {
    const f = accessFixture();
    const dns = new AlicloudProvider(f.stack, "dns", { region: "ap-southeast-1", alias: "dns" });
    const tokyo = requester(f, "tokyo", "ap-northeast-1", 1, { ownerAccountId: WORKLOAD });
    const osaka = requester(f, "osaka", "ap-northeast-1", 2, { ownerAccountId: WORKLOAD });
    const issues = refused(f, [tokyo, osaka], {
      cen: { ownerAccountId: CEN_OWNER, providers: { "ap-northeast-1": f.providers["ap-northeast-1"] } },
      privateZone: { provider: dns },
    });
    expect(issues).toEqual([
      {
        code: ValidationCode.ZONE_OWNER_MISSING,
        problem:
          "privateZone.provider (test/dns) is not the endpoint's provider and accounts are named, but privateZone.ownerAccountId is not set: the zone owner's account decides which accounts it must authorize",
        received: "no privateZone.ownerAccountId",
        allowed: "privateZone.ownerAccountId: the 16-digit UID of the account privateZone.provider acts for",
        fix: "set privateZone.ownerAccountId (or drop privateZone.provider if the zone is the endpoint owner's)",
      },
    ]);
  });

  test("a zone provider of its own with only requesters' accounts named is asked for the zone owner too, once", () => {
    const f = accessFixture();
    const dns = new AlicloudProvider(f.stack, "dns", { region: "ap-southeast-1", alias: "dns" });
    const adopted = (name: string, n: number) =>
      requester(f, name, "ap-northeast-1", n, { ownerAccountId: WORKLOAD, transitRouterAttachmentId: `tr-attach-${n}`, vSwitches: undefined });
    const cen = { providers: { "ap-northeast-1": f.providers["ap-northeast-1"] } };
    expect(refused(f, [adopted("tokyo", 1), adopted("osaka", 2)], { privateZone: { provider: dns }, cen }).map((i) => i.code)).toEqual([ValidationCode.ZONE_OWNER_MISSING]);
  });

  test("a zone provider of its own without any account named, or the endpoint's provider, needs no zone owner", () => {
    const f = accessFixture();
    const dns = new AlicloudProvider(f.stack, "dns", { region: "ap-southeast-1", alias: "dns" });
    expect(() => new DashScopePrivateAccess(f.stack, "A", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)], { privateZone: { provider: dns } }))).not.toThrow();
    const same = accessProps(f, [], {});
    expect(
      () =>
        new DashScopePrivateAccess(f.stack, "B", {
          ...same,
          endpoint: { ...same.endpoint, vpcId: "vpc-b", ownerAccountId: CEN_OWNER },
          cen: { ownerAccountId: CEN_OWNER },
          privateZone: { provider: same.endpoint.provider },
          requesters: [requester(f, "osaka", "ap-northeast-1", 2)],
        }),
    ).not.toThrow();
  });
});

