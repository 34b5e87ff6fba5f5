/**
 * What commands may keep between requests: scheduled briefings, answer feedback and the log of
 * questions the bot declined. Declared here as plain interfaces so that commands stay free of
 * any database or platform; src/storage implements them on SQLite.
 *
 * Every method is asynchronous so that storage never holds up the main thread (a locked database
 * is waited for on a timer, briefly). A method that cannot reach storage rejects with
 * StorageFaultError (./storage-fault.ts) unless it says otherwise.
 */
import type { Platform, RequestOrigin } from "./command.ts";

/** A channel on one platform: where a subscription posts. */
export interface ChannelRef {
  platform: Platform;
  channelId: string;
  /** The Discord server or Slack workspace, when there is one. */
  workspaceId?: string | undefined;
}

export type SubscriptionStatus = "active" | "unreachable";

export interface Subscription extends ChannelRef {
  id: number;
  /** A topic id from the knowledge (knowledge/topics.yaml). */
  topic: string;
  /** The schedule as people read it: "daily at 08:30". */
  schedule: string;
  /** The same schedule as a 5-field cron pattern, read in `timezone`. */
  cron: string;
  /** An IANA time zone: "Europe/Paris". */
  timezone: string;
  createdAt: Date;
  /** The next time a briefing is due; absent when the schedule has no future run. */
  nextDueAt?: Date | undefined;
  status: SubscriptionStatus;
  /** Why the bot stopped posting (the platform's error), when unreachable. */
  statusReason?: string | undefined;
}

export interface NewSubscription extends ChannelRef {
  topic: string;
  schedule: string;
  cron: string;
  timezone: string;
  createdBy: string;
  nextDueAt: Date | undefined;
}

export interface SubscriptionStore {
  /**
   * Stores a subscription, removing the channel's subscriptions `replaces` names in the same
   * transaction; the returned one is on disk (committed) when the promise resolves.
   */
  add(subscription: NewSubscription, replaces?: readonly number[]): Promise<Subscription>;
  /** The channel's subscriptions still in force (active or unreachable), oldest first. */
  forChannel(channel: ChannelRef): Promise<Subscription[]>;
  /** Removes one of the channel's subscriptions; false when the channel has none with that id. */
  remove(channel: ChannelRef, id: number): Promise<boolean>;
  /** Removes all of the channel's subscriptions; resolves to how many there were. */
  removeAll(channel: ChannelRef): Promise<number>;
}

/** An answer the bot gave, kept so a click on its feedback buttons can be tied to it. */
export interface AnswerRecord {
  question: string;
  factIds: string[];
}

export interface FeedbackVote {
  answerId: number;
  helpful: boolean;
  origin: RequestOrigin;
}

export type VoteResult = "recorded" | "changed" | "unknown-answer";

export interface GapsQuery {
  /** Questions and votes from the last `days` days. */
  days: number;
  /** Only this platform and workspace; everything when absent (the operator's console). */
  scope?: { platform: Platform; workspaceId?: string | undefined } | undefined;
  limit?: number;
}

export interface UnansweredGroup {
  /** The question as last asked. */
  question: string;
  count: number;
  lastAsked: Date;
  platforms: Platform[];
}

export interface NotHelpfulAnswer {
  answerId: number;
  question: string;
  factIds: string[];
  notHelpful: number;
  helpful: number;
  lastVote: Date;
}

export interface GapsReport {
  since: Date;
  unanswered: UnansweredGroup[];
  /** How many declined questions in all, counting repeats. */
  unansweredTotal: number;
  notHelpful: NotHelpfulAnswer[];
}

export interface FeedbackStore {
  /**
   * Keeps an answer that carries feedback buttons; resolves to the id the buttons name, or
   * undefined when it could not be kept (logged; the answer then goes out without buttons).
   */
  recordAnswer(answer: AnswerRecord, origin: RequestOrigin): Promise<number | undefined>;
  /** One vote per person per answer: a second click replaces the first. */
  recordVote(vote: FeedbackVote): Promise<VoteResult>;
  /**
   * Keeps a question the bot declined (who asked only if the operator chose so). Never rejects
   * for a storage fault: that is logged, and the person still gets their answer.
   */
  recordUnanswered(question: string, origin: RequestOrigin): Promise<void>;
  gaps(query: GapsQuery): Promise<GapsReport>;
}

export interface Services {
  subscriptions: SubscriptionStore;
  feedback: FeedbackStore;
  /** For subscriptions that name no time zone (DEFAULT_TIMEZONE, UTC if unset). */
  defaultTimezone: string;
  /** The clock; tests pass a fake one. */
  now(): Date;
}
