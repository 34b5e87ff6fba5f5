/**
 * The real Bolt App in HTTP mode on 127.0.0.1, receiving slash commands and events signed in the
 * test, its Web API calls and `response_url` deliveries going to the local stand-in.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { commands } from "../../commands/index.ts";
import { Bot } from "../../src/bot.ts";
import { defineCommand } from "../../src/core/command.ts";
import { type Reply, reply } from "../../src/core/reply.ts";
import { knowledge, recordingLogger } from "../support/knowledge.ts";
import {
  allText,
  eventCallback,
  type HttpApp,
  type MentionEvent,
  mentionEvent,
  post,
  sign,
  slashBody,
  startHttpApp,
  unescapedMarkup,
} from "./helpers.ts";
import { BOT_USER_ID, blockProblems, SlackStandIn } from "./stand-in.ts";

interface AckBody {
  response_type?: string;
  text?: string;
  blocks?: { type: string; text?: { text: string }; elements?: { text: string }[] }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const noOptions = z.object({});
const slowpoke = defineCommand({
  name: "slowpoke",
  description: "Answers after the ack budget",
  options: noOptions,
  examples: ["/slowpoke"],
  async handler() {
    await sleep(500);
    return reply({ kind: "info", title: "Finally", lead: "Here it is.", visibility: "channel" });
  },
});
const broken = defineCommand({
  name: "broken",
  description: "Fails as a bug would",
  options: noOptions,
  examples: ["/broken"],
  handler() {
    throw new Error("database exploded");
  },
});
/** Returns a reply the renderer cannot read: the adapter's own catch must turn it into an apology. */
const malformed = defineCommand({
  name: "malformed",
  description: "Returns a broken reply",
  options: noOptions,
  examples: ["/malformed"],
  handler: () => ({ ...reply({ kind: "info", title: "x" }), sections: null }) as unknown as Reply,
});

const log = recordingLogger();
const bot = new Bot(knowledge(), log, [...commands, slowpoke, broken, malformed]);
const standIn = new SlackStandIn();
let http: HttpApp;
let urls = 0;

beforeAll(async () => {
  await standIn.start();
  http = await startHttpApp(bot, standIn, 200);
});

afterAll(async () => {
  await http?.stop();
  await standIn.stop();
});

/** Sends a slash command; returns the HTTP response, its JSON body and its response_url. */
async function slash(command: string, text = "") {
  const responseUrl = standIn.responseUrl(`r${++urls}`);
  const res = await post(http.endpoint, slashBody(command, text, responseUrl));
  const raw = await res.text();
  return { status: res.status, body: (raw ? JSON.parse(raw) : {}) as AckBody, responseUrl };
}

const headerOf = (body: AckBody) => body.blocks?.[0]?.text?.text;
const sectionTexts = (body: AckBody) =>
  (body.blocks ?? []).filter((b) => b.type === "section").map((b) => b.text?.text ?? "");
const contextTexts = (body: AckBody) =>
  (body.blocks ?? [])
    .filter((b) => b.type === "context")
    .flatMap((b) => (b.elements ?? []).map((e) => e.text));

