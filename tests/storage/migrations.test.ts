/** The schema migrations: on an empty file, on a file of an older version, and when they fail. */
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import {
  appliedVersions,
  migrate,
  openDatabase,
  StorageError,
} from "../../src/storage/database.ts";
import { openStorage } from "../../src/storage/index.ts";
import { MIGRATIONS } from "../../src/storage/migrations.ts";
import { tempDir } from "../support/storage.ts";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((t) => t.name);

describe("migrations", () => {
  it("GIVEN no file, THEN it is created (with its folder), in WAL mode, with every migration", () => {
    const file = tmp.file("nested/folder/new.db");
    const db = openDatabase(file);
    expect(appliedVersions(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        "answers",
        "briefing_runs",
        "feedback",
        "schema_migrations",
        "settings",
        "subscriptions",
        "unanswered",
      ]),
    );
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("synchronous", { simple: true })).toBe(2); // FULL
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    db.close();
  });

  it("GIVEN a file at version 1 with a subscription, THEN only version 2 runs and the row stays", () => {
    const file = tmp.file("old.db");
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    old
      .prepare(
        `INSERT INTO subscriptions (platform, channel_id, topic, schedule, cron, timezone, created_by, created_at)
         VALUES ('slack', 'C1', 'militias', 'daily at 08:30', '30 8 * * *', 'UTC', 'U1', 0)`,
      )
      .run();
    expect(appliedVersions(old)).toEqual([1]);
    old.close();

    const db = openDatabase(file);
    expect(appliedVersions(db)).toEqual([1, 2]);
    expect(db.prepare("SELECT channel_id, topic FROM subscriptions").all()).toEqual([
      { channel_id: "C1", topic: "militias" },
    ]);
    expect(migrate(db)).toEqual([]); // nothing left to do
    db.close();
  });

  it("opening an up-to-date file again changes nothing and keeps the voter salt", () => {
    const file = tmp.file("twice.db");
    const salt = (db: Database.Database) =>
      (db.prepare("SELECT value FROM settings WHERE key = 'voter_salt'").get() as { value: string })
        .value;
    const first = openDatabase(file);
    const before = salt(first);
    first.close();
    const second = openDatabase(file);
    expect(salt(second)).toBe(before);
    expect(before).toMatch(/^[0-9a-f]{32}$/);
    expect(appliedVersions(second)).toEqual([1, 2]);
    second.close();
  });

  it("a migration that fails is rolled back whole: no half-made table, no version recorded", () => {
    const file = tmp.file("broken.db");
    const broken = [
      ...MIGRATIONS,
      { version: 99, name: "broken", sql: "CREATE TABLE half (x INTEGER); SELECT * FROM nowhere;" },
    ];
    expect(() => openDatabase(file, { migrations: broken })).toThrow(StorageError);
    const db = new Database(file);
    expect(tables(db)).not.toContain("half");
    expect(appliedVersions(db)).toEqual([1, 2]);
    db.close();
  });

  it("refuses a file written by a newer bot, naming the way out", () => {
    const file = tmp.file("newer.db");
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations VALUES (42, 'from the future', 0)").run();
    raw.close();
    expect(() => openDatabase(file)).toThrow(/schema version 42.*DATABASE_PATH/s);
  });

  it("a path that cannot be a database is a StorageError naming DATABASE_PATH", () => {
    expect(() => openStorage({ path: tmp.dir })).toThrow(/DATABASE_PATH/);
  });
});
