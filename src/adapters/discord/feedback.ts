/**
 * A click on an answer's Helpful / Not helpful button: stored through the bot's services, then
 * acknowledged with a short thank-you only the person who clicked sees.
 */
import { type ButtonInteraction, MessageFlags } from "discord.js";
import type { Bot } from "../../bot.ts";
import { parseFeedbackActionId, recordFeedbackClick } from "../../feedback/click.ts";
import { originOf } from "./origin.ts";
import { renderDiscord } from "./render.ts";

/** Answers a feedback button; false when the button is not one of ours. */
export async function answerFeedbackButton(
  bot: Bot,
  interaction: ButtonInteraction,
): Promise<boolean> {
  const click = parseFeedbackActionId(interaction.customId);
  if (!click) return false;
  const result = await recordFeedbackClick(bot.services, click, originOf(interaction), bot.log);
  await interaction.reply({ ...renderDiscord(result), flags: MessageFlags.Ephemeral });
  bot.log.info(
    { platform: "discord", answer: click.answerId, helpful: click.helpful, kind: result.kind },
    "feedback",
  );
  return true;
}
