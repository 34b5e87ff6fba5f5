/**
 * The neutral Reply as a Slack message: Block Kit (a header, mrkdwn sections, context lines for
 * citations) plus the plain `text` fallback Slack shows in notifications.
 *
 * Every string in a Reply is plain text the bot did not write as markup (people's input echoed
 * back, entity names, quotes from sources), so every one is escaped (`&` first, then `<`, `>`)
 * before this file adds its own mrkdwn. `<!channel>` or `<@U123>` therefore arrives as visible
 * text and never pings anyone. Long replies are trimmed to Slack's limits with a pointer to the
 * rest, never rejected.
 */
import type { types } from "@slack/bolt";
import type { Citation, Reply } from "../../core/reply.ts";
import { FEEDBACK_LABELS, feedbackActionId } from "../../feedback/click.ts";
import { citationsBySource, citeMarks, paragraphMark, sourceLine } from "../../render/common.ts";
import { renderText } from "../../render/text.ts";

type Block = types.KnownBlock;

/** Slack's limits (../shared/PLATFORMS.md), plus our own budget for a readable message. */
export const SLACK_LIMITS = {
  blocks: 50,
  header: 150,
  section: 3000,
  contextElements: 10,
  /** Any text object. */
  text: 3000,
  /** The notification fallback: Slack accepts far more, nobody reads it. */
  fallback: 3000,
  /** All block text together: a chat message, not a book. */
  totalChars: 12_000,
} as const;

const QUOTE_MAX = 200;

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

const CONTROL = /^[^\P{Cc}\n\t]$/u;
const CONTROL_ALL = /[^\P{Cc}\n\t]/gu;

/**
 * `&` → `&amp;` (first), `<` → `&lt;`, `>` → `&gt;`: all Slack asks for. Control characters
 * other than newline and tab are dropped; they have no business in a message.
 */
