/**
 * Posting a scheduled briefing to a Discord channel: one REST call (POST /channels/{id}/messages)
 * through the logged-in client, so no guild or channel needs to be in its cache. A channel that
 * is gone or closed to the bot is reported as unreachable; anything else is a passing failure.
 */
import { type Client, DiscordAPIError, Routes } from "discord.js";
import { type ChannelDelivery, ChannelUnreachableError } from "../../core/delivery.ts";
import { renderDiscord } from "./render.ts";

/** Discord's codes for a channel the bot can no longer post in. */
const UNREACHABLE_CODES = new Set([
  10003, // Unknown Channel
  10004, // Unknown Guild
  50001, // Missing Access
  50013, // Missing Permissions
  50007, // Cannot send messages to this user
]);

export function discordDelivery(client: Client): ChannelDelivery {
  return {
    platform: "discord",
    async post(channel, reply) {
      const { embeds, allowedMentions, components } = renderDiscord(reply);
      try {
        await client.rest.post(Routes.channelMessages(channel.channelId), {
          body: {
            embeds,
            allowed_mentions: allowedMentions,
            ...(components ? { components } : {}),
          },
        });
      } catch (error) {
        if (
          error instanceof DiscordAPIError &&
          (UNREACHABLE_CODES.has(Number(error.code)) ||
            error.status === 403 ||
            error.status === 404)
        ) {
          throw new ChannelUnreachableError(`${error.message} (code ${error.code})`);
        }
        throw error;
      }
    },
  };
}
