/**
 * Driving the real Bolt App over HTTP on loopback: requests signed as Slack signs them, with a
 * signing secret made here, and a few checks every rendered message must pass.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "@slack/bolt";
import { createSlackApp, type SlackAppOptions } from "../../src/adapters/slack/app.ts";
import type { Bot } from "../../src/bot.ts";
import { BOT_USER_ID, type SlackStandIn, TEAM_ID } from "./stand-in.ts";

export const signingSecret = randomBytes(16).toString("hex");

export function sign(rawBody: string, timestamp: number, secret = signingSecret): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export interface HttpApp {
  app: App;
  /** http://127.0.0.1:P/slack/events */
  endpoint: string;
  server: Server;
  stop(): Promise<void>;
}

/** The real App in HTTP mode on 127.0.0.1 (as `npm start` builds it), its Web API pointed at the stand-in. */
export async function startHttpApp(
  bot: Bot,
  standIn: SlackStandIn,
  ackBudgetMs?: number,
  http: SlackAppOptions["http"] = {},
): Promise<HttpApp> {
  const app = createSlackApp(bot, {
    botToken: "xoxb-test-token",
    signingSecret,
    // Bolt answers a request no listener acknowledged with 404 after this (3 s in production).
    http: { unhandledRequestTimeoutMs: 300, ...http },
    apiUrl: standIn.apiUrl,
    clientOptions: { retryConfig: { retries: 0 } },
    ...(ackBudgetMs !== undefined ? { ackBudgetMs } : {}),
  });
  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
  const { port } = server.address() as AddressInfo;
  return {
    app,
    endpoint: `http://127.0.0.1:${port}/slack/events`,
    server,
    stop: () => app.stop() as Promise<void>,
  };
}

let triggers = 0;

/** A slash command body as Slack form-encodes it. */
export function slashBody(command: string, text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: TEAM_ID,
    team_domain: "policywatch-test",
    channel_id: "C0000001",
    channel_name: "general",
    user_id: "U0000001",
    user_name: "analyst",
    command,
    text,
    api_app_id: "A0001",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `trigger-${++triggers}`,
  }).toString();
}

export interface MentionEvent {
  type: "app_mention";
  user: string;
  text: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  event_ts: string;
  team: string;
}

export function mentionEvent(text: string, extra: Partial<MentionEvent> = {}): MentionEvent {
  return {
    type: "app_mention",
    user: "U0000001",
    text,
    ts: "1700000000.000100",
    channel: "C0000001",
    event_ts: "1700000000.000100",
    team: TEAM_ID,
    ...extra,
  };
}

export function eventCallback(event: object) {
  return {
    token: "legacy-verification-token",
    team_id: TEAM_ID,
    api_app_id: "A0001",
    type: "event_callback",
    event_id: `Ev${++triggers}`,
    event_time: 1_700_000_000,
    authorizations: [
      { team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
    ],
    event,
  };
}

export interface PostOptions {
  timestamp?: number;
  /** A signature to send instead of the right one; null sends none. */
  signature?: string | null;
  contentType?: string;
}

/** POSTs a body to the app, signed as Slack would unless told otherwise. */
export async function post(
  endpoint: string,
  rawBody: string,
  options: PostOptions = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature === undefined ? sign(rawBody, timestamp) : options.signature;
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
  };
  if (signature !== null) headers["x-slack-signature"] = signature;
  return fetch(endpoint, { method: "POST", headers, body: rawBody });
}

interface Message {
  text?: unknown;
  blocks?: unknown;
}

/** All the text a message would show: its fallback and every text in every block. */
export function allText(message: Message): string[] {
  const texts: string[] = typeof message.text === "string" ? [message.text] : [];
  for (const block of (message.blocks ?? []) as {
    text?: { text?: string };
    elements?: { text?: string }[];
  }[]) {
    if (block.text?.text) texts.push(block.text.text);
    for (const e of block.elements ?? []) if (e.text) texts.push(e.text);
  }
  return texts;
}

/**
 * The only `<` a message may hold is the opening of the bot's own source link
 * (`<https://...|label>`); a `<!channel>` or `<@U123>` that got through would ping people. And
 * every `&` starts one of the three entities.
 */
export function unescapedMarkup(message: Message): string[] {
  return allText(message).flatMap((text) => {
    const withoutLinks = text.replace(/<https?:\/\/[^\s<>|]+\|[^<>]*>/g, "");
    return /[<>]|&(?!amp;|lt;|gt;)/.test(withoutLinks) ? [text] : [];
  });
}
