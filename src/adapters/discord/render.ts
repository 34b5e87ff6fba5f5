/**
 * The neutral Reply as a Discord message: embeds within every Discord limit. The body (lead and
 * points) comes first; citations become fields; the sources go in the footer. Whatever does not
 * fit is cut at a line and replaced by a "more" pointer, so Discord never refuses a reply.
 * Text we did not write (sources, user input) is escaped, so it cannot format or link.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from "discord.js";
import { shortReference } from "../../answer/cite.ts";
import type { Reply, ReplyKind } from "../../core/reply.ts";
import { FEEDBACK_LABELS, feedbackActionId } from "../../feedback/click.ts";
import { citationsBySource, citeMarks, sourceLine, truncate } from "../../render/common.ts";

/** Discord's message limits (../shared/PLATFORMS.md). */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  total: 6000,
} as const;

export interface DiscordMessage {
  embeds: APIEmbed[];
  /** Never ping anyone, whatever the text says. */
  allowedMentions: { parse: [] };
  /** Helpful / Not helpful buttons, under an answer that asks for feedback. */
  components?: APIActionRowComponent<APIButtonComponent>[];
}

const COLORS: Record<ReplyKind, number> = {
  answer: 0x2f9e44,
  info: 0x1c7ed6,
  abstain: 0x868e96,
  usage: 0xf59f00,
  error: 0xe03131,
};

/** Room kept back for the "more" pointer line, and for the line breaks around it and the tail. */
const POINTER_ROOM = 200;
const BREAKS = 3;
const MAX_LINE = 1000;
const MAX_QUOTE = 300;
const MIN_QUOTE = 60;
/** The body keeps at least this share of the space when citations compete for it. */
const BODY_SHARE = 0.6;

/** Ephemeral for the asker, nothing for the channel. */
export function messageFlags(reply: Reply): MessageFlags.Ephemeral | undefined {
  return reply.visibility === "ephemeral" ? MessageFlags.Ephemeral : undefined;
}

export function renderDiscord(reply: Reply): DiscordMessage {
  const message = layout(reply);
  // The layout keeps every limit by construction; this is the seatbelt if it ever does not.
  const fitted = discordLimitProblems(message).length === 0 ? message : fallback(reply);
  return reply.feedback
    ? { ...fitted, components: feedbackButtons(reply.feedback.answerId) }
    : fitted;
}

/** One row of two buttons; each custom_id names the stored answer and the verdict. */
export function feedbackButtons(answerId: number): APIActionRowComponent<APIButtonComponent>[] {
  const button = (helpful: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: helpful ? ButtonStyle.Success : ButtonStyle.Secondary,
    label: helpful ? FEEDBACK_LABELS.helpful : FEEDBACK_LABELS.notHelpful,
    custom_id: feedbackActionId(answerId, helpful),
  });
  return [{ type: ComponentType.ActionRow, components: [button(true), button(false)] }];
}

/**
 * Escapes Discord markdown in text we did not write: every formatting character gets a
 * backslash (Discord shows the character itself), and so do headings, quotes and lists at the
 * start of a line. URLs are left whole so they still link. Linear time, unlike discord.js's
 * escapeMarkdown, whose look-behinds grow with the square of the length.
 */
