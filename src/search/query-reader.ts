/**
 * Reads a question into weighted units of meaning (ranking.ts's QueryUnit): the entities it
 * names, the topics it points to, the collocations it uses ("shoot down"), and its words, each
 * with the knowledge's terms that cover it. Typos are corrected to known terms; a real English
 * word the knowledge does not use is read through its curated synonyms, else WordNet's related
 * words, and weighs by how much it says in English at large.
 */
import type { EntityKindName, Topic } from "../knowledge/types.ts";
import {
  baseForms,
  informationOf,
  isEnglishWord,
  isMostlyNoun,
  isOnlyAdverb,
  namesParticular,
  wordnet,
} from "../language/english.ts";
import type { EntityMention } from "./entities.ts";
import {
  ENTITY_MIN_WEIGHT,
  MANNER_WORD_WEIGHT,
  PLAIN_WORD_DISCOUNT,
  PREDICATE_WEIGHT,
  type QueryUnit,
  RELATED_WEIGHT,
  SYNONYM_MATCH,
} from "./ranking.ts";
import { isStopWord, normalize, stem, terms, words } from "./text.ts";
import type { Vocabulary } from "./vocabulary.ts";

/**
 * Words that name a kind of entity: "which countries fought" is answered by a fact that names
 * countries, whatever its words.
 */
const KIND_WORDS: Record<string, EntityKindName> = {
  country: "country",
  nation: "country",
  militia: "militia",
  faction: "militia",
  person: "person",
  people: "person",
  organization: "organization",
  organisation: "organization",
  weapon: "weapon",
  place: "place",
  city: "place",
  location: "place",
};

/**
 * A known word that English uses everywhere ("work", "make", "keep") says less than its rarity
 * in the knowledge suggests: "did the israeli warning work" is about the warning.
 */
function plainness(word: string): number {
  const plain = 1 - PLAIN_WORD_DISCOUNT * (1 - informationOf(word));
  // "fully", "currently", "really" say how, not what: no fact is about them.
  return isOnlyAdverb(word) ? plain * MANNER_WORD_WEIGHT : plain;
}

/**
 * At most this many related terms for one word: each is a posting list to read, and the weak
 * tail of WordNet's relations adds cost and noise rather than answers.
 */
const MAX_RELATED_TERMS = 4;

function strongest(terms: Map<string, number>, max: number): Map<string, number> {
  if (terms.size <= max) return terms;
  return new Map([...terms].sort((a, b) => b[1] - a[1]).slice(0, max));
}

const TIME_PREPOSITIONS = new Set([
  "after",
  "before",
  "since",
  "until",
  "till",
  "during",
  "following",
]);

export interface TopicMention {
  topic: Topic;
  words: string[];
}

export class QueryReader {
  private readonly synonyms = new Map<string, string[]>();
  /** Curated synonym groups by their multiword members ("shoot down" → shoot, fire, launch). */
  private readonly phraseSynonyms = new Map<string, string[]>();
  private readonly topics: { topic: Topic; phrases: string[] }[];

  constructor(
    private readonly vocabulary: Vocabulary,
    /** How many facts name each entity: a name most facts share (Iraq) says little. */
    private readonly entityFrequency: Vocabulary,
    synonymGroups: readonly (readonly string[])[],
    topics: Iterable<Topic>,
  ) {
    this.topics = [...topics].map((topic) => ({
      topic,
      phrases: [topic.label, ...topic.keywords].map(normalize).filter(Boolean),
    }));
    for (const group of synonymGroups) {
      // A phrase that analyses to one term ("flew over" → flew) joins its group; longer phrases
      // ("shoot down") would drag their common words ("down") into it: they are read as
      // collocations instead.
      const single = group.map((w) => terms(w)).filter((t) => t.length === 1);
      const stems = [...new Set(single.flat())];
      for (const member of group) {
        if (member.includes(" ")) this.phraseSynonyms.set(normalize(member), stems);
      }
      for (const term of stems) {
        this.synonyms.set(term, [...new Set([...(this.synonyms.get(term) ?? []), ...stems])]);
      }
    }
  }

  /** Splits a question into weighted units of meaning, correcting typos on the way. */
  read(
    question: string,
    mentions: EntityMention[],
    topicMentions: TopicMention[],
  ): { units: QueryUnit[]; unknownWords: string[] } {
    const units: QueryUnit[] = [];
    const unknownWords: string[] = [];
    const consumed = new Set(mentions.flatMap((m) => m.words));
    const seen = new Set<string>();
    const said = words(question);
    for (const mention of mentions) {
      // A name the person typed is part of what they ask, even a common one: never weigh it
      // below an ordinary word.
      const weight = Math.max(ENTITY_MIN_WEIGHT, this.entityFrequency.weight(mention.entity.id));
      // "after oct 7": a name that dates the question rather than says what it is about.
      const before = said[said.indexOf(mention.words[0] ?? "") - 1] ?? "";
      const timeAnchor = TIME_PREPOSITIONS.has(before);
      units.push({
        weight,
        entityId: mention.entity.id,
        terms: [],
        words: mention.words,
        ...(timeAnchor ? { timeAnchor } : {}),
      });
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
      // A particular place or person the knowledge never names: the sources don't cover it.
      if (!term && namesParticular(word)) {
        unknownWords.push(word);
        units.push({
          weight: this.unknownWeight(word),
          terms: [],
          words: [word],
          unknownName: true,
        });
        continue;
      }
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
        kind: KIND_WORDS[baseForms(word).find((b) => KIND_WORDS[b]) ?? ""],
        plural: KIND_WORDS[word] === undefined,
        weight: term
          ? this.vocabulary.weight(term) * plainness(word)
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
    return strongest(found, MAX_RELATED_TERMS);
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
        // WordNet's words for the phrase, and the curators' synonyms of those ("kick out" →
        // expel → evict).
        for (const { word, relation } of wordnet.related(phrase)) {
          const [t, more] = terms(word);
          if (!t || more) continue;
          add(t, RELATED_WEIGHT[relation]);
          for (const s of this.synonyms.get(t) ?? []) add(s, RELATED_WEIGHT[relation]);
        }
      }
      const sideBySide = [stem(first), stem(second)] as const;
      // Its own words find the facts that have it side by side ("calls for"); apart, they
      // cover nothing. A particle ("for", "out") is not searched for, only checked.
      const own = sideBySide.filter((t) => !isStopWord(t));
      const known = own.every((t) => this.vocabulary.has(t));
      for (const t of known ? own : []) if (!termWeights.has(t)) termWeights.set(t, 0);
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

  /** Topic phrases in the question, longest first, each with the words that said it. */
  topicsIn(question: string): TopicMention[] {
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
