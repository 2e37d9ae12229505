// Behaviours the patterns module's mutation run found unchecked.
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
