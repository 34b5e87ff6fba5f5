/**
 * Who asked where, on Slack, for a slash command, a mention or a button click alike. Whether the
 * person may manage the channel is asked of Slack (users.info, ./permissions.ts) only when a
 * command wants to know.
 */
import type { PlatformWords, RequestOrigin } from "../../core/command.ts";

export const SLACK_WORDS: PlatformWords = {
  workspace: "workspace",
  channelManagers:
    "workspace admins and the people the bot's operator listed in SLACK_BRIEFING_ADMINS",
};

/** Whether a person may manage channels; the app builds one from its Web API client. */
export type ChannelManagerCheck = (userId: string | undefined) => Promise<boolean>;

const nobody: ChannelManagerCheck = async () => false;

export function slackOrigin(
  ids: { user?: string | undefined; channel?: string | undefined; team?: string | undefined },
  mayManage: ChannelManagerCheck = nobody,
): RequestOrigin {
  return {
    platform: "slack",
    userId: ids.user ?? "",
    channelId: ids.channel ?? "",
    ...(ids.team ? { workspaceId: ids.team } : {}),
    mayManageChannel: () => mayManage(ids.user),
    words: SLACK_WORDS,
  };
}
