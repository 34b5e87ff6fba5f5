/**
 * What every rendered reply must pass, checked apart from the renderers: Discord's limits (the
 * stand-in's rules), Slack's block limits (the stand-in's checks), escaping, and no live mention.
 * Each function returns the problems it found; empty means the platform would accept the message
 * and it would show as text, pinging no one.
 */
import type { APIEmbed } from "discord.js";
import { renderDiscord } from "../../src/adapters/discord/render.ts";
import { renderMessage } from "../../src/adapters/slack/render.ts";
import type { Reply } from "../../src/core/reply.ts";
import { renderText } from "../../src/render/text.ts";
import { type MessageBody, messageErrors } from "../discord/discord-rules.ts";
import { allText, unescapedMarkup } from "../slack/helpers.ts";
import { blockProblems } from "../slack/stand-in.ts";

/** C0 and C1 controls other than newline and tab: nothing a message should carry. */
const CONTROL = /[^\P{Cc}\n\t]/u;

/**
 * Discord mention and markup syntax starts with `<`: `<@123>`, `<@&123>`, `<#123>`, `<t:1:R>`,
 * `<:emoji:1>`. The bot never writes one itself, so every `<` must be escaped (`\<`). Scanned as
 * Discord reads it: a backslash escapes the one character after it.
 */
export function liveDiscordMarkup(text: string): string[] {
  const found: string[] = [];
  for (const token of text.matchAll(/\\[\s\S]|[\s\S]/gu)) {
    if (token[0] === "<") found.push(text.slice(Math.max(0, token.index - 20), token.index + 20));
  }
  return found;
}

export function discordProblems(message: {
  content?: string;
  embeds: APIEmbed[];
  allowedMentions?: { parse?: readonly string[] };
}): string[] {
  const problems = messageErrors(message as MessageBody);
  if (JSON.stringify(message.allowedMentions) !== JSON.stringify({ parse: [] }))
    problems.push("allowedMentions is not { parse: [] }: a mention in the message would ping");
  if (message.content) problems.push("content is set: mentions there render live");
  message.embeds.forEach((embed, i) => {
    const shown = [
      embed.title ?? "",
      embed.description ?? "",
      ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]),
    ];
    for (const text of shown) {
      for (const live of liveDiscordMarkup(text))
        problems.push(`embed ${i}: unescaped < in …${live}…`);
      if (CONTROL.test(text))
        problems.push(`embed ${i}: control character in ${JSON.stringify(text.slice(0, 40))}`);
    }
    // Footers are shown as plain text (no markdown, no mentions): only their length matters.
  });
  return problems;
}

export function slackProblems(message: { text: string; blocks: unknown[] }): string[] {
  const problems = [...blockProblems(message.blocks)];
  if (message.blocks.length === 0) problems.push("no blocks");
  if (message.text.length === 0) problems.push("empty fallback text");
  if (message.text.length > 40_000) problems.push(`fallback text of ${message.text.length} chars`);
  for (const text of unescapedMarkup(message))
    problems.push(`unescaped markup in …${text.slice(0, 60)}…`);
  for (const text of allText(message)) {
    if (CONTROL.test(text))
      problems.push(`control character in ${JSON.stringify(text.slice(0, 40))}`);
  }
  return problems;
}

/** Renders a reply for every platform and checks each: all problems, labelled by renderer. */
export function everyRendererProblems(reply: Reply): string[] {
  const problems: string[] = [];
  const text = renderText(reply);
  if (typeof text !== "string" || text.length === 0) problems.push("text: empty");
  if (reply.kind === "answer" && text.length > 1200)
    problems.push(`text: answer of ${text.length} chars`);
  problems.push(...discordProblems(renderDiscord(reply)).map((p) => `discord: ${p}`));
  problems.push(...slackProblems(renderMessage(reply)).map((p) => `slack: ${p}`));
  return problems;
}
