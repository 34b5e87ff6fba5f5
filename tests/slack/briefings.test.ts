/**
 * Briefings, feedback and permissions through the real Bolt App over HTTP, signed requests in,
 * Web API calls (users.info, chat.postMessage) and response_url deliveries out to the stand-in,
 * on a temporary database.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { createSlackApp } from "../../src/adapters/slack/app.ts";
import { slackDelivery } from "../../src/adapters/slack/deliver.ts";
import { Bot } from "../../src/bot.ts";
import { ChannelUnreachableError } from "../../src/core/delivery.ts";
import { reply } from "../../src/core/reply.ts";
import type { Storage } from "../../src/storage/index.ts";
import { knowledge, recordingLogger } from "../support/knowledge.ts";
import { tempDir, tempStorage } from "../support/storage.ts";
import { eventCallback, mentionEvent, post, signingSecret, slashBody } from "./helpers.ts";
import { BOT_USER_ID, blockProblems, SlackStandIn, TEAM_ID } from "./stand-in.ts";

interface Message {
  response_type?: string;
  text?: string;
  blocks?: {
    type: string;
    block_id?: string;
    text?: { text: string };
    elements?: { type?: string; action_id?: string; value?: string; text?: unknown }[];
  }[];
}

const tmp = tempDir();
const standIn = new SlackStandIn();
const log = recordingLogger();
let storage: Storage;
let app: App;
let endpoint: string;
let urls = 0;

beforeAll(async () => {
  await standIn.start();
  storage = tempStorage(tmp);
  const bot = new Bot(knowledge(), log, commands, { services: storage.services });
  app = createSlackApp(bot, {
    botToken: "xoxb-test-token",
    signingSecret,
    http: { unhandledRequestTimeoutMs: 300 },
    apiUrl: standIn.apiUrl,
    clientOptions: { retryConfig: { retries: 0 } },
    briefingAdmins: ["ULISTED1"],
  });
  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterAll(async () => {
  await app?.stop();
  await standIn.stop();
  storage?.close();
  tmp.cleanup();
});

async function slash(command: string, text: string, userId = "U0000001") {
  const body = new URLSearchParams(slashBody(command, text, standIn.responseUrl(`r${++urls}`)));
  body.set("user_id", userId);
  const res = await post(endpoint, body.toString());
  expect(res.status).toBe(200);
  const raw = await res.text();
  return (raw ? JSON.parse(raw) : {}) as Message;
}

const usersInfoCalls = (user: string) =>
  standIn.received.filter((r) => r.path === "/api/users.info" && r.body.user === user).length;

describe("feedback buttons", () => {
  it("an /ask answer carries an actions block; a click is acked, stored and thanked privately", async () => {
    const answer = await slash("/ask", "did iraq shoot at anything?");
    expect(blockProblems(answer.blocks)).toEqual([]);
    const actions = answer.blocks?.find((b) => b.type === "actions");
    expect(actions?.elements?.map((e) => [e.action_id, e.value])).toEqual([
      ["feedback:1:yes", "1"],
      ["feedback:1:no", "1"],
    ]);

    const responseUrl = standIn.responseUrl("click-1");
    const payload = {
      type: "block_actions",
      user: { id: "U0000001", username: "analyst", name: "analyst", team_id: TEAM_ID },
      api_app_id: "A0001",
      token: "legacy-verification-token",
      container: {
        type: "message",
        message_ts: "1700000001.000200",
        channel_id: "C0000001",
        is_ephemeral: true,
      },
      trigger_id: "trigger-click-1",
      team: { id: TEAM_ID, domain: "policywatch-test" },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: "C0000001", name: "general" },
      response_url: responseUrl,
      actions: [
        {
          action_id: "feedback:1:no",
          block_id: "feedback",
          text: { type: "plain_text", text: "Not helpful" },
          value: "1",
          type: "button",
          action_ts: "1700000002.000100",
        },
      ],
      state: { values: {} },
    };
    const res = await post(
      endpoint,
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    );
    expect(res.status).toBe(200);

    const thanks = await standIn.waitFor((r) => r.path === "/respond/click-1");
    expect(thanks.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(thanks.body.text)).toContain("You marked this answer not helpful");
    expect(thanks.problems).toEqual([]);
    expect(
      storage.db
        .prepare(
          "SELECT f.helpful, f.platform, a.question, a.fact_ids, a.workspace_id FROM feedback f JOIN answers a ON a.id = f.answer_id",
        )
        .all(),
    ).toEqual([
      {
        helpful: 0,
        platform: "slack",
        question: "did iraq shoot at anything?",
        fact_ids: JSON.stringify(["pw4078-no-missiles-fired"]),
        workspace_id: TEAM_ID,
      },
    ]);
  });

  it("a declined question has no buttons and is stored without who asked", async () => {
    const declined = await slash("/ask", "bitcoin price");
    expect(declined.blocks?.some((b) => b.type === "actions")).toBe(false);
    expect(storage.db.prepare("SELECT platform, question, asked_by FROM unanswered").all()).toEqual(
      [{ platform: "slack", question: "bitcoin price", asked_by: null }],
    );
  });
});

describe("who may manage briefings", () => {
  it("a member who is not an admin is refused (users.info says so)", async () => {
    standIn.users.set("UMEMBER1", { is_admin: false, is_owner: false });
    const refused = await slash("/briefing", "subscribe militias daily 08:30", "UMEMBER1");
    expect(refused.response_type).toBe("ephemeral");
    expect(refused.blocks?.[0]?.text?.text).toBe("Not allowed");
    expect(JSON.stringify(refused.blocks)).toContain("SLACK_BRIEFING_ADMINS");
    expect(usersInfoCalls("UMEMBER1")).toBe(1);
    expect(storage.db.prepare("SELECT COUNT(*) AS n FROM subscriptions").get()).toEqual({ n: 0 });
  });

  it("an unknown user (users.info fails) is refused, and the failure is logged", async () => {
    const refused = await slash("/briefing", "unsubscribe all", "UGHOST01");
    expect(refused.blocks?.[0]?.text?.text).toBe("Not allowed");
    expect(log.lines.some((l) => /users\.info failed/.test(l.message))).toBe(true);
  });

  it("someone in SLACK_BRIEFING_ADMINS may, without any users.info call", async () => {
    const done = await slash(
      "/briefing",
      "subscribe militias daily 08:30 Asia/Baghdad",
      "ULISTED1",
    );
    expect(done.response_type).toBe("in_channel");
    expect(done.blocks?.[0]?.text?.text).toBe("Briefing scheduled");
    expect(usersInfoCalls("ULISTED1")).toBe(0);
  });

  it("a workspace admin may; users.info is asked once and remembered", async () => {
    standIn.users.set("UADMIN01", { is_admin: true });
    expect(
      (await slash("/briefing", "subscribe policy weekdays 09:00", "UADMIN01")).response_type,
    ).toBe("in_channel");
    const list = await slash("/briefing", "list", "UADMIN01");
    expect(JSON.stringify(list.blocks)).toContain("2: U.S. policy, weekdays at 09:00 (UTC)");
    expect((await slash("/briefing", "unsubscribe 2", "UADMIN01")).blocks?.[0]?.text?.text).toBe(
      "Briefing unsubscribed",
    );
    expect(usersInfoCalls("UADMIN01")).toBe(1);
  });

  it("requests that do not manage the channel never call users.info", async () => {
    const before = standIn.received.filter((r) => r.path === "/api/users.info").length;
    await slash("/militia", "nujaba", "UNEW0001");
    await slash("/briefing", "militias", "UNEW0001");
    await slash("/briefing", "list", "UNEW0001");
    expect(standIn.received.filter((r) => r.path === "/api/users.info").length).toBe(before);
  });

  it("a mention that subscribes is checked the same way", async () => {
    const event = mentionEvent(`<@${BOT_USER_ID}> /briefing subscribe airspace mondays 07:45`, {
      user: "ULISTED1",
      channel: "C0000777",
    });
    expect(
      (
        await post(endpoint, JSON.stringify(eventCallback(event)), {
          contentType: "application/json",
        })
      ).status,
    ).toBe(200);
    const posted = await standIn.waitFor(
      (r) => r.path === "/api/chat.postMessage" && r.body.channel === "C0000777",
    );
    expect(JSON.stringify(posted.body.blocks)).toContain("Briefing scheduled");

    const refused = mentionEvent(`<@${BOT_USER_ID}> /briefing unsubscribe all`, {
      user: "UMEMBER1",
      channel: "C0000778",
      ts: "1700000000.000200",
    });
    await post(endpoint, JSON.stringify(eventCallback(refused)), {
      contentType: "application/json",
    });
    const answer = await standIn.waitFor(
      (r) => r.path === "/api/chat.postMessage" && r.body.channel === "C0000778",
    );
    expect(JSON.stringify(answer.body.blocks)).toContain("Not allowed");
  });
});

describe("scheduled delivery", () => {
  it("posts through chat.postMessage with the bot token, within Block Kit limits", async () => {
    await slackDelivery(app.client).post(
      { platform: "slack", channelId: "C0000042", workspaceId: TEAM_ID },
      reply({ kind: "info", title: "Briefing: Iraqi militias", lead: "<!channel> stays text" }),
    );
    const sent = await standIn.waitFor(
      (r) => r.path === "/api/chat.postMessage" && r.body.channel === "C0000042",
    );
    expect(sent.authorization).toBe("Bearer xoxb-test-token");
    expect(sent.problems).toEqual([]);
    expect(JSON.stringify(sent.body.blocks)).toContain("&lt;!channel&gt; stays text");
  });

  it("channel_not_found is reported as unreachable; other errors are not", async () => {
    const delivery = slackDelivery(app.client);
    const briefing = reply({ kind: "info", title: "t", lead: "x" });
    standIn.refuseNext.set("/api/chat.postMessage", "channel_not_found");
    await expect(
      delivery.post({ platform: "slack", channelId: "CGONE" }, briefing),
    ).rejects.toEqual(new ChannelUnreachableError("channel_not_found"));
    standIn.refuseNext.set("/api/chat.postMessage", "ratelimited");
    const passing = delivery.post({ platform: "slack", channelId: "CBUSY" }, briefing);
    await expect(passing).rejects.not.toBeInstanceOf(ChannelUnreachableError);
  });
});
