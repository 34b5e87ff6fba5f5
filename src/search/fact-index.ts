/**
 * The search behind /ask. Facts go into a BM25 term index (term-index.ts), analysed by our own
 * pipeline (normalize, stop words, stem). A question is read into units of meaning
 * (query-reader.ts): entity names first (exact alias, then fuse.js), topics, collocations,
 * words with their synonyms and related words. Every hit carries its coverage (ranking.ts): how
 * much of the question it speaks of, which is what lets the engine say "the sources don't cover
 * that".
 */
import { formatDate } from "../knowledge/dates.ts";
import type { Entity, Fact, Topic } from "../knowledge/types.ts";
import { EntityIndex, type EntityMention } from "./entities.ts";
import { QueryReader } from "./query-reader.ts";
import {
  baseRank,
  DRAFT_PENALTY,
  EARLY_PARAGRAPH_BONUS,
  ENTITY_BOOST,
  FIELD_BOOSTS,
  KEY_BONUS,
  NAME_ONLY_MATCH,
  PHRASE_BONUS,
  type QueryUnit,
  RERANK_DEPTH,
  SUBJECT_BONUS,
  TEXT_FIELDS,
  TOPIC_BONUS,
  termBoosts,
  unitCoverage,
} from "./ranking.ts";
import { SettingNames } from "./setting-names.ts";
import { type TermIndex, TermIndexBuilder, type TermResult } from "./term-index.ts";
import { isStopWord, normalize, stem, terms } from "./text.ts";
import type { FactHit, KnowledgeSearch, SearchOptions, SearchResult } from "./types.ts";
import { Vocabulary } from "./vocabulary.ts";

export interface SearchableKnowledge {
  facts: readonly Fact[];
  entities: Iterable<Entity>;
  topics: Iterable<Topic>;
  synonyms: readonly (readonly string[])[];
}

export class FactIndex implements KnowledgeSearch {
  readonly entities: EntityIndex;
  private readonly facts: readonly Fact[];
  private readonly index: TermIndex;
  private readonly vocabulary: Vocabulary;
  /** How many facts name each entity: a name most facts share (Iraq) says little. */
  private readonly entityFrequency = new Vocabulary();
  private readonly settings = new SettingNames();
  private readonly reader: QueryReader;
  /** Per fact: its sentence as index terms, and as normalized words (for where names stand). */
  private readonly analysed: string[] = [];
  private readonly plainText: string[] = [];
  /** Every word as the facts write it, normalized: which forms the sources use. */
  private readonly forms = new Set<string>();
  /** Per fact: the entities it is about (often the fact's own list, shared rather than copied). */
  private readonly linked: (readonly string[])[] = [];

  constructor(knowledge: SearchableKnowledge) {
    this.facts = knowledge.facts;
    this.entities = new EntityIndex(knowledge.entities);
    const topicList = [...knowledge.topics];
    const topicsById = new Map(topicList.map((t) => [t.id, t]));
    // Scores as MiniSearch would (see term-index.ts), in typed arrays: 100,000 facts fit.
    const index = new TermIndexBuilder([...TEXT_FIELDS, "entityIds"]);
    for (const fact of this.facts) {
      // A fact is about the entities curators listed and any other it names in its sentence.
      // Most facts name no entity beyond their list, which then serves as is: 100,000 Sets or
      // copies would cost build time (and GC) for nothing.
      let linked: readonly string[] = fact.entities;
      if (linked.some((id, i) => linked.indexOf(id) !== i)) linked = [...new Set(linked)];
      for (const m of this.entities.mentionsIn(fact.text, { fuzzy: false })) {
        if (!linked.includes(m.entity.id)) linked = [...linked, m.entity.id];
      }
      this.linked.push(linked);
      const plain = normalize(fact.text);
      this.plainText.push(plain);
      for (const form of plain.split(" ")) this.forms.add(form);
      const doc = analyseFact(fact, linked, this.entities, topicsById);
      // Kept as a string, split only for the few best hits: arrays would cost ~60 MB at 100,000.
      this.analysed.push(doc.text.join(" "));
      this.entityFrequency.addDocument(linked);
      this.settings.add(fact.source, new Set(linked));
      index.add(doc, fact.topics);
    }
    // The vocabulary counts what the index has just counted: no second pass over every term.
    this.vocabulary = Vocabulary.fromFrequencies(index.frequencies(TEXT_FIELDS), this.facts.length);
    this.index = index.build();
    this.reader = new QueryReader(
      this.vocabulary,
      this.entityFrequency,
      knowledge.synonyms,
      topicList,
    );
  }

