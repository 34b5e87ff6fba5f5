/**
 * The search behind /ask. Facts go into a MiniSearch (BM25) term index, analysed by our own
 * pipeline (normalize, stop words, stem). A question is analysed the same way; entity names
 * are recognised first (exact alias, then fuse.js), unknown words are corrected against the
 * vocabulary, synonyms are added at a lower weight. Every hit carries its coverage: how much of
 * the question it answers, which is what lets the engine say "the sources don't cover that".
 */
import MiniSearch from "minisearch";
import { formatDate } from "../knowledge/dates.ts";
import type { Entity, Fact, Topic } from "../knowledge/types.ts";
import { EntityIndex, type EntityMention } from "./entities.ts";
import { isStopWord, normalize, stem, terms, words } from "./text.ts";
import type { FactHit, KnowledgeSearch, SearchResult } from "./types.ts";
import { Vocabulary } from "./vocabulary.ts";

export interface SearchableKnowledge {
  facts: readonly Fact[];
  entities: Iterable<Entity>;
  topics: Iterable<Topic>;
  synonyms: readonly (readonly string[])[];
}

const FIELD_BOOSTS = { text: 3, quote: 1.5, names: 1, topics: 0.6, date: 2 };
const TEXT_FIELDS = Object.keys(FIELD_BOOSTS);
const ENTITY_BOOST = 4;
const SYNONYM_WEIGHT = 0.6;

/** One piece of the question's meaning: an entity it names, or a content word. */
interface QueryUnit {
  weight: number;
  entityId?: string;
  /** The term and its synonyms: matching any of them covers the unit. */
  terms: string[];
}

export class FactIndex implements KnowledgeSearch {
  readonly entities: EntityIndex;
  private readonly facts: readonly Fact[];
  private readonly index: MiniSearch<IndexedFact>;
  private readonly vocabulary = new Vocabulary();
  private readonly synonyms = new Map<string, string[]>();
  private readonly topics: { topic: Topic; phrases: string[] }[];

  constructor(knowledge: SearchableKnowledge) {
    this.facts = knowledge.facts;
    this.entities = new EntityIndex(knowledge.entities);
    const topicList = [...knowledge.topics];
    this.topics = topicList.map((topic) => ({
      topic,
      phrases: [topic.label, ...topic.keywords].map(normalize).filter(Boolean),
    }));
    for (const group of knowledge.synonyms) {
      const stems = [...new Set(group.flatMap((w) => terms(w)))];
      for (const term of stems) {
        this.synonyms.set(term, [...new Set([...(this.synonyms.get(term) ?? []), ...stems])]);
      }
    }

    const topicsById = new Map(topicList.map((t) => [t.id, t]));
    this.index = new MiniSearch<IndexedFact>({
      fields: [...TEXT_FIELDS, "entityIds"],
      idField: "n",
      tokenize: (text) => text.split(" ").filter(Boolean),
      processTerm: (term) => term,
      searchOptions: { tokenize: (text) => text.split(" ").filter(Boolean), processTerm: (t) => t },
    });
    const documents = this.facts.map((fact, n) => {
      const doc = analyseFact(fact, n, this.entities, topicsById);
      this.vocabulary.addDocument(
        TEXT_FIELDS.flatMap((f) => doc[f as keyof IndexedFact].toString().split(" ")),
      );
      return doc;
    });
    this.index.addAll(documents);
  }

