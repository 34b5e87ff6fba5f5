/**
 * A button the bot puts under its replies (Discord components, Slack actions), and what a click
 * on it does. A click goes through the router like a command: the same guards (rate limits,
 * shutdown), the same catch, the same origin; only how it is named differs (a button id).
 */
import type { CommandContext } from "./command.ts";
import type { Reply } from "./reply.ts";

export interface ButtonAction {
  /** What the guards and the log call it: "feedback". */
  name: string;
  /** Whether a button id is one of these ("feedback:42:yes"). */
  owns(id: string): boolean;
  handler(id: string, context: CommandContext): Reply | Promise<Reply>;
}
