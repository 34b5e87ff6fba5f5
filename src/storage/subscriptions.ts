/**
 * Briefing subscriptions and their runs on SQLite. Every write is one statement or one
 * transaction, committed before the method returns: what a person was told is stored, is.
 *
 * A due time is claimed (the subscription's next due time moved on and a run row written, in one
 * transaction, only if no one else moved it first) before the briefing is posted. A crash after
 * the claim loses that one post; it never posts it twice.
 */
import type { Platform } from "../core/command.ts";
import type {
  ChannelRef,
  NewSubscription,
  Subscription,
  SubscriptionStatus,
  SubscriptionStore,
} from "../core/services.ts";
import type { Db } from "./database.ts";

interface Row {
  id: number;
  platform: Platform;
  workspace_id: string | null;
  channel_id: string;
  topic: string;
  schedule: string;
  cron: string;
  timezone: string;
  created_at: number;
  next_due_at: number | null;
  status: SubscriptionStatus;
  status_reason: string | null;
}

function toSubscription(row: Row): Subscription {
  return {
    id: row.id,
    platform: row.platform,
    ...(row.workspace_id !== null ? { workspaceId: row.workspace_id } : {}),
    channelId: row.channel_id,
    topic: row.topic,
    schedule: row.schedule,
    cron: row.cron,
    timezone: row.timezone,
    createdAt: new Date(row.created_at),
    ...(row.next_due_at !== null ? { nextDueAt: new Date(row.next_due_at) } : {}),
    status: row.status,
    ...(row.status_reason !== null ? { statusReason: row.status_reason } : {}),
  };
}

export type RunStatus = "sending" | "sent" | "skipped" | "failed" | "unreachable" | "interrupted";

export interface BriefingRun {
  subscriptionId: number;
  dueAt: Date;
  status: RunStatus;
  lateMs: number;
  detail?: string | undefined;
}

export interface Claim {
  subscription: Subscription;
  dueAt: Date;
  /** The due time after this one, or null when the schedule has no more. */
  next: Date | null;
  /** "sending" to post now; "skipped" when it is past the grace window. */
  status: "sending" | "skipped";
  lateMs: number;
  detail?: string;
}

const CHANNEL = "platform = @platform AND channel_id = @channelId AND workspace_id IS @workspaceId";

