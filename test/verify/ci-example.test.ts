// The CI example (examples/ci): the OSS state backend it adds, and the workflow's contract with
// dashscope-verify.
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { buildCiApp } from "../../examples/ci/app";
import { synthStacks } from "../cdktf-helpers";
import { ossStateSettingsFromEnv, useOssBackend } from "../../examples/oss-backend";

const WORKFLOW = path.resolve(__dirname, "..", "..", "examples", "ci", "github-actions", "deploy-and-verify.yml");

describe("useOssBackend", () => {
  test("the CI app puts every example stack's state in OSS, one key per stack, landing-zone included", () => {
    const env = { TF_STATE_BUCKET: "ci-state", TF_STATE_REGION: "ap-southeast-1", TF_LOCK_ENDPOINT: "https://l.ots.aliyuncs.com", TF_LOCK_TABLE: "locks" };
    const stacks = synthStacks((outdir) => buildCiApp(env, { outdir }));
    for (const name of ["single-region", "cross-region", "landing-zone"]) {
      expect(stacks.get(name).terraform.backend.oss).toMatchObject({ bucket: "ci-state", key: `${name}.tfstate`, tablestore_table: "locks", encrypt: true });
    }
  });

  test("stores each stack's state in OSS under its own key, locked in Tablestore", () => {
    const stack = new TerraformStack(Testing.app(), "single-region");
    useOssBackend(stack, {
      bucket: "tf-state",
      region: "ap-southeast-1",
      lockEndpoint: "https://tf-locks.ap-southeast-1.ots.aliyuncs.com",
      lockTable: "locks",
    });
    const json = JSON.parse(Testing.synth(stack)) as { terraform: { backend: { oss: Record<string, unknown> } } };
    expect(json.terraform.backend.oss).toEqual({
      bucket: "tf-state",
      region: "ap-southeast-1",
      prefix: "cdktf-dashscope-privatelink",
      key: "single-region.tfstate",
      encrypt: true,
      acl: "private",
      tablestore_endpoint: "https://tf-locks.ap-southeast-1.ots.aliyuncs.com",
      tablestore_table: "locks",
    });
  });

  test("reads its settings from the environment, local state without a bucket", () => {
    expect(ossStateSettingsFromEnv({})).toBeUndefined();
    expect(() => ossStateSettingsFromEnv({ TF_STATE_BUCKET: "b" })).toThrow(/^TF_STATE_REGION must name the region of TF_STATE_BUCKET$/);
    expect(ossStateSettingsFromEnv({ TF_STATE_BUCKET: "b", TF_STATE_REGION: "cn-beijing", TF_LOCK_TABLE: "t" })).toEqual({
      bucket: "b",
      region: "cn-beijing",
      prefix: undefined,
      lockEndpoint: undefined,
      lockTable: "t",
    });
  });
});

describe("the GitHub Actions workflow", () => {
  const text = fs.readFileSync(WORKFLOW, "utf8");

  test("deploys with an outputs file and verifies from a runner inside the VPC", () => {
    expect(text).toMatch(/npx cdktf deploy "\$STACK" \\\n\s+--app "node dist\/examples\/ci\/main\.js" \\\n\s+--auto-approve \\\n\s+--outputs-file cdktf-outputs\.json/);
    expect(text).toMatch(/runs-on: \[self-hosted, linux, dashscope-requester-vpc\]/);
    expect(text).toMatch(/node dashscope-verify\.cjs \\\n\s+--outputs cdktf-outputs\.json --stack "\$STACK"/);
    expect(text).toMatch(/--junit reports\/dashscope-verify\.xml/);
    expect(text).toMatch(/report_paths: reports\/dashscope-verify\.xml/);
  });

  test("passes credentials through the environment only", () => {
    expect(text).toMatch(/id-token: write/);
    expect(text).toMatch(/DASHSCOPE_API_KEY: \$\{\{ secrets\.DASHSCOPE_API_KEY \}\}/);
    for (const line of text.split("\n")) {
      if (/\b(echo|printf)\b/.test(line)) expect(line).not.toMatch(/secrets\.|steps\.creds|API_KEY|ACCESS_KEY|SECURITY_TOKEN/);
    }
    expect(text).not.toMatch(/--api-key\b/);
  });
});
