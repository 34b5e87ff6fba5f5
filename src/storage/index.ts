/**
 * The bot's storage, opened once at start: the SQLite file, migrated, and the repositories the
 * commands (through Services) and the briefing scheduler use.
 */
import type { Services } from "../core/services.ts";
import { type Db, openDatabase } from "./database.ts";
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
}

export interface Storage {
  db: Db;
  subscriptions: SqliteSubscriptions;
  feedback: SqliteFeedback;
  /** What commands get in their context. */
  services: Services;
  close(): void;
}

export function openStorage(options: StorageOptions): Storage {
  const db = openDatabase(options.path);
  const now = options.now ?? (() => new Date());
  const salt = db.prepare("SELECT value FROM settings WHERE key = 'voter_salt'").get() as
    | { value: string }
    | undefined;
  const subscriptions = new SqliteSubscriptions(db, now);
  const feedback = new SqliteFeedback(db, now, {
    logAskers: options.logAskers ?? false,
    voterSalt: salt?.value ?? "",
  });
  let closed = false;
  return {
    db,
    subscriptions,
    feedback,
    services: {
      subscriptions,
      feedback,
      defaultTimezone: options.defaultTimezone ?? "UTC",
      now,
    },
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
