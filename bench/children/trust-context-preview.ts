/**
 * A preview of a verifier fix, preloaded (`node -r`) into `dashscope-verify` by one bench case only;
 * nothing else loads it and lib/ is unchanged.
 *
 * `dashscope-verify` passes its trust store as `ca` (Node's 144 root certificates plus the --ca
 * extras, as PEM) to each of its four TLS connections (the tls probe and the models, chat and stream
 * agents), so Node builds a new SecureContext and parses every certificate four times: about a
 * third of the run's CPU (see the Performance notes). This preload turns each such `tls.connect`
 * into one with a `secureContext` built once per process: Node's default root store plus the
 * extras. The same roots and extras verify the same certificates; verification stays on.
 */
const tls = require("node:tls") as typeof import("node:tls");

const roots = new Set(tls.rootCertificates);
const connect = tls.connect;
let shared: { key: string; context: import("node:tls").SecureContext } | undefined;

function contextFor(ca: readonly string[]): import("node:tls").SecureContext {
  const extras = ca.filter((pem) => !roots.has(pem));
  const key = `${ca.length - extras.length}|${extras.join("\n")}`;
  if (shared?.key !== key) {
    const context = tls.createSecureContext();
    // What `ca` does for each certificate, on top of the default store instead of an empty one.
    for (const pem of extras) (context as unknown as { context: { addCACert(pem: string): void } }).context.addCACert(pem);
    shared = { key, context };
  }
  return shared.context;
}

(tls as { connect: unknown }).connect = function (this: unknown, ...args: unknown[]) {
  const options = args.find((a): a is import("node:tls").ConnectionOptions => typeof a === "object" && a !== null);
  // Only a trust store that holds every root certificate (the verifier's) is swapped.
  if (options && Array.isArray(options.ca) && !options.secureContext && options.ca.length > roots.size && tls.rootCertificates.every((r, i) => (options.ca as unknown[])[i] === r)) {
    options.secureContext = contextFor(options.ca as string[]);
    delete options.ca;
  }
  return (connect as (...a: unknown[]) => unknown).apply(this, args);
};

export {};
