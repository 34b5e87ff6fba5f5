/**
 * Turns facts into reply points with numbered citations, so every statement in a reply is tied
 * to a source, a paragraph and the verbatim words that support it.
 */
import type { Citation, ReplyPoint } from "../core/reply.ts";
import { formatDate } from "../knowledge/dates.ts";
import type { Fact, KnowledgeBase } from "../knowledge/types.ts";

export class CitationList {
  readonly citations: Citation[] = [];
  private readonly numbers = new Map<string, number>();

  constructor(private readonly base: KnowledgeBase) {}

  /** The citation number for a fact, adding it on first use. */
  cite(fact: Fact): number {
    const known = this.numbers.get(fact.id);
    if (known) return known;
    this.citations.push(citationFor(this.base, fact));
    this.numbers.set(fact.id, this.citations.length);
    return this.citations.length;
  }

  /** A fact as a reply point; `dated` leads with its date unless the sentence already says it. */
  point(fact: Fact, options: { dated?: boolean } = {}): ReplyPoint {
    const date = fact.date ? formatDate(fact.date) : undefined;
    const saysDate = date !== undefined && fact.text.includes(date.replace(/, \d{4}$/, ""));
    const text = options.dated && date && !saysDate ? `${date}: ${fact.text}` : fact.text;
    return { text, cites: [this.cite(fact)] };
  }
}

export function citationFor(base: KnowledgeBase, fact: Fact): Citation {
  const source = base.sources.get(fact.source);
  if (!source) throw new Error(`fact ${fact.id} names a source that is not loaded: ${fact.source}`);
  const paragraph = source.paragraphs.find((p) => p.n === fact.paragraph);
  return {
    factId: fact.id,
    sourceId: source.id,
    sourceTitle: source.title,
    ...(source.series ? { series: source.series } : {}),
    author: source.author,
    paragraph: fact.paragraph,
    section: paragraph?.section ?? "",
    quote: fact.quote,
    url: source.url,
  };
}

/** "PolicyWatch 4078 ¶6": how a reply names where a point comes from, in one glance. */
export function shortReference(citation: Citation): string {
  return `${citation.series ?? citation.sourceTitle} ¶${citation.paragraph}`;
}
