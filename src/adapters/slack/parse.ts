/**
 * Slack's raw input as router calls. Slack gives a slash command only free `text` and an app
 * mention only the message text (with the bot's own mention in it); the router parses either
 * with the command's zod schema, exactly as for the console, and answers bad input with a usage
 * reply. Nothing here throws for any input.
 */
import type { RequestOrigin } from "../../core/command.ts";
import type { Reply } from "../../core/reply.ts";
import type { CommandRouter } from "../../core/router.ts";
import { type ChannelManagerCheck, slackOrigin } from "./origin.ts";

/** The fields of a slash command payload this adapter reads. */
export interface SlashCommandInput {
  /** "/militia", as Slack sends it. */
  command: string;
  /** Everything typed after the command; may be empty. */
  text?: string | undefined;
  user_id?: string | undefined;
  channel_id?: string | undefined;
  team_id?: string | undefined;
}

/**
 * "/militia nujaba" → the militia command with options parsed from "nujaba". `mayManage` is
 * asked only if the command wants to know (Slack's users.info costs an API call).
 */
export function runSlashCommand(
  router: CommandRouter,
  input: SlashCommandInput,
  mayManage?: ChannelManagerCheck,
): Promise<Reply> {
  const name = input.command.replace(/^\//, "");
  const text = decodeEntities(input.text ?? "");
  const command = router.find(name);
  // An unknown name (an app configured from an older manifest) gets the router's usage reply.
  const origin = slackOrigin(
    { user: input.user_id, channel: input.channel_id, team: input.team_id },
    mayManage,
  );
  if (!command) return router.runText(`/${name} ${text}`, origin);
  return router.runCommandText(command, text, origin);
}

/**
 * "<@UBOT> who is sudani?" → /ask who is sudani?; "<@UBOT> /militia nujaba" → /militia. The
 * bot's own mention is removed wherever it stands; anything else is kept as typed.
 */
export function runMention(
  router: CommandRouter,
  text: string,
  botUserId: string | undefined,
  origin: RequestOrigin,
): Promise<Reply> {
  return router.runText(mentionQuestion(text, botUserId), origin);
}

export function mentionQuestion(text: string, botUserId?: string): string {
  const own = botUserId
    ? new RegExp(`<@${escapeRegExp(botUserId)}(?:\\|[^>]*)?>`, "g")
    : // Without the bot's id, drop the leading mention: that is how people address a bot.
      /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/;
  return decodeEntities(text.replace(own, " ")).replace(/\s+/g, " ").trim();
}

/**
 * Slack escapes `&`, `<` and `>` in what people type (`&amp;`, `&lt;`, `&gt;`): back to the
 * characters, `&amp;` last so "&amp;lt;" stays the "&lt;" that was typed. Markup such as
 * `<@U123>` is kept as typed: the reply is plain text and the renderer escapes all of it on the
 * way out, so it shows as text and pings no one.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