export function escapeText(text: string): string {
  return text
    .replace(CONTROL_ALL, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * Escapes, cutting the plain text (never an entity, never half a character) so the escaped
 * result fits `max`, at a word boundary where one is near, marked with "…".
 */
export function fitEscaped(text: string, max: number): string {
  const escaped = escapeText(text);
  if (escaped.length <= max) return escaped;
  if (max < 1) return "";
  let used = 0;
  let end = 0;
  for (const ch of text) {
    const width = ch === "&" ? 5 : ch === "<" || ch === ">" ? 4 : CONTROL.test(ch) ? 0 : ch.length;
    if (used + width > max - 1) break;
    used += width;
    end += ch.length;
  }
  const cut = text.slice(0, end);
  const space = cut.lastIndexOf(" ");
  return `${escapeText(space > cut.length * 0.6 ? cut.slice(0, space) : cut)}…`;
}

/** "in_channel" only for a shared answer; help, usage and apologies stay with the asker. */
export function responseType(reply: Reply): "in_channel" | "ephemeral" {
  const shared = reply.visibility === "channel" && reply.kind !== "usage" && reply.kind !== "error";
  return shared ? "in_channel" : "ephemeral";
}

export function renderMessage(reply: Reply): SlackMessage {
  return {
    text: fitEscaped(renderText(reply), SLACK_LIMITS.fallback),
    blocks: renderBlocks(reply),
  };
}

/** A block with what it carries, so trimming can say what it left out. */
interface Part {
  block: Block;
  points: number;
  citations: number;
  chars: number;
}

export function renderBlocks(reply: Reply): Block[] {
  const head: Block[] = [header(reply.title)];
  const lead = fitEscaped(reply.lead ?? "", SLACK_LIMITS.section);
  if (lead.trim()) head.push(section(lead));
  const foot = [...footer(reply), ...feedbackBlocks(reply)];
  const body = reply.sections.flatMap(sectionParts);
  const cites = citationParts(reply);

  const room = SLACK_LIMITS.blocks - head.length - foot.length;
  if (body.length + cites.length <= room && sum(body) + sum(cites) <= SLACK_LIMITS.totalChars) {
    return [...head, ...body.map((p) => p.block), ...cites.map((p) => p.block), ...foot];
  }
  // Too much: keep what fits, sections first but always some citations, then say what is left.
  const blocksLeft = room - 1;
  const citeChars = Math.min(sum(cites), SLACK_LIMITS.totalChars / 4);
  const keptBody = take(
    body,
    blocksLeft - Math.min(cites.length, 5),
    SLACK_LIMITS.totalChars - citeChars,
  );
  const keptCites = take(
    cites,
    blocksLeft - keptBody.length,
    SLACK_LIMITS.totalChars - sum(keptBody),
  );
  const morePoints = count(body, "points") - count(keptBody, "points");
  const moreCites = count(cites, "citations") - count(keptCites, "citations");
  return [
    ...head,
    ...keptBody.map((p) => p.block),
    ...keptCites.map((p) => p.block),
    more(morePoints, moreCites),
    ...foot,
  ];
}

function header(title: string): Block {
  const text = fitEscaped(title, SLACK_LIMITS.header).trim() || "PolicyWatch";
  return { type: "header", text: { type: "plain_text", text, emoji: false } };
}

/** `verbatim`: Slack adds no links or mentions of its own to our text. */
function mrkdwn(text: string): types.MrkdwnElement {
  return { type: "mrkdwn", text, verbatim: true };
}

function section(text: string): Block {
  return { type: "section", text: mrkdwn(text) };
}

/** A reply section as one or more section blocks: a bold heading, then "• point [1]" lines. */
function sectionParts(replySection: Reply["sections"][number]): Part[] {
  const max = SLACK_LIMITS.section;
  const lines = replySection.points.map((point) => {
    const marks = citeMarks(point.cites);
    const suffix = marks ? ` ${marks}` : "";
    return `• ${fitEscaped(point.text, max - 2 - suffix.length)}${suffix}`;
  });
  const heading = replySection.heading ? `*${fitEscaped(replySection.heading, 200)}*` : undefined;

  const parts: Part[] = [];
  let chunk: string[] = heading ? [heading] : [];
  let points = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    const text = chunk.join("\n");
    parts.push({ block: section(text), points, citations: 0, chars: text.length });
    chunk = [];
    points = 0;
  };
  for (const line of lines) {
    if (chunk.length > 0 && [...chunk, line].join("\n").length > max) flush();
    chunk.push(line);
    points += 1;
  }
  flush();
  return parts;
}

/** Per source: a context line naming it (linked), then one element per cited paragraph. */
function citationParts(reply: Reply): Part[] {
  const parts: Part[] = [];
  for (const { source, items } of citationsBySource(reply)) {
    const elements = [
      { text: sourceLink(source), citations: 0 },
      ...items.map(({ n, citation }) => ({
        text: `[${n}] ${paragraphMark(citation)}: “${fitEscaped(citation.quote, QUOTE_MAX)}”`,
        citations: 1,
      })),
    ];
    for (let i = 0; i < elements.length; i += SLACK_LIMITS.contextElements) {
      const group = elements.slice(i, i + SLACK_LIMITS.contextElements);
      parts.push({
        block: { type: "context", elements: group.map((e) => mrkdwn(e.text)) },
        points: 0,
        citations: group.reduce((n, e) => n + e.citations, 0),
        chars: group.reduce((n, e) => n + e.text.length, 0),
      });
    }
  }
  return parts;
}

/** `<url|Author, “Title” (Series)>` when the URL is a plain http(s) one, else both as text. */
function sourceLink(source: Citation): string {
  const label = fitEscaped(sourceLine(source), 500);
  if (source.url && /^https?:\/\/[^\s<>|"]+$/.test(source.url))
    return `<${escapeText(source.url)}|${label}>`;
  return source.url ? `${label}, ${fitEscaped(source.url, 500)}` : label;
}

function footer(reply: Reply): Block[] {
  const elements: types.MrkdwnElement[] = [];
  if (reply.suggestions.length > 0) {
    elements.push(mrkdwn(`Try: ${fitEscaped(reply.suggestions.join(" · "), 1000)}`));
  }
  if (reply.errorId) elements.push(mrkdwn(`Error id: ${fitEscaped(reply.errorId, 40)}`));
  return elements.length > 0 ? [{ type: "context", elements }] : [];
}

/** Helpful / Not helpful buttons under an answer; each action_id names the stored answer. */
function feedbackBlocks(reply: Reply): Block[] {
  if (!reply.feedback) return [];
  const { answerId } = reply.feedback;
  const button = (helpful: boolean): types.Button => ({
    type: "button",
    text: {
      type: "plain_text",
      text: helpful ? FEEDBACK_LABELS.helpful : FEEDBACK_LABELS.notHelpful,
      emoji: false,
    },
    action_id: feedbackActionId(answerId, helpful),
    value: String(answerId),
    ...(helpful ? { style: "primary" as const } : {}),
  });
  return [{ type: "actions", block_id: "feedback", elements: [button(true), button(false)] }];
}

function more(points: number, citations: number): Block {
  const left = [
    points > 0 ? `${points} more point${points === 1 ? "" : "s"}` : "",
    citations > 0 ? `${citations} more citation${citations === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  const what = left.length > 0 ? left.join(" and ") : "The rest of the reply is";
  return {
    type: "context",
    elements: [
      mrkdwn(
        `_…${what} not shown: Slack fits only so much in one message. Ask about one name or topic to see the rest._`,
      ),
    ],
  };
}

function take(parts: Part[], maxBlocks: number, maxChars: number): Part[] {
  const kept: Part[] = [];
  let chars = 0;
  for (const part of parts) {
    if (kept.length >= maxBlocks || chars + part.chars > maxChars) break;
    kept.push(part);
    chars += part.chars;
  }
  return kept;
}

function sum(parts: Part[]): number {
  return parts.reduce((n, p) => n + p.chars, 0);
}

function count(parts: Part[], key: "points" | "citations"): number {
  return parts.reduce((n, p) => n + p[key], 0);
}
