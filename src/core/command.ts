/**
 * A command is plain data: a name, a description, options declared with zod, examples, and a
 * handler that returns a Reply. A command that does several things (/briefing subscribe,
 * unsubscribe, list) declares them as subcommands, each with its own options and handler; every
 * platform derives its form from that one declaration (Discord's subcommands, the text parser,
 * the usage line). It never touches a platform: adapters do that.
 */
import type { z } from "zod";
import type { Knowledge } from "../knowledge/knowledge.ts";
import type { EntityKindName } from "../knowledge/types.ts";
import type { Reply } from "./reply.ts";
import type { Services } from "./services.ts";

export type Platform = "console" | "discord" | "slack";

/** Who asked, and where: what commands need to act per channel and check permissions. */
export interface RequestOrigin {
  platform: Platform;
  userId: string;
  channelId: string;
  /** The Discord server or Slack workspace, when there is one. */
  workspaceId?: string;
  /**
   * Whether this person may change this channel's settings (Discord: Manage Channels; Slack: an
   * admin). Each adapter supplies it; a command calls it only when the request needs it, since
   * it may cost an API call (Slack's users.info).
   */
  mayManageChannel(): Promise<boolean>;
  /** How this platform names things, so that no command names a platform. */
  words: PlatformWords;
  /** The operator at the terminal: sees what was asked on every platform (/gaps). */
  operator?: boolean;
}

export interface PlatformWords {
  /** What a Discord server or Slack workspace is called here: "server", "workspace". */
  workspace: string;
  /** Who may manage a channel, told to someone who may not. */
  channelManagers: string;
}

/** The terminal: one person, one "channel", who may do anything. */
export const consoleOrigin: RequestOrigin = {
  platform: "console",
  userId: "console",
  channelId: "console",
  mayManageChannel: async () => true,
  words: { workspace: "bot", channelManagers: "people who may manage this channel" },
  operator: true,
};

export interface CommandContext {
  knowledge: Knowledge;
  origin: RequestOrigin;
  /** Every registered command, for /help. */
  commands: readonly Command[];
  /** Storage for briefings, feedback and declined questions; absent when the bot runs without it. */
  services?: Services | undefined;
}

/** An option whose value names an entity: adapters offer autocomplete for it. */
export interface EntityOption {
  /** Which kinds of entity to suggest; all kinds when absent. */
  kinds?: EntityKindName[];
  /** Also suggest topics (for filters that take either). */
  topics?: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: zod object shapes vary by command
export type OptionsSchema = z.ZodObject<any>;

/** What a request runs: options declared with zod, and the handler that takes them. */
export interface Action<S extends OptionsSchema = OptionsSchema> {
  options: S;
  /** Options that name entities, by option name. */
  entityOptions?: Partial<Record<keyof z.infer<S> & string, EntityOption>>;
  handler(options: z.infer<S>, context: CommandContext): Reply | Promise<Reply>;
}

export interface Subcommand<S extends OptionsSchema = OptionsSchema> extends Action<S> {
  /** Lowercase, as typed after the command: "subscribe". */
  name: string;
  /** One line, under 100 characters (Discord's limit). */
  description: string;
}

interface CommandInfo {
  name: string;
  /** One line, under 100 characters (Discord's limit). */
  description: string;
  /** Full command lines, shown in /help: "/militia nujaba". */
  examples: string[];
}

export interface PlainCommand<S extends OptionsSchema = OptionsSchema>
  extends CommandInfo,
    Action<S> {
  subcommands?: undefined;
}

export interface CommandWithSubcommands extends CommandInfo {
  subcommands: readonly Subcommand[];
  /**
   * The subcommand that text naming none runs ("/briefing militias" posts now). Discord always
   * names one.
   */
  defaultSubcommand?: string;
}

export type Command = PlainCommand | CommandWithSubcommands;

/** Keeps the handler's option types tied to the schema (z.infer), with no casts. */
export function defineCommand<S extends OptionsSchema>(command: PlainCommand<S>): PlainCommand<S>;
export function defineCommand(command: CommandWithSubcommands): CommandWithSubcommands;
export function defineCommand(command: Command): Command {
  return command;
}

/** The same for one subcommand. */
export function defineSubcommand<S extends OptionsSchema>(
  subcommand: Subcommand<S>,
): Subcommand<S> {
  return subcommand;
}

/** The action a request runs: the command itself, or its subcommand (the default if unnamed). */
export function actionOf(command: Command, subcommand?: string): Action | undefined {
  if (!command.subcommands) return command;
  const name = (subcommand ?? command.defaultSubcommand)?.toLowerCase();
  return command.subcommands.find((s) => s.name === name);
}

/** Every action a command offers: itself, or each subcommand under its name. */
export function actionsOf(command: Command): { subcommand?: string; action: Action }[] {
  if (!command.subcommands) return [{ action: command }];
  return command.subcommands.map((s) => ({ subcommand: s.name, action: s }));
}
