/**
 * The chat platforms the bot can serve. `npm start` starts every platform whose credentials
 * are configured, side by side in one process; with none, it opens the console chat.
 */
import type { Bot } from "../bot.ts";
import type { Config } from "../config.ts";
import type { ChannelDelivery } from "../core/delivery.ts";
import { discordAdapter } from "./discord/index.ts";
import { slackAdapter } from "./slack/index.ts";

export interface RunningAdapter {
  stop(): Promise<void>;
  /** Posting to a channel unasked (scheduled briefings), when the platform can. */
  delivery?: ChannelDelivery;
}

export interface PlatformAdapter {
  name: string;
  /** Whether the configuration asks for this platform. */
  enabled(config: Config): boolean;
  start(bot: Bot, config: Config): Promise<RunningAdapter>;
}

export const platformAdapters: PlatformAdapter[] = [discordAdapter, slackAdapter];