describe("Slack over HTTP: slash commands", () => {
  it("/airspace acks with the cited briefing in Block Kit, for the asker only", async () => {
    const { status, body, responseUrl } = await slash("/airspace");
    expect(status).toBe(200);
    expect(body.response_type).toBe("ephemeral");
    expect(blockProblems(body.blocks)).toEqual([]);
    expect(body.blocks?.[0]?.type).toBe("header");
    expect(headerOf(body)).toBe("Iraqi airspace: briefing");
    const sections = sectionTexts(body);
    expect(sections.some((s) => s.startsWith("*How the war used Iraqi airspace*\n• "))).toBe(true);
    expect(sections.some((s) => s.startsWith("*Iraq's air defenses*"))).toBe(true);
    expect(sections.join("\n")).toMatch(/• .+ \[1\]/);
    const context = contextTexts(body);
    expect(context[0]).toMatch(
      /^<https:\/\/www\.washingtoninstitute\.org\/[^|]+\|Michael Knights, “.+” \(PolicyWatch 4078\)>$/,
    );
    expect(context.some((t) => /^\[1\] ¶\d+: “.+”$/.test(t ?? ""))).toBe(true);
    expect(body.text).toMatch(/^Iraqi airspace: briefing\n/);
    expect(unescapedMarkup(body)).toEqual([]);
    // Answered in the ack: nothing went to response_url.
    expect(standIn.received.some((r) => r.path === new URL(responseUrl).pathname)).toBe(false);
  });

  it("/militia nujaba acks with the militia's profile and its citations", async () => {
    const { status, body } = await slash("/militia", "nujaba");
    expect(status).toBe(200);
    expect(blockProblems(body.blocks)).toEqual([]);
    expect(headerOf(body)).toBe("Harakat Hezbollah al-Nujaba");
    expect(sectionTexts(body)[0]).toMatch(/^Also written: .*HHN/);
    const threatened = sectionTexts(body).find((s) => s.startsWith("*What it threatened or did*"));
    expect(threatened).toMatch(/June 15, 2025.*\[\d\]/);
    expect(contextTexts(body).join("\n")).toContain("(PolicyWatch 4078)>");
    expect(body.response_type).toBe("ephemeral");
  });

  it("shared answers go in_channel: /briefing, and --public", async () => {
    const briefing = await slash("/briefing", "militias");
    expect(briefing.body.response_type).toBe("in_channel");
    expect(headerOf(briefing.body)).toBe("Briefing: Iraqi militias");
    const shared = await slash("/militia", "nujaba --public");
    expect(shared.body.response_type).toBe("in_channel");
  });

  it("answers bad input with a usage reply, for the asker only", async () => {
    const unknown = await slash("/militia", "nobody-at-all");
    expect(headerOf(unknown.body)).toBe("How to use /militia");
    expect(sectionTexts(unknown.body).join("\n")).toContain("Usage: /militia [name] [--public]");
    expect(unknown.body.response_type).toBe("ephemeral");
    const short = await slash("/ask", "x");
    expect(headerOf(short.body)).toBe("How to use /ask");
    const shared = await slash("/briefing", "no-such-topic");
    expect(shared.body.response_type).toBe("ephemeral");
  });

  it("a slow reply gets an empty ack at once, then arrives through response_url", async () => {
    const { status, body, responseUrl } = await slash("/slowpoke");
    // Acked empty after the 200 ms budget, within Bolt's 300 ms here, long before the reply.
    expect(status).toBe(200);
    expect(body).toEqual({});
    const delivered = await standIn.waitFor((r) => r.path === new URL(responseUrl).pathname);
    expect(delivered.problems).toEqual([]);
    expect(delivered.body).toMatchObject({ response_type: "in_channel", replace_original: false });
    expect(allText(delivered.body)).toContain("Finally");
  });

  it("a failing command becomes an ephemeral apology with an error id, logged; the app stays up", async () => {
    const { body } = await slash("/broken");
    expect(body.response_type).toBe("ephemeral");
    const id = contextTexts(body)
      .join(" ")
      .match(/Error id: ([0-9A-F]{6})/)?.[1];
    expect(id).toBeDefined();
    expect(body.text).toContain(`error ${id}`);
    expect(
      log.lines.some((l) => l.level === "error" && JSON.stringify(l.fields).includes(`"${id}"`)),
    ).toBe(true);
    expect(JSON.stringify(body)).not.toContain("database exploded");

    const next = await slash("/militia", "nujaba");
    expect(headerOf(next.body)).toBe("Harakat Hezbollah al-Nujaba");
  });

  it("a reply the adapter cannot render becomes an apology too, logged with its id", async () => {
    const { body } = await slash("/malformed");
    expect(body.response_type).toBe("ephemeral");
    expect(headerOf(body)).toBe("Something went wrong");
    const id = contextTexts(body)
      .join(" ")
      .match(/Error id: ([0-9A-F]{6})/)?.[1];
    const line = log.lines.find((l) => l.message === "slack: reply failed");
    expect(line?.fields).toMatchObject({ errorId: id, command: "malformed" });
  });

  it("a failed response_url delivery is logged and the app stays up", async () => {
    const before = log.lines.filter((l) => l.message === "slack: reply not delivered").length;
    standIn.failing.add(`/respond/r${urls + 1}`);
    const { body } = await slash("/slowpoke");
    expect(body).toEqual({});
    await vi.waitFor(
      () =>
        expect(log.lines.filter((l) => l.message === "slack: reply not delivered").length).toBe(
          before + 1,
        ),
      { timeout: 2000 },
    );
    const next = await slash("/help");
    expect(headerOf(next.body)).toBe("Commands");
  });
});

