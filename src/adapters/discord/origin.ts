/**
 * Who asked where, on Discord, for any interaction (a command, a button click): the same origin
 * whatever reached the bot. Manage Channels is read from the interaction itself, so checking it
 * costs nothing; outside a server (a DM) the person manages their own conversation.
 */
import { type Interaction, PermissionFlagsBits } from "discord.js";
import type { PlatformWords, RequestOrigin } from "../../core/command.ts";

export const DISCORD_WORDS: PlatformWords = {
  workspace: "server",
  channelManagers: "people with the Manage Channels permission in this channel",
};

export function originOf(interaction: Interaction): RequestOrigin {
  return {
    platform: "discord",
    userId: interaction.user.id,
    channelId: interaction.channelId ?? "",
    ...(interaction.guildId ? { workspaceId: interaction.guildId } : {}),
    mayManageChannel: async () =>
      interaction.inGuild()
        ? (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false)
        : true,
    words: DISCORD_WORDS,
  };
}
