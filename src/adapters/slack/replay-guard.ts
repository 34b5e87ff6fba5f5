/**
 * Refuses a signed Slack request seen before. A signature covers the timestamp and the body, so
 * a captured request can be sent again unchanged for as long as its timestamp is accepted (five
 * minutes either side): each signature is remembered until then, and a second one is a replay.
 * Only signatures that verified are remembered, so a flood of forged requests costs no memory.
 */

/** How far a request's timestamp may be from our clock, either way (Slack's own rule is 5 min). */
export const TIMESTAMP_WINDOW_S = 5 * 60;

export class ReplayGuard {
  private readonly expiryOf = new Map<string, number>();
  /** Second at which entries expire → their signatures, so expired ones go without a scan. */
  private readonly bySecond = new Map<number, string[]>();

  constructor(private readonly nowS: () => number = () => Math.floor(Date.now() / 1000)) {}

  /** True the first time a signature is offered within its window; false for a replay. */
  firstSeen(signature: string, timestampS: number): boolean {
    const now = this.nowS();
    this.forgetExpired(now);
    if (this.expiryOf.has(signature)) return false;
    // Past this second the timestamp check refuses the request anyway.
    const expiry = Math.max(now, timestampS + TIMESTAMP_WINDOW_S) + 1;
    this.expiryOf.set(signature, expiry);
    const bucket = this.bySecond.get(expiry);
    if (bucket) bucket.push(signature);
    else this.bySecond.set(expiry, [signature]);
    return true;
  }

  /** Signatures remembered now (for tests and the log). */
  get size(): number {
    return this.expiryOf.size;
  }

  private forgetExpired(now: number): void {
    for (const [second, signatures] of this.bySecond) {
      if (second > now) continue;
      for (const signature of signatures) this.expiryOf.delete(signature);
      this.bySecond.delete(second);
    }
  }
}
