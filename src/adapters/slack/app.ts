/**
 * The Slack app (receive): a Bolt App with one slash command per command in commands/ and an
 * app-mention listener. Socket Mode when an app token is given (no public URL needed), else HTTP
 * on POST /slack/events, where Bolt checks every request's signature and age before any
 * listener sees it.
 *
 * Acknowledging: Slack wants an answer within 3 s. The router works from memory and answers in
 * milliseconds, so each command first gives its reply `ackBudgetMs` to be ready and, if it is,
 * sends it in the ack itself: one round trip, no dependence on `response_url` (5 uses in 30
 * minutes, an outbound call that can fail), and Slack shows the command and its answer together.
 * A reply that is not ready by then gets an empty ack at once and follows through respond().
 * The budget counts from the request's arrival, not from when its listener ran: under load a
 * request may wait in line, and one that waited too long is answered "busy" (src/core/busy.ts).
 */
import {
  App,
  type AppOptions,
  type Logger as BoltLogger,
  LogLevel,
  type Receiver,
  type RespondArguments,
  type webApi,
} from "@slack/bolt";
import type { Bot } from "../../bot.ts";
import { busyReply, timeLeftToAnswer, tooLateToStart } from "../../core/busy.ts";
import { apologyReply, describeFailure, newErrorId } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import type { Reply } from "../../core/reply.ts";
import { within, withTimeout } from "../../core/timeout.ts";
import { listenForButtons } from "./buttons.ts";
import { slackOrigin } from "./origin.ts";
import { runMention, runSlashCommand } from "./parse.ts";
import { channelManagerCheck } from "./permissions.ts";
import { type Arrival, SlackHttpReceiver, type SlackReceiverOptions } from "./receiver.ts";
import { renderMessage, responseType, type SlackMessage } from "./render.ts";

export interface SlackAppOptions {
  /** xoxb-...: always needed. */
  botToken: string;
  /** xapp-... (connections:write): turns on Socket Mode. */
  appToken?: string | undefined;
  /** Needed for HTTP mode (no app token). */
  signingSecret?: string | undefined;
  /** The Web API base, default Slack's; tests point it at a stand-in. */
  apiUrl?: string | undefined;
  /** A receiver of one's own instead of Socket Mode or ./receiver.ts. */
  receiver?: Receiver;
  /** HTTP mode: limits and timeouts of the endpoint (tests shorten them). */
  http?: Pick<SlackReceiverOptions, "limits" | "unhandledRequestTimeoutMs" | "nowS">;
  /** Extra Web API client options (tests: `retryConfig: { retries: 0 }`). */
  clientOptions?: webApi.WebClientOptions;
  /** How long a reply may take and still go in the ack. Default 1000 ms of Slack's 3 s. */
  ackBudgetMs?: number;
  /** SLACK_BRIEFING_ADMINS: may manage briefings besides workspace admins. */
  briefingAdmins?: readonly string[];
}

/**
 * Web API calls (chat.postMessage...): Bolt's default retries for half an hour, no use for a chat
 * reply. Here: network errors, 5xx and 429 are retried twice within a few seconds, and a call that
 * hangs is given up after 5 s. Tests pass their own.
 */
const WEB_API_DEFAULTS: webApi.WebClientOptions = {
  retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000 },
  timeout: 5000,
};
/** How long a response_url delivery may take, and how many tries it gets (of the 5 allowed). */
const RESPOND_TIMEOUT_MS = 5000;
const RESPOND_TRIES = 2;

