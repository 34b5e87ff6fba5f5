/**
 * A child process for held-lock.ts, standing in for a stuck writer: opens DATABASE_PATH, takes
 * the write lock (BEGIN IMMEDIATE), prints "locked", and lets go only when killed or after
 * HOLD_MS.
 */
import Database from "better-sqlite3";

const path = process.env.DATABASE_PATH;
if (!path) throw new Error("set DATABASE_PATH");
const holdMs = Number(process.env.HOLD_MS ?? 30_000);
const db = new Database(path);
db.exec("BEGIN IMMEDIATE");
process.stdout.write("locked\n");
setTimeout(() => {
  db.exec("COMMIT");
  db.close();
}, holdMs);
