/**
 * Briefings, feedback and permissions through the real discord.js Client logged in to the
 * stand-in, on a temporary database: the feedback buttons under an /ask answer and a click on
 * them, the Manage Channels check, and a scheduled briefing posted to a channel.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { discordDelivery } from "../../src/adapters/discord/deliver.ts";
import { BriefingScheduler } from "../../src/briefings/scheduler.ts";
import { ChannelUnreachableError } from "../../src/core/delivery.ts";
import { reply } from "../../src/core/reply.ts";
import type { Storage } from "../../src/storage/index.ts";
import { tempDir, tempStorage } from "../support/storage.ts";
import { type Harness, startHarness } from "./harness.ts";
import { GUILD_ID, MANAGE_CHANNELS_PERMISSIONS } from "./stand-in.ts";

const EPHEMERAL = 64;
const CHANNEL_ID = "400000000000000004";
const tmp = tempDir();
let storage: Storage;
let h: Harness;

beforeAll(async () => {
  storage = tempStorage(tmp);
  h = await startHarness({ services: storage.services });
});
afterAll(async () => {
  await h?.close();
  storage?.close();
  tmp.cleanup();
});

const manager = { permissions: MANAGE_CHANNELS_PERMISSIONS };

describe("feedback buttons", () => {
  test("an /ask answer carries Helpful / Not helpful; a click is stored and thanked privately", async () => {
    const { body } = await h.standIn.firstMessage(
      h.standIn.command("ask", { question: "did iraq shoot at anything?" }),
    );
    const buttons = body.components?.[0]?.components ?? [];
    expect(buttons.map((b) => [b.label, b.custom_id])).toEqual([
      ["Helpful", "feedback:1:yes"],
      ["Not helpful", "feedback:1:no"],
    ]);

    const click = h.standIn.click("feedback:1:no");
    const thanks = await h.standIn.firstMessage(click);
    expect(thanks.call.path).toBe(`/interactions/${click.id}/${click.token}/callback`);
    expect(thanks.body.flags).toBe(EPHEMERAL);
    expect(thanks.body.embeds?.[0]?.title).toBe("Thanks for the feedback");
    expect(thanks.body.embeds?.[0]?.description).toContain("You marked this answer not helpful");

    const votes = storage.db
      .prepare(
        "SELECT f.helpful, f.platform, a.question, a.fact_ids FROM feedback f JOIN answers a ON a.id = f.answer_id",
      )
      .all();
    expect(votes).toEqual([
      {
        helpful: 0,
        platform: "discord",
        question: "did iraq shoot at anything?",
        fact_ids: JSON.stringify(["pw4078-no-missiles-fired"]),
      },
    ]);

    // A second click by the same person changes the vote; it does not add one.
    const again = await h.standIn.firstMessage(h.standIn.click("feedback:1:yes"));
    expect(again.body.embeds?.[0]?.description).toContain(
      "Changed: you marked this answer helpful",
    );
    expect(storage.db.prepare("SELECT COUNT(*) AS n FROM feedback").get()).toEqual({ n: 1 });
  });

  test("a declined question has no buttons and is kept for /gaps", async () => {
    const { body } = await h.standIn.firstMessage(
      h.standIn.command("ask", { question: "bitcoin price" }),
    );
    expect(body.components).toBeUndefined();
    expect(
      storage.db.prepare("SELECT platform, workspace_id, question FROM unanswered").all(),
    ).toEqual([{ platform: "discord", workspace_id: GUILD_ID, question: "bitcoin price" }]);
  });
});

describe("Manage Channels", () => {
  test("without it, subscribing is refused and nothing is stored", async () => {
    const { body } = await h.standIn.firstMessage(
      h.standIn.command("briefing subscribe", { topic: "militias", schedule: "daily 08:30" }),
    );
    expect(body.flags).toBe(EPHEMERAL);
    expect(body.embeds?.[0]?.title).toBe("Not allowed");
    expect(body.embeds?.[0]?.description).toContain("Manage Channels permission");
    expect(storage.db.prepare("SELECT COUNT(*) AS n FROM subscriptions").get()).toEqual({ n: 0 });
  });

  test("with it, the channel is subscribed (for all to see), listed and unsubscribed", async () => {
    const subscribed = await h.standIn.firstMessage(
      h.standIn.command(
        "briefing subscribe",
        {
          topic: "militias",
          schedule: "weekdays 09:00",
          timezone: "Asia/Baghdad",
        },
        manager,
      ),
    );
    expect(subscribed.body.flags ?? 0).toBe(0);
    expect(subscribed.body.embeds?.[0]?.description).toContain(
      "Subscription 1: a briefing on Iraqi militias will be posted in this channel weekdays at 09:00 (Asia/Baghdad).",
    );
    const listed = await h.standIn.firstMessage(h.standIn.command("briefing list"));
    expect(listed.body.embeds?.[0]?.description).toContain(
      "1: Iraqi militias, weekdays at 09:00 (Asia/Baghdad)",
    );

    const refused = await h.standIn.firstMessage(
      h.standIn.command("briefing unsubscribe", { subscription: "1" }),
    );
    expect(refused.body.embeds?.[0]?.title).toBe("Not allowed");
    const removed = await h.standIn.firstMessage(
      h.standIn.command("briefing unsubscribe", { subscription: "1" }, manager),
    );
    expect(removed.body.embeds?.[0]?.title).toBe("Briefing unsubscribed");
  });

  test("/gaps is for those who may manage the channel", async () => {
    const refused = await h.standIn.firstMessage(h.standIn.command("gaps"));
    expect(refused.body.embeds?.[0]?.title).toBe("Not allowed");
    const shown = await h.standIn.firstMessage(h.standIn.command("gaps", { days: 7 }, manager));
    expect(shown.body.embeds?.[0]?.description).toContain("“bitcoin price”");
    // The not-helpful click above was changed to helpful: no unhelpful answers are left.
    expect(shown.body.embeds?.[0]?.description).toContain(
      "1 declined question, 0 answers marked not helpful",
    );
  });
});

describe("scheduled delivery", () => {
  test("the scheduler posts a due briefing to the channel through the client's REST", async () => {
    if (!h.client) throw new Error("no client");
    const due = new Date("2026-01-14T06:00:00Z");
    await storage.subscriptions.add({
      platform: "discord",
      workspaceId: GUILD_ID,
      channelId: CHANNEL_ID,
      topic: "airspace",
      schedule: "daily at 09:00",
      cron: "0 9 * * *",
      timezone: "Asia/Baghdad",
      createdBy: "600000000000000006",
      nextDueAt: due,
    });
    const scheduler = new BriefingScheduler({
      subscriptions: storage.subscriptions,
      deliveries: [discordDelivery(h.client)],
      knowledge: () => h.bot.knowledge,
      log: h.log,
      graceMinutes: 60,
      now: () => new Date(due.getTime() + 1000),
    });
    const results = await scheduler.tick();
    expect(results.map((r) => r.outcome)).toEqual(["sent"]);
    const posted = h.standIn.channelMessages.at(-1);
    expect(posted?.channelId).toBe(CHANNEL_ID);
    expect(posted?.body.embeds?.[0]?.title).toBe("Briefing: Iraqi airspace");
    expect(posted?.body.allowed_mentions).toEqual({ parse: [] });
    expect(await scheduler.tick()).toEqual([]);
  });

  test("a channel Discord no longer knows (10003) is reported unreachable", async () => {
    if (!h.client) throw new Error("no client");
    h.standIn.goneChannels.add("400000000000000099");
    await expect(
      discordDelivery(h.client).post(
        { platform: "discord", channelId: "400000000000000099" },
        reply({ kind: "info", title: "t", lead: "x" }),
      ),
    ).rejects.toEqual(new ChannelUnreachableError("Unknown Channel (code 10003)"));
  });
});
