// Runs after `node main.js` in the consumer project: the outputs dashscope-verify reads (from the
// ./verify subpath) are the ones the synthesized stack declares.
import * as fs from "fs";
import { ENDPOINT_OUTPUT_NAMES } from "cdktf-dashscope-privatelink/verify";

const stack = JSON.parse(fs.readFileSync("cdktf.out/stacks/dashscope-privatelink/cdk.tf.json", "utf8"));
const declared = Object.keys(stack.output ?? {});
const missing = Object.values(ENDPOINT_OUTPUT_NAMES).filter((name) => !declared.includes(name));
if (missing.length > 0) throw new Error(`outputs missing from the stack: ${missing.join(", ")}`);
const resources = Object.keys(stack.resource ?? {}).length;
console.log(`check-outputs: ${declared.length} outputs, ${resources} resource types, providers ${Object.keys(stack.provider ?? {}).join(",")}`);
