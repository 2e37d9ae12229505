/** The tcp and tls checks' shared loop: one probe per address, all at once. */
import { formatEndpoint } from "../connect";
import { type VerifyError, asVerifyError } from "../errors";
import type { ResolvedAddress } from "../resolve";
import type { ConnectionRecord } from "../types";
import type { Outcome } from "./check";

/** @internal A connection record plus the low-level errno, for the checks' own judgement. */
export type ProbeRecord = ConnectionRecord & { readonly cause?: string };

/** @internal Probes every address; passes when all succeed. */
export async function probeAll(
  addresses: readonly ResolvedAddress[],
  port: number,
  probe: (a: { address: string; port: number }) => Promise<unknown>,
): Promise<Outcome & { connections?: readonly ProbeRecord[] }> {
  const probes = await Promise.all(
    addresses.map(async (a): Promise<{ record: ProbeRecord; error?: VerifyError }> => {
      const started = Date.now();
      try {
        await probe({ address: a.address, port });
        return { record: { address: a.address, port, ok: true, durationMs: Date.now() - started } };
      } catch (err) {
        const error = asVerifyError(err);
        const cause = (error.cause as NodeJS.ErrnoException | undefined)?.code;
        return { record: { address: a.address, port, ok: false, durationMs: Date.now() - started, code: error.code, message: error.message, cause }, error };
      }
    }),
  );
  const records = probes.map((p) => p.record);
  const errors = probes.flatMap((p) => (p.error ? [p.error] : []));
  const facts = { addresses: addresses.map((a) => a.address), connections: records };
  if (errors.length === 0) {
    const list = records.map((r) => `${formatEndpoint(r.address, r.port)} (${r.durationMs} ms)`).join(", ");
    return { status: "pass", message: `connected to ${list}`, ...facts };
  }
  const share = records.length > 1 ? ` (${errors.length} of ${records.length} addresses failed)` : "";
  const first = errors[0];
  return { status: "fail", message: `${first.message}${share}`, code: first.code, layer: first.layer, ...facts };
}
