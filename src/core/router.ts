/**
 * Routes a request to its command: finds it in the registry, validates the options once with
 * the command's zod schema, runs the handler inside one catch. User errors become helpful
 * replies; storage faults become a plain "not saved" (./storage-fault.ts), logged under an error
 * id; bugs become an apology with an error id, logged. Nothing here throws.
 */
import type { z } from "zod";
import type { Knowledge } from "../knowledge/knowledge.ts";
import type { ButtonAction } from "./button.ts";
import { chatWordOf } from "./chat-words.ts";
import { actionOf, type Command, type CommandContext, type RequestOrigin } from "./command.ts";
import { apologyReply, describeFailure, newErrorId, UserError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import { parseCommandText, usage } from "./options.ts";
import { type Reply, reply } from "./reply.ts";
import type { Services } from "./services.ts";
import { notSavedReply, StorageFaultError } from "./storage-fault.ts";

/** What people may type at most in one request; longer input is refused, not truncated. */
export const MAX_INPUT_LENGTH = 2000;

export interface CommandRequest {
  command: string;
  /** For a command with subcommands: which one (the default when absent). */
  subcommand?: string | undefined;
  /** Raw options: typed by the platform (Discord) or parsed from text (Slack, console). */
  options: Record<string, unknown>;
  origin: RequestOrigin;
}

/**
 * A check around every routed request, the same on every platform: rate limits
 * (./rate-limit.ts), refusing new work while shutting down (./in-flight.ts).
 */
export interface RequestGuard {
  /** Before options are read: a reply that stands in for the handler's (a refusal), or undefined. */
  before?(request: CommandRequest): Reply | undefined | Promise<Reply | undefined>;
  /** After the handler: the reply as it may go out (e.g. a shared reply kept private). */
  after?(request: CommandRequest, reply: Reply): Reply | Promise<Reply>;
}

export interface RouterOptions {
  /** Checks around every request, clicks included. */
  guards?: readonly RequestGuard[];
  /** Storage handed to every handler (briefings, feedback); absent when there is none. */
  services?: Services | undefined;
  /** What clicks on the bot's buttons do. */
  buttons?: readonly ButtonAction[];
}

export class CommandRouter {
  private readonly byName: Map<string, Command>;
  private readonly guards: readonly RequestGuard[];
  private readonly buttons: readonly ButtonAction[];

  constructor(
    readonly commands: readonly Command[],
    /** A getter, so a reload can swap the knowledge while requests keep coming. */
    private readonly knowledge: () => Knowledge,
    private readonly log: Logger,
    private readonly options: RouterOptions = {},
  ) {
    this.byName = new Map(commands.map((c) => [c.name, c]));
    this.guards = options.guards ?? [];
    this.buttons = options.buttons ?? [];
  }

  find(name: string): Command | undefined {
    return this.byName.get(name.toLowerCase());
  }

  async run(request: CommandRequest): Promise<Reply> {
    const command = this.find(request.command);
    if (!command) return this.unknownCommand(request.command);
    return this.guarded(request, `/${command.name}`, async (context) => {
      const action = actionOf(command, request.subcommand);
      if (!action) {
        const named = request.subcommand ? ` "${request.subcommand.slice(0, 40)}"` : "";
        return usageReply(command, `/${command.name} has no subcommand${named}.`);
      }
      const parsed = action.options.safeParse(request.options);
      if (!parsed.success) return usageReply(command, describeIssue(parsed.error));
      try {
        return await action.handler(parsed.data, context);
      } catch (error) {
        if (error instanceof UserError) return usageReply(command, error.message, error.hint);
        throw error;
      }
    });
  }

  /** A click on one of the bot's buttons; undefined when the id is none of theirs. */
  async click(id: string, origin: RequestOrigin): Promise<Reply | undefined> {
    const button = this.buttons.find((b) => b.owns(id));
    if (!button) return undefined;
    const request = { command: button.name, options: {}, origin };
    return this.guarded(request, "that click", async (context) => {
      try {
        return await button.handler(id, context);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        return reply({ kind: "usage", title: "That did not work", lead: error.message });
      }
    });
  }

  /**
   * Runs `work` between the guards, inside the one catch: a storage fault becomes "not saved",
   * anything else an apology, both logged under the id they quote. Never throws.
   */
  private async guarded(
    request: CommandRequest,
    /** What the person did, for the apology: "/briefing", "that click". */
    what: string,
    work: (context: CommandContext) => Promise<Reply>,
  ): Promise<Reply> {
    try {
      for (const guard of this.guards) {
        const refusal = await guard.before?.(request);
        if (refusal) return refusal;
      }
      let result = await work({
        knowledge: this.knowledge(),
        origin: request.origin,
        commands: this.commands,
        services: this.options.services,
      });
      for (const guard of this.guards) if (guard.after) result = await guard.after(request, result);
      return result;
    } catch (error) {
      if (error instanceof StorageFaultError) {
        return notSavedReply(
          error,
          this.log,
          { command: request.command },
          `Sorry, ${what} could not use the bot's database`,
        );
      }
      return this.failed(request.command, what, error);
    }
  }

  /** A bug: logged under a short id, and an apology that quotes it. */
  private failed(name: string, what: string, error: unknown): Reply {
    const errorId = newErrorId();
    this.log.error({ err: describeFailure(error), errorId, command: name }, "command failed");
    return apologyReply(errorId, what);
  }

  /**
   * Runs a line as typed in Slack or the console: "/militia nujaba", or a plain question,
   * which is treated as /ask.
   */
  async runText(line: string, origin: RequestOrigin, defaultCommand = "ask"): Promise<Reply> {
    const cleaned = sanitize(line);
    if (!cleaned) {
      return reply({
        kind: "usage",
        title: "Nothing to answer",
        lead: "Type a question, or a command such as /militia nujaba. /help lists them all.",
      });
    }
    if (cleaned.length > MAX_INPUT_LENGTH) return tooLong(cleaned.length);
    const match = /^\/(\S+)\s*(.*)$/s.exec(cleaned);
    // "help" typed as plain words means /help, on every surface.
    if (!match && chatWordOf(cleaned) === "help" && this.find("help")) {
      return this.runText("/help", origin, defaultCommand);
    }
    const name = match ? (match[1] ?? "") : defaultCommand;
    const text = match ? (match[2] ?? "") : cleaned;
    const command = this.find(name);
    if (!command) return this.unknownCommand(name);
    return this.runCommandText(command, text, origin);
  }

  /** Runs a known command with its options given as free text (Slack's `text`). */
  async runCommandText(command: Command, text: string, origin: RequestOrigin): Promise<Reply> {
    const cleaned = sanitize(text);
    if (cleaned.length > MAX_INPUT_LENGTH) return tooLong(cleaned.length);
    const { subcommand, options, leftover } = parseCommandText(command, cleaned);
    if (leftover) {
      return usageReply(command, `/${command.name} takes no text like "${leftover.slice(0, 40)}".`);
    }
    return this.run({ command: command.name, subcommand, options, origin });
  }

  private unknownCommand(name: string): Reply {
    const names = this.commands.map((c) => `/${c.name}`).join(", ");
    return reply({
      kind: "usage",
      title: "Unknown command",
      lead: `There is no command /${name.slice(0, 40)}. The commands are ${names}; /help explains each.`,
    });
  }
}

/** Drops zero-width and format characters, turns control characters into spaces, collapses white space. */
export function sanitize(text: string): string {
  return text
    .replace(/\p{Cf}/gu, "")
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function usageReply(command: Command, problem: string, hint?: string): Reply {
  const example = hint ?? command.examples[0];
  return reply({
    kind: "usage",
    title: `How to use /${command.name}`,
    lead: problem,
    sections: [
      {
        points: [
          { text: `Usage: ${usage(command)}`, cites: [] },
          ...(example ? [{ text: `Example: ${example}`, cites: [] }] : []),
        ],
      },
    ],
  });
}

function tooLong(length: number): Reply {
  return reply({
    kind: "usage",
    title: "That is too long",
    lead: `Your message has ${length} characters; please keep it under ${MAX_INPUT_LENGTH}. A short question works best, e.g. "did iraq shoot at anything?"`,
  });
}

/** The first problem zod found, said for a person: "name: too long (at most 100 characters)". */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The options are not valid.";
  const field = issue.path.join(".");
  return field ? `Option "${field}": ${issue.message}.` : `${issue.message}.`;
}
