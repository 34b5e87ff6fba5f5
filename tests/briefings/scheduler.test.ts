/**
 * The briefing scheduler driven by a fake clock, on a temporary database: a due briefing is
 * posted once; restarts and a second process do not post it again; the grace window decides
 * between late-with-a-note and skipped; an unreachable channel is paused, not retried.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { commands } from "../../commands/index.ts";
import { Bot } from "../../src/bot.ts";
import { BriefingScheduler } from "../../src/briefings/scheduler.ts";
import type { Platform, RequestOrigin } from "../../src/core/command.ts";
import { type ChannelDelivery, ChannelUnreachableError } from "../../src/core/delivery.ts";
import type { Reply } from "../../src/core/reply.ts";
import type { ChannelRef } from "../../src/core/services.ts";
import type { Storage } from "../../src/storage/index.ts";
import { knowledge, recordingLogger } from "../support/knowledge.ts";
import { fromAdapter } from "../support/origin.ts";
import { FakeClock, tempDir, tempStorage } from "../support/storage.ts";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Subscribed on Tuesday Jan 13, 2026; "daily 08:30" Paris is first due Jan 14 at 07:30 UTC. */
const SUBSCRIBED = "2026-01-13T10:00:00Z";
const FIRST_DUE = new Date("2026-01-14T07:30:00Z");

class FakeDelivery implements ChannelDelivery {
  readonly posts: { channel: ChannelRef; reply: Reply }[] = [];
  failNext: Error | undefined;
  constructor(readonly platform: Platform = "slack") {}
  async post(channel: ChannelRef, reply: Reply): Promise<void> {
    const failure = this.failNext;
    if (failure) {
      if (!(failure instanceof ChannelUnreachableError)) this.failNext = undefined;
      throw failure;
    }
    this.posts.push({ channel, reply });
  }
}

const origin: RequestOrigin = {
  platform: "slack",
  userId: "U1",
  channelId: "C1",
  workspaceId: "T1",
  ...fromAdapter("slack", true),
};
const channel = { platform: "slack", channelId: "C1", workspaceId: "T1" } as const;

let clock: FakeClock;
let storage: Storage;
let log: ReturnType<typeof recordingLogger>;
let delivery: FakeDelivery;
let file: string;
let files = 0;
const opened: Storage[] = [];

function open(): Storage {
  const s = tempStorage(tmp, { name: file, now: clock.now, defaultTimezone: "Europe/Paris" });
  opened.push(s);
  return s;
}

function scheduler(on: Storage = storage, deliveries: ChannelDelivery[] = [delivery], grace = 60) {
  return new BriefingScheduler({
    subscriptions: on.subscriptions,
    deliveries,
    knowledge,
    log,
    graceMinutes: grace,
    now: clock.now,
  });
}

async function subscribe(line = "/briefing subscribe militias daily 08:30", from = origin) {
  const bot = new Bot(knowledge(), log, commands, { services: storage.services });
  const reply = await bot.router.runText(line, from);
  expect(reply.title).toBe("Briefing scheduled");
  return reply;
}

beforeEach(() => {
  clock = new FakeClock(new Date(SUBSCRIBED));
  file = `scheduler-${++files}.db`;
  log = recordingLogger();
  delivery = new FakeDelivery();
  storage = open();
});
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

