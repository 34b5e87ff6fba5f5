/**
 * `npm run manifest:slack`: writes slack-manifest.json from commands/, for pasting at
 * api.slack.com/apps → Create New App → From a manifest (docs/slack.md).
 *
 *   npm run manifest:slack                                  Socket Mode (no public URL)
 *   npm run manifest:slack -- --http https://bot.example.com   HTTP mode: Slack calls /slack/events
 *   options: --name "PolicyWatch" --out path/to/manifest.json
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { commands } from "../commands/index.ts";
import { slackManifest } from "../src/adapters/slack/manifest.ts";

const { values } = parseArgs({
  options: {
    http: { type: "string" },
    name: { type: "string" },
    out: { type: "string", default: "slack-manifest.json" },
  },
});

try {
  const manifest = slackManifest(commands, {
    ...(values.name ? { name: values.name } : {}),
    publicUrl: values.http,
  });
  writeFileSync(values.out, `${JSON.stringify(manifest, null, 2)}\n`);
  const names = (manifest.features?.slash_commands ?? []).map((c) => c.command).join(" ");
  const mode = values.http
    ? `HTTP mode, requests to ${manifest.settings?.event_subscriptions?.request_url}`
    : "Socket Mode";
  console.log(`Wrote ${values.out}: ${mode}; slash commands ${names}.`);
  console.log(
    "Paste it at https://api.slack.com/apps → Create New App → From a manifest (see docs/slack.md).",
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
