/**
 * Plain-text rendering: the console chat, the `text` of JSON output, and the fallback every
 * platform message carries. No markup, so it reads the same everywhere.
 */
import type { Reply } from "../core/reply.ts";
import { citationsBySource, citeMarks, paragraphMark, sourceLine, truncate } from "./common.ts";

export interface TextOptions {
  /**
   * Most characters the text may take. Quotes are shortened first (the full quote stays in the
   * structured reply), then the text is cut. A /ask answer is read in a meeting: 1,200.
   */
  maxLength?: number;
}

const ANSWER_MAX_LENGTH = 1200;
const QUOTE_LENGTHS = [220, 140, 100, 70, 40];

export function renderText(reply: Reply, options: TextOptions = {}): string {
  const { maxLength = reply.kind === "answer" ? ANSWER_MAX_LENGTH : Number.POSITIVE_INFINITY } =
    options;
  let text = "";
  for (const maxQuote of QUOTE_LENGTHS) {
    text = layout(reply, maxQuote);
    if (text.length <= maxLength) return text;
  }
  return truncate(text, maxLength);
}

function layout(reply: Reply, maxQuote: number): string {
  const lines: string[] = [reply.title.trim() ? reply.title : "PolicyWatch"];
  if (reply.lead) lines.push(reply.lead);
  for (const section of reply.sections) {
    lines.push("");
    if (section.heading) lines.push(section.heading);
    for (const point of section.points) {
      const marks = citeMarks(point.cites);
      lines.push(`• ${point.text}${marks ? ` ${marks}` : ""}`);
    }
  }
  const groups = citationsBySource(reply);
  if (groups.length > 0) {
    lines.push("", "Sources");
    for (const { source, items } of groups) {
      lines.push(source.url ? `${sourceLine(source)}, ${source.url}` : sourceLine(source));
      for (const { n, citation } of items) {
        lines.push(`[${n}] ${paragraphMark(citation)}: “${truncate(citation.quote, maxQuote)}”`);
      }
    }
  }
  if (reply.suggestions.length > 0) lines.push("", `Try: ${reply.suggestions.join(" · ")}`);
  if (reply.errorId) lines.push(`(error id ${reply.errorId})`);
  return lines.join("\n");
}
