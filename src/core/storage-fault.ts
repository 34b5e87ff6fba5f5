/**
 * Storage that cannot do what was asked right now (busy, read-only, full, its file gone) is not a
 * bug in the bot, and not the person's mistake either: the person must be told, in plain words,
 * that nothing was saved and whether trying again soon can help. The stores (src/storage) throw
 * StorageFaultError; a command says what was not done (`saving`); the router (or the feedback
 * click) replies and logs (`notSavedReply`).
 */
import { describeFailure, newErrorId } from "./errors.ts";
import type { Logger } from "./logger.ts";
import { type Reply, reply } from "./reply.ts";

export type StorageFault = "busy" | "read-only" | "full" | "moved" | "failing";

/** Why, said for a person; the log gets the database's own error as the cause. */
const WHY: Record<StorageFault, string> = {
  busy: "the database is busy with another write",
  "read-only": "the database is read-only",
  full: "the disk or the database is full",
  moved: "the database file was removed or replaced and could not be opened again",
  failing: "the database could not be read or written",
};

export class StorageFaultError extends Error {
  override name = "StorageFaultError";
  constructor(
    readonly fault: StorageFault,
    /** What the person asked for that did not happen: "Couldn't save the subscription, ...". */
    readonly notDone?: string,
    options?: { cause?: unknown },
  ) {
    super(WHY[fault], options);
  }
}

/**
 * Awaits a write a person will be told about; if storage refuses it, the error carries what the
 * person should hear was not done ("Couldn't save the subscription, so nothing was scheduled").
 */
export async function saving<T>(write: Promise<T>, notDone: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof StorageFaultError && !error.notDone) {
      throw new StorageFaultError(error.fault, notDone, { cause: error.cause });
    }
    throw error;
  }
}

/**
 * The reply for a storage fault, logged under the error id it quotes: a warning when it passes by
 * itself (busy), an error when someone must act (read-only, full, file gone).
 */
export function notSavedReply(
  error: StorageFaultError,
  log: Logger,
  fields: object,
  /** What was not done, when the command did not say (`saving`). */
  fallback: string,
): Reply {
  const errorId = newErrorId();
  const busy = error.fault === "busy";
  const line = `storage ${error.fault}: nothing was saved`;
  const logged = {
    ...fields,
    errorId,
    fault: error.fault,
    err: describeFailure(error.cause ?? error),
  };
  if (busy) log.warn(logged, line);
  else log.error(logged, line);
  const next = busy
    ? "Please try again in a few seconds."
    : `Please try again later; if it keeps failing, quote error ${errorId} to whoever runs the bot.`;
  return reply({
    kind: "error",
    title: busy ? "Busy, try again" : "Not saved",
    lead: `${error.notDone ?? fallback} (${error.message}). ${next}`,
    errorId,
  });
}
