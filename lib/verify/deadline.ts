/**
 * The run's overall deadline, on the platform's primitives: an `AbortSignal.timeout` that aborts
 * whatever is in flight when it passes, and the abortable `timers/promises` sleep for the retry
 * wait. (A step bounded by a shorter timeout as well combines the two with `AbortSignal.any`, as
 * the dns check's system-resolver wait does.)
 */
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { TimeoutError } from "./errors";

/** @internal */
export class Deadline {
  public readonly timeoutMs: number;
  public readonly at: number;
  /** Aborts when the deadline passes. */
  public readonly signal: AbortSignal;

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
    this.at = Date.now() + timeoutMs;
    this.signal = AbortSignal.timeout(timeoutMs);
  }

  public get expired(): boolean {
    return this.signal.aborted || Date.now() >= this.at;
  }

  /** Milliseconds left (0 once passed). */
  public remaining(): number {
    return Math.max(0, this.at - Date.now());
  }

  /** The error a step reports when the deadline cut it short. */
  public error(): TimeoutError {
    return new TimeoutError("deadline", this.timeoutMs, `the overall deadline of ${this.timeoutMs} ms passed`, {
      hint: "raise `timeoutMs`, or look at the step that was slow",
    });
  }

  public throwIfExpired(): void {
    if (this.expired) throw this.error();
  }

  /** Waits `ms`, or less when the deadline passes first. */
  public async sleep(ms: number): Promise<void> {
    if (this.expired || ms <= 0) return;
    await sleep(ms, undefined, { signal: this.signal }).catch(() => undefined);
  }
}

/**
 * @internal Settles like `work`, or rejects with `onAbort()` as soon as `signal` aborts (for work
 * that cannot be cancelled itself, such as getaddrinfo).
 */
export async function untilAborted<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    throw onAbort();
  }
  const stop = new AbortController();
  try {
    return await Promise.race([
      work,
      once(signal, "abort", { signal: stop.signal }).then(() => {
        throw onAbort();
      }),
    ]);
  } finally {
    stop.abort();
  }
}
