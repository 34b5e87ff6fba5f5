/**
 * Structured logs (pino) to stderr, so stdout stays clean for replies (the console's --json).
 * Secrets are redacted wherever they might appear in a logged object; and the configured secret
 * values themselves are scrubbed from every line as it is written, whatever field or message a
 * library error put them in. Text the bot stores is redacted by shape instead (core/redact.ts):
 * there the secret is one nobody configured.
 */
import { pino } from "pino";
import type { Logger } from "./core/logger.ts";
import { CENSOR } from "./core/redact.ts";

export const REDACTED_PATHS = [
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "Authorization",
  "*.Authorization",
  "headers.authorization",
  "*.headers.authorization",
  "headers.Authorization",
  "*.headers.Authorization",
  "*.*.headers.authorization",
  "*.*.headers.Authorization",
  "signingSecret",
  "*.signingSecret",
  "appToken",
  "*.appToken",
  "botToken",
  "*.botToken",
  "DISCORD_TOKEN",
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "SLACK_SIGNING_SECRET",
  "*.DISCORD_TOKEN",
  "*.SLACK_BOT_TOKEN",
  "*.SLACK_APP_TOKEN",
  "*.SLACK_SIGNING_SECRET",
];

export interface LoggerOptions {
  /** Values never to print (tokens, signing secrets): replaced wherever they occur in a line. */
  secrets?: readonly (string | undefined)[];
  /** Where the lines go; default stderr. Tests pass a stream of their own. */
  destination?: pino.DestinationStream;
}

export function createLogger(level = "info", options: LoggerOptions = {}): Logger & pino.Logger {
  const scrub = scrubber(options.secrets ?? []);
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: CENSOR },
      ...(scrub ? { hooks: { streamWrite: scrub } } : {}),
    },
    options.destination ?? pino.destination(2),
  );
}

/** Replaces each secret (6 characters or more, as it appears in JSON) with the censor. */
export function scrubber(
  secrets: readonly (string | undefined)[],
): ((line: string) => string) | undefined {
  const values = [
    ...new Set(
      secrets
        .filter((s): s is string => typeof s === "string" && s.length >= 6)
        .map((s) => JSON.stringify(s).slice(1, -1)),
    ),
  ].sort((a, b) => b.length - a.length);
  if (values.length === 0) return undefined;
  return (line) => {
    let out = line;
    for (const value of values) if (out.includes(value)) out = out.split(value).join(CENSOR);
    return out;
  };
}
