/**
 * The console adapter: a chat in the terminal that needs no Discord or Slack account. Each
 * line is a slash command or a plain question (treated as /ask). With `json`, each line gets
 * exactly one JSON object on its own line, for scripts and tests.
 */
import { createInterface } from "node:readline";
import type { Bot } from "../../bot.ts";
import { chatWordOf } from "../../core/chat-words.ts";
import { consoleOrigin } from "../../core/command.ts";
import { isAnswered, type Reply } from "../../core/reply.ts";
import { renderText } from "../../render/text.ts";

export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  json: boolean;
  /** Show a prompt and a greeting (an interactive terminal). */
  interactive: boolean;
}

export async function runConsole(bot: Bot, options: ConsoleOptions): Promise<void> {
  const { input, output, json, interactive } = options;
  const lines = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  const write = (text: string) => output.write(`${text}\n`);
  const prompt = () => interactive && output.write("> ");

  if (interactive) {
    const sources = [...bot.knowledge.base.sources.values()].map((s) => s.series ?? s.title);
    write(
      `policywatch-bot: ask about ${sources.join(", ")}. Type /help for commands, Ctrl+D to leave.`,
    );
    prompt();
  }
  for await (const line of lines) {
    // In the terminal, "exit" and "quit" leave and "clear" empties the screen, as in a shell.
    const word = json ? undefined : chatWordOf(line);
    if (word === "leave" && /^\s*(exit|quit|q)\s*$/i.test(line)) break;
    if (word === "clear" && interactive) {
      output.write("\x1Bc");
      prompt();
      continue;
    }
    const reply = await bot.router.runText(line, consoleOrigin);
    write(json ? JSON.stringify(toJson(reply)) : `${renderText(reply)}\n`);
    prompt();
  }
}

/** One line of --json output: the verdict, the text people would read, and the structure. */
export function toJson(reply: Reply) {
  return {
    answered: isAnswered(reply),
    kind: reply.kind,
    text: renderText(reply),
    facts: reply.citations.flatMap((c) => (c.factId ? [c.factId] : [])),
    reply,
  };
}
