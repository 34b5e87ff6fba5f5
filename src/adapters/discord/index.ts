/** The Discord platform: starts when DISCORD_TOKEN is set (see docs/discord.md). */
import type { PlatformAdapter } from "../index.ts";
import { startDiscordClient } from "./client.ts";
import { discordDelivery } from "./deliver.ts";

export const discordAdapter: PlatformAdapter = {
  name: "discord",
  enabled: (config) => Boolean(config.DISCORD_TOKEN),
  async start(bot, config) {
    const token = config.DISCORD_TOKEN;
    if (!token) throw new Error("DISCORD_TOKEN is not set");
    const running = await startDiscordClient(bot, { token, api: config.DISCORD_API_URL });
    return { ...running, delivery: discordDelivery(running.client) };
  },
};
