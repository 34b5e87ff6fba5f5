/**
 * A click on one of the bot's buttons (an answer's Helpful / Not helpful): run by the router like
 * a command, then answered with a reply only the person who clicked sees.
 */
import { type ButtonInteraction, MessageFlags } from "discord.js";
import type { Bot } from "../../bot.ts";
import { originOf } from "./origin.ts";
import { renderDiscord } from "./render.ts";

/** Answers a button; false when the button is not one of ours. */
export async function answerButton(bot: Bot, interaction: ButtonInteraction): Promise<boolean> {
  const result = await bot.router.click(interaction.customId, originOf(interaction));
  if (!result) return false;
  await interaction.reply({ ...renderDiscord(result), flags: MessageFlags.Ephemeral });
  bot.log.info(
    { platform: "discord", button: interaction.customId.slice(0, 100), kind: result.kind },
    "button clicked",
  );
  return true;
}
