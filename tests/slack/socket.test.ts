/**
 * The real Bolt App in Socket Mode against the stand-in: apps.connections.open with the app
 * token, a ws:// link, hello, then envelopes that the app acks with the reply itself.
 */
import type { App } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { createSlackApp } from "../../src/adapters/slack/app.ts";
import { Bot } from "../../src/bot.ts";
import { knowledge, recordingLogger } from "../support/knowledge.ts";
import { allText, eventCallback, mentionEvent, slashBody, unescapedMarkup } from "./helpers.ts";
import { BOT_USER_ID, blockProblems, SlackStandIn } from "./stand-in.ts";

interface AckPayload {
  response_type?: string;
  text?: string;
  blocks?: { type: string; text?: { text: string } }[];
}

const bot = new Bot(knowledge(), recordingLogger(), commands);
const standIn = new SlackStandIn();
let app: App;

beforeAll(async () => {
  await standIn.start();
  app = createSlackApp(bot, {
    botToken: "xoxb-test-token",
    appToken: "xapp-1-test-token",
    apiUrl: standIn.apiUrl,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  await app.start();
});

afterAll(async () => {
  await app?.stop();
  await standIn.stop();
});

const slashPayload = (command: string, text: string) =>
  Object.fromEntries(new URLSearchParams(slashBody(command, text, standIn.responseUrl("socket"))));

describe("Slack in Socket Mode", () => {
  it("opens the connection with the app token, not the bot token", () => {
    const open = standIn.received.find((r) => r.path === "/api/apps.connections.open");
    expect(open?.authorization).toBe("Bearer xapp-1-test-token");
  });

  it("acks a slash_commands envelope with the reply", async () => {
    const ack = (await standIn.envelope(
      "slash_commands",
      slashPayload("/militia", "nujaba"),
    )) as AckPayload;
    expect(ack.response_type).toBe("ephemeral");
    expect(blockProblems(ack.blocks)).toEqual([]);
    expect(ack.blocks?.[0]?.text?.text).toBe("Harakat Hezbollah al-Nujaba");
    expect(ack.text).toMatch(/^Harakat Hezbollah al-Nujaba\n/);
  });

  it("acks /briefing in_channel, and escapes hostile text in a usage reply", async () => {
    const briefing = (await standIn.envelope(
      "slash_commands",
      slashPayload("/briefing", "airspace"),
    )) as AckPayload;
    expect(briefing.response_type).toBe("in_channel");
    const hostile = (await standIn.envelope(
      "slash_commands",
      slashPayload("/who", "<!channel> & <@U123>"),
    )) as AckPayload;
    expect(unescapedMarkup(hostile)).toEqual([]);
    expect(blockProblems(hostile.blocks)).toEqual([]);
  });

  it("answers an app_mention envelope in its thread", async () => {
    const event = mentionEvent(`<@${BOT_USER_ID}> did iraq shoot at anything?`, {
      ts: "1700000400.000100",
    });
    await standIn.envelope("events_api", eventCallback(event));
    const posted = await standIn.waitFor(
      (r) => r.path === "/api/chat.postMessage" && r.body.thread_ts === "1700000400.000100",
    );
    expect(posted.problems).toEqual([]);
    expect(posted.body.channel).toBe("C0000001");
    expect(allText(posted.body).join("\n")).toMatch(/\[1\]/);
  });
});
