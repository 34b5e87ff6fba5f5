/**
 * Feedback and gaps through the commands, on a temporary database: answers carry a feedback
 * reference, declined questions are stored (without who asked, unless LOG_ASKERS), votes are one
 * per person, and /gaps reports the most frequent declined questions and the unhelpful answers.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { Bot } from "../../src/bot.ts";
import type { RequestOrigin } from "../../src/core/command.ts";
import { feedbackActionId, parseFeedbackActionId } from "../../src/feedback/click.ts";
import { renderText } from "../../src/render/text.ts";
import { normalizeQuestion } from "../../src/storage/feedback.ts";
import type { Storage } from "../../src/storage/index.ts";
import { knowledge, recordingLogger } from "../support/knowledge.ts";
import { fromAdapter } from "../support/origin.ts";
import { FakeClock, tempDir, tempStorage } from "../support/storage.ts";

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const log = recordingLogger();
const opened: Storage[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

let files = 0;
function setup(logAskers = false) {
  const clock = new FakeClock(new Date("2026-01-13T10:00:00Z"));
  const storage = tempStorage(tmp, { name: `feedback-${++files}.db`, now: clock.now, logAskers });
  opened.push(storage);
  const bot = new Bot(knowledge(), recordingLogger(), commands, { services: storage.services });
  return { clock, storage, bot };
}

const alice: RequestOrigin = {
  platform: "slack",
  userId: "UALICE",
  channelId: "C1",
  workspaceId: "T1",
  ...fromAdapter("slack", false),
};
const bob: RequestOrigin = { ...alice, userId: "UBOB" };
const curator: RequestOrigin = { ...alice, userId: "UCURATOR", ...fromAdapter("slack", true) };

describe("button ids", () => {
  it("name the answer and the verdict, within Discord's 100 characters, and nothing else parses", () => {
    expect(feedbackActionId(42, true)).toBe("feedback:42:yes");
    expect(parseFeedbackActionId("feedback:42:no")).toEqual({ answerId: 42, helpful: false });
    expect(feedbackActionId(999_999_999_999_999, false).length).toBeLessThanOrEqual(100);
    for (const id of ["feedback:x:yes", "feedback:1:maybe", "other:1:yes", "feedback:1:yes:2"])
      expect(parseFeedbackActionId(id)).toBeUndefined();
  });
});

describe("/ask", () => {
  it("an answer carries feedback: the stored answer, the question and the fact ids", async () => {
    const { bot, storage } = setup();
    const reply = await bot.router.runText("did iraq shoot at anything?", alice);
    expect(reply.kind).toBe("answer");
    expect(reply.feedback).toEqual({
      answerId: 1,
      question: "did iraq shoot at anything?",
      factIds: reply.citations.flatMap((c) => (c.factId ? [c.factId] : [])),
    });
    expect(reply.feedback?.factIds).toContain("pw4078-no-missiles-fired");
    const row = storage.db.prepare("SELECT * FROM answers").get();
    expect(row).toMatchObject({
      platform: "slack",
      workspace_id: "T1",
      question: "did iraq shoot at anything?",
    });
    expect(JSON.stringify(row)).not.toContain("UALICE");
  });

  it("a declined question is stored with its text, time and platform, never who asked", async () => {
    const { bot, storage } = setup();
    const reply = await bot.router.runText("bitcoin price", alice);
    expect(reply.kind).toBe("abstain");
    expect(reply.feedback).toBeUndefined();
    expect(storage.db.prepare("SELECT * FROM unanswered").all()).toEqual([
      {
        id: 1,
        platform: "slack",
        workspace_id: "T1",
        question: "bitcoin price",
        normalized: "bitcoin price",
        asked_at: new Date("2026-01-13T10:00:00Z").getTime(),
        asked_by: null,
      },
    ]);
  });

  it("with LOG_ASKERS=true, who asked is kept too", async () => {
    const { bot, storage } = setup(true);
    await bot.router.runText("bitcoin price", alice);
    expect(storage.db.prepare("SELECT asked_by FROM unanswered").get()).toEqual({
      asked_by: "UALICE",
    });
  });

  it("usage errors are not gaps", async () => {
    const { bot, storage } = setup();
    await bot.router.runText("/ask x", alice);
    expect(storage.db.prepare("SELECT COUNT(*) AS n FROM unanswered").get()).toEqual({ n: 0 });
  });
});

describe("votes", () => {
  it("one per person and answer: a second click changes it; unknown or foreign answers are refused", async () => {
    const { bot, storage } = setup();
    const answer = await bot.router.runText("did iraq shoot at anything?", alice);
    const answerId = answer.feedback?.answerId ?? 0;

    // Clicks go through the router, as the adapters send them.
    const click = async (bot: Bot, id: number, helpful: boolean, who: RequestOrigin) => {
      const result = await bot.router.click(feedbackActionId(id, helpful), who);
      if (!result) throw new Error("the click was not taken");
      return result;
    };
    const thanks = await click(bot, answerId, false, alice);
    expect(thanks.lead).toMatch(/^You marked this answer not helpful\. The curators review/);
    const changed = await click(bot, answerId, true, alice);
    expect(changed.lead).toBe("Changed: you marked this answer helpful.");
    await click(bot, answerId, false, bob);

    const votes = storage.db
      .prepare("SELECT voter, helpful, platform FROM feedback ORDER BY helpful")
      .all() as {
      voter: string;
    }[];
    expect(votes).toHaveLength(2);
    expect(JSON.stringify(votes)).not.toMatch(/UALICE|UBOB/);
    expect(votes[0]?.voter).toMatch(/^[0-9a-f]{32}$/);

    expect((await click(bot, 999, true, alice)).lead).toMatch(/no longer on record/);
    // An answer given in another workspace cannot be voted on from here.
    expect((await click(bot, answerId, true, { ...alice, workspaceId: "T2" })).kind).toBe("usage");
    expect((await click(new Bot(knowledge(), log, commands), answerId, true, alice)).lead).toMatch(
      /does not keep/,
    );
  });
});

describe("a click is a request like any other", () => {
  it("passes the router's guards: refused once shutdown has begun, nothing stored", async () => {
    const { bot, storage } = setup();
    const answer = await bot.router.runText("did iraq shoot at anything?", alice);
    bot.inFlight.close();
    const refused = await bot.router.click(
      feedbackActionId(answer.feedback?.answerId ?? 0, true),
      alice,
    );
    expect(refused?.title).toBe("Restarting");
    expect(storage.db.prepare("SELECT COUNT(*) AS n FROM feedback").get()).toEqual({ n: 0 });
  });

  it("takes no button id that is not one of the bot's", async () => {
    const { bot } = setup();
    expect(await bot.router.click("someone-else:1", alice)).toBeUndefined();
  });
});

describe("/gaps", () => {
  it("groups declined questions as typed, most asked first, and lists unhelpful answers", async () => {
    const { bot, clock } = setup();
    for (const q of [
      "bitcoin price",
      "Bitcoin price?",
      "BITCOIN   PRICE",
      "weather in basra",
      "who won the world cup",
    ])
      await bot.router.runText(q, alice);
    clock.advance(60_000);
    await bot.router.runText("weather in Basra!", bob);
    const answer = await bot.router.runText("did iraq shoot at anything?", alice);
    const answerId = answer.feedback?.answerId ?? 0;
    for (const [who, helpful] of [
      [alice, false],
      [bob, false],
      [curator, true],
    ] as const) {
      await bot.router.click(feedbackActionId(answerId, helpful), who);
    }

    const reply = await bot.router.runText("/gaps", curator);
    expect(reply.title).toBe("Gaps: the last 30 days");
    expect(reply.lead).toBe(
      "Since 2025-12-14 in this workspace: 6 declined questions, 1 answer marked not helpful. Add facts to knowledge/ to close them.",
    );
    expect(reply.sections[0]?.points.map((p) => p.text)).toEqual([
      "3× “BITCOIN PRICE” (last 2026-01-13, slack)",
      "2× “weather in Basra!” (last 2026-01-13, slack)",
      "1× “who won the world cup” (last 2026-01-13, slack)",
    ]);
    expect(reply.sections[1]?.points.map((p) => p.text)).toEqual([
      "2 not helpful, 1 helpful: “did iraq shoot at anything?” → pw4078-no-missiles-fired",
    ]);
    expect(renderText(reply)).not.toMatch(/UALICE|UBOB/);
  });

  it("shows a workspace only its own questions; the console (the operator) sees all", async () => {
    const { bot } = setup();
    await bot.router.runText("bitcoin price", alice);
    await bot.router.runText("weather in basra", { ...alice, workspaceId: "T2" });
    await bot.router.runText("recipe for lemon cake", {
      ...alice,
      platform: "discord",
      workspaceId: "G1",
    });
    const here = await bot.router.runText("/gaps", curator);
    expect(here.sections[0]?.points.map((p) => p.text)).toEqual([
      "1× “bitcoin price” (last 2026-01-13, slack)",
    ]);
    const all = await bot.router.runText("/gaps", {
      platform: "console",
      userId: "console",
      channelId: "console",
      ...fromAdapter("console", true),
    });
    expect(all.sections[0]?.points).toHaveLength(3);
  });

  it("[days] looks back that far; old questions drop out", async () => {
    const { bot, clock } = setup();
    await bot.router.runText("bitcoin price", alice);
    clock.advance(10 * 86_400_000);
    expect((await bot.router.runText("/gaps 7", curator)).lead).toMatch(
      /^Nothing to report since 2026-01-16/,
    );
    expect((await bot.router.runText("/gaps 30", curator)).sections[0]?.points).toHaveLength(1);
    expect((await bot.router.runText("/gaps 0", curator)).kind).toBe("usage");
  });

  it("is for the curators: others are refused", async () => {
    const { bot } = setup();
    const reply = await bot.router.runText("/gaps", alice);
    expect(reply.title).toBe("Not allowed");
    expect(reply.visibility).toBe("ephemeral");
  });

  it("normalizes case, punctuation and spaces only", () => {
    expect(normalizeQuestion("  Who is   HHN?! ")).toBe("who is hhn");
    expect(normalizeQuestion("نجباء؟")).toBe("نجباء");
  });
});
