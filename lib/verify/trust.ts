/**
 * The trust store of a run: Node's root CAs (plus NODE_EXTRA_CA_CERTS) and the `--ca` extras, built
 * once as a SecureContext and shared by the tls probe and every https request.
 *
 * Passing the store as `ca` instead makes Node parse all ~145 certificates into a fresh context on
 * every connection (15-20 ms each; a third of a run's CPU, see README "Performance"). Verification is
 * the same either way and is never disabled.
 */
import * as tls from "node:tls";

interface NativeContext {
  addCACert?(pem: string): void;
}

/** One SecureContext trusting the default roots plus `extraCas` (PEM). */
export function createTrust(extraCas: readonly string[] = []): tls.SecureContext {
  const context = tls.createSecureContext();
  const native = (context as unknown as { context?: NativeContext }).context;
  if (extraCas.length === 0) return context;
  if (typeof native?.addCACert === "function") {
    // What the `ca` option does per certificate, on top of the default store instead of an empty one.
    for (const pem of extraCas) native.addCACert(pem);
    return context;
  }
  // A runtime without the native method: the documented way, parsed once per run.
  return tls.createSecureContext({ ca: [...tls.rootCertificates, ...extraCas] });
}