export function escapeText(raw: string): string {
  // Control characters other than newline and tab have no business in a message: dropped.
  const text = raw.replace(/[^\P{Cc}\n\t]/gu, "");
  let out = "";
  let last = 0;
  // A backslash ends a URL: left raw, it would escape the escape of what follows.
  for (const url of text.matchAll(/\bhttps?:\/\/[^\s<>`|*[\]\\]+/g)) {
    out += escapePlain(text.slice(last, url.index)) + url[0];
    last = url.index + url[0].length;
  }
  return out + escapePlain(text.slice(last));
}

function escapePlain(text: string): string {
  return text
    .replace(/[\\*_~`|[\]<>]/g, "\\$&")
    .replace(/^([ \t]*)(#|-|\+|\d+\.)/gm, (_, space: string, mark: string) =>
      mark.endsWith(".") ? `${space}${mark.slice(0, -1)}\\.` : `${space}\\${mark}`,
    );
}

/** Escaped text of at most `max` characters: cut before escaping, so no escape is split. */
export function fitText(raw: string, max: number): string {
  let budget = max;
  for (;;) {
    const out = escapeText(truncate(raw, Math.max(0, budget)));
    if (out.length <= max) return out;
    budget -= out.length - max;
  }
}

interface Line {
  /** The line, fitted to at most `max` characters. */
  fitTo(max: number): string;
  full: string;
  point: boolean;
  cites: number[];
}

function line(
  raw: string,
  shape: { prefix?: string; suffix?: string; cites?: number[] } = {},
): Line {
  const { prefix = "", suffix = "", cites } = shape;
  const room = (max: number) => max - prefix.length - suffix.length;
  const fitTo = (max: number) =>
    room(max) < 1 ? "" : `${prefix}${fitText(raw, room(max))}${suffix}`;
  return { fitTo, full: fitTo(MAX_LINE), point: cites !== undefined, cites: cites ?? [] };
}

function bodyLines(reply: Reply): Line[] {
  const lines: Line[] = [];
  if (reply.lead) lines.push(line(reply.lead));
  for (const section of reply.sections) {
    if (lines.length > 0) lines.push(line(""));
    if (section.heading) lines.push(line(section.heading, { prefix: "**", suffix: "**" }));
    for (const point of section.points) {
      const marks = citeMarks(point.cites);
      lines.push(
        line(point.text, { prefix: "• ", suffix: marks ? ` ${marks}` : "", cites: point.cites }),
      );
    }
  }
  return lines;
}

function measure(texts: readonly string[]): number {
  return texts.reduce((sum, t) => sum + t.length, 0) + Math.max(0, texts.length - 1);
}

/** Keeps lines in order within `budget` characters; the first line that does not fit is cut. */
function fitLines(lines: readonly Line[], budget: number): { shown: string[]; kept: Line[] } {
  const shown: string[] = [];
  const kept: Line[] = [];
  let used = 0;
  for (const l of lines) {
    const sep = shown.length > 0 ? 1 : 0;
    if (used + sep + l.full.length <= budget) {
      shown.push(l.full);
      kept.push(l);
      used += sep + l.full.length;
      continue;
    }
    const room = budget - used - sep;
    if (l.point && room >= 80) {
      shown.push(l.fitTo(room));
      kept.push(l);
    }
    break;
  }
  while (shown.length > 0 && shown[shown.length - 1] === "") shown.pop();
  return { shown, kept };
}

function citationField(reply: Reply, n: number, maxQuote: number): APIEmbedField {
  const c = reply.citations[n - 1];
  if (!c) return { name: `[${n}]`, value: "(citation missing)" };
  const where = `${shortReference(c)}${c.section ? ` · ${c.section}` : ""}`;
  return { name: `[${n}] ${fitText(where, 200)}`, value: `“${fitText(c.quote, maxQuote)}”` };
}

function fieldSize(fields: readonly APIEmbedField[]): number {
  return fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
}

/** Citation fields within `budget`: quotes shortened first, then the last ones dropped. */
function fitCitations(reply: Reply, numbers: readonly number[], budget: number): APIEmbedField[] {
  const wanted = numbers.slice(0, DISCORD_LIMITS.fields);
  for (let quote = MAX_QUOTE; quote >= MIN_QUOTE; quote -= 40) {
    const fields = wanted.map((n) => citationField(reply, n, quote));
    if (fieldSize(fields) <= budget) return fields;
  }
  const fields: APIEmbedField[] = [];
  let used = 0;
  for (const n of wanted) {
    const field = citationField(reply, n, MIN_QUOTE);
    if (used + field.name.length + field.value.length > budget) break;
    fields.push(field);
    used += field.name.length + field.value.length;
  }
  return fields;
}

function footerText(reply: Reply): string {
  const sources = citationsBySource(reply).map((g) => sourceLine(g.source));
  const parts = [
    ...(sources.length > 0
      ? [`${sources.length === 1 ? "Source" : "Sources"}: ${sources.join(" · ")}`]
      : []),
    ...(reply.errorId ? [`error id ${reply.errorId}`] : []),
  ];
  return truncate(parts.join(" · "), 500);
}

function pointerLine(reply: Reply, points: number, citations: number): string {
  const missing = [
    ...(points > 0 ? [`${points} more point${points === 1 ? "" : "s"}`] : []),
    ...(citations > 0 ? [`${citations} more citation${citations === 1 ? "" : "s"}`] : []),
  ].join(" and ");
  const urls = [...new Set(reply.citations.map((c) => c.url))];
  const where =
    urls.length === 1 && urls[0]
      ? ` Read it all in the source: ${urls[0]}`
      : " Narrow the question to see the rest.";
  return truncate(`*…${missing} not shown here.*${where}`, POINTER_ROOM);
}

/** Splits lines into descriptions of at most 4096 characters. */
function descriptions(lines: readonly string[]): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  for (const l of lines) {
    if (current.length > 0 && measure([...current, l]) > DISCORD_LIMITS.description) {
      chunks.push(current.join("\n"));
      current = [];
    }
    current.push(l);
  }
  if (current.length > 0) chunks.push(current.join("\n"));
  return chunks.filter((c) => c.trim().length > 0);
}

function layout(reply: Reply): DiscordMessage {
  const title = fitText(reply.title || "PolicyWatch", DISCORD_LIMITS.title);
  const footer = footerText(reply);
  const tail =
    reply.suggestions.length > 0 ? [`**Try:** ${fitText(reply.suggestions.join(" · "), 300)}`] : [];
  const avail =
    DISCORD_LIMITS.total - title.length - footer.length - measure(tail) - BREAKS - POINTER_ROOM;

  const lines = bodyLines(reply);
  const allCites = reply.citations.map((_, i) => i + 1);
  const bodyFull = measure(lines.map((l) => l.full));
  const citeFull = fieldSize(
    allCites.slice(0, DISCORD_LIMITS.fields).map((n) => citationField(reply, n, MAX_QUOTE)),
  );
  const bodyBudget = Math.min(bodyFull, Math.max(avail - citeFull, Math.ceil(avail * BODY_SHARE)));
  const body = fitLines(lines, bodyBudget);

  // Cite what the shown points refer to, and what no point refers to (the lead's).
  const anyPoint = new Set(lines.flatMap((l) => l.cites));
  const shownPoints = new Set(body.kept.flatMap((l) => l.cites));
  const citeNumbers = allCites.filter((n) => shownPoints.has(n) || !anyPoint.has(n));
  const fields = fitCitations(reply, citeNumbers, avail - measure(body.shown));

  const droppedPoints =
    lines.filter((l) => l.point).length - body.kept.filter((l) => l.point).length;
  const droppedCites = citeNumbers.length - fields.length;
  const extra = [
    ...(droppedPoints > 0 || droppedCites > 0
      ? [pointerLine(reply, droppedPoints, droppedCites)]
      : []),
    ...tail,
  ];
  const texts = [
    ...body.shown,
    ...(extra.length > 0 && body.shown.length > 0 ? [""] : []),
    ...extra,
  ];

  const color = COLORS[reply.kind];
  const urls = [...new Set(reply.citations.map((c) => c.url))];
  const embeds: APIEmbed[] = descriptions(texts).map((description) => ({ color, description }));
  if (embeds.length === 0) embeds.push({ color });
  const first = embeds[0] as APIEmbed;
  const last = embeds[embeds.length - 1] as APIEmbed;
  first.title = title;
  // Discord refuses an embed whose url is not an http(s) URL: only a plain one links the title.
  if (urls.length === 1 && /^https?:\/\/[^\s<>]+$/.test(urls[0] ?? "")) first.url = urls[0];
  if (fields.length > 0) last.fields = fields;
  if (footer) last.footer = { text: footer };
  return { embeds, allowedMentions: { parse: [] } };
}

/** A plain message that always fits, for a reply the layout could not place. */
function fallback(reply: Reply): DiscordMessage {
  const lines = [
    reply.lead ?? "",
    ...reply.sections.flatMap((s) => s.points.map((p) => `• ${p.text}`)),
  ];
  return {
    embeds: [
      {
        color: COLORS[reply.kind],
        title: fitText(reply.title || "PolicyWatch", DISCORD_LIMITS.title),
        description: fitText(lines.filter(Boolean).join("\n") || "(no text)", 3000),
        ...(reply.errorId ? { footer: { text: `error id ${reply.errorId}` } } : {}),
      },
    ],
    allowedMentions: { parse: [] },
  };
}

/** Every Discord message limit this message breaks; empty when Discord would accept it. */
export function discordLimitProblems(message: { content?: string; embeds?: APIEmbed[] }): string[] {
  const L = DISCORD_LIMITS;
  const problems: string[] = [];
  const over = (what: string, length: number, max: number, min = 0) => {
    if (length > max || length < min)
      problems.push(`${what}: ${length} characters (allowed ${min}-${max})`);
  };
  over("content", message.content?.length ?? 0, L.content);
  const embeds = message.embeds ?? [];
  if (embeds.length > L.embeds) problems.push(`${embeds.length} embeds (at most ${L.embeds})`);
  let total = 0;
  embeds.forEach((e, i) => {
    const fields = e.fields ?? [];
    over(`embed ${i} title`, e.title?.length ?? 0, L.title);
    over(`embed ${i} description`, e.description?.length ?? 0, L.description);
    over(`embed ${i} footer`, e.footer?.text.length ?? 0, L.footer);
    over(`embed ${i} author`, e.author?.name.length ?? 0, L.author);
    if (fields.length > L.fields)
      problems.push(`embed ${i}: ${fields.length} fields (at most ${L.fields})`);
    fields.forEach((f, j) => {
      over(`embed ${i} field ${j} name`, f.name.length, L.fieldName, 1);
      over(`embed ${i} field ${j} value`, f.value.length, L.fieldValue, 1);
    });
    total +=
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  });
  over("all embeds together", total, L.total);
  if (!message.content && embeds.length === 0) problems.push("empty message");
  return problems;
}
