/**
 * A warning that an attacker can trigger (a dropped connection, a forged request) is written at
 * once the first time, then counted: repeats within the next second are written as one line
 * with their count. The log shows the flood without becoming one.
 */
import type { Logger } from "./logger.ts";

export class ThrottledLog {
  /** Message → fields of its first occurrence and repeats not yet written. */
  private readonly recent = new Map<string, { fields: object; repeats: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: Logger,
    private readonly everyMs = 1000,
  ) {}

  warn(fields: object, message: string): void {
    const seen = this.recent.get(message);
    if (seen) {
      seen.repeats += 1;
      return;
    }
    this.log.warn(fields, message);
    this.recent.set(message, { fields, repeats: 0 });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.everyMs).unref();
  }

  /** Writes the repeats counted and not yet written. */
  flush(): void {
    for (const [message, { fields, repeats }] of this.recent) {
      if (repeats > 0) this.log.warn({ ...fields, count: repeats }, `${message} (repeated)`);
    }
    this.recent.clear();
  }
}
