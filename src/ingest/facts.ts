/**
 * Draft facts: one per sentence of the article (one per clause of a long sentence), so each
 * quote is a verbatim slice of its paragraph. Each draft gets the date it is about, the entities
 * it names (through the existing aliases) and its topics. Ids come from the source id and the
 * sentence's first content words, so re-ingesting the same text gives the same ids.
 */
import type { FactFile } from "../knowledge/schema.ts";
import { terms, words } from "../search/text.ts";
import { type EventDays, type Publication, releaseDay, resolveDate } from "./dates.ts";
import type { NameLinker } from "./names.ts";
import { type ArticleParagraph, INTRODUCTION, SUMMARY } from "./parse.ts";
import { clauses, condensed, type Span, sentences } from "./sentences.ts";
import { standaloneDrafts } from "./standalone.ts";
import { MAX_TEXT } from "./today.ts";
import type { TopicAssigner } from "./topics.ts";

export interface DraftContext {
  linker: NameLinker;
  topics: TopicAssigner;
  published: Publication;
  /** The article’s author: their biography is a claim, another person’s is not. */
  author?: string;
  /** Days of known events, for dates written without their year. */
  events?: EventDays;
}

/** A sentence shorter than this says too little to be a fact ("Then."). */
const MIN_FACT_LENGTH = 15;
const ID_WORDS = 6;

export interface DraftSpan extends Span {
  paragraph: number;
}

/** Every sentence (or clause) of the article that can stand as a fact, in reading order. */
export function factSpans(paragraphs: readonly ArticleParagraph[]): DraftSpan[] {
  return paragraphs.flatMap((p) => spansOf(p).map((s) => ({ ...s, paragraph: p.n })));
}

function spansOf(paragraph: ArticleParagraph): Span[] {
  return sentences(paragraph.text)
    .flatMap(clauses)
    .filter((s) => s.text.length >= MIN_FACT_LENGTH && /\p{L}{2}/u.test(s.text));
}

export function draftFacts(
  sourceId: string,
  paragraphs: readonly ArticleParagraph[],
  context: DraftContext,
): FactFile[] {
  const ids = new Set<string>();
  const byParagraph = new Map(paragraphs.map((p) => [p.n, p]));
  const paragraphTopics = new Map(
    paragraphs.map((p) => [p.n, context.topics.topicsIn(p.text)] as const),
  );
  const release = releaseDay(paragraphs, context.published);
  const drafts = standaloneDrafts(paragraphs, spansOf, {
    linker: context.linker,
    published: context.published,
    ...(context.author ? { author: context.author } : {}),
  });
  return drafts.map(({ paragraph: n, quote, text }) => {
    const span = { ...quote, paragraph: n };
    const paragraph = byParagraph.get(n) as ArticleParagraph;
    const date =
      resolveDate(span.text, context.published, context.events) ??
      release?.dateOf(span.text, paragraph.text, quote.start);
    const fact: FactFile = {
      id: uniqueId(`${sourceId}-${slugOf(span.text)}`, ids),
      text: fitted(sentenceOf(text), span.text),
      paragraph: span.paragraph,
      quote: span.text,
      ...(date ? { date } : {}),
      entities: context.linker.link(span.text),
      topics: context.topics.assign(span.text, {
        section: paragraph.section,
        inLead: paragraph.section === SUMMARY || paragraph.section === INTRODUCTION,
        paragraphTopics: paragraphTopics.get(span.paragraph) ?? [],
      }),
      key: paragraph.section === SUMMARY,
      draft: true,
    };
    return fact;
  });
}

/** A clause as a sentence: capital first, full stop last. The quote keeps the exact words. */
function sentenceOf(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]["”’')\]]*$/.test(capital) ? capital : `${capital}.`;
}

/**
 * A text the schema takes: too long, it drops its short parentheses; still too long (a name in
 * brackets added to a long sentence), it is the quote so shortened, which always fits.
 */
function fitted(text: string, quote: string): string {
  if (text.length <= MAX_TEXT) return text;
  const shorter = condensed(text);
  return shorter.length <= MAX_TEXT ? shorter : sentenceOf(condensed(quote)).slice(0, MAX_TEXT);
}

/** The first content words as a slug: "kataib-hezbollah-harakat-hezbollah-nujaba-issued". */
export function slugOf(text: string): string {
  const content = words(text).filter((w) => terms(w).length > 0 && /^[a-z0-9]+$/.test(w));
  return content.slice(0, ID_WORDS).join("-") || "fact";
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
