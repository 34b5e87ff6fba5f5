/**
 * `npm run gaps [-- --days 7] [-- --json]`: the curators' report from the command line, the
 * same as /gaps shows in chat, for every platform and workspace: the questions the bot declined
 * most often, and the answers people marked not helpful. Reads DATABASE_PATH.
 */
import { existsSync } from "node:fs";
import dotenv from "dotenv";
import { ConfigError, parseConfig } from "../src/config.ts";
import { DEFAULT_GAPS_DAYS, gapsReply } from "../src/feedback/gaps.ts";
import { renderText } from "../src/render/text.ts";
import { openStorage, StorageError } from "../src/storage/index.ts";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function daysArgument(argv: readonly string[]): number {
  const at = argv.indexOf("--days");
  const raw = at >= 0 ? argv[at + 1] : argv.find((a) => /^\d+$/.test(a));
  if (raw === undefined) return DEFAULT_GAPS_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    fail(`--days takes a whole number of days from 1 to 3650, not "${raw}".`);
  }
  return days;
}

dotenv.config({ quiet: true });
try {
  const config = parseConfig();
  const days = daysArgument(process.argv.slice(2));
  if (!existsSync(config.DATABASE_PATH)) {
    process.stdout.write(
      `No database at ${config.DATABASE_PATH} yet: the bot has recorded nothing. (Set DATABASE_PATH if it keeps it elsewhere.)\n`,
    );
    process.exit(0);
  }
  const storage = openStorage({ path: config.DATABASE_PATH });
  try {
    const report = await storage.feedback.gaps({ days, limit: 20 });
    process.stdout.write(
      process.argv.includes("--json")
        ? `${JSON.stringify(report)}\n`
        : `${renderText(gapsReply(report, days))}\n`,
    );
  } finally {
    storage.close();
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof StorageError) fail(error.message);
  throw error;
}
