/** The Slack app manifest, generated from commands/. */
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { eventsUrl, slackManifest } from "../../src/adapters/slack/manifest.ts";

describe("slackManifest", () => {
  const manifest = slackManifest(commands);

  it("declares every command as a slash command, with its description and usage hint", () => {
    const slash = manifest.features?.slash_commands ?? [];
    expect(slash.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    for (const c of slash) {
      expect(c.command.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(2000);
      expect(c.url).toBeUndefined();
    }
    expect(slash.find((c) => c.command === "/militia")?.usage_hint).toBe("[name] [--public]");
    expect(slash.find((c) => c.command === "/ask")?.usage_hint).toBe("<question> [--public]");
  });

  it("asks for the bot scopes, the app_mention event, interactivity and Socket Mode", () => {
    expect(manifest.oauth_config?.scopes?.bot).toEqual([
      "app_mentions:read",
      "chat:write",
      "commands",
      "users:read",
    ]);
    expect(manifest.settings?.interactivity).toEqual({ is_enabled: true });
    expect(manifest.settings?.event_subscriptions?.bot_events).toEqual(["app_mention"]);
    expect(manifest.settings?.socket_mode_enabled).toBe(true);
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect((manifest.display_information.description ?? "").length).toBeLessThanOrEqual(140);
  });

  it("in HTTP mode, points commands and events at /slack/events over https", () => {
    const http = slackManifest(commands, { publicUrl: "https://bot.example.com/" });
    expect(http.settings?.socket_mode_enabled).toBe(false);
    expect(http.settings?.event_subscriptions?.request_url).toBe(
      "https://bot.example.com/slack/events",
    );
    expect(http.settings?.interactivity).toEqual({
      is_enabled: true,
      request_url: "https://bot.example.com/slack/events",
    });
    expect(new Set(http.features?.slash_commands?.map((c) => c.url))).toEqual(
      new Set(["https://bot.example.com/slack/events"]),
    );
    expect(eventsUrl("https://bot.example.com/slack/events")).toBe(
      "https://bot.example.com/slack/events",
    );
    expect(() => eventsUrl("http://bot.example.com")).toThrow(/https/);
    expect(() => eventsUrl("bot.example.com")).toThrow(/not a URL/);
  });
});
