import { App, TerraformStack } from "cdktf";
import { ExampleAppOptions, buildExampleApp } from "../app";
import { ossStateSettingsFromEnv, useOssBackend } from "../oss-backend";

/**
 * The example app as CI deploys it: with TF_STATE_BUCKET set, every stack keeps its state in OSS,
 * locked in Tablestore (landing-zone declares that backend itself, from the same settings).
 */
export function buildCiApp(env: NodeJS.ProcessEnv = process.env, options: ExampleAppOptions = {}): App {
  const app = buildExampleApp({ ...options, env });
  const settings = ossStateSettingsFromEnv(env);
  if (settings) {
    for (const child of app.node.children) {
      if (TerraformStack.isStack(child) && !child.node.tryFindChild("backend")) useOssBackend(child, settings);
    }
  }
  return app;
}
