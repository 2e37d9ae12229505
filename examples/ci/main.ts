// The CI entry point: the example app with every stack's state in OSS (see oss-backend.ts).
// Used by github-actions/deploy-and-verify.yml as `cdktf deploy --app "node dist/examples/ci/main.js"`.
import { TerraformStack } from "cdktf";
import { buildExampleApp } from "../app";
import { ossStateSettingsFromEnv, useOssBackend } from "./oss-backend";

const app = buildExampleApp();
const settings = ossStateSettingsFromEnv();
if (settings) {
  for (const child of app.node.children) {
    if (TerraformStack.isStack(child)) useOssBackend(child, settings);
  }
}
app.synth();
