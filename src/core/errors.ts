/**
 * Errors meant for the person asking (bad option, unknown command) are not bugs: they become
 * a helpful reply and are not logged as failures. Anything else is a bug: an apology with an id.
 */
import { randomBytes } from "node:crypto";

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

/**
 * What a log may hold about an error: name, code, message and stack, never the request or its
 * headers (a platform client's error can carry both, Authorization included).
 */
export function describeFailure(reason: unknown): Record<string, unknown> {
  if (!(reason instanceof Error)) return { message: String(reason) };
  const code = (reason as { code?: unknown }).code;
  return {
    name: reason.name,
    message: reason.message,
    ...(code !== undefined ? { code: String(code) } : {}),
    stack: reason.stack,
  };
}
