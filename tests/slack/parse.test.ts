/** Slack's raw text as router input: the bot's mention removed, Slack's escaping undone. */
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import {
  decodeEntities,
  mentionQuestion,
  runSlashCommand,
} from "../../src/adapters/slack/parse.ts";
import { Bot } from "../../src/bot.ts";
import { knowledge, recordingLogger } from "../support/knowledge.ts";

const bot = new Bot(knowledge(), recordingLogger(), commands);

describe("mentionQuestion", () => {
  it("removes the bot's own mention wherever it stands, with or without a label", () => {
    expect(mentionQuestion("<@UBOT> who is sudani?", "UBOT")).toBe("who is sudani?");
    expect(mentionQuestion("hey <@UBOT|policywatch>, who is sudani?", "UBOT")).toBe(
      "hey , who is sudani?",
    );
    expect(mentionQuestion("<@UBOT> /militia nujaba", "UBOT")).toBe("/militia nujaba");
  });

  it("keeps other people's mentions as typed (the renderer escapes them)", () => {
    expect(mentionQuestion("<@UBOT> what did <@U123> say", "UBOT")).toBe("what did <@U123> say");
  });

  it("without the bot's id, drops only the leading mention", () => {
    expect(mentionQuestion("<@UXYZ> ask <@U123>")).toBe("ask <@U123>");
  });

  it("undoes Slack's escaping", () => {
    expect(mentionQuestion("<@UBOT> AT&amp;T &lt;b&gt;", "UBOT")).toBe("AT&T <b>");
  });
});

describe("decodeEntities", () => {
  it("decodes &amp; last, so a typed entity stays as typed", () => {
    expect(decodeEntities("&amp;lt; &lt; &gt; &amp;")).toBe("&lt; < > &");
  });
});

describe("runSlashCommand", () => {
  it("parses Slack's free text with the command's schema", async () => {
    const reply = await runSlashCommand(bot.router, {
      command: "/militia",
      text: "nujaba --public",
    });
    expect(reply.title).toBe("Harakat Hezbollah al-Nujaba");
    expect(reply.visibility).toBe("channel");
  });

  it("answers an unknown command or stray text with usage help", async () => {
    const unknown = await runSlashCommand(bot.router, { command: "/nosuch", text: "x" });
    expect(unknown).toMatchObject({ kind: "usage", title: "Unknown command" });
    const stray = await runSlashCommand(bot.router, { command: "/airspace", text: "radar please" });
    expect(stray).toMatchObject({ kind: "usage", title: "How to use /airspace" });
  });

  it("treats missing text as empty", async () => {
    const reply = await runSlashCommand(bot.router, { command: "/militia" });
    expect(reply.title).toBe("Militias in the sources");
  });
});
