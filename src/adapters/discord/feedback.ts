/**
 * A click on an answer's Helpful / Not helpful button: stored through the bot's services, then
 * acknowledged with a short thank-you only the person who clicked sees.
 */
import { type ButtonInteraction, MessageFlags } from "discord.js";
import type { Bot } from "../../bot.ts";
import { newErrorId } from "../../core/errors.ts";
import { type Reply, reply } from "../../core/reply.ts";
import { parseFeedbackActionId, recordFeedbackClick } from "../../feedback/click.ts";
import { renderDiscord } from "./render.ts";

/** Answers a feedback button; false when the button is not one of ours. */
export async function answerFeedbackButton(
  bot: Bot,
  interaction: ButtonInteraction,
): Promise<boolean> {
  const click = parseFeedbackActionId(interaction.customId);
  if (!click) return false;
  let result: Reply;
  try {
    result = recordFeedbackClick(bot.services, click, {
      platform: "discord",
      userId: interaction.user.id,
      channelId: interaction.channelId,
      ...(interaction.guildId ? { workspaceId: interaction.guildId } : {}),
      canManageChannel: false,
    });
  } catch (error) {
    const errorId = newErrorId();
    bot.log.error({ platform: "discord", errorId, err: error }, "feedback could not be stored");
    result = reply({
      kind: "error",
      title: "Something went wrong",
      lead: `Sorry, your feedback could not be stored. Please try again later; quote error ${errorId} if it keeps failing.`,
      errorId,
    });
  }
  await interaction.reply({ ...renderDiscord(result), flags: MessageFlags.Ephemeral });
  bot.log.info(
    { platform: "discord", answer: click.answerId, helpful: click.helpful, kind: result.kind },
    "feedback",
  );
  return true;
}
