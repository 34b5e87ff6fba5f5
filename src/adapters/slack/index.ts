/**
 * The Slack platform entry: starts when SLACK_BOT_TOKEN is set, in Socket Mode with
 * SLACK_APP_TOKEN, else over HTTP on PORT (POST /slack/events) with SLACK_SIGNING_SECRET.
 */
import type { PlatformAdapter } from "../index.ts";
import { createSlackApp } from "./app.ts";
import { slackDelivery } from "./deliver.ts";

export const slackAdapter: PlatformAdapter = {
  name: "slack",
  enabled: (config) => Boolean(config.SLACK_BOT_TOKEN),
  async start(bot, config) {
    const botToken = config.SLACK_BOT_TOKEN;
    if (!botToken) throw new Error("Slack needs SLACK_BOT_TOKEN");
    const app = createSlackApp(bot, {
      botToken,
      appToken: config.SLACK_APP_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      apiUrl: config.SLACK_API_URL,
      briefingAdmins: config.SLACK_BRIEFING_ADMINS,
    });
    if (config.SLACK_APP_TOKEN) {
      await app.start();
      bot.log.info({ platform: "slack", mode: "socket" }, "slack: connected in Socket Mode");
    } else {
      await app.start(config.PORT);
      bot.log.info(
        { platform: "slack", mode: "http", port: config.PORT },
        "slack: listening on POST /slack/events",
      );
    }
    return {
      async stop() {
        await app.stop();
      },
      delivery: slackDelivery(app.client),
    };
  },
};
