/**
 * The requests being answered right now, from arrival to delivered reply: what a clean shutdown
 * waits for. Adapters wrap each request's whole handling in `track`; once `close` is called the
 * router turns new requests away with a short "restarting" reply instead of starting new work.
 *
 * One request may be tracked in pieces (the Slack HTTP receiver holds the exchange from its first
 * byte, the listener holds the reply until delivered): pieces passing the same `request` key count
 * once, so the size a shutdown logs is the number of people waiting, not of promises.
 */

import { type Reply, reply } from "./reply.ts";
import type { RequestGuard } from "./router.ts";

export class InFlight implements RequestGuard {
  /** Each request in flight → how many of its pieces are still running. */
  private readonly pieces = new Map<object, number>();
  private closed = false;
  private readonly closeListeners: (() => void)[] = [];
  private readonly waiters = new Set<() => void>();

  /** Requests still being answered. */
  get size(): number {
    return this.pieces.size;
  }

  /** True once shutdown has begun: no new work starts. */
  get closing(): boolean {
    return this.closed;
  }

  /** Counts `work` until it settles, as part of `request` (by default a request of its own). */
  track<T>(work: Promise<T>, request: object = {}): Promise<T> {
    this.pieces.set(request, (this.pieces.get(request) ?? 0) + 1);
    const done = () => {
      const left = (this.pieces.get(request) ?? 1) - 1;
      if (left > 0) this.pieces.set(request, left);
      else this.pieces.delete(request);
      if (this.pieces.size === 0) for (const wake of [...this.waiters]) wake();
    };
    work.then(done, done);
    return work;
  }

  /** Stops new work: from now on the router answers every request with `restartingReply`. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners) listener();
  }

  /** Runs `listener` when shutdown begins (a server stops accepting connections then). */
  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  /** Resolves true once nothing is in flight, or false after `timeoutMs` with work left. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.pieces.size === 0) return Promise.resolve(true);
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
