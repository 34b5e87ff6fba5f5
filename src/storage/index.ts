/**
 * The bot's storage, opened once at start: the SQLite file, migrated, and the repositories the
 * commands (through Services) and the briefing scheduler use.
 */
import type { Logger } from "../core/logger.ts";
import { silentLogger } from "../core/logger.ts";
import type { Services } from "../core/services.ts";
import type { Db } from "./database.ts";
import { DatabaseFile } from "./database-file.ts";
import { SqliteFeedback } from "./feedback.ts";
import { SqliteSubscriptions } from "./subscriptions.ts";

export { StorageError } from "./database.ts";

export interface StorageOptions {
  /** DATABASE_PATH. */
  path: string;
  /** DEFAULT_TIMEZONE. */
  defaultTimezone?: string;
  /** LOG_ASKERS. */
  logAskers?: boolean;
  /** The clock; tests pass a fake one. */
  now?: () => Date;
  /** Where storage faults that nobody is told about are reported (file deleted, record lost). */
  log?: Logger;
  /** How long a write waits for another connection's lock (see BUSY_WAIT_MS). */
  busyWaitMs?: number;
}

export interface Storage {
  /** The connection open now (it changes if the file is deleted or replaced). */
  readonly db: Db;
  file: DatabaseFile;
  subscriptions: SqliteSubscriptions;
  feedback: SqliteFeedback;
  /** What commands get in their context. */
  services: Services;
  close(): void;
}

export function openStorage(options: StorageOptions): Storage {
  const log = options.log ?? silentLogger;
  const file = new DatabaseFile(options.path, {
    log,
    ...(options.busyWaitMs !== undefined ? { busyWaitMs: options.busyWaitMs } : {}),
  });
  const now = options.now ?? (() => new Date());
  const subscriptions = new SqliteSubscriptions(file, now);
  const feedback = new SqliteFeedback(file, now, { logAskers: options.logAskers ?? false, log });
  return {
    get db() {
      return file.db;
    },
    file,
    subscriptions,
    feedback,
    services: {
      subscriptions,
      feedback,
      defaultTimezone: options.defaultTimezone ?? "UTC",
      now,
    },
    close: () => file.close(),
  };
}