describe("Slack over HTTP: request signatures", () => {
  const find = vi.spyOn(bot.router, "find");
  const runText = vi.spyOn(bot.router, "runText");

  const cases: [string, (raw: string) => Parameters<typeof post>[2]][] = [
    [
      "a bad signature",
      (raw) => ({ signature: sign(raw, Math.floor(Date.now() / 1000), "some-other-secret") }),
    ],
    ["no signature", () => ({ signature: null })],
    [
      "a stale timestamp (6 minutes old)",
      (raw) => {
        const timestamp = Math.floor(Date.now() / 1000) - 6 * 60;
        return { timestamp, signature: sign(raw, timestamp) };
      },
    ],
  ];

  it.each(cases)("%s gets 401 and never reaches a handler", async (_, options) => {
    find.mockClear();
    runText.mockClear();
    const seen = standIn.received.length;
    const raw = slashBody("/militia", "nujaba", standIn.responseUrl("never"));
    const res = await post(http.endpoint, raw, options(raw));
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("Nujaba");
    expect(find).not.toHaveBeenCalled();
    expect(runText).not.toHaveBeenCalled();
    expect(standIn.received.length).toBe(seen);
  });

  it("answers Slack's Request URL check (url_verification) when it is signed", async () => {
    const raw = JSON.stringify({ token: "t", challenge: "c-123", type: "url_verification" });
    const res = await post(http.endpoint, raw, { contentType: "application/json" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "c-123" });
  });

  it("the same request properly signed does reach it", async () => {
    find.mockClear();
    const { status } = await slash("/militia", "nujaba");
    expect(status).toBe(200);
    expect(find).toHaveBeenCalledWith("militia");
  });
});

describe("Slack over HTTP: app mentions", () => {
  async function mention(event: MentionEvent) {
    const res = await post(http.endpoint, JSON.stringify(eventCallback(event)), {
      contentType: "application/json",
    });
    expect(res.status).toBe(200);
    // Each test mentions the bot at its own ts, so the thread tells the answers apart.
    const thread = event.thread_ts ?? event.ts;
    return standIn.waitFor(
      (r) => r.path === "/api/chat.postMessage" && r.body.thread_ts === thread,
    );
  }

  it("answers a question in the mention's thread, through chat.postMessage", async () => {
    const posted = await mention(
      mentionEvent(`<@${BOT_USER_ID}> who is sudani?`, { ts: "1700000100.000100" }),
    );
    expect(posted.authorization).toBe("Bearer xoxb-test-token");
    expect(posted.problems).toEqual([]);
    expect(posted.body).toMatchObject({ channel: "C0000001", thread_ts: "1700000100.000100" });
    const text = allText(posted.body).join("\n");
    expect(text).toMatch(/Sudani/);
    expect(text).not.toContain(BOT_USER_ID);
  });

  it("answers in the existing thread when mentioned inside one, and runs commands", async () => {
    const event = mentionEvent(`<@${BOT_USER_ID}> /militia nujaba`, {
      ts: "1700000200.000100",
      thread_ts: "1700000150.000100",
    });
    const posted = await mention(event);
    expect(posted.body.thread_ts).toBe("1700000150.000100");
    expect(allText(posted.body)).toContain("Harakat Hezbollah al-Nujaba");
  });

  it("escapes what people typed in a mention", async () => {
    const event = mentionEvent(`<@${BOT_USER_ID}> /militia <!channel> & <@U0000999> <!here>`, {
      ts: "1700000300.000100",
    });
    const posted = await mention(event);
    expect(unescapedMarkup(posted.body)).toEqual([]);
    expect(allText(posted.body).join("\n")).toContain(
      "&lt;!channel&gt; &amp; &lt;@U0000999&gt; &lt;!here&gt;",
    );
  });
});
