/**
 * Posting a scheduled briefing to a Slack channel with chat.postMessage. Slack's errors that
 * mean the bot can no longer post there (the channel is gone, archived, or the bot was removed)
 * are reported as unreachable; anything else is a passing failure.
 */
import type { webApi } from "@slack/bolt";
import { type ChannelDelivery, ChannelUnreachableError } from "../../core/delivery.ts";
import { renderMessage } from "./render.ts";

const UNREACHABLE = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "channel_is_archived",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_thread_only_channel",
  "restricted_action_non_threadable_channel",
  "team_access_not_granted",
  "account_inactive",
  "token_revoked",
  "invalid_auth",
  "missing_scope",
]);

export function slackDelivery(client: webApi.WebClient): ChannelDelivery {
  return {
    platform: "slack",
    async post(channel, reply) {
      const message = renderMessage(reply);
      try {
        await client.chat.postMessage({
          channel: channel.channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (error) {
        const code = (error as { data?: { error?: unknown } }).data?.error;
        if (typeof code === "string" && UNREACHABLE.has(code)) {
          throw new ChannelUnreachableError(code);
        }
        throw error;
      }
    },
  };
}
