import { z } from "zod";
import { composeBriefing, requireTopic } from "../src/briefings/compose.ts";
import {
  nextDue,
  parseSchedule,
  SCHEDULE_EXAMPLES,
  SUBSCRIBE_EXAMPLE,
  startsSchedule,
} from "../src/briefings/schedule.ts";
import { canonicalTimeZone, formatInZone, looksLikeTimeZone } from "../src/briefings/timezone.ts";
import {
  type CommandContext,
  defineCommand,
  defineSubcommand,
  type RequestOrigin,
} from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { type Reply, reply } from "../src/core/reply.ts";
import type { ChannelRef, Services, Subscription } from "../src/core/services.ts";
import { saving } from "../src/core/storage-fault.ts";
import type { Knowledge } from "../src/knowledge/knowledge.ts";

/** More than this many schedules in one channel is a mistake, not a need. */
export const MAX_SUBSCRIPTIONS_PER_CHANNEL = 10;

const topic = z
  .string()
  .trim()
  .max(60, "keep the topic under 60 characters")
  .describe("overview, militias, airspace, policy, or another topic");

const postOptions = z.object({ topic: topic.optional() });

const subscribeOptions = z.object({
  topic: topic
    .refine((word) => !startsSchedule(word), "a topic comes before the schedule, not a schedule")
    .optional()
    .meta({ expected: true }),
  schedule: z
    .string()
    .trim()
    .max(100, "keep the schedule under 100 characters")
    .optional()
    .describe("daily 08:30, weekdays 09:00, mondays 07:45, or a cron expression")
    .meta({ expected: true, rest: true }),
  timezone: z
    .string()
    .trim()
    .max(64, "a time zone is a short name such as Europe/Paris")
    .refine(looksLikeTimeZone, "a time zone is a name such as Europe/Paris or UTC")
    .optional()
    .describe("An IANA time zone such as Europe/Paris (default: the bot's)"),
});
type SubscribeOptions = z.infer<typeof subscribeOptions>;

const unsubscribeOptions = z.object({
  subscription: z
    .string()
    .trim()
    .max(20, "give a subscription id from /briefing list, or all")
    .optional()
    .describe("A subscription id from /briefing list, or all")
    .meta({ label: "id|all" }),
});
type UnsubscribeOptions = z.infer<typeof unsubscribeOptions>;

function channelOf(origin: RequestOrigin): ChannelRef {
  return {
    platform: origin.platform,
    channelId: origin.channelId,
    workspaceId: origin.workspaceId,
  };
}

function needServices(services: Services | undefined): Services {
  if (!services) {
    throw new UserError(
      "Scheduled briefings need the bot's database, and this bot runs without one. /briefing <topic> still posts one now.",
      "/briefing militias",
    );
  }
  return services;
}

/** Who may change the channel's briefings, said in the platform's own terms. */
function refusal(origin: RequestOrigin, what: string): Reply {
  return reply({
    kind: "usage",
    title: "Not allowed",
    lead: `Only ${origin.words.channelManagers} can ${what}. Anyone can see the schedule with /briefing list or post a briefing now with /briefing <topic>.`,
  });
}

function topicLabel(knowledge: Knowledge, id: string): string {
  return knowledge.base.topics.get(id)?.label ?? id;
}

function describe(knowledge: Knowledge, s: Subscription): string {
  const what = `${s.id}: ${topicLabel(knowledge, s.topic)}, ${s.schedule} (${s.timezone})`;
  if (s.status === "unreachable") {
    return `${what}. Paused: the bot can no longer post in this channel (${s.statusReason ?? "refused"}); give it access again, then subscribe again.`;
  }
  return s.nextDueAt
    ? `${what}. Next: ${formatInZone(s.nextDueAt, s.timezone)}.`
    : `${what}. No further due time.`;
}

async function subscribe(
  o: SubscribeOptions,
  { knowledge, origin, services }: CommandContext,
): Promise<Reply> {
  const { subscriptions, defaultTimezone, now } = needServices(services);
  if (!(await origin.mayManageChannel())) {
    return refusal(origin, "subscribe this channel to briefings");
  }
  if (!o.schedule) {
    throw new UserError(
      `Say when to post it: ${SCHEDULE_EXAMPLES}, then a time zone if not ${defaultTimezone}.`,
      SUBSCRIBE_EXAMPLE,
    );
  }
  const topic = requireTopic(knowledge, o.topic || "overview");
  const schedule = parseSchedule(o.schedule);
  const timezone = o.timezone ? canonicalTimeZone(o.timezone) : defaultTimezone;
  if (!timezone) {
    throw new UserError(
      `"${o.timezone}" is not a time zone I know. Use an IANA name such as Europe/Paris, America/New_York, Asia/Baghdad or UTC.`,
      SUBSCRIBE_EXAMPLE,
    );
  }
  const channel = channelOf(origin);
  const existing = await subscriptions.forChannel(channel);
  const same = (s: Subscription) =>
    s.topic === topic.id && s.cron === schedule.cron && s.timezone === timezone;
  const already = existing.find((s) => same(s) && s.status === "active");
  if (already) {
    return reply({
      kind: "info",
      title: "Already scheduled",
      lead: `This channel already gets that briefing. ${describe(knowledge, already)}`,
    });
  }
  // A paused copy of the same subscription is replaced: subscribing again is how to resume.
  const paused = existing.filter((s) => same(s) && s.status === "unreachable");
  if (existing.length - paused.length >= MAX_SUBSCRIPTIONS_PER_CHANNEL) {
    throw new UserError(
      `This channel has ${existing.length} scheduled briefings, the most it may have. Remove one first.`,
      "/briefing list",
    );
  }
  const next = nextDue(schedule.cron, timezone, now());
  const added = await saving(
    subscriptions.add(
      {
        ...channel,
        topic: topic.id,
        schedule: schedule.label,
        cron: schedule.cron,
        timezone,
        createdBy: origin.userId,
        nextDueAt: next ?? undefined,
      },
      paused.map((s) => s.id),
    ),
    "Couldn't save the subscription, so nothing was scheduled",
  );
  return reply({
    kind: "info",
    title: "Briefing scheduled",
    lead: `Subscription ${added.id}: a briefing on ${topic.label} will be posted in this channel ${schedule.label} (${timezone}).`,
    sections: [
      {
        points: [
          {
            text: next ? `Next: ${formatInZone(next, timezone)}.` : "It has no future due time.",
            cites: [],
          },
          {
            text: `Stop it with /briefing unsubscribe ${added.id}; see all with /briefing list.`,
            cites: [],
          },
        ],
      },
    ],
    visibility: "channel",
  });
}

