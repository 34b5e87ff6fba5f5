/**
 * Failing platform calls: a Discord 5xx, a Discord call that times out, a Slack `ok:false`, a
 * Slack 5xx, a response_url that keeps failing. Each is retried where the library (or Slack's
 * 5 uses of response_url) allows, then reported to the person where possible and logged with the
 * error id the person sees; the bot goes on answering.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { commands } from "../../commands/index.ts";
import { startDiscordClient } from "../../src/adapters/discord/client.ts";
import { createSlackApp } from "../../src/adapters/slack/app.ts";
import { Bot } from "../../src/bot.ts";
import { defineCommand } from "../../src/core/command.ts";
import { reply } from "../../src/core/reply.ts";
import { memoryLogger, testKnowledge } from "../discord/harness.ts";
import { DiscordStandIn, isMessage, messageOf } from "../discord/stand-in.ts";
import {
  allText,
  eventCallback,
  mentionEvent,
  post,
  signingSecret,
  slashBody,
} from "../slack/helpers.ts";
import { BOT_USER_ID, SlackStandIn } from "../slack/stand-in.ts";

const ERROR_ID = /([0-9A-F]{6})/;

async function discordBot(options: { retries: number; timeout?: number }) {
  const standIn = await DiscordStandIn.start();
  const log = memoryLogger();
  const bot = new Bot(testKnowledge(), log, commands);
  const running = await startDiscordClient(bot, {
    token: "stand-in-token",
    api: standIn.apiUrl,
    readyTimeoutMs: 5000,
    ...options,
  });
  return {
    standIn,
    log,
    close: async () => {
      await running.stop();
      await standIn.close();
    },
  };
}

describe("Discord", () => {
  it("GIVEN a 5xx and retries allowed THEN discord.js retries and the person gets the answer", async () => {
    const d = await discordBot({ retries: 1 });
    try {
      d.standIn.refuseNextMessage = { status: 503, code: 0, message: "Service Unavailable" };
      const sent = d.standIn.command("militia", { name: "nujaba" });
      const calls = await d.standIn.waitFor(sent, (cs) => cs.some(isMessage));
      expect(calls.map((c) => c.status)).toEqual([503, 204]);
      expect(messageOf(calls[1] as never).embeds?.[0]?.title).toBe("Harakat Hezbollah al-Nujaba");
      expect(d.log.entries.filter((e) => e.level === "error")).toEqual([]);
    } finally {
      await d.close();
    }
  });

  it("GIVEN a 5xx with no retry left THEN an apology quoting an error id, logged with it; the bot goes on", async () => {
    const d = await discordBot({ retries: 0 });
    try {
      d.standIn.refuseNextMessage = { status: 500, code: 0, message: "Internal Server Error" };
      const sent = d.standIn.command("militia", { name: "nujaba" });
      const calls = await d.standIn.waitFor(sent, (cs) => cs.some(isMessage));
      const apology = messageOf(calls.find(isMessage) as never).embeds?.[0];
      expect(apology?.title).toBe("Something went wrong");
      const id = ERROR_ID.exec(apology?.footer?.text ?? "")?.[1];
      const logged = d.log.entries.find((e) => e.fields.errorId === id);
      expect(logged?.message).toBe("discord interaction failed");
      expect(logged?.fields.err).toMatchObject({ status: 500 });
      const { body } = await d.standIn.firstMessage(d.standIn.command("who", { name: "sudani" }));
      expect(body.embeds?.[0]?.title).toMatch(/Sudani/);
    } finally {
      await d.close();
    }
  });

  it("GIVEN a call that times out THEN it is logged with an error id and the person gets the apology", async () => {
    const d = await discordBot({ retries: 0, timeout: 300 });
    try {
      d.standIn.stallNextCallbackMs = 1200;
      const sent = d.standIn.command("militia", { name: "nujaba" });
      const calls = await d.standIn.waitFor(sent, (cs) => cs.some(isMessage));
      const apology = messageOf(calls.find(isMessage) as never).embeds?.[0];
      expect(apology?.title).toBe("Something went wrong");
      const id = ERROR_ID.exec(apology?.footer?.text ?? "")?.[1];
      const logged = d.log.entries.find((e) => e.fields.errorId === id);
      expect(logged?.fields.err).toMatchObject({ name: "AbortError" });
      const { body } = await d.standIn.firstMessage(d.standIn.command("help"));
      expect(body.embeds?.[0]?.title).toBe("Commands");
    } finally {
      await d.close();
    }
  });
});

describe("Slack", () => {
  const standIn = new SlackStandIn();
  const log = memoryLogger();
  const sleepy = defineCommand({
    name: "sleepy",
    description: "Answers after the ack budget",
    options: z.object({}),
    examples: ["/sleepy"],
    async handler() {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return reply({ kind: "info", title: "Late answer" });
    },
  });
  const bot = new Bot(testKnowledge(), log, [...commands, sleepy]);
  let endpoint = "";
  let stop: () => Promise<unknown> = async () => {};

  beforeAll(async () => {
    await standIn.start();
    const app = createSlackApp(bot, {
      botToken: "xoxb-test-token",
      signingSecret,
      http: { unhandledRequestTimeoutMs: 300 },
      apiUrl: standIn.apiUrl,
      // One quick retry, as production retries (there: twice, within a few seconds).
      clientOptions: { retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 20 } },
      ackBudgetMs: 50,
    });
    const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    stop = () => app.stop();
  });
  afterAll(async () => {
    await stop();
    await standIn.stop();
  });

  async function mention(ts: string) {
    const res = await post(
      endpoint,
      JSON.stringify(eventCallback(mentionEvent(`<@${BOT_USER_ID}> /militia nujaba`, { ts }))),
      {
        contentType: "application/json",
      },
    );
    expect(res.status).toBe(200);
  }

  it("GIVEN chat.postMessage answers ok:false THEN it is logged with an error id and an apology goes to the thread", async () => {
    standIn.refuseNext.set("/api/chat.postMessage", "invalid_blocks");
    await mention("1700000900.000100");
    const inThread = () =>
      standIn.received.filter(
        (r) => r.path === "/api/chat.postMessage" && r.body.thread_ts === "1700000900.000100",
      );
    await vi.waitFor(() => expect(inThread()).toHaveLength(2), { timeout: 3000 });
    const shown = allText(inThread()[1]?.body ?? {}).join(" ");
    expect(shown).toContain("Something went wrong");
    const id = /Error id: ([0-9A-F]{6})/.exec(shown)?.[1];
    const logged = log.entries.find((e) => e.fields.errorId === id);
    expect(logged?.message).toBe("slack: reply not delivered");
    expect(logged?.fields.err).toMatchObject({
      code: "slack_webapi_platform_error",
      message: expect.stringContaining("invalid_blocks"),
    });
  });

  it("GIVEN a Slack 503 THEN the Web API client retries and the answer is posted", async () => {
    const failures = () =>
      log.entries.filter((e) => e.message === "slack: reply not delivered").length;
    const before = failures();
    standIn.refuseNext.set("/api/chat.postMessage", 503);
    await mention("1700000901.000100");
    const inThread = () =>
      standIn.received.filter(
        (r) => r.path === "/api/chat.postMessage" && r.body.thread_ts === "1700000901.000100",
      );
    await vi.waitFor(() => expect(inThread()).toHaveLength(2), { timeout: 3000 });
    expect(allText(inThread()[1]?.body ?? {}).join(" ")).toContain("Harakat Hezbollah al-Nujaba");
    expect(failures()).toBe(before);
  });

  it("GIVEN response_url fails twice THEN the apology goes privately through chat.postEphemeral, with the logged id", async () => {
    const responseUrl = standIn.responseUrl("fails-1");
    standIn.failing.add("/respond/fails-1");
    const ack = await post(endpoint, slashBody("/sleepy", "", responseUrl));
    expect(ack.status).toBe(200);
    const ephemeral = await standIn.waitFor((r) => r.path === "/api/chat.postEphemeral");
    expect(standIn.received.filter((r) => r.path === "/respond/fails-1")).toHaveLength(2);
    expect(ephemeral.body).toMatchObject({ channel: "C0000001", user: "U0000001" });
    const id = /Error id: ([0-9A-F]{6})/.exec(allText(ephemeral.body).join(" "))?.[1];
    const logged = log.entries.find((e) => e.fields.errorId === id);
    expect(logged?.message).toBe("slack: reply not delivered");
    expect(logged?.fields).toMatchObject({ command: "sleepy" });

    // And the app goes on answering.
    const next = await post(endpoint, slashBody("/help", "", standIn.responseUrl("ok-1")));
    expect(allText((await next.json()) as object).join(" ")).toContain("Commands");
  });
});