export class SqliteSubscriptions implements SubscriptionStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  add(s: NewSubscription): Subscription {
    const createdAt = this.now().getTime();
    const row = this.db
      .prepare(
        `INSERT INTO subscriptions
           (platform, workspace_id, channel_id, topic, schedule, cron, timezone, created_by, created_at, next_due_at)
         VALUES (@platform, @workspaceId, @channelId, @topic, @schedule, @cron, @timezone, @createdBy, @createdAt, @nextDueAt)
         RETURNING *`,
      )
      .get({
        ...channelParams(s),
        topic: s.topic,
        schedule: s.schedule,
        cron: s.cron,
        timezone: s.timezone,
        createdBy: s.createdBy,
        createdAt,
        nextDueAt: s.nextDueAt?.getTime() ?? null,
      }) as Row;
    return toSubscription(row);
  }

  forChannel(channel: ChannelRef): Subscription[] {
    const rows = this.db
      .prepare(`SELECT * FROM subscriptions WHERE ${CHANNEL} AND status != 'removed' ORDER BY id`)
      .all(channelParams(channel)) as Row[];
    return rows.map(toSubscription);
  }

  get(id: number): Subscription | undefined {
    const row = this.db.prepare("SELECT * FROM subscriptions WHERE id = ?").get(id) as
      | Row
      | undefined;
    return row ? toSubscription(row) : undefined;
  }

  remove(channel: ChannelRef, id: number): boolean {
    const result = this.db
      .prepare(
        `UPDATE subscriptions SET status = 'removed', status_at = @at
         WHERE id = @id AND ${CHANNEL} AND status != 'removed'`,
      )
      .run({ ...channelParams(channel), id, at: this.now().getTime() });
    return result.changes === 1;
  }

  removeAll(channel: ChannelRef): number {
    return this.db
      .prepare(
        `UPDATE subscriptions SET status = 'removed', status_at = @at
         WHERE ${CHANNEL} AND status != 'removed'`,
      )
      .run({ ...channelParams(channel), at: this.now().getTime() }).changes;
  }

  /** Active subscriptions on these platforms whose next due time has come, soonest first. */
  due(platforms: readonly Platform[], now: Date): Subscription[] {
    if (platforms.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT * FROM subscriptions
         WHERE status = 'active' AND next_due_at IS NOT NULL AND next_due_at <= ?
           AND platform IN (${platforms.map(() => "?").join(", ")})
         ORDER BY next_due_at, id`,
      )
      .all(now.getTime(), ...platforms) as Row[];
    return rows.map(toSubscription);
  }

  /**
   * Takes a due time for this process: moves the subscription on to `next` and writes the run,
   * in one transaction, only if the subscription still waits for exactly this due time. False
   * when another tick or process took it first (or it was removed meanwhile).
   */
  claim(claim: Claim): boolean {
    const { subscription, dueAt, next } = claim;
    const take = this.db.transaction(() => {
      const moved = this.db
        .prepare(
          `UPDATE subscriptions SET next_due_at = ?
           WHERE id = ? AND status = 'active' AND next_due_at = ?`,
        )
        .run(next?.getTime() ?? null, subscription.id, subscription.nextDueAt?.getTime() ?? null);
      if (moved.changes !== 1) return false;
      const now = this.now().getTime();
      const inserted = this.db
        .prepare(
          `INSERT INTO briefing_runs (subscription_id, due_at, status, late_ms, claimed_at, finished_at, detail)
           VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(
          subscription.id,
          dueAt.getTime(),
          claim.status,
          Math.max(0, Math.round(claim.lateMs)),
          now,
          claim.status === "skipped" ? now : null,
          claim.detail ?? null,
        );
      return inserted.changes === 1;
    });
    return take.immediate();
  }

  /** Moves a subscription to its next due time without a run (a due time before it existed). */
  reschedule(subscription: Subscription, next: Date | null): boolean {
    return (
      this.db
        .prepare(
          "UPDATE subscriptions SET next_due_at = ? WHERE id = ? AND status = 'active' AND next_due_at IS ?",
        )
        .run(next?.getTime() ?? null, subscription.id, subscription.nextDueAt?.getTime() ?? null)
        .changes === 1
    );
  }

  finish(subscriptionId: number, dueAt: Date, status: RunStatus, detail?: string): void {
    this.db
      .prepare(
        `UPDATE briefing_runs SET status = ?, finished_at = ?, detail = ?
         WHERE subscription_id = ? AND due_at = ?`,
      )
      .run(status, this.now().getTime(), detail ?? null, subscriptionId, dueAt.getTime());
  }

  /** Stops posting to a subscription the platform refuses; /briefing list shows why. */
  markUnreachable(subscriptionId: number, reason: string): void {
    this.db
      .prepare(
        `UPDATE subscriptions SET status = 'unreachable', status_reason = ?, status_at = ?
         WHERE id = ? AND status = 'active'`,
      )
      .run(reason.slice(0, 300), this.now().getTime(), subscriptionId);
  }

  /**
   * Runs claimed before `before` that never finished: the process stopped between the claim and
   * the post. They are marked interrupted (not posted again) and returned for the log.
   */
  interrupted(before: Date): BriefingRun[] {
    const mark = this.db.transaction(() => {
      const rows = this.db
        .prepare(
          "SELECT * FROM briefing_runs WHERE status = 'sending' AND claimed_at < ? ORDER BY due_at",
        )
        .all(before.getTime()) as RunRow[];
      this.db
        .prepare(
          "UPDATE briefing_runs SET status = 'interrupted', finished_at = ? WHERE status = 'sending' AND claimed_at < ?",
        )
        .run(this.now().getTime(), before.getTime());
      return rows;
    });
    return mark.immediate().map(toRun);
  }

  runs(subscriptionId?: number): BriefingRun[] {
    const rows = (
      subscriptionId === undefined
        ? this.db.prepare("SELECT * FROM briefing_runs ORDER BY due_at, subscription_id").all()
        : this.db
            .prepare("SELECT * FROM briefing_runs WHERE subscription_id = ? ORDER BY due_at")
            .all(subscriptionId)
    ) as RunRow[];
    return rows.map(toRun);
  }
}

interface RunRow {
  subscription_id: number;
  due_at: number;
  status: RunStatus;
  late_ms: number;
  detail: string | null;
}

function toRun(row: RunRow): BriefingRun {
  return {
    subscriptionId: row.subscription_id,
    dueAt: new Date(row.due_at),
    status: row.status,
    lateMs: row.late_ms,
    ...(row.detail !== null ? { detail: row.detail } : {}),
  };
}

function channelParams(channel: ChannelRef) {
  return {
    platform: channel.platform,
    channelId: channel.channelId,
    workspaceId: channel.workspaceId ?? null,
  };
}
