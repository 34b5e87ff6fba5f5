/**
 * Turns facts into reply points with numbered citations, so every statement in a reply is tied
 * to a source, a paragraph and the verbatim words that support it.
 */
import type { Citation, ReplyPoint } from "../core/reply.ts";
import { formatDate } from "../knowledge/dates.ts";
import type { Entity, Fact, KnowledgeBase } from "../knowledge/types.ts";

export class CitationList {
  readonly citations: Citation[] = [];
  private readonly numbers = new Map<string, number>();

  constructor(private readonly base: KnowledgeBase) {}

  /** The citation number for a fact, adding it on first use. */
  cite(fact: Fact): number {
    return this.number(fact.id, () => citationFor(this.base, fact));
  }

  /** An entity's one-line description as a reply point, cited like a fact. */
  describe(entity: Entity): ReplyPoint {
    const { quote } = entity;
    const n = this.number(`entity:${entity.id}`, () => ({
      ...citationFor(this.base, { source: entity.source, paragraph: entity.paragraph, quote }),
      entityId: entity.id,
    }));
    return { text: entity.description, cites: [n] };
  }

  private number(key: string, make: () => Citation): number {
    const known = this.numbers.get(key);
    if (known) return known;
    this.citations.push(make());
    this.numbers.set(key, this.citations.length);
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

type Cited = Pick<Fact, "source" | "paragraph" | "quote"> & { id?: string; draft?: boolean };

export function citationFor(base: KnowledgeBase, fact: Cited): Citation {
  const source = base.sources.get(fact.source);
  if (!source) throw new Error(`a citation names a source that is not loaded: ${fact.source}`);
  const paragraph = source.paragraphs.find((p) => p.n === fact.paragraph);
  return {
    ...(fact.id ? { factId: fact.id } : {}),
    sourceId: source.id,
    sourceTitle: source.title,
    ...(source.series ? { series: source.series } : {}),
    author: source.author,
    paragraph: fact.paragraph,
    section: paragraph?.section ?? "",
    quote: fact.quote,
    ...(source.url ? { url: source.url } : {}),
    published: source.published,
    ...(fact.draft ? { draft: true } : {}),
  };
}

/**
 * "PolicyWatch 4078 ¶6": how a reply names where a point comes from, in one glance; a draft
 * fact says so ("PolicyWatch 4078 ¶6, draft").
 */
export function shortReference(citation: Citation): string {
  return `${citation.series ?? citation.sourceTitle} ¶${citation.paragraph}${citation.draft ? ", draft" : ""}`;
}
