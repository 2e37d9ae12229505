// Tag precedence in DashScopePrivateAccess: the pattern's tags go on everything that takes tags;
// on the endpoint and its group, the endpoint's own tags are merged over them (they win).
import { DashScopePrivateAccess } from "../../lib/patterns";
import { synthJson } from "../cdktf-helpers";
import { accessFixture, accessProps, requester } from "./fixtures";

describe("DashScopePrivateAccess tags", () => {
  test("the endpoint's own tags win over the pattern's on the endpoint and its security group", () => {
    const f = accessFixture();
    const base = accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)]);
    new DashScopePrivateAccess(f.stack, "Access", {
      ...base,
      tags: { team: "platform", env: "shared" },
      endpoint: { ...base.endpoint, tags: { team: "ml", owner: "alice" } },
    });
    const json = synthJson(f.stack);
    const [endpoint] = Object.values<any>(json.resource.alicloud_privatelink_vpc_endpoint);
    const [group] = Object.values<any>(json.resource.alicloud_security_group);
    expect(endpoint.tags).toEqual({ team: "ml", env: "shared", owner: "alice" });
    expect(group.tags).toEqual({ team: "ml", env: "shared", owner: "alice" });
    // The network keeps the pattern's tags.
    const [cen] = Object.values<any>(json.resource.alicloud_cen_instance);
    expect(cen.tags).toEqual({ team: "platform", env: "shared" });
  });

  test("either set alone is applied as given; neither leaves tags out", () => {
    const only = (tags: Record<string, string> | undefined, endpointTags: Record<string, string> | undefined) => {
      const f = accessFixture();
      const base = accessProps(f, []);
      new DashScopePrivateAccess(f.stack, "Access", { ...base, tags, endpoint: { ...base.endpoint, tags: endpointTags } });
      return Object.values<any>(synthJson(f.stack).resource.alicloud_privatelink_vpc_endpoint)[0].tags;
    };
    expect(only({ a: "1" }, undefined)).toEqual({ a: "1" });
    expect(only(undefined, { b: "2" })).toEqual({ b: "2" });
    expect(only(undefined, undefined)).toBeUndefined();
  });
});
