// Runs after `node main.js` in the consumer project: the verifier (from the ./verify subpath) reads
// the outputs the synthesized stack declares, in the shape `cdktf deploy --outputs-file` writes.
import * as fs from "fs";
import { parseOutputs } from "cdktf-dashscope-privatelink/verify";

const STACK = "dashscope-privatelink";
const stack = JSON.parse(fs.readFileSync(`cdktf.out/stacks/${STACK}/cdk.tf.json`, "utf8"));
const declared = Object.keys(stack.output ?? {});
// Values a deploy would write, one per declared output (the names come from the stack, not from here).
const sample: Record<string, unknown> = {
  endpoint_id: "ep-0123456789abcdef",
  endpoint_domain: "ep-0123456789abcdef.dashscope.ap-southeast-1.privatelink.aliyuncs.com",
  custom_domain: "vpc-ap-southeast-1.dashscope.aliyuncs.com",
  endpoint_region: "ap-southeast-1",
  endpoint_zone_ips: ["10.20.0.10", "10.20.1.10"],
};
const written = Object.fromEntries(declared.map((name) => [name, sample[name] ?? "unexpected"]));
const outputs = parseOutputs({ [STACK]: written }, STACK);
if (!outputs.customDomain || !outputs.endpointDomain || outputs.endpointZoneIps.length !== 2) {
  throw new Error(`the verifier did not find the endpoint in the stack's outputs ${declared.join(", ")}`);
}
const resources = Object.keys(stack.resource ?? {}).length;
console.log(`check-outputs: ${declared.length} outputs, ${resources} resource types, providers ${Object.keys(stack.provider ?? {}).join(",")}`);
