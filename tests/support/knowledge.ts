/** One loaded knowledge for the whole test file: loading and indexing take a few hundred ms. */
import { Bot } from "../../src/bot.ts";
import type { Logger } from "../../src/core/logger.ts";
import { type Knowledge, openKnowledge } from "../../src/knowledge/knowledge.ts";

let shared: Knowledge | undefined;

export function knowledge(): Knowledge {
  shared ??= openKnowledge();
  return shared;
}

/** A logger that remembers what was logged, for assertions. */
export function recordingLogger(): Logger & {
  lines: { level: string; fields: object; message: string }[];
} {
  const lines: { level: string; fields: object; message: string }[] = [];
  const at = (level: string) => (fields: object, message: string) =>
    lines.push({ level, fields, message });
  return { lines, info: at("info"), warn: at("warn"), error: at("error") };
}

export function testBot(commands?: ConstructorParameters<typeof Bot>[2]): Bot {
  return new Bot(knowledge(), recordingLogger(), commands);
}
