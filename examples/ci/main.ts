// The CI entry point: `cdktf deploy --app "node dist/examples/ci/main.js"` in
// github-actions/deploy-and-verify.yml. See app.ts.
import { buildCiApp } from "./app";

buildCiApp().synth();
