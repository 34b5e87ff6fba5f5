/**
 * Storage faults made on purpose, in ways that hold when the tests run as root (where chmod does
 * not stop a write): SQLite's own switches on the bot's open connection, and unlinking the file.
 */
import { rmSync } from "node:fs";
import type { Storage } from "../../src/storage/index.ts";

export type Fault = "read-only" | "full" | "deleted" | "deleted with its WAL";

export const FAULTS: readonly Fault[] = ["read-only", "full", "deleted", "deleted with its WAL"];

/** Breaks the storage's open connection (or its file) the way `fault` names. */
export function inject(storage: Storage, fault: Fault): void {
  const { db } = storage;
  if (fault === "read-only") {
    db.pragma("query_only = ON");
  } else if (fault === "full") {
    // No page beyond those the file has: the next write that needs one fails with SQLITE_FULL.
    db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true })}`);
  } else if (fault === "deleted") {
    // `rm bot.db` with the bot running: its WAL and shared memory stay beside the path.
    rmSync(storage.file.path);
  } else {
    // `rm data/*`: the file, its WAL and its shared memory.
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${storage.file.path}${suffix}`);
  }
}
