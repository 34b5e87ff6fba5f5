/**
 * Ranking in one place: every weight the search uses, named, with what it is for and what the
 * evaluation showed (tests/eval: the curated set, and the sets written from the article alone).
 * A fact ranks by its coverage (how much of the question's weighted meaning it speaks of)
 * first, its BM25 score second, then a finer look at the best few (`rerankBonus`).
 */
import type { EntityKindName, Fact } from "../knowledge/types.ts";

/** BM25 field boosts: the curated sentence says what the fact claims; its quote backs it. */
export const FIELD_BOOSTS = { text: 3, quote: 1.5, names: 1, topics: 0.6, date: 2 };
export const TEXT_FIELDS = Object.keys(FIELD_BOOSTS);
/** A fact linked to an entity the question names scores as if it used the name four times. */
export const ENTITY_BOOST = 4;
/** BM25 weight of a synonym next to the word itself (1). */
export const SYNONYM_WEIGHT = 0.6;
/** Curators declared a synonym group interchangeable: a synonym covers the word in full. */
export const SYNONYM_MATCH = 1;
/**
 * A word found only in the name of something the fact names, or only in its topics' keywords,
 * covers half the word: "supreme" in Federal Supreme Court does not make its head Iran's
 * "supreme leader", nor does the governance topic's "minister" make the IRGC's criticism an
 * answer to "who is iraq's defense minister" (near misses that were answered before).
 */
export const NAME_ONLY_MATCH = 0.5;
/**
 * A fact on the topic a question's phrase points to ("warnings": deterrence), without the
 * phrase's words, covers it in part: "why did the militia warnings come so late" is not
 * answered by Israel's strike on a commander, filed under deterrence.
 */
export const TOPIC_MATCH = 0.7;
/** A collocation's own words, searched for to find it side by side: they rank, not cover. */
export const APART_WEIGHT = 0.3;
/**
 * WordNet's related words cover a word the knowledge lacks: the same root (evict/eviction)
 * nearly in full, a synonym (mad/angry) less, a similar meaning least. Lower values left
 * paraphrases declined; higher ones let "won" (acquire) answer "who won the world cup".
 */
export const RELATED_WEIGHT = { derived: 0.9, synonym: 0.7, similar: 0.5 } as const;
/**
 * An unknown verb or adjective says less than an unknown noun: "what do you think" must not
 * veto an answer, "who is iraq's president" must be declined.
 */
export const PREDICATE_WEIGHT = 0.4;
/** What is left of the weight of a word that is only an adverb ("fully"): how, not what. */
export const MANNER_WORD_WEIGHT = 0.4;
/** How much of a known word's weight its commonness in English may take away. */
export const PLAIN_WORD_DISCOUNT = 0.5;
/**
 * A name at most this heavy (named by about one fact in seven or more: Iraq, Iran, Israel, the
 * United States) is the setting of a question, not what it asks about: a fact need not name it
 * to answer. Heavier names (Kataib Hezbollah, Cheongung-II) must be in the answering fact.
 */
export const SETTING_NAME_WEIGHT = 2;
/** A name the person typed weighs at least this much, even one most facts share (Iraq). */
export const ENTITY_MIN_WEIGHT = 1.5;
/** How much the BM25 score (relative to the best) counts beside coverage squared. */
const RELATIVE_SCORE_WEIGHT = 0.3;
/** How many of the best hits get the finer (slower) look of `rerankBonus`. */
export const RERANK_DEPTH = 30;
/** Curators' key points win ties. */
export const KEY_BONUS = 0.03;
/** A curated fact wins over a draft (`npm run ingest`) that answers as well. */
export const DRAFT_PENALTY = 0.05;
/** Articles put their main points first: a faint preference for early paragraphs breaks ties. */
export const EARLY_PARAGRAPH_BONUS = 0.02;
/** Per topic the question points to that the fact is on. */
export const TOPIC_BONUS = 0.2;
/** A fact that names the asked-about entity first is about it (weighed by the name's rarity). */
export const SUBJECT_BONUS = 0.1;
/** Per pair of the question's words that stand side by side in the fact ("air bridge"). */
export const PHRASE_BONUS = 0.08;

/** One piece of the question's meaning: an entity it names, a topic, a collocation or a word. */
export interface QueryUnit {
  weight: number;
  entityId?: string;
  /** A topic phrase ("air defenses"): covered by facts on the topic, or by its words. */
  topicId?: string;
  /** The term and its synonyms: matching any of them covers the unit. */
  terms: string[];
  /** How much a match on each term counts (1 for the word itself, less for related words). */
  termWeights?: Map<string, number>;
  /** The question's words this unit reads. */
  words: readonly string[];
  /** A collocation ("shoot down"): also covered where a fact has these two stems side by side. */
  sideBySide?: readonly [string, string];
  /** Part of what the question asks for (its focus): a fact that does not cover it cannot answer. */
  focus?: boolean;
  /** A word naming a kind of entity ("countries"): covered by a fact naming one of that kind. */
  kind?: EntityKindName;
  /** The kind word is plural ("countries"): covered by a fact naming two or more. */
  plural?: boolean;
  /** A name that dates the question ("after oct 7"): a fact need not name it to answer. */
  timeAnchor?: boolean;
  /** A particular place or person the knowledge never names ("turkey"): no fact can answer. */
  unknownName?: boolean;
}

/** The BM25 weight of each search term: related words below the word, as far as they cover. */
export function termBoosts(units: readonly QueryUnit[]): Map<string, number> {
  const boosts = new Map<string, number>();
  for (const u of units) {
    u.terms.forEach((t, i) => {
      const credit = u.termWeights?.get(t) ?? (i === 0 ? 1 : SYNONYM_MATCH);
      const w = credit === 0 ? APART_WEIGHT : i === 0 ? credit : SYNONYM_WEIGHT * credit;
      boosts.set(t, Math.max(w, boosts.get(t) ?? 0));
    });
  }
  return boosts;
}

/**
 * How much of one unit of the question a fact covers: 1 for the word or name itself, less for a
 * related word, and half when the word stands only in the name of something the fact names
 * ("supreme" in Federal Supreme Court does not make the court's head a "supreme leader").
 */
export function unitCoverage(
  unit: QueryUnit,
  linked: readonly string[],
  match: Readonly<Record<string, readonly string[]>>,
  fact: Fact,
): number {
  if (unit.entityId) return linked.includes(unit.entityId) ? 1 : 0;
  // On the topic a phrase points to, without its words: a fair answer, not a full one.
  let best = unit.topicId !== undefined && fact.topics.includes(unit.topicId) ? TOPIC_MATCH : 0;
  unit.terms.forEach((t, i) => {
    const fields = match[t];
    if (!fields) return;
    const credit = unit.termWeights?.get(t) ?? (i === 0 ? 1 : SYNONYM_MATCH);
    // Only in a name the fact mentions, or in its topic's keywords: a label, not its words.
    const inNameOnly = fields.every((f) => f === "names" || f === "topics");
    best = Math.max(best, inNameOnly ? credit * NAME_ONLY_MATCH : credit);
  });
  return best;
}

/** Coverage matters more than raw term scores: a fact that answers all of the question wins. */
export function baseRank(coverage: number, relativeScore: number): number {
  return coverage * coverage + RELATIVE_SCORE_WEIGHT * relativeScore;
}