  search(question: string, options: { limit?: number } = {}): SearchResult {
    const { limit = 10 } = options;
    const mentions = this.entities.mentionsIn(question);
    const topics = this.topicsIn(question);
    const { units, unknownWords } = this.analyseQuestion(question, mentions);
    const searchTerms = [...new Set(units.flatMap((u) => u.terms))];
    const primary = new Set(units.map((u) => u.terms[0]));
    const entityIds = units.flatMap((u) => (u.entityId ? [u.entityId] : []));
    if (searchTerms.length === 0 && entityIds.length === 0) {
      return { hits: [], mentions, topics, unknownWords };
    }

    const results = this.index.search({
      combineWith: "OR",
      queries: [
        {
          queries: [searchTerms.join(" ")],
          fields: TEXT_FIELDS,
          boost: FIELD_BOOSTS,
          boostTerm: (term) => (primary.has(term) ? 1 : SYNONYM_WEIGHT),
        },
        {
          queries: [entityIds.join(" ")],
          fields: ["entityIds"],
          boost: { entityIds: ENTITY_BOOST },
        },
      ],
    });

    const totalWeight = units.reduce((sum, u) => sum + u.weight, 0);
    const hits: FactHit[] = [];
    for (const result of results) {
      const fact = this.facts[result.id as number];
      if (!fact) continue;
      const matched = new Set(Object.keys(result.match));
      const covered = units
        .filter((u) =>
          u.entityId ? fact.entities.includes(u.entityId) : u.terms.some((t) => matched.has(t)),
        )
        .reduce((sum, u) => sum + u.weight, 0);
      hits.push({
        fact,
        score: result.score,
        coverage: totalWeight > 0 ? covered / totalWeight : 0,
      });
    }
    hits.sort((a, b) => rank(b) - rank(a));
    return { hits: hits.slice(0, limit), mentions, topics, unknownWords };
  }

  /** Splits a question into weighted units of meaning, correcting typos on the way. */
  private analyseQuestion(
    question: string,
    mentions: EntityMention[],
  ): { units: QueryUnit[]; unknownWords: string[] } {
    const units: QueryUnit[] = [];
    const unknownWords: string[] = [];
    const mentionWords = new Set(mentions.flatMap((m) => m.words));
    const seen = new Set<string>();
    for (const mention of mentions) {
      const mentionTerms = mention.words.filter((w) => !isStopWord(w)).map(stem);
      const weight = Math.max(1, ...mentionTerms.map((t) => this.vocabulary.weight(t)));
      units.push({ weight, entityId: mention.entity.id, terms: [] });
    }
    for (const word of words(question)) {
      if (isStopWord(word) || mentionWords.has(word)) continue;
      const raw = stem(word);
      const term = this.vocabulary.has(raw)
        ? raw
        : (this.vocabulary.correct(raw) ?? this.vocabulary.correct(word));
      if (seen.has(term ?? raw)) continue;
      seen.add(term ?? raw);
      const synonyms = (this.synonyms.get(term ?? raw) ?? []).filter((s) => this.vocabulary.has(s));
      if (!term && synonyms.length === 0) {
        unknownWords.push(word);
        units.push({ weight: this.vocabulary.weight(raw), terms: [] });
        continue;
      }
      const main = term ?? synonyms[0] ?? raw;
      units.push({
        weight: this.vocabulary.weight(term ?? raw),
        terms: [main, ...synonyms.filter((s) => s !== main)],
      });
    }
    return { units, unknownWords };
  }

  private topicsIn(question: string): Topic[] {
    const padded = ` ${normalize(question)} `;
    return this.topics
      .filter(({ phrases }) => phrases.some((p) => padded.includes(` ${p} `)))
      .map(({ topic }) => topic);
  }
}

/** Coverage matters more than raw term scores: a fact that answers all of the question wins. */
function rank(hit: FactHit): number {
  return hit.score * (0.2 + hit.coverage * hit.coverage);
}

interface IndexedFact {
  n: number;
  text: string;
  quote: string;
  names: string;
  topics: string;
  date: string;
  entityIds: string;
}

/** A fact as index terms: its sentence, its quote, the names of what it mentions, its topics. */
function analyseFact(
  fact: Fact,
  n: number,
  entities: EntityIndex,
  topics: Map<string, Topic>,
): IndexedFact {
  const linked = fact.entities.flatMap((id) => {
    const entity = entities.get(id);
    return entity ? [entity.name, ...entity.aliases] : [];
  });
  const topicWords = fact.topics.flatMap((id) => {
    const topic = topics.get(id);
    return topic ? [topic.label, ...topic.keywords] : [];
  });
  return {
    n,
    text: terms(fact.text).join(" "),
    quote: terms(fact.quote).join(" "),
    names: terms(linked.join(" ")).join(" "),
    topics: terms(topicWords.join(" ")).join(" "),
    date: fact.date ? terms(formatDate(fact.date)).join(" ") : "",
    entityIds: fact.entities.join(" "),
  };
}
