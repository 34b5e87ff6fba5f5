/**
 * The Slack app manifest (register), generated from commands/: one slash command per command
 * with its description and usage hint, the bot scopes, the app_mention event, and Socket Mode
 * unless a public HTTPS URL is given for HTTP mode. `npm run manifest:slack` writes it; a person
 * pastes it at api.slack.com/apps → Create New App → From a manifest.
 */
import type { webApi } from "@slack/bolt";
import type { Command } from "../../core/command.ts";
import { usage } from "../../core/options.ts";

export type SlackManifest = webApi.AppsManifestCreateArguments["manifest"];

/** users:read: users.info, to let workspace admins manage a channel's briefings. */
export const BOT_SCOPES = ["app_mentions:read", "chat:write", "commands", "users:read"] as const;
export const BOT_EVENTS = ["app_mention"] as const;
/** The path Bolt's HTTP receiver serves. */
export const EVENTS_PATH = "/slack/events";

export interface ManifestOptions {
  /** Shown in Slack, at most 35 characters. */
  name?: string;
  /** HTTP mode: the bot's public https base URL; Socket Mode when absent. */
  publicUrl?: string | undefined;
}

export function slackManifest(
  commands: readonly Command[],
  options: ManifestOptions = {},
): SlackManifest {
  const name = options.name ?? "PolicyWatch";
  if (name.length > 35) throw new Error(`The app name "${name}" is over Slack's 35 characters`);
  const requestUrl = options.publicUrl ? eventsUrl(options.publicUrl) : undefined;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description:
        "Cited answers from policy analysis: every answer names its source and paragraph.",
      background_color: "#1d3557",
    },
    features: {
      bot_user: {
        display_name: name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-"),
        always_online: true,
      },
      slash_commands: commands.map((command) => slashCommand(command, requestUrl)),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: {
        ...(requestUrl ? { request_url: requestUrl } : {}),
        bot_events: [...BOT_EVENTS],
      },
      // The Helpful / Not helpful buttons under answers.
      interactivity: { is_enabled: true, ...(requestUrl ? { request_url: requestUrl } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: requestUrl === undefined,
      token_rotation_enabled: false,
    },
  };
}

function slashCommand(command: Command, url: string | undefined) {
  const slash = `/${command.name}`;
  if (slash.length > 32) throw new Error(`${slash} is over Slack's 32 characters for a command`);
  const hint = usage(command).slice(slash.length).trim();
  return {
    command: slash,
    description: command.description.slice(0, 2000),
    ...(hint ? { usage_hint: hint.slice(0, 1000) } : {}),
    // Text arrives as typed; the adapter escapes everything it echoes.
    should_escape: false,
    ...(url ? { url } : {}),
  };
}

/** "https://bot.example.com" → "https://bot.example.com/slack/events". Slack wants https. */
export function eventsUrl(publicUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(
      `"${publicUrl}" is not a URL; give the bot's public base URL, e.g. https://bot.example.com`,
    );
  }
  if (url.protocol !== "https:") throw new Error(`Slack only calls https URLs, not "${publicUrl}"`);
  const base = url.href.replace(/\/+$/, "");
  return base.endsWith(EVENTS_PATH) ? base : `${base}${EVENTS_PATH}`;
}
