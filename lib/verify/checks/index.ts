/**
 * The check registry, in run order per target. `CheckName` derives from it; the verifier runs
 * every registered check that applies to the run (its family selected, its condition met).
 * To add a check: one new file in this folder and one line below.
 */
import { anthropicCheck, anthropicStreamCheck } from "./anthropic";
import { chatCheck } from "./chat";
import { dashscopeCheck, dashscopeStreamCheck } from "./dashscope";
import { dnsCheck } from "./dns";
import { embeddingsCheck } from "./embeddings";
import { modelsCheck } from "./models";
import { proxyCheck } from "./proxy";
import { streamCheck } from "./stream";
import { tcpCheck } from "./tcp";
import { tlsCheck } from "./tls";

/** @internal */
export const CHECKS = [
  proxyCheck,
  dnsCheck,
  tcpCheck,
  tlsCheck,
  modelsCheck,
  chatCheck,
  streamCheck,
  anthropicCheck,
  anthropicStreamCheck,
  dashscopeCheck,
  dashscopeStreamCheck,
  embeddingsCheck,
] as const;

/** The checks' names, in run order. */
export type CheckName = (typeof CHECKS)[number]["name"];

/** Every check name, in run order. */
export const CHECK_NAMES: readonly CheckName[] = CHECKS.map((c) => c.name);
