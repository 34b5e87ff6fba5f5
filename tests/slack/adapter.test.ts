/**
 * The Slack entry `npm start` uses: from parsed configuration to a running app, in Socket Mode
 * (SLACK_APP_TOKEN) and in HTTP mode (SLACK_SIGNING_SECRET, PORT), against the stand-in.
 */
import { once } from "node:events";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { slackAdapter } from "../../src/adapters/slack/index.ts";
import { Bot } from "../../src/bot.ts";
import { parseConfig } from "../../src/config.ts";
import { knowledge, recordingLogger } from "../support/knowledge.ts";
import { post, signingSecret, slashBody } from "./helpers.ts";
import { blockProblems, SlackStandIn } from "./stand-in.ts";

const bot = new Bot(knowledge(), recordingLogger(), commands);
const standIn = new SlackStandIn();

beforeAll(() => standIn.start());
afterAll(() => standIn.stop());

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("slackAdapter", () => {
  it("is enabled by SLACK_BOT_TOKEN only", () => {
    expect(slackAdapter.enabled(parseConfig({}))).toBe(false);
    expect(
      slackAdapter.enabled(parseConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })),
    ).toBe(true);
  });

  it("starts in Socket Mode when SLACK_APP_TOKEN is set, and stops", async () => {
    const config = parseConfig({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_APP_TOKEN: "xapp-1-a",
      SLACK_API_URL: standIn.apiUrl,
    });
    const running = await slackAdapter.start(bot, config);
    try {
      const payload = Object.fromEntries(
        new URLSearchParams(slashBody("/airspace", "", standIn.responseUrl("a"))),
      );
      const ack = (await standIn.envelope("slash_commands", payload)) as { blocks?: unknown[] };
      expect(blockProblems(ack.blocks)).toEqual([]);
      expect(JSON.stringify(ack.blocks)).toContain("Iraqi airspace: briefing");
    } finally {
      await running.stop();
    }
  });

  it("starts over HTTP on PORT with SLACK_SIGNING_SECRET, answers signed requests, and stops", async () => {
    const port = await freePort();
    const config = parseConfig({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: standIn.apiUrl.replace(/\/$/, ""),
      PORT: String(port),
    });
    const running = await slackAdapter.start(bot, config);
    try {
      const endpoint = `http://127.0.0.1:${port}/slack/events`;
      const res = await post(endpoint, slashBody("/militia", "nujaba", standIn.responseUrl("b")));
      expect(res.status).toBe(200);
      expect(JSON.stringify(await res.json())).toContain("Harakat Hezbollah al-Nujaba");
      expect((await post(endpoint, "command=%2Fhelp", { signature: "v0=bad" })).status).toBe(401);
      // auth.test went to the configured API URL (a trailing slash added), with the bot token.
      expect(
        standIn.received.some(
          (r) => r.path === "/api/auth.test" && r.authorization === "Bearer xoxb-1",
        ),
      ).toBe(true);
    } finally {
      await running.stop();
    }
  });
});
