/**
 * Rate limits, applied once in the router for every platform: per person (any request) and per
 * channel (shared replies). GIVEN a limit THEN the request past it gets a friendly reply saying
 * when to try again; a shared reply past the channel's limit reaches the asker privately. Shown
 * through the real Bolt App and the real discord.js client too.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { commands } from "../../commands/index.ts";
import { startDiscordClient } from "../../src/adapters/discord/client.ts";
import { Bot } from "../../src/bot.ts";
import { parseConfig } from "../../src/config.ts";
import { consoleOrigin, type RequestOrigin } from "../../src/core/command.ts";
import { rateLimitGuard } from "../../src/core/rate-limit.ts";
import { type Harness, memoryLogger, testKnowledge } from "../discord/harness.ts";
import { DiscordStandIn, isMessage, messageOf } from "../discord/stand-in.ts";
import { type HttpApp, post, slashBody, startHttpApp } from "../slack/helpers.ts";
import { SlackStandIn } from "../slack/stand-in.ts";
import { knowledge, recordingLogger } from "../support/knowledge.ts";
import { fromAdapter } from "../support/origin.ts";
import { everyRendererProblems } from "./checks.ts";

const origin = (
  userId: string,
  channelId = "C1",
  platform: RequestOrigin["platform"] = "slack",
) => ({
  platform,
  userId,
  channelId,
  workspaceId: "T1",
  ...fromAdapter(platform, false),
});

function limitedBot(userPerMinute: number, channelPublicPerMinute: number) {
  const log = recordingLogger();
  const bot = new Bot(knowledge(), log, commands, {
    guards: [rateLimitGuard({ userPerMinute, channelPublicPerMinute }, log)],
  });
  return { bot, log };
}

describe("per person", () => {
  it("GIVEN 3 a minute THEN the 4th request gets a friendly 'slow down' reply, and others are not held back", async () => {
    const { bot, log } = limitedBot(3, 0);
    const ask = (user: string) =>
      bot.router.run({ command: "militia", options: { name: "nujaba" }, origin: origin(user) });
    for (let i = 0; i < 3; i++) expect((await ask("U1")).kind).toBe("info");
    const limited = await ask("U1");
    expect(limited).toMatchObject({
      kind: "usage",
      title: "Slow down a little",
      visibility: "ephemeral",
    });
    expect(limited.lead).toMatch(
      /You have sent 3 requests in the last minute.*try again in \d+ seconds?\./,
    );
    expect(everyRendererProblems(limited)).toEqual([]);
    expect((await ask("U2")).kind).toBe("info");
    expect(log.lines.find((l) => l.message === "rate limited")?.fields).toMatchObject({
      limit: "user",
    });
  });

  it("counts every request, whatever the command or channel, on every platform alike", async () => {
    const { bot } = limitedBot(2, 0);
    await bot.router.runText("/help", origin("U1", "C1", "discord"));
    await bot.router.runText("/source", origin("U1", "C2", "discord"));
    expect((await bot.router.runText("/who sudani", origin("U1", "C3", "discord"))).title).toBe(
      "Slow down a little",
    );
    // The same id on another platform is another person.
    expect((await bot.router.runText("/help", origin("U1", "C1", "slack"))).title).toBe("Commands");
  });

  it("never limits the terminal, and a limit of 0 is no limit", async () => {
    const { bot } = limitedBot(1, 1);
    for (let i = 0; i < 5; i++)
      expect((await bot.router.runText("/help", consoleOrigin)).title).toBe("Commands");
    const { bot: open } = limitedBot(0, 0);
    for (let i = 0; i < 30; i++) {
      const r = await open.router.runText("/briefing", origin("U1"));
      expect(r.visibility).toBe("channel");
    }
  });

  describe("after the minute", () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    it("lets the person in again", async () => {
      vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
      const { bot } = limitedBot(1, 0);
      const help = () => bot.router.runText("/help", origin("U1"));
      expect((await help()).title).toBe("Commands");
      expect((await help()).title).toBe("Slow down a little");
      vi.advanceTimersByTime(61_000);
      expect((await help()).title).toBe("Commands");
    });
  });
});

describe("per channel, for shared replies", () => {
  it("GIVEN 2 shared replies a minute THEN the 3rd briefing reaches only its asker, saying why and when", async () => {
    const { bot, log } = limitedBot(0, 2);
    const briefing = (user: string, channel = "C1") =>
      bot.router.runText("/briefing", origin(user, channel));
    expect((await briefing("U1")).visibility).toBe("channel");
    expect((await briefing("U2")).visibility).toBe("channel");
    const third = await briefing("U1");
    expect(third.visibility).toBe("ephemeral");
    expect(third.kind).toBe("info");
    expect(third.title).toBe("Briefing: Overview");
    expect(third.sections[0]?.heading).toBe("Only you can see this");
    expect(third.sections[0]?.points[0]?.text).toMatch(
      /This channel has had 2 shared replies in the last minute.*share again in \d+ seconds?\./,
    );
    // The briefing itself is all there, after the note.
    expect(third.sections.length).toBeGreaterThan(1);
    expect(everyRendererProblems(third)).toEqual([]);
    expect(log.lines.some((l) => (l.fields as { limit?: string }).limit === "channel-public")).toBe(
      true,
    );
    // Another channel, and private replies in this one, are not affected.
    expect((await briefing("U1", "C2")).visibility).toBe("channel");
    expect((await bot.router.runText("/militia nujaba", origin("U3"))).visibility).toBe(
      "ephemeral",
    );
    expect(
      (await bot.router.runText("/militia nujaba --public", origin("U3"))).sections[0]?.heading,
    ).toBe("Only you can see this");
  });
});

describe("configuration", () => {
  it("has sensible defaults and reads RATE_LIMIT_* (0 turns a limit off)", () => {
    const defaults = parseConfig({});
    expect(defaults.RATE_LIMIT_USER_PER_MINUTE).toBe(20);
    expect(defaults.RATE_LIMIT_CHANNEL_PUBLIC_PER_MINUTE).toBe(6);
    const set = parseConfig({
      RATE_LIMIT_USER_PER_MINUTE: "100",
      RATE_LIMIT_CHANNEL_PUBLIC_PER_MINUTE: "0",
    });
    expect(set.RATE_LIMIT_USER_PER_MINUTE).toBe(100);
    expect(set.RATE_LIMIT_CHANNEL_PUBLIC_PER_MINUTE).toBe(0);
    expect(() => parseConfig({ RATE_LIMIT_USER_PER_MINUTE: "lots" })).toThrow(
      /RATE_LIMIT_USER_PER_MINUTE/,
    );
    expect(() => parseConfig({ RATE_LIMIT_CHANNEL_PUBLIC_PER_MINUTE: "-1" })).toThrow(
      /RATE_LIMIT_CHANNEL_PUBLIC_PER_MINUTE/,
    );
  });
});

describe("on the platforms", () => {
  const slackStandIn = new SlackStandIn();
  let slack: HttpApp;
  let discord: Harness;

  beforeAll(async () => {
    await slackStandIn.start();
    const { bot } = limitedBot(0, 2);
    slack = await startHttpApp(bot, slackStandIn);
    const standIn = await DiscordStandIn.start();
    const log = memoryLogger();
    const discordBot = new Bot(testKnowledge(), log, commands, {
      guards: [rateLimitGuard({ userPerMinute: 0, channelPublicPerMinute: 2 }, log)],
    });
    const running = await startDiscordClient(discordBot, {
      token: "stand-in-token",
      api: standIn.apiUrl,
      retries: 0,
      readyTimeoutMs: 5000,
    });
    discord = {
      standIn,
      bot: discordBot,
      log,
      close: async () => {
        await running.stop();
        await standIn.close();
      },
    };
  });
  afterAll(async () => {
    await slack?.stop();
    await slackStandIn.stop();
    await discord?.close();
  });

  it("Slack: one person's third /briefing in a minute is not posted for the channel", async () => {
    const types: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(
        slack.endpoint,
        slashBody("/briefing", "", slackStandIn.responseUrl(`b${i}`)),
      );
      types.push(((await res.json()) as { response_type: string }).response_type);
    }
    expect(types).toEqual(["in_channel", "in_channel", "ephemeral"]);
  });

  it("Discord: the same, the third reply sent ephemeral (flags 64)", async () => {
    const flags: number[] = [];
    for (let i = 0; i < 3; i++) {
      const sent = discord.standIn.command("briefing");
      const calls = await discord.standIn.waitFor(sent, (cs) => cs.some(isMessage));
      const message = calls.find(isMessage);
      flags.push(message ? (messageOf(message).flags ?? 0) : -1);
    }
    expect(flags).toEqual([0, 0, 64]);
  });
});
