import { App, TerraformProvider, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { DashScopeEndpoint, PINNED_ALICLOUD_PROVIDER_VERSION, ValidationCode, isAlicloudProvider } from "../../lib";
import { props } from "../endpoint/helpers";
import { synthJson, validationError } from "../cdktf-helpers";

/**
 * What `cdktf get` writes for the alicloud provider in a user's own project, reduced to what the
 * constructs read: a core TerraformProvider of type "alicloud" carrying its generator metadata. It is
 * a different class (its own private fields) from the package's AlicloudProvider.
 */
class TheirAlicloudProvider extends TerraformProvider {
  private readonly _region?: string;
  private _alias?: string;
  public constructor(scope: Construct, id: string, config: { region?: string; alias?: string; version?: string }) {
    super(scope, id, {
      terraformResourceType: "alicloud",
      terraformGeneratorMetadata: { providerName: "alicloud", providerVersion: config.version ?? "1.289.0", providerVersionConstraint: "~> 1.289" },
      terraformProviderSource: "aliyun/alicloud",
    });
    this._region = config.region;
    this._alias = config.alias;
  }
  public get alias(): string | undefined {
    return this._alias;
  }
  public set alias(value: string | undefined) {
    this._alias = value;
  }
  public get region(): string | undefined {
    return this._region;
  }
  protected synthesizeAttributes(): Record<string, unknown> {
    return { region: this._region, alias: this.alias };
  }
}

class OtherCloudProvider extends TerraformProvider {
  public readonly region = "ap-southeast-1";
  public constructor(scope: Construct, id: string) {
    super(scope, id, { terraformResourceType: "aws", terraformProviderSource: "hashicorp/aws" });
  }
}

function stackWith<P>(make: (stack: TerraformStack) => P): { app: App; stack: TerraformStack; provider: P } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  return { app, stack, provider: make(stack) };
}

function warnings(stack: TerraformStack): string[] {
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data)));
}

describe("bring your own alicloud bindings", () => {
  test("the pinned version is the one the package's bindings were generated for", () => {
    const { provider } = stackWith((s) => new AlicloudProvider(s, "p", { region: "ap-southeast-1" }));
    expect(provider.terraformGeneratorMetadata?.providerVersion).toBe(PINNED_ALICLOUD_PROVIDER_VERSION);
  });

  test("a provider from the user's own bindings is accepted and used by the resources", () => {
    const { stack, provider } = stackWith((s) => new TheirAlicloudProvider(s, "sg", { region: "ap-southeast-1", alias: "ap_southeast_1" }));
    expect(isAlicloudProvider(provider)).toBe(true);
    new DashScopeEndpoint(stack, "Endpoint", props(provider as never));
    const json = synthJson(stack, true);
    expect(json.resource.alicloud_privatelink_vpc_endpoint.Endpoint_EEF1FD8F.provider).toBe("alicloud.ap_southeast_1");
    expect(json.terraform.required_providers.alicloud).toEqual({ source: "aliyun/alicloud", version: "1.289.0" });
    expect(warnings(stack)).toEqual([]);
  });

  test("its region is still checked", () => {
    const { stack, provider } = stackWith((s) => new TheirAlicloudProvider(s, "bj", { region: "cn-beijing", alias: "cn_beijing" }));
    const err = validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider as never)));
    expect(err.issues.map((i) => i.code)).toContain(ValidationCode.PROVIDER_REGION_MISMATCH);
    expect(err.message).toContain('alias "cn_beijing"');
  });

  test("another provider version warns once, naming both versions, and required_providers follows the user's provider", () => {
    const { stack, provider } = stackWith((s) => new TheirAlicloudProvider(s, "sg", { region: "ap-southeast-1", alias: "ap_southeast_1", version: "1.300.0" }));
    new DashScopeEndpoint(stack, "Endpoint", props(provider as never));
    new DashScopeEndpoint(stack, "Second", props(provider as never));
    const json = synthJson(stack, true);
    const found = warnings(stack).filter((w) => w.includes("1.300.0"));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(PINNED_ALICLOUD_PROVIDER_VERSION);
    expect(json.terraform.required_providers.alicloud.version).toBe("1.300.0");
  });

  test("a provider of another cloud is refused with DSPL_PROVIDER_INVALID, before anything is created", () => {
    const { stack, provider } = stackWith((s) => new OtherCloudProvider(s, "aws"));
    const err = validationError(() => new DashScopeEndpoint(stack, "Endpoint", props(provider as never)));
    expect(err.issues.map((i) => i.code)).toEqual([ValidationCode.PROVIDER_INVALID]);
    expect(err.message).toContain('a "aws" provider');
    expect(stack.node.tryFindChild("Endpoint")).toBeUndefined();
  });
});