  factsUsing(word: string): number {
    const form = /^[a-z]+$/.test(word) ? word : normalize(word);
    // Most words asked about (a typo's hundreds of neighbours) are no form the facts use, nor
    // its plural ("pantsirs").
    const singular = form.endsWith("s") ? form.slice(0, -1) : form;
    if (!this.forms.has(form) && !this.forms.has(singular)) return 0;
    return this.vocabulary.frequency(stem(form));
  }

  search(question: string, options: SearchOptions = {}): SearchResult {
    const { limit = 10, focus = [], asked = [] } = options;
    const mentions = this.entities.mentionsIn(question, {
      isKnownWord: (word) => this.vocabulary.has(stem(word)),
    });
    const topicMentions = this.reader.topicsIn(question);
    const topics = [...new Set(topicMentions.map((m) => m.topic))];
    const { units, unknownWords } = this.reader.read(question, mentions, topicMentions);
    const termWeight = termBoosts(units);
    const entityIds = units.flatMap((u) => (u.entityId ? [u.entityId] : []));
    if (termWeight.size === 0 && entityIds.length === 0) {
      return { hits: [], mentions, topics, unknownWords };
    }

    const results = this.index.bm25(
      termWeight,
      FIELD_BOOSTS,
      { field: "entityIds", terms: entityIds, boost: ENTITY_BOOST },
      {
        // Facts matching the same terms and topics rank by score alone (coverage and coversWords
        // come from what they match, and baseRank grows with the score), so the best few of each
        // such pattern are all that can reach the top RERANK_DEPTH.
        perPattern: Math.max(limit, RERANK_DEPTH),
        tags: units.flatMap((u) => (u.topicId ? [u.topicId] : [])),
      },
    );

    const totalWeight = units.reduce((sum, u) => sum + u.weight, 0);
    for (const u of units) {
      // A word asked for that the knowledge has no term for ("model") is focus too: no fact
      // can speak of it.
      const unknown = u.terms.length === 0 && !u.entityId && !u.topicId;
      u.focus = u.words.some((w) => focus.includes(w) || (unknown && asked.includes(w)));
    }
    const wordUnits = units.filter((u) => !u.entityId).length;
    const topScore = results[0]?.score ?? 1;
    const hits: Ranked[] = [];
    for (const result of results) {
      const fact = this.facts[result.id as number];
      if (!fact) continue;
      const linked = this.linked[result.id as number] ?? [];
      // Each unit's coverage, once: a related word covers as much as it counts.
      let covered = 0;
      let coversFocus = true;
      let coversWords = wordUnits === 0;
      const missingNames: string[] = [];
      for (const u of units) {
        const c = this.cover(u, result, linked, fact);
        covered += u.weight * c;
        // The thing asked for must be in the fact's own words, not only in a name it mentions.
        if (u.focus && c <= NAME_ONLY_MATCH) coversFocus = false;
        // A name most of its source's facts share (Iraq, the United States) is the setting,
        // not what is asked.
        if (
          u.entityId &&
          c === 0 &&
          !u.timeAnchor &&
          !this.settings.isSetting(fact.source, u.entityId)
        )
          missingNames.push(u.entityId);
        if (!u.entityId && c > 0) coversWords = true;
      }
      const coverage = totalWeight > 0 ? covered / totalWeight : 0;
      hits.push({
        fact,
        score: result.score,
        coverage,
        coversWords,
        coversFocus,
        missingNames,
        n: result.id as number,
        rank: baseRank(coverage, result.score / topScore),
      });
    }
    hits.sort((a, b) => b.rank - a.rank);
    const reranked = hits.slice(0, RERANK_DEPTH).map((hit) => ({
      ...hit,
      rank: hit.rank + this.bonus(hit, units, mentions, topics),
    }));
    reranked.sort((a, b) => b.rank - a.rank);
    return {
      hits: reranked.slice(0, limit).map(({ n, rank, ...hit }) => hit),
      mentions,
      topics,
      unknownWords,
      units,
    };
  }

