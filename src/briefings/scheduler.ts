/**
 * Posts briefings when they come due. A croner job wakes it at the top of every minute (and
 * once at start, to catch up after downtime); each wake-up reads the due subscriptions from
 * SQLite, so subscriptions made by any process on the same file are seen.
 *
 * Each due time is claimed in SQLite before it is posted (see SqliteSubscriptions.claim), so it
 * is posted at most once, across restarts and processes. After downtime only the newest missed
 * due time counts: within BRIEFING_GRACE_MINUTES it is posted with a note saying it is late;
 * older, it is skipped and logged. A channel the platform refuses is marked unreachable and
 * reported (log, /briefing list); it is not tried again. Any other failure loses that one post
 * and the next due time tries afresh: there is no retry loop.
 */

import { Cron } from "croner";
import { type ChannelDelivery, ChannelUnreachableError } from "../core/delivery.ts";
import { describeFailure } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import type { Reply } from "../core/reply.ts";
import type { Subscription } from "../core/services.ts";
import type { Knowledge } from "../knowledge/knowledge.ts";
import type { SqliteSubscriptions } from "../storage/subscriptions.ts";
import { composeBriefing, requireTopic } from "./compose.ts";
import { nextDue } from "./schedule.ts";
import { timeInZone } from "./timezone.ts";

/** Later than this is "late" and says so; the minute tick itself is never this late. */
export const LATE_NOTE_AFTER_MS = 2 * 60_000;
/** A claim older than this that never finished belongs to a process that stopped. */
const STALE_CLAIM_MS = 10 * 60_000;
/** How many missed due times one wake-up walks through for one subscription. */
const MAX_WALK = 10_000;

export interface SchedulerOptions {
  subscriptions: SqliteSubscriptions;
  deliveries: readonly ChannelDelivery[];
  /** A getter: a knowledge reload is used by the next briefing. */
  knowledge: () => Knowledge;
  log: Logger;
  /** BRIEFING_GRACE_MINUTES. */
  graceMinutes: number;
  now?: () => Date;
}

export type Outcome = "sent" | "late" | "skipped" | "failed" | "unreachable";

export interface TickResult {
  subscriptionId: number;
  dueAt: Date;
  outcome: Outcome;
  /** The briefing as posted (sent, late), for the tests and the log. */
  reply?: Reply;
  detail?: string;
}

export class BriefingScheduler {
  private readonly byPlatform: Map<string, ChannelDelivery>;
  private readonly now: () => Date;
  private readonly graceMs: number;
  private job: Cron | undefined;
  private running: Promise<TickResult[]> | undefined;

  constructor(private readonly options: SchedulerOptions) {
    this.byPlatform = new Map(options.deliveries.map((d) => [d.platform, d]));
    this.now = options.now ?? (() => new Date());
    this.graceMs = options.graceMinutes * 60_000;
  }

  /**
   * Marks the posts the last stop cut short (so they are not posted again), then catches up once
   * and wakes at the top of every minute until stopped. Never rejects: a storage fault is logged.
   */
  async start(): Promise<void> {
    if (this.job) return;
    const { log } = this.options;
    this.job = new Cron("* * * * *", { unref: true, protect: true }, () => this.wake());
    log.info(
      { platforms: [...this.byPlatform.keys()], graceMinutes: this.options.graceMinutes },
      "briefing scheduler started",
    );
    await this.markInterrupted().catch((error: unknown) =>
      log.error(
        { err: describeFailure(error) },
        "briefing scheduler: could not check for interrupted posts",
      ),
    );
    // The catch-up runs once start-up has finished (the console prints its greeting first).
    setImmediate(() => this.wake());
  }

  private async markInterrupted(): Promise<void> {
    const stale = new Date(this.now().getTime() - STALE_CLAIM_MS);
    for (const run of await this.options.subscriptions.interrupted(stale)) {
      this.options.log.warn(
        { subscription: run.subscriptionId, dueAt: run.dueAt.toISOString() },
        "briefing: a post was cut short by a stop; it is not sent again",
      );
    }
  }

  /** Stops waking and waits for a wake-up in progress to finish its posts. */
  async stop(): Promise<void> {
    this.job?.stop();
    this.job = undefined;
    await this.running?.catch(() => undefined);
  }

  private wake(): void {
    if (!this.job) return; // stopped
    this.tick().catch((error: unknown) =>
      this.options.log.error(
        { err: describeFailure(error) },
        "briefing scheduler: a wake-up failed",
      ),
    );
  }

  /** Posts what is due at `now`; one wake-up at a time (a second call waits for the first). */
  async tick(now?: Date): Promise<TickResult[]> {
    while (this.running) await this.running.catch(() => undefined);
    const work = this.runDue(now ?? this.now());
    this.running = work;
    try {
      return await work;
    } finally {
      this.running = undefined;
    }
  }

