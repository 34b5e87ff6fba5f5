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

/** The file the path names now; undefined for ":memory:" or no file. */
export function identify(file: string): FileIdentity | undefined {
  if (file === ":memory:") return undefined;
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? { dev: stat.dev, ino: stat.ino } : undefined;
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
