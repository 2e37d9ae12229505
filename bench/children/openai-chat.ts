/**
 * What a user would otherwise script: one plain chat completion with the official `openai` SDK, in
 * a fresh process:
 * `node dist/bench/children/openai-chat.js --base-url URL --dns-server IP:PORT --ca FILE --api-key-env VAR`.
 *
 * Two set-ups, both doing only what a VPC gives a user for free: the name is looked up through the
 * DNS server (the VPC's resolver) and the throwaway CA is trusted (a private CA). Everything else is
 * the SDK's default.
 * - default: as the SDK's README configures it for Node ("Configuring proxies"): undici's `fetch`
 *   with an undici `Agent` (pinned lookup, CA) in `fetchOptions`;
 * - `--builtin-fetch`: the SDK's own default, Node's built-in fetch, so undici is not loaded. The
 *   harness passes the CA in NODE_EXTRA_CA_CERTS; the script maps the name by replacing
 *   `dns.lookup` before anything connects (a stand-in for the VPC's resolver: no hosts file here).
 * Same body as the verifier's chat check; a reply other than the server's fails the run (exit 1).
 * Reports its peak RSS and phases (ms): boot, load (requiring undici, if used, and openai), chat
 * (client construction, lookup, connection, the request and its parsed answer).
 */
const bootMs = performance.now();

import { promises as dns } from "node:dns";
import * as fs from "node:fs";
import type { LookupFunction } from "node:net";
import { main, report } from "./report";
import { benchChatBody, parseTargetArgs } from "./verify-requests";

main(async () => {
  const args = parseTargetArgs(process.argv.slice(2));
  const builtinFetch = process.argv.includes("--builtin-fetch");
  const resolver = new dns.Resolver({ timeout: 3000, tries: 1 });
  resolver.setServers([args.dnsServer]);
  const lookup = ((name: string, options: { all?: boolean } | ((...a: unknown[]) => void), callback?: (...a: unknown[]) => void) => {
    const done = (typeof options === "function" ? options : callback)!;
    const all = typeof options === "object" && options?.all;
    resolver.resolve4(name).then(
      (addresses) => (all ? done(null, addresses.map((address) => ({ address, family: 4 }))) : done(null, addresses[0], 4)),
      (err: unknown) => done(err),
    );
  }) as unknown as LookupFunction;

  const t0 = performance.now();
  let options: ConstructorParameters<typeof import("openai").OpenAI>[0] = { apiKey: process.env[args.apiKeyEnv], baseURL: args.baseUrl };
  let dispatcher: import("undici").Agent | undefined;
  if (builtinFetch) {
    if (!process.env.NODE_EXTRA_CA_CERTS) throw new Error("--builtin-fetch needs the CA in NODE_EXTRA_CA_CERTS");
    (require("node:dns") as { lookup: unknown }).lookup = lookup;
  } else {
    const { Agent, fetch } = require("undici") as typeof import("undici");
    dispatcher = new Agent({ connect: { ca: fs.readFileSync(args.ca, "utf8"), lookup } });
    options = { ...options, fetch: fetch as unknown as typeof globalThis.fetch, fetchOptions: { dispatcher } as Record<string, unknown> };
  }
  const { OpenAI } = require("openai") as typeof import("openai");
  const t1 = performance.now();

  const client = new OpenAI(options);
  const body = benchChatBody(false) as unknown as import("openai").OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
  const completion = await client.chat.completions.create(body);
  const reply = completion.choices[0]?.message?.content;
  if (reply !== "pong") throw new Error(`the SDK returned ${JSON.stringify(reply)}, not "pong"`);
  const t2 = performance.now();

  await dispatcher?.close();
  report({ phases: { boot: bootMs, load: t1 - t0, chat: t2 - t1, total: performance.now() } });
});