export function createSlackApp(bot: Bot, options: SlackAppOptions): App {
  const logger = boltLogger(bot.log);
  const clientOptions: webApi.WebClientOptions = {
    ...WEB_API_DEFAULTS,
    ...options.clientOptions,
    ...(options.apiUrl ? { slackApiUrl: withSlash(options.apiUrl) } : {}),
  };
  const mode: AppOptions = options.receiver
    ? { receiver: options.receiver }
    : options.appToken
      ? { socketMode: true, appToken: options.appToken }
      : {
          receiver: new SlackHttpReceiver({
            signingSecret: requireSecret(options.signingSecret),
            log: bot.log,
            boltLogger: logger,
            inFlight: bot.inFlight,
            ...options.http,
          }),
        };
  const app = new App({ token: options.botToken, logger, clientOptions, ...mode });
  const budget = options.ackBudgetMs ?? 1000;
  const mayManage = channelManagerCheck({
    admins: options.briefingAdmins ?? [],
    client: app.client,
    log: bot.log,
  });

  // One listener for every slash command, known or not: an unknown one (an app configured from
  // an older manifest) is answered with the names of the known ones, never left to time out.
  // Each is tracked until its reply is delivered, so a clean shutdown waits for it.
  app.command(/^\/.+/, ({ command: payload, ack, respond, client, context }) => {
    const arrival = context.arrival as Arrival | undefined;
    const arrivedAt = arrival?.at ?? performance.now();
    const command = bot.router.find(payload.command.replace(/^\//, ""));
    const where = {
      command: command?.name ?? payload.command.slice(0, 40),
      team: payload.team_id,
      channel: payload.channel_id,
    };
    // Saturated: this request waited in line too long to start work and still answer in time.
    if (tooLateToStart(arrivedAt)) {
      bot.log.warn({ platform: "slack", ...where }, "slack: busy, answered without starting");
      return bot.inFlight.track(ack(toResponse(rendered(busyReply()))), arrival?.request);
    }
    return bot.inFlight.track(
      (async () => {
        const pending = answer(bot.log, where, () =>
          runSlashCommand(bot.router, payload, mayManage),
        );
        const ready = await within(pending, timeLeftToAnswer(arrivedAt, budget));
        if (ready) {
          await ack(toResponse(ready));
          return;
        }
        await ack();
        const late = toResponse(await pending);
        await deliver(bot.log, where, {
          send: () => respond({ ...late, replace_original: false }),
          tries: RESPOND_TRIES,
          // response_url failed: say so privately through the Web API, where Slack lets us.
          apologize: (message) =>
            client.chat.postEphemeral({
              channel: payload.channel_id,
              user: payload.user_id,
              text: message.text,
              blocks: message.blocks,
            }),
        });
      })(),
      arrival?.request,
    );
  });

  app.event("app_mention", ({ event, context, client }) =>
    bot.inFlight.track(
      (async () => {
        const where = { event: "app_mention", team: event.team, channel: event.channel };
        const { message } = await answer(bot.log, where, () =>
          runMention(
            bot.router,
            event.text,
            context.botUserId,
            slackOrigin({ user: event.user, channel: event.channel, team: event.team }, mayManage),
          ),
        );
        const thread = { channel: event.channel, thread_ts: event.thread_ts ?? event.ts };
        await deliver(bot.log, where, {
          // The Web API client retries network errors, 5xx and 429 itself.
          send: () =>
            client.chat.postMessage({
              ...thread,
              text: message.text,
              blocks: message.blocks,
              unfurl_links: false,
              unfurl_media: false,
            }),
          tries: 1,
          // Refused (ok:false) or unreachable: a short apology in the thread, where Slack takes it.
          apologize: (apology) =>
            client.chat.postMessage({ ...thread, text: apology.text, blocks: apology.blocks }),
        });
      })(),
    ),
  );

  listenForButtons(app, bot);

  // Whatever escapes a listener (a failed ack, respond or postMessage) is logged; the app stays up.
  app.error(async (error) => {
    bot.log.error({ err: describeFailure(error), platform: "slack" }, "slack: request failed");
  });
  return app;
}

interface Answer {
  reply: Reply;
  message: SlackMessage;
}

interface Delivery {
  send: () => Promise<unknown>;
  /** Attempts in all; a refusal (4xx, except 429) is not tried again. */
  tries: number;
  /** Tells the person it failed, by another way than `send`. */
  apologize: (message: SlackMessage) => Promise<unknown>;
}

/**
 * Delivers a reply, retrying what may pass on a second try; when it cannot, logs the failure
 * under an error id and tries to tell the person, quoting that id. Never throws.
 */
async function deliver(log: Logger, where: object, delivery: Delivery): Promise<void> {
  let failure: unknown;
  for (let attempt = 1; attempt <= delivery.tries; attempt++) {
    try {
      await withTimeout(delivery.send(), RESPOND_TIMEOUT_MS);
      return;
    } catch (error) {
      failure = error;
      if (!worthRetrying(error)) break;
      if (attempt < delivery.tries) await sleep(200 * attempt);
    }
  }
  const errorId = newErrorId();
  log.error(
    { err: describeFailure(failure), errorId, platform: "slack", ...where },
    "slack: reply not delivered",
  );
  try {
    await withTimeout(delivery.apologize(renderMessage(apologyReply(errorId))), RESPOND_TIMEOUT_MS);
  } catch (error) {
    log.error(
      { err: describeFailure(error), errorId, platform: "slack", ...where },
      "slack: could not send the apology",
    );
  }
}

/** A refusal (4xx other than 429) will be refused again; anything else may pass next time. */
function worthRetrying(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return !(typeof status === "number" && status >= 400 && status < 500 && status !== 429);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs and renders; any failure on the way becomes an apology with an error id, logged. */
async function answer(log: Logger, where: object, run: () => Promise<Reply>): Promise<Answer> {
  try {
    const result = await run();
    return { reply: result, message: renderMessage(result) };
  } catch (error) {
    const errorId = newErrorId();
    log.error(
      { err: describeFailure(error), errorId, platform: "slack", ...where },
      "slack: reply failed",
    );
    const apology = apologyReply(errorId);
    return { reply: apology, message: renderMessage(apology) };
  }
}

function rendered(result: Reply): Answer {
  return { reply: result, message: renderMessage(result) };
}

function toResponse({ reply: result, message }: Answer): RespondArguments {
  return { response_type: responseType(result), text: message.text, blocks: message.blocks };
}

function requireSecret(secret: string | undefined): string {
  if (!secret)
    throw new Error(
      "Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)",
    );
  return secret;
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/** Bolt's logger interface on top of ours: its debug chatter is dropped, the rest kept. */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const line = (parts: unknown[]) =>
    parts.map((p) => (p instanceof Error ? p.message : String(p))).join(" ");
  const fields = { platform: "slack", from: "bolt" };
  return {
    debug() {},
    info: (...parts) => log.info(fields, line(parts)),
    warn: (...parts) => log.warn(fields, line(parts)),
    error: (...parts) => log.error(fields, line(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName() {},
  };
}
