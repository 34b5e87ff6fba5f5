/**
 * Briefing subscriptions and their runs on SQLite. Every write is one transaction, committed
 * before the promise resolves (./database-file.ts): what a person was told is stored, is. No
 * write reads its row back with RETURNING and `.get()`: better-sqlite3 resets the statement after
 * the first row and drops the error of a commit that then fails.
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
  SubscriptionStore,
} from "../core/services.ts";
import type { Db } from "./database.ts";
import type { DatabaseFile } from "./database-file.ts";
import {
  type BriefingRun,
  channelParams,
  type Row,
  type RunRow,
  type RunStatus,
  toRun,
  toSubscription,
} from "./subscription-rows.ts";

export type { BriefingRun, RunStatus } from "./subscription-rows.ts";

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
    private readonly file: DatabaseFile,
    private readonly now: () => Date,
  ) {}

  add(s: NewSubscription, replaces: readonly number[] = []): Promise<Subscription> {
    const at = this.now().getTime();
    return this.file.write((db) => {
      for (const id of replaces) removeOne(db, s, id, at);
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO subscriptions
             (platform, workspace_id, channel_id, topic, schedule, cron, timezone, created_by, created_at, next_due_at)
           VALUES (@platform, @workspaceId, @channelId, @topic, @schedule, @cron, @timezone, @createdBy, @createdAt, @nextDueAt)`,
        )
        .run({
          ...channelParams(s),
          topic: s.topic,
          schedule: s.schedule,
          cron: s.cron,
          timezone: s.timezone,
          createdBy: s.createdBy,
          createdAt: at,
          nextDueAt: s.nextDueAt?.getTime() ?? null,
        });
      return toSubscription(
        db.prepare("SELECT * FROM subscriptions WHERE id = ?").get(lastInsertRowid) as Row,
      );
    });
  }

  forChannel(channel: ChannelRef): Promise<Subscription[]> {
    return this.file.read((db) =>
      (
        db
          .prepare(
            `SELECT * FROM subscriptions WHERE ${CHANNEL} AND status != 'removed' ORDER BY id`,
          )
          .all(channelParams(channel)) as Row[]
      ).map(toSubscription),
    );
  }

  get(id: number): Promise<Subscription | undefined> {
    return this.file.read((db) => {
      const row = db.prepare("SELECT * FROM subscriptions WHERE id = ?").get(id) as Row | undefined;
      return row ? toSubscription(row) : undefined;
    });
  }

  remove(channel: ChannelRef, id: number): Promise<boolean> {
    const at = this.now().getTime();
    return this.file.write((db) => removeOne(db, channel, id, at));
  }

  removeAll(channel: ChannelRef): Promise<number> {
    const at = this.now().getTime();
    return this.file.write(
      (db) =>
        db
          .prepare(
            `UPDATE subscriptions SET status = 'removed', status_at = @at
             WHERE ${CHANNEL} AND status != 'removed'`,
          )
          .run({ ...channelParams(channel), at }).changes,
    );
  }

  /** Active subscriptions on these platforms whose next due time has come, soonest first. */
  async due(platforms: readonly Platform[], now: Date): Promise<Subscription[]> {
    if (platforms.length === 0) return [];
    const rows = await this.file.read(
      (db) =>
        db
          .prepare(
            `SELECT * FROM subscriptions
         WHERE status = 'active' AND next_due_at IS NOT NULL AND next_due_at <= ?
           AND platform IN (${platforms.map(() => "?").join(", ")})
         ORDER BY next_due_at, id`,
          )
          .all(now.getTime(), ...platforms) as Row[],
    );
    return rows.map(toSubscription);
  }

  /**
   * Takes a due time for this process: moves the subscription on to `next` and writes the run,
   * in one transaction, only if the subscription still waits for exactly this due time. False
   * when another tick or process took it first (or it was removed meanwhile).
   */
  claim(claim: Claim): Promise<boolean> {
    const { subscription, dueAt, next } = claim;
    const now = this.now().getTime();
    return this.file.write((db) => {
      const moved = db
        .prepare(
          `UPDATE subscriptions SET next_due_at = ?
           WHERE id = ? AND status = 'active' AND next_due_at = ?`,
        )
        .run(next?.getTime() ?? null, subscription.id, subscription.nextDueAt?.getTime() ?? null);
      if (moved.changes !== 1) return false;
      const inserted = db
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
  }

  /** Moves a subscription to its next due time without a run (a due time before it existed). */
  reschedule(subscription: Subscription, next: Date | null): Promise<boolean> {
    return this.file.write(
      (db) =>
        db
          .prepare(
            "UPDATE subscriptions SET next_due_at = ? WHERE id = ? AND status = 'active' AND next_due_at IS ?",
          )
          .run(next?.getTime() ?? null, subscription.id, subscription.nextDueAt?.getTime() ?? null)
          .changes === 1,
    );
  }

  async finish(
    subscriptionId: number,
    dueAt: Date,
    status: RunStatus,
    detail?: string,
  ): Promise<void> {
    const at = this.now().getTime();
    await this.file.write((db) =>
      db
        .prepare(
          `UPDATE briefing_runs SET status = ?, finished_at = ?, detail = ?
           WHERE subscription_id = ? AND due_at = ?`,
        )
        .run(status, at, detail ?? null, subscriptionId, dueAt.getTime()),
    );
  }

  /** Stops posting to a subscription the platform refuses; /briefing list shows why. */
  async markUnreachable(subscriptionId: number, reason: string): Promise<void> {
    const at = this.now().getTime();
    await this.file.write((db) =>
      db
        .prepare(
          `UPDATE subscriptions SET status = 'unreachable', status_reason = ?, status_at = ?
           WHERE id = ? AND status = 'active'`,
        )
        .run(reason.slice(0, 300), at, subscriptionId),
    );
  }

  /**
   * Runs claimed before `before` that never finished: the process stopped between the claim and
   * the post. They are marked interrupted (not posted again) and returned for the log.
   */
  async interrupted(before: Date): Promise<BriefingRun[]> {
    const at = this.now().getTime();
    const rows = await this.file.write((db) => {
      const found = db
        .prepare(
          "SELECT * FROM briefing_runs WHERE status = 'sending' AND claimed_at < ? ORDER BY due_at",
        )
        .all(before.getTime()) as RunRow[];
      db.prepare(
        "UPDATE briefing_runs SET status = 'interrupted', finished_at = ? WHERE status = 'sending' AND claimed_at < ?",
      ).run(at, before.getTime());
      return found;
    });
    return rows.map(toRun);
  }

  async runs(subscriptionId?: number): Promise<BriefingRun[]> {
    const rows = await this.file.read(
      (db) =>
        (subscriptionId === undefined
          ? db.prepare("SELECT * FROM briefing_runs ORDER BY due_at, subscription_id").all()
          : db
              .prepare("SELECT * FROM briefing_runs WHERE subscription_id = ? ORDER BY due_at")
              .all(subscriptionId)) as RunRow[],
    );
    return rows.map(toRun);
  }
}

/** Marks one of the channel's subscriptions removed; false when it has none with that id. */
function removeOne(db: Db, channel: ChannelRef, id: number, at: number): boolean {
  return (
    db
      .prepare(
        `UPDATE subscriptions SET status = 'removed', status_at = @at
         WHERE id = @id AND ${CHANNEL} AND status != 'removed'`,
      )
      .run({ ...channelParams(channel), id, at }).changes === 1
  );
}
