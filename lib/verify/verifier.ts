/**
 * Runs the checks, in order, for each target: dns → tcp → tls (https only) → models → chat →
 * stream. A failed dns, tcp or tls check skips everything after it for that target (no request is
 * sent: not to a public address, not over a connection whose certificate failed); a failed chat
 * skips stream. Every check is timed; the whole run is bounded by one deadline.
 */
import { isPrivateAddress } from "./addresses";
import { type ApiOutcome, checkChat, checkModels, checkStream } from "./api-checks";
import { formatEndpoint, probeTcp, probeTls } from "./connect";
import { Deadline } from "./deadline";
import { DnsError, type VerifyError, VerifyErrorCode, asVerifyError } from "./errors";
import { type ResolvedOptions, type ResolvedTarget, resolveOptions } from "./options";
import { createRedactor, redactValue } from "./redact";
import { type ResolvedAddress, resolveHost } from "./resolve";
import type { CertificateRecord, CheckName, CheckResult, ConnectionRecord, Usage, VerifyOptions, VerifyReport } from "./types";

type Outcome = Omit<CheckResult, "name" | "target" | "durationMs">;

/**
 * Verifies one or more DashScope base URLs and returns the report. Throws a VerifyConfigError
 * (before sending anything) when the options are invalid; every other fault is a check result.
 */
export async function verifyDeployment(options: VerifyOptions): Promise<VerifyReport> {
  const opts = resolveOptions(options);
  const redact = createRedactor(opts.apiKey);
  const startedAt = new Date();
  const deadline = new Deadline(opts.timeoutMs);
  const checks: CheckResult[] = [];
  const emit = (check: CheckResult) => {
    const clean = redactValue(check, redact);
    checks.push(clean);
    opts.onCheck?.(clean);
  };
  try {
    for (const target of opts.targets) await verifyTarget(target, opts, deadline, emit);
  } finally {
    deadline.dispose();
  }
  return redactValue(buildReport(opts, checks, startedAt), redact);
}

function errorOutcome(err: unknown, extra: Partial<Outcome> = {}): Outcome {
  const e = asVerifyError(err);
  return { status: "fail", message: e.message, code: e.code, layer: e.layer, ...extra };
}

async function verifyTarget(
  target: ResolvedTarget,
  opts: ResolvedOptions,
  deadline: Deadline,
  emit: (check: CheckResult) => void,
): Promise<void> {
  let blocked: string | undefined;
  let addresses: readonly ResolvedAddress[] = [];

  const run = async (name: CheckName, body: () => Promise<Outcome>, skipReason?: string): Promise<Outcome> => {
    const reason = blocked ?? skipReason ?? (deadline.expired ? "the overall deadline had passed" : undefined);
    if (reason) {
      const skipped: Outcome = { status: "skip", message: reason };
      emit(result(name, target.baseUrl, 0, skipped));
      return skipped;
    }
    const started = Date.now();
    let outcome: Outcome;
    try {
      outcome = await deadline.race(body());
    } catch (err) {
      outcome = errorOutcome(deadline.expired ? deadline.error() : err);
    }
    emit(result(name, target.baseUrl, Date.now() - started, outcome));
    if (outcome.code === VerifyErrorCode.TIMEOUT_DEADLINE) blocked = "the overall deadline had passed";
    return outcome;
  };

  const dns = await run("dns", async () => {
    const found = await resolveHost(target.hostname, {
      servers: opts.dnsServers,
      timeoutMs: Math.min(opts.dnsTimeoutMs, deadline.remaining()),
    });
    addresses = found.addresses;
    return judgeAddresses(target, opts, found.chain, found.addresses, found.resolver);
  });
  if (dns.status === "fail") blocked ??= `dns failed: nothing was sent to ${target.hostname}`;

  const tcp = await run("tcp", () => probeAll(addresses, target.port, (a) => probeTcp(a, Math.min(opts.connectTimeoutMs, deadline.remaining()))));
  if (tcp.status === "fail") blocked ??= "tcp failed: no request was sent";

  const tlsCheck = await run(
    "tls",
    async () => {
      let certificate: CertificateRecord | undefined;
      const outcome = await probeAll(addresses, target.port, async (a) => {
        certificate = await probeTls(a, target.hostname, opts.trust, Math.min(opts.connectTimeoutMs, deadline.remaining()));
      });
      if (outcome.status !== "pass") return outcome;
      const who = certificate?.subject ? `certificate for ${certificate.subject}` : "certificate";
      return {
        ...outcome,
        certificate,
        message: `${who} issued by ${certificate?.issuer ?? "?"} verified for ${target.hostname} on ${addresses.length} address(es) (${certificate?.protocol ?? "TLS"})`,
      };
    },
    target.https ? undefined : "plain http target: no TLS",
  );
  if (tlsCheck.status === "fail") blocked ??= "tls failed: no request was sent";

  const api = {
    http: {
      hostname: target.hostname,
      port: target.port,
      addresses,
      trust: target.https ? opts.trust : undefined,
      connectTimeoutMs: opts.connectTimeoutMs,
      headersTimeoutMs: opts.headersTimeoutMs,
      idleTimeoutMs: opts.idleTimeoutMs,
      deadline,
    },
    baseUrl: target.baseUrl,
    apiKey: opts.apiKey,
    model: opts.model,
    maxCompletionTokens: opts.maxCompletionTokens,
    retryAfterCapMs: opts.retryAfterCapMs,
  };
  await run("models", async () => apiOutcome(await checkModels(api)));
  const chat = await run("chat", async () => apiOutcome(await checkChat(api)));
  await run(
    "stream",
    async () => apiOutcome(await checkStream(api)),
    !opts.stream ? "--no-stream" : chat.status === "fail" ? "chat failed" : undefined,
  );
}

