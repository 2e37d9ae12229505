/**
 * The run's overall deadline: an AbortSignal that fires when it passes (aborting in-flight
 * requests), a race helper so no step can outlive it (getaddrinfo cannot be cancelled), and an
 * abortable sleep for the retry wait.
 */
import { TimeoutError } from "./errors";

export class Deadline {
  public readonly timeoutMs: number;
  public readonly at: number;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
    this.at = Date.now() + timeoutMs;
    this.timer = setTimeout(() => this.controller.abort(this.error()), timeoutMs);
  }

  /** Aborts when the deadline passes. */
  public get signal(): AbortSignal {
    return this.controller.signal;
  }

  public get expired(): boolean {
    return this.controller.signal.aborted || Date.now() >= this.at;
  }

  /** Milliseconds left (0 once passed). */
  public remaining(): number {
    return Math.max(0, this.at - Date.now());
  }

  /** The error a step reports when the deadline cut it short. */
  public error(): TimeoutError {
    return new TimeoutError("deadline", this.timeoutMs, `the overall deadline of ${this.timeoutMs} ms passed`, {
      hint: "raise --timeout-ms, or look at the step that was slow",
    });
  }

  public throwIfExpired(): void {
    if (this.expired) throw this.error();
  }

  /** Settles like `work`, or rejects with the deadline error when the deadline passes first. */
  public race<T>(work: Promise<T>): Promise<T> {
    if (this.expired) {
      work.catch(() => undefined);
      return Promise.reject(this.error());
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.error());
      this.signal.addEventListener("abort", onAbort, { once: true });
      work.then(
        (value) => {
          this.signal.removeEventListener("abort", onAbort);
          resolve(value);
        },
        (err) => {
          this.signal.removeEventListener("abort", onAbort);
          reject(err);
        },
      );
    });
  }

  /** Waits `ms`, or less when the deadline passes first. */
  public sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.expired || ms <= 0) return resolve();
      const done = () => {
        clearTimeout(t);
        this.signal.removeEventListener("abort", done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.signal.addEventListener("abort", done, { once: true });
    });
  }

  /** Stops the timer (call when the run ends). */
  public dispose(): void {
    clearTimeout(this.timer);
  }
}
