/**
 * Runs the registered checks (lib/verify/checks), in order, for each target: proxy (when a proxy
 * variable applies) → dns → tcp → tls (https only) → the API checks of every selected family. A
 * failed dns, tcp or tls check skips everything after it for that target (no request is sent: not
 * to a public address, not over a connection whose certificate failed); a check whose gate failed
 * (chat for stream, ...) is skipped. Every check is timed; the whole run is bounded by one deadline.
 */
import { type ApiContext } from "./api";
import { CHECKS, type CheckName } from "./checks";
import type { CheckContext, Outcome } from "./checks/check";
import { failure } from "./checks/outcome";
import { Deadline, untilAborted } from "./deadline";
import { VerifyErrorCode } from "./errors";
import { type ResolvedOptions, type ResolvedTarget, resolveOptions } from "./options";
import { createRedactor, type Redactor, redactValue } from "./redact";
import type { CheckResult, Usage, VerifyOptions, VerifyReport } from "./types";

/** The longest message a check keeps in the report (the report's own cap). */
export const MAX_MESSAGE_CHARS = 2000;

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
  for (const target of opts.targets) await verifyTarget(target, opts, deadline, redact, emit);
  return redactValue(buildReport(opts, checks, startedAt), redact);
}

const DEADLINE_PASSED = "the overall deadline had passed";

async function verifyTarget(
  target: ResolvedTarget,
  opts: ResolvedOptions,
  deadline: Deadline,
  redact: Redactor,
  emit: (check: CheckResult) => void,
): Promise<void> {
  const outcomes = new Map<string, Outcome>();
  let blocked: string | undefined;
  const ctx: CheckContext = {
    target,
    opts,
    deadline,
    redact,
    addresses: [],
    outcome: (name) => outcomes.get(name),
    api: (): ApiContext => ({
      http: {
        hostname: target.hostname,
        port: target.port,
        addresses: ctx.addresses,
        trust: target.https ? opts.trust : undefined,
        connectTimeoutMs: opts.connectTimeoutMs,
        headersTimeoutMs: opts.headersTimeoutMs,
        idleTimeoutMs: opts.idleTimeoutMs,
        deadline,
      },
      origin: target.origin,
      baseUrl: target.baseUrl,
      apiKey: opts.apiKey,
      model: opts.model,
      embeddingModel: opts.embeddingModel,
      maxCompletionTokens: opts.maxCompletionTokens,
      retryAfterCapMs: opts.retryAfterCapMs,
      redact,
    }),
  };

  for (const check of CHECKS) {
    const selected = check.family ? opts.apis.includes(check.family) : check.applies ? check.applies(opts, target) : true;
    if (!selected) continue;
    const gate = check.needs.find((name) => {
      const s = outcomes.get(name)?.status;
      return s === "fail" || s === "skip";
    });
    const reason = blocked ?? (deadline.expired ? DEADLINE_PASSED : undefined) ?? check.skip?.(ctx) ?? (gate ? `${gate} failed` : undefined);
    let outcome: Outcome;
    const started = Date.now();
    if (reason) outcome = { status: "skip", message: reason };
    else {
      try {
        outcome = await untilAborted(check.run(ctx), deadline.signal, () => deadline.error());
      } catch (err) {
        outcome = failure(deadline.expired ? deadline.error() : err);
      }
    }
    outcomes.set(check.name, outcome);
    emit(result(check.name, target.baseUrl, reason ? 0 : Date.now() - started, outcome, redact));
    if (outcome.code === VerifyErrorCode.TIMEOUT_DEADLINE) blocked ??= DEADLINE_PASSED;
    if (outcome.status === "fail" && check.gate) blocked ??= check.gate(target);
  }
}

/**
 * @internal A check result with the documented fields first: name, target, status, durationMs,
 * message. The message is redacted before it is capped: a cut cannot keep part of the key that the
 * whole-key search would have found.
 */
export function result(name: CheckName, target: string, durationMs: number, outcome: Outcome, redact: Redactor): CheckResult {
  const { status, message: raw, connections, ...rest } = outcome;
  const message = redact(raw);
  const capped = message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}… (truncated)` : message;
  const records = connections?.map((c) => {
    const { cause: _cause, ...keep } = c as typeof c & { cause?: string };
    return keep;
  });
  return { name, target, status, durationMs, message: capped, ...rest, ...(records ? { connections: records } : {}) };
}

function buildReport(opts: ResolvedOptions, checks: readonly CheckResult[], startedAt: Date): VerifyReport {
  const failed = checks.filter((c) => c.status === "fail");
  const exitCode = failed.length === 0 ? 0 : failed.every((c) => c.inconclusive) ? 3 : 1;
  const primary = opts.targets[0].baseUrl;
  const replyOf = (name: CheckName) => {
    const check = checks.find((c) => c.target === primary && c.name === name);
    return check && (check.status === "pass" || check.status === "warn") && check.reply !== undefined ? check.reply : null;
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
    apis: opts.apis,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    checks,
    reply: { chat: replyOf("chat"), stream: replyOf("stream") },
    usage,
  };
}
