// Edges of the shared checks as the constructs use them: CIDR blocks that touch at one address
// overlap and neighbours do not (in either order), and a region without a zone table never warns.
import { TerraformStack, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopeEndpoint } from "../../lib/endpoint";
import { DashScopePrivateAccess } from "../../lib/patterns";
import { DashScopeRegion } from "../../lib";
import { warningsOf } from "../cdktf-helpers";
import { accessFixture, accessProps, requester } from "../patterns/fixtures";

/** The message of the synth failure of an access with the endpoint VPC 10.0.0.0/16 and these requester CIDRs, or "" when synth passes. */
function overlapFailure(...cidrs: string[]): string {
  const f = accessFixture();
  const regions = ["ap-northeast-1", "eu-central-1"];
  new DashScopePrivateAccess(f.stack, "Access", accessProps(f, cidrs.map((cidr, i) => requester(f, `r${i}`, regions[i], i + 1, { vpcCidrBlock: cidr }))));
  try {
    Testing.synth(f.stack, true);
    return "";
  } catch (error) {
    return (error as Error).message;
  }
}

describe("CIDR overlap at the edges", () => {
  test("a block that holds only the endpoint VPC's last address overlaps it", () => {
    expect(overlapFailure("10.0.255.255/32")).toMatch(/\[DSPL_CIDR_OVERLAP\] VPC attachments "dashscope-endpoint" \(VPC vpc-endpoint, 10\.0\.0\.0\/16\) and "r0" \(VPC vpc-r0, 10\.0\.255\.255\/32\)/);
  });

  test("a block that holds only the endpoint VPC's first address overlaps it", () => {
    expect(overlapFailure("10.0.0.0/32")).toMatch(/\[DSPL_CIDR_OVERLAP\] .*"r0" \(VPC vpc-r0, 10\.0\.0\.0\/32\)/);
  });

  test("the neighbours just below and just above do not", () => {
    expect(overlapFailure("9.255.255.255/32", "10.1.0.0/32")).toBe("");
  });

  test("a wide block around the endpoint VPC overlaps it", () => {
    expect(overlapFailure("10.0.0.0/8")).toMatch(/DSPL_CIDR_OVERLAP/);
  });
});

describe("zones of a region the zone table does not list", () => {
  test("are taken without a warning", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const provider = new AlicloudProvider(stack, "p", { region: "me-east-1", alias: "p" });
    const endpoint = new DashScopeEndpoint(stack, "Endpoint", {
      provider,
      region: DashScopeRegion.custom({ regionId: "me-east-1" }),
      vpcId: "vpc-1",
      vpcCidrBlock: "10.0.0.0/16",
      vSwitches: [{ vSwitchId: "vsw-a", zoneId: "me-east-1a" }, { vSwitchId: "vsw-b", zoneId: "me-east-1z" }],
    });
    expect(warningsOf(endpoint)).toEqual([]);
  });
});
