/**
 * The search behind /ask. Facts go into a MiniSearch (BM25) term index, analysed by our own
 * pipeline (normalize, stop words, stem). A question is analysed the same way; entity names
 * are recognised first (exact alias, then fuse.js), unknown words are corrected against the
 * vocabulary, synonyms are added at a lower weight. Every hit carries its coverage: how much of
 * the question it answers, which is what lets the engine say "the sources don't cover that".
 */
import { formatDate } from "../knowledge/dates.ts";
import type { Entity, Fact, Topic } from "../knowledge/types.ts";
import {
  baseForms,
  informationOf,
  isEnglishWord,
  isMostlyNoun,
  wordnet,
} from "../language/english.ts";
import { EntityIndex, type EntityMention } from "./entities.ts";
import { type TermIndex, TermIndexBuilder } from "./term-index.ts";
import { isStopWord, normalize, stem, terms, words } from "./text.ts";
import type { FactHit, KnowledgeSearch, SearchOptions, SearchResult } from "./types.ts";
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
/** Curators declared a synonym group interchangeable: a synonym covers the word in full. */
const SYNONYM_MATCH = 1;
/** A word found only in the name of something the fact names covers half the word. */
const NAME_ONLY_MATCH = 0.5;
/** A collocation's own words, searched for to find it side by side: they rank, not cover. */
const APART_WEIGHT = 0.3;
/** WordNet's related words: the same root counts nearly as the word, a close meaning less. */
const RELATED_WEIGHT = { derived: 0.9, synonym: 0.7, similar: 0.5 } as const;
/** An unknown verb or adjective ("think", "wrong") says less than an unknown noun. */
const PREDICATE_WEIGHT = 0.4;
const RELATIVE_SCORE_WEIGHT = 0.3;
/** How many of the best hits get the finer (slower) look of `bonus`. */
const RERANK_DEPTH = 30;
const KEY_BONUS = 0.03;
/** A curated fact wins over a draft (`npm run ingest`) that answers as well. */
const DRAFT_PENALTY = 0.05;
/** Articles put their main points first: a faint preference for early paragraphs breaks ties. */
const EARLY_PARAGRAPH_BONUS = 0.02;
const ENTITY_MIN_WEIGHT = 1.5;
const TOPIC_BONUS = 0.2;
const SUBJECT_BONUS = 0.1;
const PHRASE_BONUS = 0.08;

/** One piece of the question's meaning: an entity it names, or a content word. */
interface QueryUnit {
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
}

export class FactIndex implements KnowledgeSearch {
  readonly entities: EntityIndex;
  private readonly facts: readonly Fact[];
  private readonly index: TermIndex;
  private readonly vocabulary: Vocabulary;
  /** How many facts name each entity: a name most facts share (Iraq) says little. */
  private readonly entityFrequency = new Vocabulary();
  private readonly synonyms = new Map<string, string[]>();
  /** Curated synonym groups by their multiword members ("shoot down" → shoot, fire, launch). */
  private readonly phraseSynonyms = new Map<string, string[]>();
  private readonly topics: { topic: Topic; phrases: string[] }[];
  /** Per fact: its sentence as index terms, and as normalized words (for where names stand). */
  private readonly analysed: string[] = [];
  private readonly plainText: string[] = [];
  /** Per fact: the entities it is about (often the fact's own list, shared rather than copied). */
  private readonly linked: (readonly string[])[] = [];