describe("on time", () => {
  it("posts a due briefing once, with how to stop it, and moves on to the next day", async () => {
    await subscribe();
    const s = scheduler();
    clock.set(new Date(FIRST_DUE.getTime() - 1000));
    expect(await s.tick()).toEqual([]);

    clock.set(new Date(FIRST_DUE.getTime() + 20));
    const [result] = await s.tick();
    expect(result).toMatchObject({ subscriptionId: 1, outcome: "sent", dueAt: FIRST_DUE });
    expect(delivery.posts).toHaveLength(1);
    const posted = delivery.posts[0];
    expect(posted?.channel).toMatchObject(channel);
    expect(posted?.reply.title).toBe("Briefing: Iraqi militias");
    expect(posted?.reply.lead).not.toMatch(/late/i);
    expect(posted?.reply.citations.length).toBeGreaterThan(2);
    expect(posted?.reply.suggestions).toEqual(["/briefing unsubscribe 1", "/briefing list"]);

    // The same minute again, and the rest of the day: nothing more.
    expect(await s.tick()).toEqual([]);
    clock.advance(12 * HOUR);
    expect(await s.tick()).toEqual([]);
    expect(delivery.posts).toHaveLength(1);
    expect((await storage.subscriptions.get(1))?.nextDueAt).toEqual(
      new Date(FIRST_DUE.getTime() + DAY),
    );
    expect((await storage.subscriptions.runs(1)).map((r) => [r.status, r.dueAt])).toEqual([
      ["sent", FIRST_DUE],
    ]);

    clock.set(new Date(FIRST_DUE.getTime() + DAY));
    expect((await s.tick()).map((r) => r.outcome)).toEqual(["sent"]);
    expect(delivery.posts).toHaveLength(2);
  });

  it("wake-ups that overlap post once", async () => {
    await subscribe();
    const s = scheduler();
    clock.set(FIRST_DUE);
    const results = await Promise.all([s.tick(), s.tick(), s.tick()]);
    expect(results.flat()).toHaveLength(1);
    expect(delivery.posts).toHaveLength(1);
  });

  it("start() catches up at once (croner then wakes it every minute); stop() ends it", async () => {
    await subscribe();
    clock.set(new Date(FIRST_DUE.getTime() + 5 * MINUTE));
    const s = scheduler();
    await s.start();
    await vi.waitFor(() => expect(delivery.posts).toHaveLength(1));
    await s.stop();
    expect(log.lines.some((l) => l.message === "briefing scheduler started")).toBe(true);
  });
});

describe("across restarts and processes", () => {
  it("a restart after the post does not post it again", async () => {
    await subscribe();
    clock.set(FIRST_DUE);
    await scheduler().tick();
    storage.close();

    storage = open(); // the process starts again, same minute
    const again = scheduler();
    await again.start();
    await again.stop();
    expect(await again.tick()).toEqual([]);
    expect(delivery.posts).toHaveLength(1);
  });

  it("a stop between the claim and the post loses that post, never doubles it", async () => {
    await subscribe();
    clock.set(FIRST_DUE);
    const [subscription] = await storage.subscriptions.due(["slack"], clock.now());
    if (!subscription) throw new Error("not due");
    // What the scheduler does before posting; then the process dies.
    expect(
      await storage.subscriptions.claim({
        subscription,
        dueAt: FIRST_DUE,
        next: new Date(FIRST_DUE.getTime() + DAY),
        status: "sending",
        lateMs: 0,
      }),
    ).toBe(true);
    storage.close();

    clock.advance(15 * MINUTE); // back within the grace window
    storage = open();
    const s = scheduler();
    await s.start();
    await s.stop();
    expect(await s.tick()).toEqual([]);
    expect(delivery.posts).toEqual([]);
    expect((await storage.subscriptions.runs(1)).map((r) => r.status)).toEqual(["interrupted"]);
    expect(log.lines.some((l) => /cut short by a stop/.test(l.message))).toBe(true);
  });

  it("two processes on one file at the same minute post once", async () => {
    await subscribe();
    clock.set(FIRST_DUE);
    const other = open();
    const otherDelivery = new FakeDelivery();
    await Promise.all([scheduler().tick(), scheduler(other, [otherDelivery]).tick()]);
    expect(delivery.posts.length + otherDelivery.posts.length).toBe(1);
  });

  it("leaves alone the subscriptions of platforms this process does not serve", async () => {
    await subscribe();
    clock.set(FIRST_DUE);
    expect(await scheduler(storage, [new FakeDelivery("discord")]).tick()).toEqual([]);
    expect((await storage.subscriptions.get(1))?.nextDueAt).toEqual(FIRST_DUE);
  });
});

