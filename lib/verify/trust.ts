/**
 * The trust store of a run: Node's default store (its bundled root CAs plus NODE_EXTRA_CA_CERTS)
 * and the `--ca` extras, built once as a SecureContext and shared by the tls probe and every https
 * request.
 *
 * Passing the store as `ca` instead makes Node parse all ~145 certificates into a fresh context on
 * every connection (15-20 ms each; a third of a run's CPU, see README "Performance"). Verification is
 * the same either way and is never disabled.
 */
import * as fs from "node:fs";
import * as tls from "node:tls";

interface NativeContext {
  addCACert?(pem: string): void;
}

/**
 * The NODE_EXTRA_CA_CERTS certificates (PEM) that Node put into its default store at start-up.
 * Node 22.15+ says which; before, the file is read again (an unreadable one Node ignored as well).
 */
function nodeExtraCas(): string[] {
  const getCACertificates = (tls as { getCACertificates?: (type: "extra") => string[] }).getCACertificates;
  if (typeof getCACertificates === "function") return getCACertificates("extra");
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  let bundle: string;
  try {
    bundle = fs.readFileSync(file, "utf8");
  } catch {
    return [];
  }
  // Often the system bundle, which mostly repeats Node's bundled roots: keep only the others, so
  // they are parsed once more instead of ~150 (about 5 ms against 17 ms).
  const key = (pem: string) => pem.replace(/\s+/g, "");
  const bundled = new Set(tls.rootCertificates.map(key));
  return (bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).filter((pem) => !bundled.has(key(pem)));
}

/** One SecureContext trusting the default store plus `extraCas` (PEM). */
export function createTrust(extraCas: readonly string[] = []): tls.SecureContext {
  const context = tls.createSecureContext();
  if (extraCas.length === 0) return context;
  const native = (context as unknown as { context?: NativeContext }).context;
  if (typeof native?.addCACert === "function") {
    // What the `ca` option does per certificate, on top of the default store instead of an empty
    // one. The first call gives the context its own copy of the store, and Node's copy holds the
    // bundled roots only: the NODE_EXTRA_CA_CERTS ones are added back (a duplicate is a no-op).
    for (const pem of [...nodeExtraCas(), ...extraCas]) native.addCACert(pem);
    return context;
  }
  // A runtime without the native method: the documented way, parsed once per run.
  return tls.createSecureContext({ ca: [...tls.rootCertificates, ...nodeExtraCas(), ...extraCas] });
}
