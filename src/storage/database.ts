/**
 * The embedded SQLite database (better-sqlite3): one file, no server. Opened in WAL mode with
 * full sync, so a write that returned is on disk and survives a crash of the process (or the
 * machine); readers never block the writer. Pending migrations run at open, each in its own
 * immediate transaction, so two processes opening one file cannot apply one twice.
 */
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { NotSavedError } from "../core/errors.ts";
import { MIGRATIONS, type Migration } from "./migrations.ts";

export type Db = Database.Database;

/**
 * How long a write waits for another connection's lock: briefly, because better-sqlite3 waits
 * on the main thread, where every other request waits with it. A write that cannot get the
 * lock in time fails with a "not saved, try again" reply; nobody else is held up.
 */
export const BUSY_TIMEOUT_MS = 50;

/**
 * Guards every write: the database file must still be the one that was opened (a deleted or
 * replaced file would take every later write with it, silently), and any failure of SQLite
 * (read-only, disk full, busy, I/O) becomes a NotSavedError that says what was not saved.
 */
export class WriteGuard {
  private readonly identity?: string;

  constructor(private readonly file: string) {
    this.identity = file === ":memory:" ? undefined : identityOf(file);
  }

  write<T>(what: string, consequence: string, work: () => T): T {
    if (this.identity !== undefined && identityOf(this.file) !== this.identity) {
      throw new NotSavedError(what, consequence, {
        cause: new Error(
          `the database file ${this.file} was deleted or replaced since it was opened`,
        ),
      });
    }
    try {
      return work();
    } catch (error) {
      if (error instanceof NotSavedError) throw error;
      throw new NotSavedError(what, consequence, { cause: error });
    }
  }
}

/** The file's device and inode, or "missing". */
function identityOf(file: string): string {
  try {
    const { dev, ino } = statSync(file);
    return `${dev}:${ino}`;
  } catch {
    return "missing";
  }
}

/** A database that cannot be opened or migrated: printed at start-up, which then stops. */
export class StorageError extends Error {
  override name = "StorageError";
}

export interface OpenOptions {
  /** The migrations to apply; all of them unless a test wants an older schema. */
  migrations?: readonly Migration[];
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  let db: Db;
  try {
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
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
