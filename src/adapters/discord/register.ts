/**
 * Slash-command definitions built from commands/: each zod option becomes a typed Discord
 * option, required ones first, descriptions within 100 characters, names checked against
 * Discord's rules. Registering them is a separate step (scripts/deploy-discord.ts), never a
 * side effect of start-up.
 */
import { type REST, Routes } from "discord.js";
import type { Action, Command, Subcommand } from "../../core/command.ts";
import { describeOptions, type OptionType } from "../../core/options.ts";
import { truncate } from "../../render/common.ts";

/** Discord's rule for command and option names (they must also be lowercase). */
export const DISCORD_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_DESCRIPTION = 100;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const MAX_COMMANDS = 100;

/** Discord's application command option types. */
export const OPTION_TYPES: Record<OptionType, number> = {
  string: 3,
  integer: 4,
  boolean: 5,
  number: 10,
};
const CHAT_INPUT = 1;
const SUBCOMMAND = 1;

export interface DiscordOptionDefinition {
  type: number;
  name: string;
  description: string;
  required: boolean;
  autocomplete?: true;
  choices?: { name: string; value: string }[];
  min_length?: number;
  max_length?: number;
  min_value?: number;
  max_value?: number;
}

/** A subcommand: Discord nests its options under it (option type 1). */
export interface DiscordSubcommandDefinition {
  type: typeof SUBCOMMAND;
  name: string;
  description: string;
  options: DiscordOptionDefinition[];
}

export interface DiscordCommandDefinition {
  type: typeof CHAT_INPUT;
  name: string;
  description: string;
  options: DiscordOptionDefinition[] | DiscordSubcommandDefinition[];
}

export class CommandDefinitionError extends Error {
  override name = "CommandDefinitionError";
}

function checkName(name: string, where: string): string {
  if (!DISCORD_NAME.test(name) || name !== name.toLowerCase()) {
    throw new CommandDefinitionError(
      `${where}: "${name}" is not a valid Discord name (1-32 lowercase letters, digits, - _ ')`,
    );
  }
  return name;
}

function fitDescription(text: string, where: string): string {
  const fitted = truncate(text.trim(), MAX_DESCRIPTION);
  if (!fitted) throw new CommandDefinitionError(`${where}: the description is empty`);
  return fitted;
}

function optionDefinitions(action: Action, where: string): DiscordOptionDefinition[] {
  const options = describeOptions(action);
  if (options.length > MAX_OPTIONS) {
    throw new CommandDefinitionError(
      `${where}: ${options.length} options (Discord allows ${MAX_OPTIONS})`,
    );
  }
  const defined = options.map((o): DiscordOptionDefinition => {
    const at = `${where} option ${o.name}`;
    const choices = o.choices
      ?.slice(0, MAX_CHOICES)
      .map((c) => ({ name: truncate(c, 100), value: c }));
    const autocomplete = !choices && action.entityOptions?.[o.name] !== undefined;
    return {
      type: OPTION_TYPES[o.type],
      name: checkName(o.name, at),
      description: fitDescription(o.description, at),
      required: o.required,
      ...(autocomplete ? { autocomplete: true as const } : {}),
      ...(choices ? { choices } : {}),
      ...(o.type === "string" && o.minLength !== undefined
        ? { min_length: Math.min(o.minLength, 6000) }
        : {}),
      ...(o.type === "string" && o.maxLength !== undefined
        ? { max_length: Math.min(Math.max(o.maxLength, 1), 6000) }
        : {}),
      ...(o.type !== "string" && o.minimum !== undefined ? { min_value: o.minimum } : {}),
      ...(o.type !== "string" && o.maximum !== undefined ? { max_value: o.maximum } : {}),
    };
  });
  // Discord refuses a required option after an optional one; the sort is stable.
  return defined.sort((a, b) => Number(b.required) - Number(a.required));
}

function subcommandDefinitions(
  subcommands: readonly Subcommand[],
  where: string,
): DiscordSubcommandDefinition[] {
  if (subcommands.length > MAX_OPTIONS) {
    throw new CommandDefinitionError(
      `${where}: ${subcommands.length} subcommands (Discord allows ${MAX_OPTIONS})`,
    );
  }
  return subcommands.map((s) => {
    const at = `${where} ${s.name}`;
    return {
      type: SUBCOMMAND,
      name: checkName(s.name, at),
      description: fitDescription(s.description, at),
      options: optionDefinitions(s, at),
    };
  });
}

/** The slash-command definitions for these commands, as Discord's API takes them. */
export function buildCommandDefinitions(commands: readonly Command[]): DiscordCommandDefinition[] {
  if (commands.length > MAX_COMMANDS) {
    throw new CommandDefinitionError(
      `${commands.length} commands (Discord allows ${MAX_COMMANDS})`,
    );
  }
  const seen = new Set<string>();
  return commands.map((command) => {
    const name = checkName(command.name, "command");
    if (seen.has(name)) throw new CommandDefinitionError(`command /${name} is defined twice`);
    seen.add(name);
    return {
      type: CHAT_INPUT,
      name,
      description: fitDescription(command.description, `/${name}`),
      options: command.subcommands
        ? subcommandDefinitions(command.subcommands, `/${name}`)
        : optionDefinitions(command, `/${name}`),
    };
  });
}

export interface DeployTarget {
  rest: REST;
  applicationId: string;
  /** A server to register in (appears at once); global when absent. */
  guildId?: string | undefined;
}

/** Replaces the registered commands with these (Discord's bulk overwrite, one PUT). */
export async function deployCommands(
  target: DeployTarget,
  definitions: readonly DiscordCommandDefinition[],
): Promise<{ scope: "guild" | "global"; count: number }> {
  const { rest, applicationId, guildId } = target;
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const registered = await rest.put(route, { body: definitions });
  return {
    scope: guildId ? "guild" : "global",
    count: Array.isArray(registered) ? registered.length : 0,
  };
}
