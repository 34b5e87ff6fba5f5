/**
 * A command is plain data: a name, a description, options declared with zod, examples, and a
 * handler that returns a Reply. It never touches a platform: adapters do that.
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
  /** May change this channel's settings (Discord: Manage Channels; Slack: an admin). */
  canManageChannel: boolean;
}

/** The terminal: one person, one "channel", who may do anything. */
export const consoleOrigin: RequestOrigin = {
  platform: "console",
  userId: "console",
  channelId: "console",
  canManageChannel: true,
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

export interface Command<S extends OptionsSchema = OptionsSchema> {
  name: string;
  /** One line, under 100 characters (Discord's limit). */
  description: string;
  options: S;
  /** Options that name entities, by option name. */
  entityOptions?: Partial<Record<keyof z.infer<S> & string, EntityOption>>;
  /** Full command lines, shown in /help: "/militia nujaba". */
  examples: string[];
  /**
   * Whether a request (its raw options) is one only people who may manage the channel can make
   * ("/briefing subscribe ..."): adapters whose check costs an API call (Slack's users.info)
   * make it for these requests only. Absent: no request needs it.
   */
  managesChannel?(options: Record<string, unknown>): boolean;
  /** The usage line, when the one read from the options would mislead (see /briefing). */
  usage?: string;
  /**
   * Free text (Slack's `text`, a console line) as raw options, for a command whose text form is
   * not its options in order ("/briefing subscribe militias daily 08:30"). The default parser
   * (parseOptionText) is used when absent.
   */
  parseText?(text: string): { options: Record<string, unknown>; leftover: string };
  handler(options: z.infer<S>, context: CommandContext): Reply | Promise<Reply>;
}

/** Keeps the handler's option types tied to the schema (z.infer), with no casts. */
export function defineCommand<S extends OptionsSchema>(command: Command<S>): Command<S> {
  return command;
}
