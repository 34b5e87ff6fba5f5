/**
 * Structured logs (pino) to stderr, so stdout stays clean for replies (the console's --json).
 * Secrets are redacted wherever they might appear in a logged object.
 */
import { pino } from "pino";
import type { Logger } from "./core/logger.ts";

export const REDACTED_PATHS = [
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "signingSecret",
  "*.signingSecret",
  "appToken",
  "*.appToken",
  "botToken",
  "*.botToken",
];

export function createLogger(level = "info"): Logger & pino.Logger {
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } },
    pino.destination(2),
  );
}