async function unsubscribe(
  o: UnsubscribeOptions,
  { knowledge, origin, services }: CommandContext,
): Promise<Reply> {
  const { subscriptions } = needServices(services);
  if (!(await origin.mayManageChannel())) return refusal(origin, "stop this channel's briefings");
  const channel = channelOf(origin);
  const existing = await subscriptions.forChannel(channel);
  const listed = existing.map((s) => describe(knowledge, s)).join(" ");
  const removed = (what: string) =>
    reply({ kind: "info", title: "Briefing unsubscribed", lead: what, visibility: "channel" });

  const wanted = o.subscription?.toLowerCase();
  if (existing.length === 0) {
    return reply({
      kind: "info",
      title: "Nothing to unsubscribe",
      lead: `No briefings are scheduled in this channel. Schedule one with ${SUBSCRIBE_EXAMPLE}.`,
    });
  }
  if (wanted === "all") {
    const count = await saving(
      subscriptions.removeAll(channel),
      "Couldn't remove the subscriptions, so they are all still scheduled",
    );
    return removed(
      `${count} scheduled briefing${count === 1 ? "" : "s"} removed: none will be posted here.`,
    );
  }
  if (!wanted) {
    const only = existing.length === 1 ? existing[0] : undefined;
    if (!only) {
      throw new UserError(
        `This channel has ${existing.length} scheduled briefings; say which to remove, or all. ${listed}`,
        `/briefing unsubscribe ${existing[0]?.id ?? 1}`,
      );
    }
    await saving(
      subscriptions.remove(channel, only.id),
      `Couldn't remove subscription ${only.id}, so it is still scheduled`,
    );
    return removed(
      `Subscription ${only.id} (${topicLabel(knowledge, only.topic)}, ${only.schedule}) removed.`,
    );
  }
  const id = /^#?(\d{1,12})$/.exec(wanted)?.[1];
  const target = existing.find((s) => String(s.id) === id);
  const gone =
    target &&
    (await saving(
      subscriptions.remove(channel, target.id),
      `Couldn't remove subscription ${target.id}, so it is still scheduled`,
    ));
  if (!target || !gone) {
    throw new UserError(
      `There is no subscription "${o.subscription}" in this channel. ${listed}`,
      `/briefing unsubscribe ${existing[0]?.id ?? 1}`,
    );
  }
  return removed(
    `Subscription ${target.id} (${topicLabel(knowledge, target.topic)}, ${target.schedule}) removed.`,
  );
}

async function list({ knowledge, origin, services }: CommandContext): Promise<Reply> {
  const { subscriptions } = needServices(services);
  const existing = await subscriptions.forChannel(channelOf(origin));
  if (existing.length === 0) {
    return reply({
      kind: "info",
      title: "Scheduled briefings",
      lead: `None in this channel. Schedule one with ${SUBSCRIBE_EXAMPLE}.`,
    });
  }
  return reply({
    kind: "info",
    title: "Scheduled briefings",
    lead: `${existing.length} in this channel. Remove one with /briefing unsubscribe <id>.`,
    sections: [{ points: existing.map((s) => ({ text: describe(knowledge, s), cites: [] })) }],
  });
}

export default defineCommand({
  name: "briefing",
  description:
    "Post a short cited briefing to the channel now, or on a schedule (subscribe, unsubscribe, list)",
  subcommands: [
    defineSubcommand({
      name: "post",
      description: "Post a briefing on a topic now",
      options: postOptions,
      handler: ({ topic }, { knowledge }) =>
        composeBriefing(knowledge, requireTopic(knowledge, topic || "overview")),
    }),
    defineSubcommand({
      name: "subscribe",
      description: "Post a briefing in this channel on a schedule",
      options: subscribeOptions,
      handler: subscribe,
    }),
    defineSubcommand({
      name: "unsubscribe",
      description: "Stop one of this channel's scheduled briefings, or all",
      options: unsubscribeOptions,
      handler: unsubscribe,
    }),
    defineSubcommand({
      name: "list",
      description: "This channel's scheduled briefings",
      options: z.object({}),
      handler: (_options, context) => list(context),
    }),
  ],
  defaultSubcommand: "post",
  examples: [
    "/briefing militias",
    "/briefing subscribe militias daily 08:30 Europe/Paris",
    "/briefing subscribe policy weekdays 09:00",
    "/briefing list",
    "/briefing unsubscribe 3",
  ],
});
