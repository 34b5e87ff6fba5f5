/**
 * The bot without any platform: knowledge, search and the command router. Every adapter
 * (console, Discord, Slack) is handed one of these and only turns requests into router calls.
 */
import { commands as allCommands } from "../commands/index.ts";
import type { Command } from "./core/command.ts";
import type { Logger } from "./core/logger.ts";
import { CommandRouter } from "./core/router.ts";
import { type Knowledge, openKnowledge } from "./knowledge/knowledge.ts";

export class Bot {
  readonly router: CommandRouter;
  private current: Knowledge;

  constructor(
    knowledge: Knowledge,
    readonly log: Logger,
    commands: readonly Command[] = allCommands,
  ) {
    this.current = knowledge;
    this.router = new CommandRouter(commands, () => this.current, log);
  }

  get knowledge(): Knowledge {
    return this.current;
  }

  get commands(): readonly Command[] {
    return this.router.commands;
  }

  /** Swaps in newly built knowledge; requests already running finish on the old one. */
  replaceKnowledge(next: Knowledge): void {
    this.current = next;
  }
}

export function createBot(options: { log: Logger; knowledgeDir?: string | undefined }): Bot {
  return new Bot(openKnowledge(options.knowledgeDir), options.log);
}
