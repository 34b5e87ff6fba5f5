/** Rows of the subscriptions and briefing_runs tables, and the objects the rest of the bot uses. */
import type { Platform } from "../core/command.ts";
import type { ChannelRef, Subscription, SubscriptionStatus } from "../core/services.ts";

export interface Row {
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

export function toSubscription(row: Row): Subscription {
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

export interface RunRow {
  subscription_id: number;
  due_at: number;
  status: RunStatus;
  late_ms: number;
  detail: string | null;
}

export function toRun(row: RunRow): BriefingRun {
  return {
    subscriptionId: row.subscription_id,
    dueAt: new Date(row.due_at),
    status: row.status,
    lateMs: row.late_ms,
    ...(row.detail !== null ? { detail: row.detail } : {}),
  };
}

export function channelParams(channel: ChannelRef) {
  return {
    platform: channel.platform,
    channelId: channel.channelId,
    workspaceId: channel.workspaceId ?? null,
  };
}
