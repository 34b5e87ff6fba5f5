/**
 * The requests being answered right now, from arrival to delivered reply: what a clean shutdown
 * waits for. Adapters wrap each request's whole handling in `track`; once `close` is called the
 * router turns new requests away with a short "restarting" reply instead of starting new work.
 */

import { type Reply, reply } from "./reply.ts";
import type { RequestGuard } from "./router.ts";

export class InFlight implements RequestGuard {
  private count = 0;
  private closed = false;
  private readonly waiters = new Set<() => void>();

  /** Requests still being answered. */
  get size(): number {
    return this.count;
  }

  /** True once shutdown has begun: no new work starts. */
  get closing(): boolean {
    return this.closed;
  }

  /** Counts `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.count += 1;
    const done = () => {
      this.count -= 1;
      if (this.count === 0) for (const wake of [...this.waiters]) wake();
    };
    work.then(done, done);
    return work;
  }

  /** Stops new work: from now on the router answers every request with `restartingReply`. */
  close(): void {
    this.closed = true;
  }

  /** Resolves true once nothing is in flight, or false after `timeoutMs` with work left. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (value: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(value);
      };
      const wake = () => finish(true);
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.add(wake);
    });
  }

  before(): Reply | undefined {
    return this.closed ? restartingReply() : undefined;
  }
}

export function restartingReply(): Reply {
  return reply({
    kind: "usage",
    title: "Restarting",
    lead: "The bot is restarting and takes no new questions for a moment. Please ask again in a few seconds.",
  });
}
