/**
 * The floor of the verifier comparison: the verifier's requests written directly against undici,
 * with nothing else, in a fresh process:
 * `node dist/bench/children/undici-floor.js --base-url URL --dns-server IP:PORT --ca FILE --api-key-env VAR`.
 *
 * Resolves the host's A records through the DNS server, connects to that address with the CA from
 * the file (one undici Agent, SNI and Host the URL's host), then GET /models, POST
 * /chat/completions and POST /chat/completions with `stream: true`, reading every body to the end.
 * A status other than 200, a body that is not the expected JSON or a stream without `[DONE]` fails
 * the run (exit 1). Reports its peak RSS and phases (ms): boot, load (requiring undici), dns,
 * models, chat, stream.
 */
const bootMs = performance.now();

import type { LookupFunction } from "node:net";
import { promises as dns } from "node:dns";
import * as fs from "node:fs";
import { main, report } from "./report";
import { benchChatBody, parseTargetArgs } from "./verify-requests";

main(async () => {
  const args = parseTargetArgs(process.argv.slice(2));
  const apiKey = process.env[args.apiKeyEnv];
  if (!apiKey) throw new Error(`${args.apiKeyEnv} is unset`);
  const url = new URL(args.baseUrl);

  const t0 = performance.now();
  const { Agent, request } = require("undici") as typeof import("undici");
  const t1 = performance.now();

  const resolver = new dns.Resolver({ timeout: 3000, tries: 1 });
  resolver.setServers([args.dnsServer]);
  const addresses = await resolver.resolve4(url.hostname);
  if (addresses.length === 0) throw new Error(`${url.hostname} has no A record`);
  const t2 = performance.now();

  // Connections go to the resolved address; SNI and Host stay the URL's host.
  const lookup = ((_name: string, options: { all?: boolean }, callback: (...a: unknown[]) => void) => {
    if (options?.all) callback(null, addresses.map((address) => ({ address, family: 4 })));
    else callback(null, addresses[0], 4);
  }) as unknown as LookupFunction;
  const agent = new Agent({ connect: { ca: fs.readFileSync(args.ca, "utf8"), lookup } });
  const base = args.baseUrl.replace(/\/+$/, "");
  const headers = { authorization: `Bearer ${apiKey}`, accept: "application/json", "content-type": "application/json" };

  const models = await request(`${base}/models`, { dispatcher: agent, headers: { authorization: headers.authorization, accept: headers.accept } });
  if (models.statusCode !== 200) throw new Error(`GET /models answered ${models.statusCode}`);
  const list = (await models.body.json()) as { data?: unknown[] };
  if (!Array.isArray(list.data)) throw new Error("GET /models: no data array");
  const t3 = performance.now();

  const chat = await request(`${base}/chat/completions`, { dispatcher: agent, method: "POST", headers, body: JSON.stringify(benchChatBody(false)) });
  if (chat.statusCode !== 200) throw new Error(`POST /chat/completions answered ${chat.statusCode}`);
  const completion = (await chat.body.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
  if (typeof completion.choices?.[0]?.message?.content !== "string") throw new Error("chat: no choices[0].message.content");
  const t4 = performance.now();

  const stream = await request(`${base}/chat/completions`, {
    dispatcher: agent,
    method: "POST",
    headers: { ...headers, accept: "text/event-stream" },
    body: JSON.stringify(benchChatBody(true)),
  });
  if (stream.statusCode !== 200) throw new Error(`POST /chat/completions (stream) answered ${stream.statusCode}`);
  const text = await stream.body.text();
  if (!text.includes("data: [DONE]")) throw new Error("stream: no data: [DONE]");
  const t5 = performance.now();

  await agent.close();
  report({ phases: { boot: bootMs, load: t1 - t0, dns: t2 - t1, models: t3 - t2, chat: t4 - t3, stream: t5 - t4, total: performance.now() } });
});
