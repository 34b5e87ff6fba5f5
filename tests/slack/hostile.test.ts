/**
 * Hostile text through the real App, for every command: mentions that would ping
 * (`<!channel>`, `<@U123>`, `<!here>`), `&`, Slack's own escaped entities, control characters
 * and 5,000 characters. Every reply stays within Slack's limits and shows the text, escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { Bot } from "../../src/bot.ts";
import { knowledge, recordingLogger } from "../support/knowledge.ts";
import {
  allText,
  eventCallback,
  type HttpApp,
  mentionEvent,
  post,
  slashBody,
  startHttpApp,
  unescapedMarkup,
} from "./helpers.ts";
import { BOT_USER_ID, blockProblems, SlackStandIn } from "./stand-in.ts";

const bot = new Bot(knowledge(), recordingLogger(), commands);
const standIn = new SlackStandIn();
let http: HttpApp;

beforeAll(async () => {
  await standIn.start();
  http = await startHttpApp(bot, standIn);
});

afterAll(async () => {
  await http?.stop();
  await standIn.stop();
});

const PINGS = "<!channel> <@U123> <!here> <!subteam^S1|@team> <#C1|general>";
const hostile: [string, string][] = [
  ["mentions and &", `${PINGS} & co`],
  ["mentions, shared", `nujaba ${PINGS} --public`],
  ["Slack-escaped entities", "&lt;!channel&gt; AT&amp;T &amp;lt;b&amp;gt;"],
  ["control characters", "\u0000\u0007<!here>\u001b[31m\u007f\u200b & nujaba\r\n<@U123>"],
  ["5,000 characters", `${PINGS} & `.repeat(100).slice(0, 5000)],
  ["a long name", `nujaba ${"<@U123>&".repeat(150)}`],
];

describe.each(commands.map((c) => [c.name]))("/%s with hostile text", (name) => {
  it.each(hostile)("%s: escaped and within limits", async (_, text) => {
    const res = await post(
      http.endpoint,
      slashBody(`/${name}`, text, standIn.responseUrl(`hostile-${name}`)),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      text?: string;
      blocks?: unknown[];
      response_type?: string;
    };
    expect(blockProblems(body.blocks)).toEqual([]);
    expect((body.blocks ?? []).length).toBeGreaterThan(0);
    expect(body.text?.length ?? 0).toBeLessThanOrEqual(3000);
    expect(unescapedMarkup(body)).toEqual([]);
    for (const ping of ["<!channel>", "<@U123>", "<!here>", "<!subteam"]) {
      expect(JSON.stringify(body)).not.toContain(ping);
    }
    // No control characters other than newline (tab is allowed but unused).
    for (const shown of allText(body)) expect(shown).not.toMatch(/[^\P{Cc}\n\t]/u);
  });
});

describe("hostile text reaches people as text", () => {
  it("echoes what was typed visibly: escaped once, Slack's own escaping undone first", async () => {
    const res = await post(
      http.endpoint,
      slashBody("/militia", "&lt;!channel&gt; AT&amp;T", standIn.responseUrl("echo")),
    );
    const shown = allText((await res.json()) as object).join("\n");
    expect(shown).toContain("&lt;!channel&gt; AT&amp;T");
    expect(shown).not.toContain("&amp;lt;");
  });

  it("a 5,000-character mention is answered in its thread, politely and within limits", async () => {
    const event = mentionEvent(`<@${BOT_USER_ID}> ${`${PINGS} & `.repeat(100).slice(0, 5000)}`, {
      ts: "1700000500.000100",
    });
    const res = await post(http.endpoint, JSON.stringify(eventCallback(event)), {
      contentType: "application/json",
    });
    expect(res.status).toBe(200);
    const posted = await standIn.waitFor(
      (r) => r.path === "/api/chat.postMessage" && r.body.thread_ts === "1700000500.000100",
    );
    expect(posted.problems).toEqual([]);
    expect(unescapedMarkup(posted.body)).toEqual([]);
    expect(allText(posted.body).join("\n")).toContain("too long");
  });
});
