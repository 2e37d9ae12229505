import { App, TerraformStack } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopePrivateAccess, DashScopeRequester } from "../../lib/patterns";
import { thrown, validationError } from "../cdktf-helpers";
import { AccessFixture, accessFixture, accessProps, requester } from "./fixtures";

/** The validation error a DashScopePrivateAccess with these requesters throws. */
function rejected(f: AccessFixture, requesters: DashScopeRequester[]) {
  return validationError(() => new DashScopePrivateAccess(f.stack, "Access", accessProps(f, requesters)));
}

describe("DashScopePrivateAccess validation", () => {
  test("overlapping CIDRs fail synth, naming both VPCs and both CIDRs", () => {
    const f = accessFixture();
    new DashScopePrivateAccess(
      f.stack,
      "Access",
      accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1), requester(f, "frankfurt", "eu-central-1", 1, { vpcCidrBlock: "10.1.128.0/17" })]),
    );
    const error = thrown(() => f.app.synth());
    expect(error.message).toMatch(
      /\[DSPL_CIDR_OVERLAP\] VPC attachments "tokyo" \(VPC vpc-tokyo, 10\.1\.0\.0\/16\) and "frankfurt" \(VPC vpc-frankfurt, 10\.1\.128\.0\/17\) have overlapping CIDR blocks/,
    );
  });

  test("a requester overlapping the endpoint VPC is caught too", () => {
    const f = accessFixture();
    new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 0)]));
    expect(thrown(() => f.app.synth()).message).toMatch(/DSPL_CIDR_OVERLAP\] VPC attachments "dashscope-endpoint" \(VPC vpc-endpoint, 10\.0\.0\.0\/16\) and "tokyo"/);
  });

  test("a cross-border requester without the acknowledgement fails before anything is created", () => {
    const f = accessFixture();
    const error = rejected(f, [requester(f, "hangzhou", "cn-hangzhou", 4)]);
    expect(error.code).toBe("DSPL_CROSS_BORDER_UNACKNOWLEDGED");
    expect(error.message).toMatch(/the link from ap-southeast-1 to cn-hangzhou crosses the border of the Chinese mainland/);
    expect(error.message).toMatch(/enterprise \(real-name\) verification/);
    expect(error.message).toMatch(/Fix: complete enterprise verification for the account, then set crossBorder: \{ acknowledgeCompliance: true \}/);
    expect(f.stack.node.tryFindChild("Access")).toBeUndefined();
  });

  test("a requester without a provider is named, with the provider to create", () => {
    const f = accessFixture();
    const error = rejected(f, [requester(f, "tokyo", "ap-northeast-1", 1, { provider: undefined as unknown as AlicloudProvider })]);
    expect(error.code).toBe("DSPL_PROVIDER_MISSING");
    expect(error.message).toMatch(/requester "tokyo" has no provider for its region ap-northeast-1/);
    expect(error.message).toMatch(/new AlicloudProvider\(stack, "ap-northeast-1", \{ region: "ap-northeast-1", alias: "ap_northeast_1" \}\)/);
  });

  test("a provider for another region than the requester's", () => {
    const f = accessFixture();
    const error = rejected(f, [requester(f, "tokyo", "ap-northeast-1", 1, { provider: f.providers["eu-central-1"] })]);
    expect(error.code).toBe("DSPL_PROVIDER_REGION_MISMATCH");
    expect(error.message).toMatch(/requester "tokyo" provider is for region "eu-central-1", but it is declared for "ap-northeast-1"/);
  });

  test("two providers for one region", () => {
    const f = accessFixture();
    const second = new AlicloudProvider(f.stack, "tokyo-2", { region: "ap-northeast-1", alias: "tokyo_2" });
    const error = rejected(f, [requester(f, "tokyo", "ap-northeast-1", 1), requester(f, "tokyo-b", "ap-northeast-1", 2, { provider: second })]);
    expect(error.code).toBe("DSPL_PROVIDER_DUPLICATE");
    expect(error.message).toMatch(/requester "tokyo-b" brings a second provider for region ap-northeast-1/);
  });

  test("duplicate names, duplicate VPCs and the endpoint's own VPC are rejected together", () => {
    const f = accessFixture();
    const error = rejected(f, [
            requester(f, "tokyo", "ap-northeast-1", 1),
            requester(f, "tokyo", "ap-northeast-1", 2, { vpcId: "vpc-tokyo-2" }),
            requester(f, "again", "ap-northeast-1", 3, { vpcId: "vpc-tokyo" }),
            requester(f, "self", "ap-southeast-1", 4, { vpcId: "vpc-endpoint" }),
            requester(f, "dashscope-endpoint", "ap-southeast-1", 5),
          ]);
    expect(error.issues.map((i) => i.code)).toEqual(["DSPL_NAME_DUPLICATE", "DSPL_VPC_DUPLICATE", "DSPL_VPC_DUPLICATE", "DSPL_NAME_DUPLICATE"]);
    expect(error.message).toMatch(/requesters\[1\]\.name "tokyo" is already used by requesters\[0\]/);
    expect(error.message).toMatch(/requester "again" uses VPC vpc-tokyo, which is already the VPC of requester "tokyo"/);
    expect(error.message).toMatch(/requester "self" uses VPC vpc-endpoint, which is already the endpoint's VPC/);
    expect(error.message).toMatch(/"dashscope-endpoint" is already used by the endpoint's own VPC attachment/);
  });

  test("the endpoint's own checks apply: an unsupported region", () => {
    const app = new App();
    const stack = new TerraformStack(app, "s");
    const virginia = new AlicloudProvider(stack, "us", { region: "us-east-1", alias: "us" });
    const error = validationError(
      () =>
        new DashScopePrivateAccess(stack, "Access", {
          endpoint: { provider: virginia, region: "us-east-1", vpcId: "vpc-1", vpcCidrBlock: "10.0.0.0/16", vSwitches: [] },
        }),
    );
    expect(error.code).toBe("DSPL_REGION_UNSUPPORTED");
    expect(error.issues[0].problem).toMatch(/^endpoint\.region is not a region where Model Studio offers the PrivateLink endpoint service/);
    expect(stack.node.tryFindChild("Access")).toBeUndefined();
  });

  test("a part that rejects a prop leaves nothing behind", () => {
    const f = accessFixture();
    const props = accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)]);
    const error = validationError(
      () => new DashScopePrivateAccess(f.stack, "Access", { ...props, endpoint: { ...props.endpoint, ports: [0] } }),
    );
    expect(error.code).toBe("DSPL_PORT_INVALID");
    expect(f.stack.node.tryFindChild("Access")).toBeUndefined();
    // The id is free again: a corrected construct can take it.
    expect(new DashScopePrivateAccess(f.stack, "Access", props).node.path).toBe("test/Access");
  });

  test("a requester CIDR the endpoint's group may not open is rejected before anything is created", () => {
    const f = accessFixture();
    const error = rejected(f, [requester(f, "tokyo", "ap-northeast-1", 1, { vpcCidrBlock: "0.0.0.0/0" })]);
    expect(error.code).toBe("DSPL_CIDR_TOO_WIDE");
    expect(error.message).toMatch(/requester "tokyo" vpcCidrBlock opens the endpoint to every IPv4 address/);
    expect(f.stack.node.tryFindChild("Access")).toBeUndefined();

    const access = new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)]));
    const before = f.stack.node.findAll().length;
    const late = validationError(() => access.addRequester(requester(f, "frankfurt", "eu-central-1", 2, { vpcCidrBlock: "0.0.0.0/0" })));
    expect(late.code).toBe("DSPL_CIDR_TOO_WIDE");
    expect(f.stack.node.findAll()).toHaveLength(before);
    // Nothing of the rejected requester was kept: the corrected one goes in.
    access.addRequester(requester(f, "frankfurt", "eu-central-1", 2));
    expect(access.requesters.map((r) => r.name)).toEqual(["tokyo", "frankfurt"]);
  });

  test("addRequester checks the newcomer against what is there", () => {
    const f = accessFixture();
    const access = new DashScopePrivateAccess(f.stack, "Access", accessProps(f, [requester(f, "tokyo", "ap-northeast-1", 1)]));
    const error = validationError(() => access.addRequester(requester(f, "tokyo", "eu-central-1", 2, { vpcId: "vpc-frankfurt" })));
    expect(error.code).toBe("DSPL_NAME_DUPLICATE");
    expect(error.message).toMatch(/^test\/Access\/addRequester: \[DSPL_NAME_DUPLICATE\] addRequester\("tokyo"\)\.name "tokyo" is already used/);
    expect(validationError(() => access.addRequester(requester(f, "hz", "cn-hangzhou", 3))).code).toBe("DSPL_CROSS_BORDER_UNACKNOWLEDGED");
  });
});
