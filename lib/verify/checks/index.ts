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

/** The names of a list of checks, as a tuple type. */
function namesOf<const T extends readonly { readonly name: string }[]>(checks: T): { readonly [K in keyof T]: T[K]["name"] } {
  return checks.map((c) => c.name) as unknown as { readonly [K in keyof T]: T[K]["name"] };
}

/** Every check name, in run order (derived from the registry). */
export const CHECK_NAMES = namesOf(CHECKS);

/** The checks' names, in run order. */
export type CheckName = (typeof CHECK_NAMES)[number];
