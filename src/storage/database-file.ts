/**
 * The database at DATABASE_PATH as the stores use it: every read and write goes through `read`
 * or `write`, which
 *
 * - run the work in one transaction (writes in BEGIN IMMEDIATE), so a write that returned is
 *   committed, and one that failed threw: never a row read back from a commit that then failed;
 * - turn SQLite's storage errors (busy, read-only, full, I/O) into StorageFaultError, which the
 *   person hears as "not saved" rather than as a bug;
 * - never sleep on the main thread: the connection's busy timeout is 0, and a write that finds
 *   another connection's lock is tried again on a timer for at most `busyWaitMs`, then refused as
 *   busy. A held lock costs the command that needs it a short wait, and every other command
 *   nothing;
 * - check, before each use, that the path still names the file that was opened (./file-check.ts).
 */
import { describeFailure } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { StorageFaultError } from "../core/storage-fault.ts";
import { type Db, openDatabase, StorageError } from "./database.ts";
import { faultOf } from "./faults.ts";
import {
  type Companions,
  checkFile,
  copyOut,
  type FileIdentity,
  identify,
  identifyCompanions,
  putInPlace,
  removeStaleCompanions,
} from "./file-check.ts";

/**
 * How long a command waits for another connection's write lock before "busy, try again". A
 * commit of this bot (one WAL append and fsync) takes milliseconds, so a few hundred covers a
 * second process's writes and checkpoints; a lock held for seconds is a stuck writer, and
 * waiting it out would only make the person wait for the same answer.
 */
export const BUSY_WAIT_MS = 250;
/** Back-off between tries under a held lock: short first, for locks that are about to go. */
const RETRY_DELAYS_MS = [2, 5, 10, 20, 40, 50];

export interface DatabaseFileOptions {
  log: Logger;
  busyWaitMs?: number;
}

export class DatabaseFile {
  private current: Db | undefined;
  private identity: FileIdentity | undefined;
  private companions: Companions = { wal: undefined, shm: undefined };
  private closed = false;
  private readonly busyWaitMs: number;

  constructor(
    readonly path: string,
    private readonly options: DatabaseFileOptions,
  ) {
    this.busyWaitMs = options.busyWaitMs ?? BUSY_WAIT_MS;
    this.current = this.open(false);
  }

  /** The connection as it is now, for tests and one-off reads at start-up. */
  get db(): Db {
    return this.connection();
  }

  /** Runs `work` in one read transaction. */
  read<T>(work: (db: Db) => T): Promise<T> {
    return this.attempt((db) => db.transaction(() => work(db)).deferred());
  }

  /** Runs `work` in one write transaction, committed before the promise resolves. */
  write<T>(work: (db: Db) => T): Promise<T> {
    return this.attempt((db) => db.transaction(() => work(db)).immediate());
  }

  /** Closes the connection; a file deleted since the last use is written back first. */
  close(): void {
    if (this.closed) return;
    if (this.current && checkFile(this.path, this.identity) === "deleted") {
      try {
        this.writeBack(this.current);
      } catch {
        // Logged by writeBack; the copy, if any, is named there.
      }
    }
    this.closed = true;
    this.current?.close();
    this.current = undefined;
  }

  private async attempt<T>(run: (db: Db) => T): Promise<T> {
    const started = performance.now();
    for (let tries = 0; ; tries++) {
      try {
        return run(this.connection());
      } catch (error) {
        const fault = error instanceof StorageFaultError ? error.fault : faultOf(error);
        if (!fault) throw error;
        const waited = performance.now() - started;
        if (fault !== "busy" || waited >= this.busyWaitMs) {
          throw error instanceof StorageFaultError
            ? error
            : new StorageFaultError(fault, undefined, { cause: error });
        }
        const delay = RETRY_DELAYS_MS[Math.min(tries, RETRY_DELAYS_MS.length - 1)] ?? 50;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(delay, this.busyWaitMs - waited)),
        );
      }
    }
  }

  /**
   * The open connection, after checking the path still names its file. A deleted file is
   * written back from the open connection and reopened: everything committed is kept, where
   * writing on into the unlinked file would lose it all at the next start. A replaced file (an
   * operator restoring a backup, or another process writing a deleted file back) is opened
   * instead: the path is what DATABASE_PATH names, and what the next start would open anyway.
   */
  private connection(): Db {
    if (this.closed) throw new StorageFaultError("failing", undefined, { cause: "closed" });
    const state = checkFile(this.path, this.identity);
    if (this.current && state === "same") return this.current;
    if (this.current && state === "deleted") {
      this.writeBack(this.current);
    } else if (this.current) {
      this.current.close();
      this.current = undefined;
      removeStaleCompanions(this.path, this.companions);
      this.options.log.warn(
        { path: this.path },
        "storage: the database file was replaced while the bot ran; the new file is used from now on",
      );
    }
    this.current = this.open(true);
    return this.current;
  }

  /** Copies the open, deleted database back to the path; keeps the connection if it cannot. */
  private writeBack(db: Db): void {
    let copy: string;
    try {
      copy = copyOut(db, this.path);
    } catch (error) {
      this.options.log.error(
        { path: this.path, err: describeFailure(error) },
        "storage: the database file was deleted while the bot ran and could not be written back; every read and write is refused until it can",
      );
      throw new StorageFaultError(faultOf(error) ?? "moved", undefined, { cause: error });
    }
    this.current = undefined;
    db.close();
    try {
      removeStaleCompanions(this.path, this.companions);
      putInPlace(copy, this.path);
    } catch (error) {
      this.options.log.error(
        { path: this.path, copy, err: describeFailure(error) },
        "storage: the deleted database file was copied but could not be put back; move the copy to the path and restart",
      );
      throw new StorageFaultError("moved", undefined, { cause: error });
    }
    this.options.log.warn(
      { path: this.path },
      "storage: the database file was deleted while the bot ran; it was written back from the open connection, nothing lost",
    );
  }

  /** Opens the path; at run time only an existing file, and without waiting for locks. */
  private open(reopening: boolean): Db {
    try {
      const db = openDatabase(this.path, reopening ? { busyTimeoutMs: 0, mustExist: true } : {});
      // From here on the main thread never sleeps in SQLite: see `attempt`.
      db.pragma("busy_timeout = 0");
      this.identity = identify(this.path);
      this.companions = identifyCompanions(this.path);
      return db;
    } catch (error) {
      if (!reopening || !(error instanceof StorageError)) throw error;
      this.options.log.error(
        { path: this.path, err: describeFailure(error) },
        "storage: the database file could not be opened again; every read and write is refused until it can",
      );
      throw new StorageFaultError("moved", undefined, { cause: error });
    }
  }
}