  /**
   * What BM25 cannot see, for the few best hits: the fact is about the entity asked for (named
   * early, as its subject), it is on the topic asked for, it has the question's words side by
   * side ("air bridge"), or curators marked it a key point.
   */
  private bonus(
    hit: Ranked,
    units: QueryUnit[],
    mentions: EntityMention[],
    topics: Topic[],
  ): number {
    const { fact } = hit;
    let bonus = (fact.key ? KEY_BONUS : 0) + EARLY_PARAGRAPH_BONUS / fact.paragraph;
    if (fact.draft) bonus -= DRAFT_PENALTY;
    bonus += TOPIC_BONUS * topics.filter((t) => fact.topics.includes(t.id)).length;
    const text = (this.analysed[hit.n] ?? "").split(" ");
    const words = ` ${this.plainText[hit.n] ?? ""} `;
    for (const { entity } of mentions) {
      if (!this.linked[hit.n]?.includes(entity.id)) continue;
      const at = Math.min(
        ...[entity.name, ...entity.aliases].map((a) => {
          const i = words.indexOf(` ${normalize(a)} `);
          return i < 0 ? Number.POSITIVE_INFINITY : i;
        }),
      );
      // Named first is what the fact is about; weighed by how rare the name is among facts.
      const earliness = Number.isFinite(at) ? 1 - at / words.length : 0;
      bonus += SUBJECT_BONUS * earliness * this.specificity(entity.id);
    }
    const termUnits = units.filter((u) => u.terms.length > 0);
    let phrases = 0;
    for (let i = 0; i + 1 < termUnits.length; i++) {
      const a = termUnits[i]?.terms ?? [];
      const b = termUnits[i + 1]?.terms ?? [];
      if (text.some((t, j) => a.includes(t) && b.includes(text[j + 1] ?? ""))) phrases++;
    }
    return bonus + Math.min(phrases, 3) * PHRASE_BONUS;
  }

  /** How much of one unit the fact covers; a collocation in full where it stands side by side. */
  private cover(
    unit: QueryUnit,
    result: TermResult,
    linked: readonly string[],
    fact: Fact,
  ): number {
    const pair = unit.sideBySide;
    // Side by side needs its words matched (a particle is only checked): the costly look at
    // the sentence is rarely taken.
    if (pair?.every((t) => isStopWord(t) || result.match[t]) && this.hasSideBySide(result.id, pair))
      return 1;
    if (unit.kind) {
      // "which countries": a fact that names two or more of them; "which country": one.
      const named = linked.filter((id) => this.entities.get(id)?.kind === unit.kind).length;
      if (named >= (unit.plural ? 2 : 1)) return 1;
    }
    return unitCoverage(unit, linked, result.match, fact);
  }

  private hasSideBySide(n: number, [a, b]: readonly [string, string]): boolean {
    const plain = (this.plainText[n] ?? "").split(" ");
    return plain.some((w, i) => stem(w) === a && stem(plain[i + 1] ?? "") === b);
  }

  /** 0 for a name every fact shares, near 1 for one that few facts name. */
  private specificity(entityId: string): number {
    const weight = this.entityFrequency.weight(entityId);
    return weight / (weight + 1);
  }
}

interface Ranked extends FactHit {
  /** Position in the facts array (the term index's id). */
  n: number;
  rank: number;
}

/** A fact's fields as the term index takes them: each its terms, in order. */
interface IndexedFact {
  text: string[];
  quote: string[];
  names: string[];
  topics: string[];
  date: readonly string[];
  entityIds: readonly string[];
}

/** A fact as index terms: its sentence, its quote, the names of what it mentions, its topics. */
function analyseFact(
  fact: Fact,
  entityIds: readonly string[],
  entities: EntityIndex,
  topics: Map<string, Topic>,
): IndexedFact {
  // Names, topics and dates are analysed once, not once per fact that has them.
  const linked = entityIds.flatMap((id) => {
    const entity = entities.get(id);
    return entity ? analysedOnce(entity, () => [entity.name, ...entity.aliases].join(" ")) : [];
  });
  const topicWords = fact.topics.flatMap((id) => {
    const topic = topics.get(id);
    return topic ? analysedOnce(topic, () => [topic.label, ...topic.keywords].join(" ")) : [];
  });
  const date = fact.date;
  return {
    text: terms(fact.text),
    quote: terms(fact.quote),
    names: linked,
    topics: topicWords,
    date: date ? cached(dateTerms, date, () => terms(formatDate(date))) : [],
    entityIds,
  };
}

const analysedTerms = new WeakMap<object, string[]>();
const dateTerms = new Map<string, string[]>();

/** The terms of an entity's or a topic's words, computed the first time they are asked for. */
function analysedOnce(owner: object, text: () => string): string[] {
  let found = analysedTerms.get(owner);
  if (!found) {
    found = terms(text());
    analysedTerms.set(owner, found);
  }
  return found;
}

function cached<K, V>(map: Map<K, V>, key: K, compute: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = compute();
    map.set(key, value);
  }
  return value;
}
