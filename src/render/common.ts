/** Pieces every renderer shares: trimming to a budget, citation markers, grouping by source. */
import type { Citation, Reply } from "../core/reply.ts";
import { formatDate } from "../knowledge/dates.ts";

/** Cuts text to at most `max` characters, at a word boundary where possible, marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return "…".slice(0, max);
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** "¶6", or "¶6 (draft)" for a draft fact not yet checked by a curator. */
export function paragraphMark(citation: Citation): string {
  return `¶${citation.paragraph}${citation.draft ? " (draft)" : ""}`;
}

export function citeMarks(cites: readonly number[]): string {
  return cites.map((n) => `[${n}]`).join("");
}

/**
 * "Michael Knights, “Title” (PolicyWatch 4078)": a source named once per reply. A source with
 * no url is named by its date as well, since nothing else then tells which one it is.
 */
export function sourceLine(citation: Citation): string {
  const series = citation.series ? ` (${citation.series})` : "";
  const date = !citation.url && citation.published ? `, ${formatDate(citation.published)}` : "";
  return `${citation.author}, “${citation.sourceTitle}”${series}${date}`;
}

/** Citations grouped by source, keeping their numbers, so each source is named once. */
export function citationsBySource(
  reply: Reply,
): { source: Citation; items: { n: number; citation: Citation }[] }[] {
  const groups = new Map<
    string,
    { source: Citation; items: { n: number; citation: Citation }[] }
  >();
  reply.citations.forEach((citation, i) => {
    const group = groups.get(citation.sourceId) ?? { source: citation, items: [] };
    group.items.push({ n: i + 1, citation });
    groups.set(citation.sourceId, group);
  });
  return [...groups.values()];
}
