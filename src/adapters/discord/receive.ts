/**
 * Interactions in, replies out. A slash command becomes a router request; the reply is sent at
 * once when the handler is fast, or after a deferral when it is not (Discord wants a first
 * answer within 3 s). Autocomplete goes to the knowledge's entity index. A failure anywhere
 * becomes an ephemeral apology with an error id, logged with it; nothing escapes.
 */
import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionReplyOptions,
  MessageFlags,
} from "discord.js";
import type { Bot } from "../../bot.ts";
import { actionOf } from "../../core/command.ts";
import { apologyReply, describeFailure, newErrorId } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { type Reply, reply } from "../../core/reply.ts";
import { sanitize } from "../../core/router.ts";
import { within } from "../../core/timeout.ts";
import { autocompleteChoices } from "./autocomplete.ts";
import { answerButton } from "./buttons.ts";
import { originOf } from "./origin.ts";
import { messageFlags, renderDiscord } from "./render.ts";

/** Defer when the handler has not finished by then: well inside Discord's 3 s. */
export const DEFER_AFTER_MS = 1500;

export interface ReceiveOptions {
  deferAfterMs?: number;
}

export type InteractionHandler = (interaction: Interaction) => Promise<void>;

export function createInteractionHandler(
  bot: Bot,
  options: ReceiveOptions = {},
): InteractionHandler {
  const deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
  return async (interaction) => {
    const started = performance.now();
    try {
      if (interaction.isAutocomplete()) await answerAutocomplete(bot, interaction);
      else if (interaction.isButton()) await answerButton(bot, interaction);
      else if (interaction.isChatInputCommand()) {
        const outcome = await answerCommand(bot, interaction, deferAfterMs);
        bot.log.info(
          {
            platform: "discord",
            command: interaction.commandName,
            ...outcome,
            ms: Math.round(performance.now() - started),
          },
          "answered",
        );
      }
    } catch (error) {
      await apologize(bot.log, interaction, error);
    }
  };
}

/**
 * The typed options as the raw object the command's zod schema checks, and the subcommand they
 * belong to: Discord nests a subcommand's options under it.
 */
export function readOptions(data: readonly CommandInteractionOption[]): {
  subcommand?: string;
  options: Record<string, unknown>;
} {
  const sub = data[0]?.type === ApplicationCommandOptionType.Subcommand ? data[0] : undefined;
  const raw: Record<string, unknown> = {};
  for (const option of sub ? (sub.options ?? []) : data) {
    if (option.value === undefined || option.value === null) continue;
    raw[option.name] = typeof option.value === "string" ? sanitize(option.value) : option.value;
  }
  return sub ? { subcommand: sub.name, options: raw } : { options: raw };
}

async function answerAutocomplete(bot: Bot, interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const command = bot.router.find(interaction.commandName);
  const subcommand = interaction.options.getSubcommand(false) ?? undefined;
  const spec = command && actionOf(command, subcommand)?.entityOptions?.[focused.name];
  const choices = spec ? autocompleteChoices(bot.knowledge, spec, String(focused.value)) : [];
  await interaction.respond(choices);
}

interface Outcome {
  kind: Reply["kind"];
  deferred: boolean;
}

async function answerCommand(
  bot: Bot,
  interaction: ChatInputCommandInteraction,
  deferAfterMs: number,
): Promise<Outcome> {
  const { subcommand, options } = readOptions(interaction.options.data);
  const work = bot.router.run({
    command: interaction.commandName,
    subcommand,
    options,
    origin: originOf(interaction),
  });
  const early = await within(work, deferAfterMs);
  if (early) {
    await interaction.reply(withFlags(early));
    return { kind: early.kind, deferred: false };
  }
  // Slow: acknowledge now, visible as the reply will most likely be, then edit it in.
  const guess = options.public === true ? "channel" : "ephemeral";
  await interaction.deferReply(guess === "ephemeral" ? { flags: MessageFlags.Ephemeral } : {});
  const late = await work;
  await deliverDeferred(interaction, late, guess);
  return { kind: late.kind, deferred: true };
}

/** The reply as sent with reply() or followUp(): rendered, with its visibility. */
function withFlags(r: Reply): InteractionReplyOptions {
  const flags = messageFlags(r);
  return { ...renderDiscord(r), ...(flags ? { flags } : {}) };
}

async function deliverDeferred(
  interaction: ChatInputCommandInteraction,
  late: Reply,
  guess: Reply["visibility"],
): Promise<void> {
  if (late.visibility === guess) {
    await interaction.editReply(renderDiscord(late));
  } else if (late.visibility === "channel") {
    // The deferral was private; the reply is for everyone: say so, then post it.
    await interaction.editReply(
      renderDiscord(reply({ kind: "info", title: late.title, lead: "Posted in the channel." })),
    );
    await interaction.followUp(withFlags(late));
  } else {
    // The deferral was public; the reply (an error, usage help) is for the asker only.
    await interaction.deleteReply();
    await interaction.followUp(withFlags(late));
  }
}

async function apologize(log: Logger, interaction: Interaction, error: unknown): Promise<void> {
  const errorId = newErrorId();
  const command =
    interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined;
  log.error(
    {
      platform: "discord",
      errorId,
      interaction: interaction.id,
      command,
      err: describeFailure(error),
    },
    "discord interaction failed",
  );
  if (!interaction.isChatInputCommand()) return;
  const apology = apologyReply(errorId);
  try {
    if (!interaction.deferred && !interaction.replied) await interaction.reply(withFlags(apology));
    else if (interaction.deferred && !interaction.replied)
      await interaction.editReply(renderDiscord(apology));
    else await interaction.followUp(withFlags(apology));
  } catch (second) {
    log.error(
      { platform: "discord", errorId, err: describeFailure(second) },
      "could not send the apology",
    );
  }
}