describe("after downtime", () => {
  it("within the grace window: posted late, with a note saying so", async () => {
    await subscribe();
    clock.set(new Date(FIRST_DUE.getTime() + 30 * MINUTE));
    const [result] = await scheduler().tick();
    expect(result?.outcome).toBe("late");
    expect(delivery.posts[0]?.reply.lead).toMatch(
      /^Posted late: this briefing was due at 08:30 Europe\/Paris, 30 minutes ago, while the bot was offline\. What Iran-backed/,
    );
    expect((await storage.subscriptions.runs(1))[0]).toMatchObject({
      status: "sent",
      lateMs: 30 * MINUTE,
    });
  });

  it("past the grace window: skipped and logged; the next due time is posted", async () => {
    await subscribe();
    clock.set(new Date(FIRST_DUE.getTime() + 61 * MINUTE));
    const s = scheduler();
    const [result] = await s.tick();
    expect(result).toMatchObject({ outcome: "skipped", detail: "missed by 61 min (grace 60 min)" });
    expect(delivery.posts).toEqual([]);
    expect(
      log.lines.find((l) => l.level === "warn" && /^briefing skipped/.test(l.message)),
    ).toBeDefined();
    expect((await storage.subscriptions.runs(1)).map((r) => r.status)).toEqual(["skipped"]);

    clock.set(new Date(FIRST_DUE.getTime() + DAY));
    expect((await s.tick()).map((r) => r.outcome)).toEqual(["sent"]);
  });

  it("the grace window is BRIEFING_GRACE_MINUTES: 0 posts nothing late", async () => {
    await subscribe();
    clock.set(new Date(FIRST_DUE.getTime() + 3 * MINUTE));
    const [result] = await scheduler(storage, [delivery], 0).tick();
    expect(result?.outcome).toBe("skipped");
  });

  it("days of downtime: only the newest due time counts, the older ones are logged", async () => {
    await subscribe();
    clock.set(new Date(FIRST_DUE.getTime() + 3 * DAY + 10 * MINUTE));
    const results = await scheduler().tick();
    expect(results.map((r) => [r.outcome, r.dueAt])).toEqual([
      ["late", new Date(FIRST_DUE.getTime() + 3 * DAY)],
    ]);
    expect(delivery.posts).toHaveLength(1);
    const missed = log.lines.find((l) => /earlier due times passed/.test(l.message));
    expect(missed?.fields).toMatchObject({ missed: 3 });
  });
});

describe("failures", () => {
  it("an unreachable channel is paused and reported, never tried again", async () => {
    await subscribe();
    delivery.failNext = new ChannelUnreachableError("channel_not_found");
    clock.set(FIRST_DUE);
    const s = scheduler();
    expect((await s.tick()).map((r) => [r.outcome, r.detail])).toEqual([
      ["unreachable", "channel_not_found"],
    ]);
    expect(await storage.subscriptions.get(1)).toMatchObject({
      status: "unreachable",
      statusReason: "channel_not_found",
    });
    expect(log.lines.find((l) => /cannot be reached/.test(l.message))?.level).toBe("warn");

    delivery.failNext = undefined;
    for (let day = 1; day <= 3; day++) {
      clock.set(new Date(FIRST_DUE.getTime() + day * DAY));
      expect(await s.tick()).toEqual([]);
    }
    expect(delivery.posts).toEqual([]);

    const bot = new Bot(knowledge(), log, commands, { services: storage.services });
    const list = await bot.router.runText("/briefing list", origin);
    expect(list.sections[0]?.points[0]?.text).toMatch(
      /^1: Iraqi militias, daily at 08:30 \(Europe\/Paris\)\. Paused: the bot can no longer post in this channel \(channel_not_found\)/,
    );
    // Subscribing again is how to resume: the paused copy is replaced.
    await bot.router.runText("/briefing subscribe militias daily 08:30", origin);
    expect((await storage.subscriptions.forChannel(channel)).map((x) => [x.id, x.status])).toEqual([
      [2, "active"],
    ]);
  });

  it("any other failure loses that one post; the next due time tries afresh (no retry loop)", async () => {
    await subscribe();
    delivery.failNext = new Error("socket hang up");
    clock.set(FIRST_DUE);
    const s = scheduler();
    expect((await s.tick()).map((r) => r.outcome)).toEqual(["failed"]);
    clock.advance(MINUTE);
    expect(await s.tick()).toEqual([]);
    expect((await storage.subscriptions.get(1))?.status).toBe("active");
    clock.set(new Date(FIRST_DUE.getTime() + DAY));
    expect((await s.tick()).map((r) => r.outcome)).toEqual(["sent"]);
    expect((await storage.subscriptions.runs(1)).map((r) => r.status)).toEqual(["failed", "sent"]);
  });

  it("a topic the knowledge no longer has is a failed run, logged; the schedule goes on", async () => {
    await storage.subscriptions.add({
      ...channel,
      topic: "retired-topic",
      schedule: "daily at 08:30",
      cron: "30 8 * * *",
      timezone: "Europe/Paris",
      createdBy: "U1",
      nextDueAt: FIRST_DUE,
    });
    clock.set(FIRST_DUE);
    const [result] = await scheduler().tick();
    expect(result?.outcome).toBe("failed");
    expect(result?.detail).toMatch(/no briefing topic "retired-topic"/);
    expect((await storage.subscriptions.get(1))?.nextDueAt).toEqual(
      new Date(FIRST_DUE.getTime() + DAY),
    );
  });
});
