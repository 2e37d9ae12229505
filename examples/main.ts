// Entry point for `cdktf synth` through cdktf.json. `npm run synth` does the same in-process and
// faster (scripts/synth.js).
import { buildExampleApp } from "./app";

buildExampleApp().synth();