/** A check result with the documented fields first: name, target, status, durationMs, message. */
function result(name: CheckName, target: string, durationMs: number, outcome: Outcome): CheckResult {
  const { status, message, ...rest } = outcome;
  return { name, target, status, durationMs, message, ...rest };
}

function apiOutcome(o: ApiOutcome): Outcome {
  const { error, ...rest } = o;
  return { ...rest, code: error?.code, layer: error?.layer };
}

function judgeAddresses(
  target: ResolvedTarget,
  opts: ResolvedOptions,
  chain: readonly string[],
  found: readonly ResolvedAddress[],
  resolver: string,
): Outcome {
  const list = found.map((a) => a.address);
  const facts = { chain, addresses: list, resolver };
  const path = `${chain.join(" → ")} → ${list.join(", ")}`;
  const expected = target.expectedIps;
  const unexpected = expected ? list.filter((a) => !expected.includes(a)) : [];
  if (unexpected.length > 0) {
    const err = new DnsError(
      VerifyErrorCode.DNS_UNEXPECTED_ADDRESS,
      target.hostname,
      `${path}: ${unexpected.join(", ")} is not an endpoint IP (expected ${expected!.join(", ")})`,
      { hint: "the name does not lead to this endpoint: check the Private Zone's CNAME, and whether another zone of the same name is bound to this VPC" },
    );
    return { ...errorOutcome(err), ...facts };
  }
  const publicOnes = list.filter((a) => !isPrivateAddress(a));
  if (publicOnes.length > 0) {
    const err = new DnsError(
      VerifyErrorCode.DNS_PUBLIC_ADDRESS,
      target.hostname,
      `${path}: ${publicOnes.join(", ")} is not a private address${opts.allowPublicAddress ? "" : "; nothing was sent"}`,
      {
        hint: "the public record answered: the Private Zone is not bound to this VPC (or to its region), or the runner does not use the VPC's DNS",
      },
    );
    return opts.allowPublicAddress
      ? { status: "warn", message: `${err.message} (continuing: --allow-public-address)`, code: err.code, layer: err.layer, ...facts }
      : { ...errorOutcome(err), ...facts };
  }
  const count = list.length === 1 ? "1 address" : `${list.length} addresses`;
  const note = expected ? `${count}, all expected endpoint IPs` : `${count}, all private`;
  return { status: "pass", message: `${path} (${note}, via ${resolver})`, ...facts };
}

async function probeAll(
  addresses: readonly ResolvedAddress[],
  port: number,
  probe: (a: { address: string; port: number }) => Promise<void>,
): Promise<Outcome> {
  const probes = await Promise.all(
    addresses.map(async (a): Promise<{ record: ConnectionRecord; error?: VerifyError }> => {
      const started = Date.now();
      try {
        await probe({ address: a.address, port });
        return { record: { address: a.address, port, ok: true, durationMs: Date.now() - started } };
      } catch (err) {
        const error = asVerifyError(err);
        return { record: { address: a.address, port, ok: false, durationMs: Date.now() - started, code: error.code, message: error.message }, error };
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

function buildReport(opts: ResolvedOptions, checks: readonly CheckResult[], startedAt: Date): VerifyReport {
  const failed = checks.filter((c) => c.status === "fail");
  const exitCode = failed.length === 0 ? 0 : failed.every((c) => c.inconclusive) ? 3 : 1;
  const primary = opts.targets[0].baseUrl;
  const replyOf = (name: CheckName) => {
    const check = checks.find((c) => c.target === primary && c.name === name);
    return check && check.status === "pass" && check.reply !== undefined ? check.reply : null;
  };
  const used = checks.map((c) => c.usage).filter((u): u is Usage => u !== undefined);
  const usage: Usage | null = used.length
    ? {
        promptTokens: used.reduce((n, u) => n + u.promptTokens, 0),
        completionTokens: used.reduce((n, u) => n + u.completionTokens, 0),
        totalTokens: used.reduce((n, u) => n + u.totalTokens, 0),
      }
    : null;
  return {
    ok: failed.length === 0,
    exitCode,
    target: primary,
    targets: opts.targets.map((t) => t.baseUrl),
    model: opts.model,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    checks,
    reply: { chat: replyOf("chat"), stream: replyOf("stream") },
    usage,
  };
}
