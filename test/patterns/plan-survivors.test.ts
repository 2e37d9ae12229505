// Behaviours the patterns module's mutation run found unchecked.
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { ValidationCode } from "../../lib/validation";
import { accessFixture, refused, requester } from "./fixtures";

describe("DashScopePrivateAccess requester checks", () => {
  test("a requester whose provider is in another region is reported once, under the requester's provider", () => {
    const f = accessFixture();
    const tokyo = requester(f, "tokyo", "ap-northeast-1", 1, { provider: f.providers["eu-central-1"] });
    const issues = refused(f, [tokyo]);
    expect(issues.map((i) => [i.code, i.problem.slice(0, 26)])).toEqual([[ValidationCode.PROVIDER_REGION_MISMATCH, 'requester "tokyo" provider']]);
  });
});

describe("DashScopePrivateAccess cross-border links", () => {
  test("an unacknowledged cross-border requester is reported with the other requesters' issues, in one error", () => {
    const f = accessFixture();
    const issues = refused(f, [requester(f, "hz", "cn-hangzhou", 3), requester(f, "tokyo", "ap-northeast-1", 1, { vpcId: "not-a-vpc" })]);
    expect(issues.map((i) => i.code)).toEqual([ValidationCode.CROSS_BORDER_UNACKNOWLEDGED, ValidationCode.ID_INVALID]);
  });
});

describe("DashScopePrivateAccess repeated names and owners", () => {
  test("every repeat of a requester name points at its first holder", () => {
    const f = accessFixture();
    const issues = refused(f, [requester(f, "a", "ap-northeast-1", 1), requester(f, "a", "ap-northeast-1", 2), requester(f, "a", "ap-northeast-1", 3)]);
    expect(issues.filter((i) => i.code === ValidationCode.NAME_DUPLICATE).map((i) => i.problem)).toEqual([
      'requesters[1].name "a" is already used by requesters[0]',
      'requesters[2].name "a" is already used by requesters[0]',
    ]);
  });

  test("a zone owner missing for several requesters is reported once", () => {
    const f = accessFixture();
    const dns = new AlicloudProvider(f.stack, "dns", { region: "ap-southeast-1", alias: "dns" });
    const issues = refused(
      f,
      [
        requester(f, "one", "ap-northeast-1", 1, { ownerAccountId: "1111111111111111" }),
        requester(f, "two", "ap-northeast-1", 2, { ownerAccountId: "2222222222222222" }),
      ],
      { privateZone: { provider: dns } },
    );
    expect(issues.filter((i) => i.code === ValidationCode.ZONE_OWNER_MISSING)).toHaveLength(1);
  });
});
