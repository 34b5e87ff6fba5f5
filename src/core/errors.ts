/**
 * Errors meant for the person asking (bad option, unknown command) are not bugs: they become
 * a helpful reply and are not logged as failures. Anything else is a bug: an apology with an id.
 */
import { randomBytes } from "node:crypto";
import { type Reply, reply } from "./reply.ts";

export class UserError extends Error {
  constructor(
    message: string,
    /** What to try instead, e.g. "/militia nujaba". */
    readonly hint?: string,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** A short id a person can quote to whoever reads the logs. */
export function newErrorId(): string {
  return randomBytes(3).toString("hex").toUpperCase();
}

/** The apology for a bug, the same everywhere, quoting the error id the log holds. */
export function apologyReply(errorId: string, what = "that"): Reply {
  return reply({
    kind: "error",
    title: "Something went wrong",
    lead: `Sorry, ${what} failed on our side. Please try again; if it keeps failing, quote error ${errorId} to whoever runs the bot.`,
    errorId,
  });
}

/**
 * What a log may hold about an error, the only way an error reaches it: name, code, HTTP status
 * and method, message and stack; never the request, its URL or its headers (a platform client's
 * error can carry them: Authorization, Discord's interaction token).
 */
export function describeFailure(reason: unknown): Record<string, unknown> {
  if (!(reason instanceof Error)) return { message: String(reason) };
  const { code, status, method } = reason as { code?: unknown; status?: unknown; method?: unknown };
  return {
    name: reason.name,
    message: reason.message,
    ...(code !== undefined ? { code: typeof code === "number" ? code : String(code) } : {}),
    ...(typeof status === "number" ? { status } : {}),
    ...(typeof method === "string" ? { method } : {}),
    stack: reason.stack,
  };
}
