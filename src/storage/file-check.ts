/**
 * Whether DATABASE_PATH still names the file the bot opened, and writing a deleted one back.
 *
 * SQLite in WAL mode goes on writing into a database file that was deleted while it was open:
 * every write succeeds, and all of it is gone at the next start. So the path's device and inode
 * are compared with the opened file's before each use (one stat, microseconds).
 */
import { linkSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { Db } from "./database.ts";

export interface FileIdentity {
  dev: number;
  ino: number;
}

export type FileState = "same" | "deleted" | "replaced";

/** The WAL and shared-memory files beside the database, as they were when it was opened. */
export interface Companions {
  wal: FileIdentity | undefined;
  shm: FileIdentity | undefined;
}

/** The file the path names now; undefined for ":memory:" or no file. */
export function identify(file: string): FileIdentity | undefined {
  if (file === ":memory:") return undefined;
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? { dev: stat.dev, ino: stat.ino } : undefined;
}

export function identifyCompanions(file: string): Companions {
  return { wal: identify(`${file}-wal`), shm: identify(`${file}-shm`) };
}

/**
 * Removes the WAL and shared memory a closed connection left beside a path whose database was
 * deleted or replaced. SQLite keeps them when the database file has moved (it will not
 * checkpoint into a file it no longer names), and the next connection on the path would replay
 * the old database's pages into the new file. Only the very files opened with the old database
 * go: a WAL another process made for the new file is left alone.
 */
export function removeStaleCompanions(file: string, opened: Companions): void {
  for (const [suffix, was] of [
    ["-wal", opened.wal],
    ["-shm", opened.shm],
  ] as const) {
    const now = identify(`${file}${suffix}`);
    if (was && now && now.dev === was.dev && now.ino === was.ino) rmSync(`${file}${suffix}`);
  }
}

export function checkFile(file: string, opened: FileIdentity | undefined): FileState {
  if (file === ":memory:") return "same";
  const now = identify(file);
  if (!now) return "deleted";
  return opened && now.dev === opened.dev && now.ino === opened.ino ? "same" : "replaced";
}

/**
 * Copies everything the open connection sees (the deleted file and its WAL) into a new file
 * beside the path. Throws, leaving the connection open and untouched, when it cannot.
 */
export function copyOut(db: Db, file: string): string {
  const copy = `${file}.restore-${process.pid}`;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  rmSync(copy, { force: true });
  db.prepare("VACUUM INTO ?").run(copy);
  return copy;
}

/**
 * Puts the copy at the path, unless a file appeared there meanwhile (another process wrote the
 * same data back, or an operator put a file there): that one wins and the copy goes. Linking
 * rather than renaming is what makes "unless" safe.
 */
export function putInPlace(copy: string, file: string): void {
  try {
    linkSync(copy, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  rmSync(copy, { force: true });
}
