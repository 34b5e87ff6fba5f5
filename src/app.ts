/**
 * Start-up: configuration (parsed once), logging, knowledge, then the platforms. Problems a
 * person can fix (a bad variable, a broken knowledge file) are printed plainly and stop start-up.
 */
import dotenv from "dotenv";
import { runConsole } from "./adapters/console/chat.ts";
import { platformAdapters, type RunningAdapter } from "./adapters/index.ts";
import { type Bot, createBot } from "./bot.ts";
import { type Config, ConfigError, parseConfig } from "./config.ts";
import { KnowledgeError } from "./knowledge/load.ts";
import { createLogger } from "./logging.ts";

function prepare(): { config: Config; bot: Bot } {
  dotenv.config({ quiet: true });
  try {
    const config = parseConfig();
    const log = createLogger(config.LOG_LEVEL);
    return { config, bot: createBot({ log, knowledgeDir: config.KNOWLEDGE_DIR }) };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof KnowledgeError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export async function startConsole(options: { json: boolean }): Promise<void> {
  const { bot } = prepare();
  await runConsole(bot, {
    input: process.stdin,
    output: process.stdout,
    json: options.json,
    interactive: !options.json && Boolean(process.stdin.isTTY),
  });
}

/** `npm start`: every configured platform, or the console chat when none is. */
export async function startApp(): Promise<void> {
  const { config, bot } = prepare();
  const wanted = platformAdapters.filter((a) => a.enabled(config));
  if (wanted.length === 0) {
    bot.log.info({}, "no platform credentials set: opening the console chat");
    return startConsole({ json: process.argv.includes("--json") });
  }
  const running: RunningAdapter[] = [];
  for (const adapter of wanted) {
    running.push(await adapter.start(bot, config));
    bot.log.info({ platform: adapter.name }, "platform started");
  }
  const stop = async () => {
    await Promise.allSettled(running.map((r) => r.stop()));
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