  constructor(knowledge: SearchableKnowledge) {
    this.facts = knowledge.facts;
    this.entities = new EntityIndex(knowledge.entities);
    const topicList = [...knowledge.topics];
    this.topics = topicList.map((topic) => ({
      topic,
      phrases: [topic.label, ...topic.keywords].map(normalize).filter(Boolean),
    }));
    for (const group of knowledge.synonyms) {
      // A phrase that analyses to one term ("flew over" → flew) joins its group; longer phrases
      // ("shoot down") would drag their common words ("down") into it, so they are left out.
      const single = group.map((w) => terms(w)).filter((t) => t.length === 1);
      const stems = [...new Set(single.flat())];
      for (const member of group) {
        if (member.includes(" ")) this.phraseSynonyms.set(normalize(member), stems);
      }
      for (const term of stems) {
        this.synonyms.set(term, [...new Set([...(this.synonyms.get(term) ?? []), ...stems])]);
      }
    }

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
      this.plainText.push(normalize(fact.text));
      const doc = analyseFact(fact, linked, this.entities, topicsById);
      // Kept as a string, split only for the few best hits: arrays would cost ~60 MB at 100,000.
      this.analysed.push(doc.text.join(" "));
      this.entityFrequency.addDocument(linked);
      index.add(doc, fact.topics);
    }
    // The vocabulary counts what the index has just counted: no second pass over every term.
    this.vocabulary = Vocabulary.fromFrequencies(index.frequencies(TEXT_FIELDS), this.facts.length);
    this.index = index.build();
  }

  search(question: string, options: SearchOptions = {}): SearchResult {
    const { limit = 10, focus = [] } = options;
    const mentions = this.entities.mentionsIn(question, {
      isKnownWord: (word) => this.vocabulary.has(stem(word)),
    });
    const topicMentions = this.topicsIn(question);
    const topics = [...new Set(topicMentions.map((m) => m.topic))];
    const { units, unknownWords } = this.analyseQuestion(question, mentions, topicMentions);
    const searchTerms = [...new Set(units.flatMap((u) => u.terms))];
    const termWeight = new Map<string, number>();
    for (const u of units) {
      // BM25 weighs related words below the word itself, in proportion to what they cover.
      u.terms.forEach((t, i) => {
        const credit = u.termWeights?.get(t) ?? (i === 0 ? 1 : SYNONYM_MATCH);
        const w = credit === 0 ? APART_WEIGHT : i === 0 ? credit : SYNONYM_WEIGHT * credit;
        termWeight.set(t, Math.max(w, termWeight.get(t) ?? 0));
      });
    }
    const entityIds = units.flatMap((u) => (u.entityId ? [u.entityId] : []));
    if (searchTerms.length === 0 && entityIds.length === 0) {
      return { hits: [], mentions, topics, unknownWords };
    }

    const results = this.index.search(
      {
        combineWith: "OR",
        queries: [
          {
            queries: [searchTerms.join(" ")],
            fields: TEXT_FIELDS,
            boost: FIELD_BOOSTS,
            boostTerm: (term) => termWeight.get(term) ?? SYNONYM_WEIGHT,
          },
          {
            queries: [entityIds.join(" ")],
            fields: ["entityIds"],
            boost: { entityIds: ENTITY_BOOST },
          },
        ],
      },
      {
        // Facts matching the same terms and topics rank by score alone (coverage and coversWords
        // come from what they match, and baseRank grows with the score), so the best few of each
        // such pattern are all that can reach the top RERANK_DEPTH.
        perPattern: Math.max(limit, RERANK_DEPTH),
        tags: units.flatMap((u) => (u.topicId ? [u.topicId] : [])),
      },
    );

    const totalWeight = units.reduce((sum, u) => sum + u.weight, 0);
    const focusUnits = units.filter((u) => u.words.some((w) => focus.includes(w)));
    const nameUnits = units.filter((u) => u.entityId !== undefined);
    const wordUnits = units.filter((u) => !u.entityId);
    const topScore = results[0]?.score ?? 1;
    const hits: Ranked[] = [];
    for (const result of results) {
      const fact = this.facts[result.id as number];
      if (!fact) continue;
      const linked = this.linked[result.id as number] ?? [];
      // A unit matched only through a related word is covered as much as that word counts.
      const coverOf = (u: QueryUnit) =>
        u.sideBySide && this.hasSideBySide(result.id as number, u.sideBySide)
          ? 1
          : unitCoverage(u, linked, result.match, fact);
      const covered = units.reduce((sum, u) => sum + u.weight * coverOf(u), 0);
      const coversFocus = focusUnits.every((u) => coverOf(u) > 0);
      const missingNames = nameUnits.flatMap((u) =>
        u.entityId && coverOf(u) === 0 ? [u.entityId] : [],
      );
      const coverage = totalWeight > 0 ? covered / totalWeight : 0;
      const coversWords = wordUnits.length === 0 || wordUnits.some((u) => coverOf(u) > 0);
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

  /** Splits a question into weighted units of meaning, correcting typos on the way. */
  private analyseQuestion(
    question: string,
    mentions: EntityMention[],
    topicMentions: TopicMention[],
  ): { units: QueryUnit[]; unknownWords: string[] } {
    const units: QueryUnit[] = [];
    const unknownWords: string[] = [];
    const consumed = new Set(mentions.flatMap((m) => m.words));
    const seen = new Set<string>();
    for (const mention of mentions) {
      // A name the person typed is part of what they ask, even a common one: never weigh it
      // below an ordinary word.
      const weight = Math.max(ENTITY_MIN_WEIGHT, this.entityFrequency.weight(mention.entity.id));
      units.push({ weight, entityId: mention.entity.id, terms: [], words: mention.words });
    }
    for (const { topic, words: phrase } of topicMentions) {
      if (phrase.some((w) => consumed.has(w))) continue;
      for (const w of phrase) consumed.add(w);
      const phraseTerms = phrase.filter((w) => !isStopWord(w)).map(stem);
      for (const t of phraseTerms) seen.add(t);
      const weight = Math.max(...phraseTerms.map((t) => this.vocabulary.weight(t)), 0);
      units.push({ weight, topicId: topic.id, terms: phraseTerms, words: phrase });
    }
    for (const collocation of this.collocationsIn(words(question), consumed)) {
      for (const w of collocation.words) consumed.add(w);
      units.push(collocation);
    }
    for (const word of words(question)) {
      if (isStopWord(word) || consumed.has(word)) continue;
      const raw = stem(word);
      // A typo is corrected to the closest known term; a real English word the knowledge does
      // not use is not a typo ("mad" is not "made"): it is read through its related words.
      const term = this.vocabulary.has(raw)
        ? raw
        : isEnglishWord(word)
          ? undefined
          : (this.vocabulary.correct(raw) ?? this.vocabulary.correct(word));
      if (seen.has(term ?? raw)) continue;
      seen.add(term ?? raw);
      const related = this.relatedTerms(term ?? raw, term ? undefined : word);
      if (!term && related.size === 0) {
        unknownWords.push(word);
        units.push({ weight: this.unknownWeight(word), terms: [], words: [word] });
        continue;
      }
      const main = term ?? [...related.keys()][0] ?? raw;
      const termWeights = new Map<string, number>([[main, term ? 1 : (related.get(main) ?? 1)]]);

      for (const [t, w] of related) if (!termWeights.has(t)) termWeights.set(t, w);
      units.push({
        words: [word],
        weight: term
          ? this.vocabulary.weight(term)
          : Math.min(this.vocabulary.weight(main), this.unknownWeight(word)),
        terms: [...termWeights.keys()],
        termWeights,
      });
    }
    return { units, unknownWords };
  }

  /**
   * The knowledge's terms for a question word: its curated synonyms, and for a word the
   * knowledge does not use, the words WordNet relates to it (evict → eviction, mad → angry)
   * and their curated synonyms. Related words count for less than the word itself.
   */
  private relatedTerms(term: string, unknownWord?: string): Map<string, number> {
    const found = new Map<string, number>();
    const add = (t: string, w: number) => {
      if (t !== term && this.vocabulary.has(t) && w > (found.get(t) ?? 0)) found.set(t, w);
    };
    for (const s of this.synonyms.get(term) ?? []) add(s, SYNONYM_MATCH);
    if (!unknownWord) return found;
    for (const base of baseForms(unknownWord)) {
      for (const s of this.synonyms.get(stem(base)) ?? []) add(s, SYNONYM_MATCH);
    }
    // Curators know the domain's words: WordNet is asked only about words they did not list.
    if (found.size > 0) return found;
    for (const base of baseForms(unknownWord)) {
      for (const { word, relation } of wordnet.related(base)) {
        const related = terms(word);
        if (related.length !== 1) continue;
        const [t = ""] = related;
        const w = RELATED_WEIGHT[relation];
        add(t, w);
        for (const s of this.synonyms.get(t) ?? []) add(s, w * SYNONYM_MATCH);
      }
    }
    return found;
  }

  /**
   * Two words that English uses as one ("shoot down", "world cup", "take part": WordNet's
   * multiword entries), read as one unit: covered where a fact has the two words side by side,
   * or one of the phrase's synonyms; never by its words scattered.
   */
  private collocationsIn(question: string[], consumed: ReadonlySet<string>): QueryUnit[] {
    const found: QueryUnit[] = [];
    for (let i = 0; i + 1 < question.length; i++) {
      const [first = "", second = ""] = [question[i], question[i + 1]];
      if (consumed.has(first) || consumed.has(second) || isStopWord(first)) continue;
      const base = baseForms(first).find((b) => wordnet.has(`${b}_${second}`));
      if (base === undefined) continue;
      const phrase = `${base} ${second}`;
      const termWeights = new Map<string, number>();
      const add = (t: string, w: number) => {
        if (this.vocabulary.has(t) && w > (termWeights.get(t) ?? 0)) termWeights.set(t, w);
      };
      for (const t of this.phraseSynonyms.get(phrase) ?? []) add(t, SYNONYM_MATCH);
      if (termWeights.size === 0) {
        for (const { word, relation } of wordnet.related(phrase)) {
          const [t, more] = terms(word);
          if (t && !more) add(t, RELATED_WEIGHT[relation]);
        }
      }
      const sideBySide = [stem(first), stem(second)] as const;
      // Its own words find the facts that have it side by side; they cover nothing apart.
      const known = sideBySide.every((t) => this.vocabulary.has(t));
      for (const t of known ? sideBySide : []) if (!termWeights.has(t)) termWeights.set(t, 0);
      found.push({
        words: [first, second],
        weight:
          termWeights.size > 0
            ? Math.max(...[...termWeights.keys()].map((t) => this.vocabulary.weight(t)))
            : this.unknownWeight(phrase),
        terms: [...termWeights.keys()],
        termWeights,
        sideBySide,
      });
      i++;
    }
    return found;
  }

  /**
   * What a word the knowledge never uses weighs: as much as the rarest known word when it says
   * a lot in English at large ("bitcoin", "australia"), little when it says little ("think",
   * "wrong"); a word that names things counts more than one that says what they do.
   */
  private unknownWeight(word: string): number {
    const most = this.vocabulary.weight(" never seen ");
    return most * informationOf(word) * (isMostlyNoun(word) ? 1 : PREDICATE_WEIGHT);
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

  /** Topic phrases in the question, longest first, each with the words that said it. */
  private topicsIn(question: string): TopicMention[] {
    const padded = ` ${normalize(question)} `;
    const found: TopicMention[] = [];
    for (const { topic, phrases } of this.topics) {
      for (const phrase of phrases) {
        if (padded.includes(` ${phrase} `)) found.push({ topic, words: phrase.split(" ") });
      }
    }
    return found.sort((a, b) => b.words.length - a.words.length);
  }
}

/**
 * How much of one unit of the question a fact covers: 1 for the word or name itself, less for a
 * related word, and half when the word stands only in the name of something the fact names
 * ("supreme" in Federal Supreme Court does not make the court's head a "supreme leader").
 */
function unitCoverage(
  unit: QueryUnit,
  linked: readonly string[],
  match: Readonly<Record<string, readonly string[]>>,
  fact: Fact,
): number {
  if (unit.entityId) return linked.includes(unit.entityId) ? 1 : 0;
  if (unit.topicId !== undefined && fact.topics.includes(unit.topicId)) return 1;
  let best = 0;
  unit.terms.forEach((t, i) => {
    const fields = match[t];
    if (!fields) return;
    const credit = unit.termWeights?.get(t) ?? (i === 0 ? 1 : SYNONYM_MATCH);
    const inNameOnly = fields.every((f) => f === "names");
    best = Math.max(best, inNameOnly ? credit * NAME_ONLY_MATCH : credit);
  });
  return best;
}

/** Coverage matters more than raw term scores: a fact that answers all of the question wins. */
function baseRank(coverage: number, relativeScore: number): number {
  return coverage * coverage + RELATIVE_SCORE_WEIGHT * relativeScore;
}

interface Ranked extends FactHit {
  /** Position in the facts array (the term index's id). */
  n: number;
  rank: number;
}

interface TopicMention {
  topic: Topic;
  words: string[];
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
