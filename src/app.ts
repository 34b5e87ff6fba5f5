/**
 * Start-up: configuration (parsed once), logging, knowledge, then the platforms. Problems a
 * person can fix (a bad variable, a broken knowledge file) are printed plainly and stop start-up.
 * Once running: SIGTERM/SIGINT stop cleanly (src/shutdown.ts), SIGHUP or an edit under the
 * knowledge folder reloads the knowledge (src/knowledge/reload.ts).
 */
import dotenv from "dotenv";
import { runConsole } from "./adapters/console/chat.ts";
import { consoleDelivery } from "./adapters/console/deliver.ts";
import { platformAdapters } from "./adapters/index.ts";
import { type Bot, createBot } from "./bot.ts";
import { BriefingScheduler } from "./briefings/scheduler.ts";
import { type Config, ConfigError, parseConfig } from "./config.ts";
import type { ChannelDelivery } from "./core/delivery.ts";
import { rateLimitGuard } from "./core/rate-limit.ts";
import { KnowledgeError } from "./knowledge/load.ts";
import { KnowledgeReloader } from "./knowledge/reload.ts";
import { createLogger } from "./logging.ts";
import { installCrashGuards, Shutdown } from "./shutdown.ts";
import { openStorage, type Storage, StorageError } from "./storage/index.ts";

interface Prepared {
  config: Config;
  bot: Bot;
  /** Register what must be closed on exit here: `shutdown.onClose(name, close)`. */
  shutdown: Shutdown;
  /** The SQLite database: briefings, feedback, declined questions. */
  storage: Storage;
}

function prepare(): Prepared {
  dotenv.config({ quiet: true });
  try {
    const config = parseConfig();
    const chatOnly = !platformAdapters.some((a) => a.enabled(config));
    const log = createLogger(config.LOG_LEVEL ?? (chatOnly ? "warn" : "info"), {
      secrets: [
        config.DISCORD_TOKEN,
        config.SLACK_BOT_TOKEN,
        config.SLACK_APP_TOKEN,
        config.SLACK_SIGNING_SECRET,
      ],
    });
    const limits = rateLimitGuard(
      {
        userPerMinute: config.RATE_LIMIT_USER_PER_MINUTE,
        channelPublicPerMinute: config.RATE_LIMIT_CHANNEL_PUBLIC_PER_MINUTE,
      },
      log,
    );
    const storage = openStorage({
      path: config.DATABASE_PATH,
      defaultTimezone: config.DEFAULT_TIMEZONE,
      logAskers: config.LOG_ASKERS,
      log,
    });
    const bot = createBot({
      log,
      knowledgeDir: config.KNOWLEDGE_DIR,
      guards: [limits],
      services: storage.services,
    });
    const shutdown = new Shutdown(bot.inFlight, log, {
      flush: () => new Promise<void>((resolve) => log.flush(() => resolve())),
    });
    // Registered first, so it closes last: after the platforms and the scheduler are done.
    shutdown.onClose("database", () => storage.close());
    installCrashGuards(log, () => {
      void shutdown.stop("uncaught exception").then(() => process.exit(1));
    });
    return { config, bot, shutdown, storage };
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof KnowledgeError ||
      error instanceof StorageError
    ) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export async function startConsole(
  options: { json: boolean },
  prepared: Prepared = prepare(),
): Promise<void> {
  const { bot, shutdown } = prepared;
  shutdown.installSignals();
  const interactive = !options.json && Boolean(process.stdin.isTTY);
  // Briefings subscribed in the terminal print there, between prompts (never into --json output).
  if (interactive) startBriefings(prepared, [consoleDelivery(process.stdout)]);
  await runConsole(bot, {
    input: process.stdin,
    output: process.stdout,
    json: options.json,
    interactive,
  });
  await shutdown.stop("end of input");
}

/** `npm start`: every configured platform, or the console chat when none is. */
export async function startApp(): Promise<void> {
  const prepared = prepare();
  const { config, bot, shutdown } = prepared;
  const wanted = platformAdapters.filter((a) => a.enabled(config));
  if (wanted.length === 0) {
    bot.log.info({}, "no platform credentials set: opening the console chat");
    return startConsole({ json: process.argv.includes("--json") }, prepared);
  }
  shutdown.installSignals();
  const deliveries: ChannelDelivery[] = [];
  for (const adapter of wanted) {
    const running = await adapter.start(bot, config);
    if (running.delivery) deliveries.push(running.delivery);
    shutdown.onClose(adapter.name, () => running.stop());
    bot.log.info({ platform: adapter.name }, "platform started");
  }
  const reloader = new KnowledgeReloader(bot, {
    dir: config.KNOWLEDGE_DIR,
    log: bot.log,
    watch: config.KNOWLEDGE_WATCH,
  });
  reloader.start();
  shutdown.onClose("knowledge reload", () => reloader.stop());
  startBriefings(prepared, deliveries);
}

/** Posts scheduled briefings through these platforms; stopped first on shutdown. */
function startBriefings(prepared: Prepared, deliveries: ChannelDelivery[]): void {
  const { config, bot, shutdown, storage } = prepared;
  const scheduler = new BriefingScheduler({
    subscriptions: storage.subscriptions,
    deliveries,
    knowledge: () => bot.knowledge,
    log: bot.log,
    graceMinutes: config.BRIEFING_GRACE_MINUTES,
  });
  void scheduler.start(); // never rejects: it logs
  shutdown.onClose("briefing scheduler", () => scheduler.stop());
}
