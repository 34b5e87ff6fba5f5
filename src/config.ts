/**
 * Configuration, parsed once at start from the environment (and .env, via dotenv) with zod.
 * An empty variable counts as unset, as in a freshly copied .env.example. A bad value stops
 * start-up with a message naming the variable; values themselves are never printed.
 */
import { z } from "zod";
import { canonicalTimeZone } from "./briefings/timezone.ts";

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    schema.optional(),
  );

const url = optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }));

const ConfigSchema = z.object({
  /** Unset: "info" when serving platforms, "warn" in the console chat (logs share the terminal). */
  LOG_LEVEL: optional(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])),
  KNOWLEDGE_DIR: optional(z.string()),

  /** The SQLite file for briefings, feedback and declined questions; created on first start. */
  DATABASE_PATH: optional(z.string()).default("./data/policywatch.db"),
  /** The zone of a briefing subscription that names none. */
  DEFAULT_TIMEZONE: optional(
    z.string().transform((name, ctx) => {
      const zone = canonicalTimeZone(name);
      if (!zone)
        ctx.addIssue({ code: "custom", message: "must be an IANA zone, e.g. Europe/Paris" });
      return zone ?? name;
    }),
  ).default("UTC"),
  /** A briefing missed by less than this (downtime) is posted late; an older one is skipped. */
  BRIEFING_GRACE_MINUTES: optional(z.coerce.number().int().min(0).max(10_080)).default(60),
  /** Keep who asked a declined question (off: only the text, the time and the platform). */
  LOG_ASKERS: optional(
    z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true"),
  ).default(false),
  /** Slack user ids (comma-separated) who may subscribe channels, besides workspace admins. */
  SLACK_BRIEFING_ADMINS: optional(
    z
      .string()
      .transform((v) => v.split(/[\s,]+/).filter(Boolean))
      .pipe(
        z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, "must be Slack user ids like U0123ABCD")),
      ),
  ).default([]),

  DISCORD_TOKEN: optional(z.string().min(1)),
  DISCORD_APPLICATION_ID: optional(
    z.string().regex(/^\d{5,25}$/, "must be a Discord snowflake (digits)"),
  ),
  DISCORD_GUILD_ID: optional(
    z.string().regex(/^\d{5,25}$/, "must be a Discord snowflake (digits)"),
  ),
  DISCORD_API_URL: url,

  SLACK_BOT_TOKEN: optional(z.string().startsWith("xoxb-", "must start with xoxb-")),
  SLACK_APP_TOKEN: optional(z.string().startsWith("xapp-", "must start with xapp-")),
  SLACK_SIGNING_SECRET: optional(z.string().min(1)),
  SLACK_API_URL: url,
  PORT: optional(z.coerce.number().int().min(0).max(65535)).default(3000),

  /** Requests one person may send a minute (0: no limit). */
  RATE_LIMIT_USER_PER_MINUTE: optional(z.coerce.number().int().min(0).max(1_000_000)).default(20),
  /** Shared (public) replies one channel may receive a minute (0: no limit). */
  RATE_LIMIT_CHANNEL_PUBLIC_PER_MINUTE: optional(
    z.coerce.number().int().min(0).max(1_000_000),
  ).default(6),
  /** Reload the knowledge when a file under KNOWLEDGE_DIR changes (SIGHUP always reloads). */
  KNOWLEDGE_WATCH: optional(
    z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true"),
  ).default(true),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const config = parsed.data;
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      "Invalid configuration:\n  - SLACK_BOT_TOKEN is set: also set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)",
    );
  }
  if (config.DISCORD_TOKEN && !config.DISCORD_APPLICATION_ID) {
    throw new ConfigError(
      "Invalid configuration:\n  - DISCORD_TOKEN is set: also set DISCORD_APPLICATION_ID",
    );
  }
  return config;
}
