/**
 * The bot without any platform: knowledge, search and the command router. Every adapter
 * (console, Discord, Slack) is handed one of these and only turns requests into router calls.
 */
import { commands as allCommands } from "../commands/index.ts";
import type { Command } from "./core/command.ts";
import { InFlight } from "./core/in-flight.ts";
import type { Logger } from "./core/logger.ts";
import { CommandRouter, type RequestGuard } from "./core/router.ts";
import type { Services } from "./core/services.ts";
import { feedbackButtons } from "./feedback/click.ts";
import { type Knowledge, openKnowledge } from "./knowledge/knowledge.ts";

export interface BotOptions {
  /** Checks around every request, e.g. rate limits (src/core/rate-limit.ts). */
  guards?: readonly RequestGuard[];
  /** Storage for briefings, feedback and declined questions (src/storage). */
  services?: Services;
}

export class Bot {
  readonly router: CommandRouter;
  /** Requests being answered: adapters track each one; a clean shutdown waits for them. */
  readonly inFlight = new InFlight();
  private current: Knowledge;

  constructor(
    knowledge: Knowledge,
    readonly log: Logger,
    commands: readonly Command[] = allCommands,
    options: BotOptions = {},
  ) {
    this.current = knowledge;
    this.router = new CommandRouter(commands, () => this.current, log, {
      guards: [this.inFlight, ...(options.guards ?? [])],
      services: options.services,
      buttons: [feedbackButtons],
    });
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

export function createBot(
  options: { log: Logger; knowledgeDir?: string | undefined } & BotOptions,
): Bot {
  return new Bot(openKnowledge(options.knowledgeDir), options.log, allCommands, options);
}