  private async runDue(now: Date): Promise<TickResult[]> {
    const { subscriptions } = this.options;
    const results: TickResult[] = [];
    const platforms = this.options.deliveries.map((d) => d.platform);
    for (const subscription of await subscriptions.due(platforms, now)) {
      try {
        const result = await this.runOne(subscription, now);
        if (result) results.push(result);
      } catch (error) {
        // A storage fault for one subscription (busy, full) is no reason to skip the others.
        this.options.log.error(
          { subscription: subscription.id, err: describeFailure(error) },
          "briefing: could not be claimed or recorded; the next wake-up tries again",
        );
      }
    }
    return results;
  }

  private async runOne(subscription: Subscription, now: Date): Promise<TickResult | undefined> {
    const { subscriptions, log } = this.options;
    const first = subscription.nextDueAt;
    if (!first) return undefined;
    // The newest due time that has come; the ones before it were missed while nobody ran.
    let dueAt = first;
    let missed = 0;
    let next = nextDue(subscription.cron, subscription.timezone, dueAt);
    while (next && next.getTime() <= now.getTime() && missed < MAX_WALK) {
      dueAt = next;
      missed += 1;
      next = nextDue(subscription.cron, subscription.timezone, dueAt);
    }
    const lateMs = now.getTime() - dueAt.getTime();
    const where = { subscription: subscription.id, platform: subscription.platform };
    if (missed > 0) {
      log.warn(
        { ...where, missed, since: first.toISOString() },
        "briefing: earlier due times passed while the bot was not running; they are not posted",
      );
    }
    if (lateMs > this.graceMs) {
      const detail = `missed by ${Math.round(lateMs / 60_000)} min (grace ${this.options.graceMinutes} min)`;
      const claimed = await subscriptions.claim({
        subscription,
        dueAt,
        next,
        status: "skipped",
        lateMs,
        detail,
      });
      if (!claimed) return undefined;
      log.warn({ ...where, dueAt: dueAt.toISOString(), lateMs }, `briefing skipped: ${detail}`);
      return { subscriptionId: subscription.id, dueAt, outcome: "skipped", detail };
    }
    if (!(await subscriptions.claim({ subscription, dueAt, next, status: "sending", lateMs }))) {
      return undefined; // another wake-up or process has it
    }
    return this.post(subscription, dueAt, lateMs);
  }

  private async post(subscription: Subscription, dueAt: Date, lateMs: number): Promise<TickResult> {
    const { subscriptions, log } = this.options;
    const where = { subscription: subscription.id, platform: subscription.platform };
    const done = (outcome: Outcome, detail?: string, reply?: Reply): TickResult => ({
      subscriptionId: subscription.id,
      dueAt,
      outcome,
      ...(detail ? { detail } : {}),
      ...(reply ? { reply } : {}),
    });
    let briefing: Reply;
    try {
      const knowledge = this.options.knowledge();
      briefing = withScheduleNote(
        composeBriefing(knowledge, requireTopic(knowledge, subscription.topic)),
        subscription,
        dueAt,
        lateMs,
      );
    } catch (error) {
      const detail = (error as Error).message;
      await subscriptions.finish(subscription.id, dueAt, "failed", detail);
      log.warn({ ...where, err: describeFailure(error) }, "briefing could not be written");
      return done("failed", detail);
    }
    const delivery = this.byPlatform.get(subscription.platform);
    try {
      if (!delivery) throw new Error(`no ${subscription.platform} connection`);
      await delivery.post(subscription, briefing);
    } catch (error) {
      if (error instanceof ChannelUnreachableError) {
        await subscriptions.finish(subscription.id, dueAt, "unreachable", error.reason);
        await subscriptions.markUnreachable(subscription.id, error.reason);
        log.warn(
          { ...where, channel: subscription.channelId, reason: error.reason },
          "briefing: the channel cannot be reached; the subscription is paused (see /briefing list)",
        );
        return done("unreachable", error.reason);
      }
      const detail = (error as Error).message ?? String(error);
      await subscriptions.finish(subscription.id, dueAt, "failed", detail);
      log.error(
        { ...where, err: describeFailure(error) },
        "briefing could not be posted; the next due time will try again",
      );
      return done("failed", detail);
    }
    const late = lateMs > LATE_NOTE_AFTER_MS;
    await subscriptions.finish(
      subscription.id,
      dueAt,
      "sent",
      late ? `late by ${lateMs} ms` : undefined,
    );
    log.info({ ...where, dueAt: dueAt.toISOString(), lateMs }, "briefing posted");
    return done(late ? "late" : "sent", undefined, briefing);
  }
}

/** The scheduled briefing: how to stop it, and a note when it is late. */
export function withScheduleNote(
  briefing: Reply,
  subscription: Subscription,
  dueAt: Date,
  lateMs: number,
): Reply {
  const due = `${timeInZone(dueAt, subscription.timezone)} ${subscription.timezone}`;
  const late =
    lateMs > LATE_NOTE_AFTER_MS
      ? `Posted late: this briefing was due at ${due}, ${describeMinutes(lateMs)} ago, while the bot was offline. `
      : "";
  return {
    ...briefing,
    lead: `${late}${briefing.lead ?? ""}`.trim(),
    suggestions: [`/briefing unsubscribe ${subscription.id}`, "/briefing list"],
  };
}

function describeMinutes(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
