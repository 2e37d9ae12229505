// The process runInNetns starts inside its namespaces (compiled to dist/test/support): DNS on
// 127.0.0.1:53, the API on plain HTTP, then verifyDeployment on the system resolver path. Prints
// the report as JSON.
import { execFile } from "node:child_process";
import * as path from "node:path";
import { verifyDeployment } from "../../lib/verify";
import { startDnsServer } from "./dns-server";
import type { NetnsScenario } from "./netns";
import { startOpenAiServer } from "./openai-server";

async function main(): Promise<void> {
  const scenario = JSON.parse(process.argv[2]) as NetnsScenario;
  const dns = await startDnsServer(scenario.records, { port: 53 });
  dns.silent = !!scenario.silent;
  const api = await startOpenAiServer();
  try {
    if (scenario.cli) {
      // The CLI as a grandchild, in the same namespaces; its --json - is the report.
      const bin = path.resolve(__dirname, "..", "..", "bin", "dashscope-verify.js");
      const run = await new Promise<string>((resolve) => {
        execFile(
          process.execPath,
          [bin, "--base-url", api.baseUrl("vpc-ap-southeast-1.dashscope.aliyuncs.com"), "--no-stream", "--json", "-", ...scenario.cli!],
          { env: { PATH: process.env.PATH, DASHSCOPE_API_KEY: "sk-netns-test-0123456789abcdef" }, encoding: "utf8" },
          (_err: unknown, stdout: string) => resolve(stdout),
        );
      });
      process.stdout.write(run);
      return;
    }
    const report = await verifyDeployment({
      targets: [{ baseUrl: api.baseUrl("vpc-ap-southeast-1.dashscope.aliyuncs.com") }],
      apiKey: "sk-netns-test-0123456789abcdef",
      timeoutMs: 20_000,
      env: {},
      stream: false,
      ...(scenario.options ?? {}),
    });
    process.stdout.write(JSON.stringify(report));
  } finally {
    await Promise.all([dns.close(), api.close()]);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(String((err as Error)?.stack ?? err));
    process.exit(1);
  },
);
