/**
 * The real discord.js Client, logged in to the stand-in with the real bot behind it: what the
 * end-to-end tests and the latency bench drive.
 */

import type { Client } from "discord.js";
import { commands as allCommands } from "../../commands/index.ts";
import { startDiscordClient } from "../../src/adapters/discord/client.ts";
import { Bot } from "../../src/bot.ts";
import type { Command } from "../../src/core/command.ts";
import type { Logger } from "../../src/core/logger.ts";
import type { Services } from "../../src/core/services.ts";
import { type Knowledge, openKnowledge } from "../../src/knowledge/knowledge.ts";
import { DiscordStandIn, type StandInOptions } from "./stand-in.ts";

export interface LogEntry {
  level: "info" | "warn" | "error";
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps what it is told, for assertions. */
export function memoryLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry["level"]) => (fields: object, message: string) => {
    entries.push({ level, fields: fields as Record<string, unknown>, message });
  };
  return { entries, info: at("info"), warn: at("warn"), error: at("error") };
}

let knowledge: Knowledge | undefined;
export function testKnowledge(): Knowledge {
  knowledge ??= openKnowledge();
  return knowledge;
}

export interface Harness {
  standIn: DiscordStandIn;
  bot: Bot;
  log: ReturnType<typeof memoryLogger>;
  /** The logged-in discord.js client (for deliveries made without an interaction). */
  client?: Client<true>;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    commands?: readonly Command[];
    deferAfterMs?: number;
    standIn?: StandInOptions;
    /** Storage for briefings and feedback (a temporary database). */
    services?: Services;
  } = {},
): Promise<Harness> {
  const standIn = await DiscordStandIn.start(options.standIn);
  const log = memoryLogger();
  const bot = new Bot(
    testKnowledge(),
    log,
    options.commands ?? allCommands,
    options.services ? { services: options.services } : {},
  );
  try {
    const running = await startDiscordClient(bot, {
      token: "stand-in-token",
      api: standIn.apiUrl,
      retries: 0,
      readyTimeoutMs: 5000,
      ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    });
    return {
      standIn,
      bot,
      log,
      client: running.client,
      close: async () => {
        await running.stop();
        await standIn.close();
      },
    };
  } catch (error) {
    await standIn.close();
    throw error;
  }
}
