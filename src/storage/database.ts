/**
 * The embedded SQLite database (better-sqlite3): one file, no server. Opened in WAL mode with
 * full sync, so a write that returned is on disk and survives a crash of the process (or the
 * machine); readers never block the writer. Pending migrations run at open, each in its own
 * immediate transaction, so two processes opening one file cannot apply one twice.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS, type Migration } from "./migrations.ts";

export type Db = Database.Database;

/** A database that cannot be opened or migrated: printed at start-up, which then stops. */
export class StorageError extends Error {
  override name = "StorageError";
}

export interface OpenOptions {
  /** The migrations to apply; all of them unless a test wants an older schema. */
  migrations?: readonly Migration[];
  /** How long opening (the migrations) waits for another connection's lock; default 5 s. */
  busyTimeoutMs?: number;
  /** Refuse to create the file: reopening at run time must find the one that is there. */
  mustExist?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  let db: Db;
  try {
    if (file !== ":memory:" && !options.mustExist) {
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    }
    db = new Database(file, {
      timeout: options.busyTimeoutMs ?? 5000,
      fileMustExist: options.mustExist ?? false,
    });
  } catch (error) {
    throw new StorageError(
      `The database could not be opened (DATABASE_PATH=${file}): ${(error as Error).message}`,
    );
  }
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StorageError) throw error;
    throw new StorageError(
      `The database could not be prepared (DATABASE_PATH=${file}): ${(error as Error).message}`,
    );
  }
}

export function appliedVersions(db: Db): number[] {
  return (
    db.prepare("SELECT version FROM schema_migrations ORDER BY version").all() as {
      version: number;
    }[]
  ).map((row) => row.version);
}

/** Applies what is missing, in order; refuses a file written by a newer version of the bot. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const newest = Math.max(0, ...appliedVersions(db));
  if (newest > known) {
    throw new StorageError(
      `The database has schema version ${newest}, newer than this bot knows (${known}): it was written by a newer policywatch-bot. Upgrade the bot, or point DATABASE_PATH at another file.`,
    );
  }
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const apply = db.transaction(() => {
      const done = db
        .prepare("SELECT 1 FROM schema_migrations WHERE version = ?")
        .get(migration.version);
      if (done) return false;
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        migration.version,
        migration.name,
        Date.now(),
      );
      return true;
    });
    if (apply.immediate()) applied.push(migration.version);
  }
  return applied;
}
