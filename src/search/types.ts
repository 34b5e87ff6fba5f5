import type { Fact, Topic } from "../knowledge/types.ts";
import type { EntityIndex, EntityMention } from "./entities.ts";

export interface FactHit {
  fact: Fact;
  /** Relevance from the term index; only comparable within one search. */
  score: number;
  /**
   * Share of the question's meaning that this fact covers (0 to 1), weighing rare words
   * more. The answer engine abstains when even the best hit covers too little.
   */
  coverage: number;
  /**
   * Whether the fact matches at least one of the question's words besides the names in it
   * (true when there are none). "capital of France" names France, but a fact that only names
   * France does not answer it.
   */
  coversWords: boolean;
  /** Whether the fact speaks of what the question asks for (SearchOptions.focus); true if none. */
  coversFocus: boolean;
  /** The entities the question names that the fact is not about. */
  missingNames: string[];
}

export interface SearchOptions {
  limit?: number;
  /** The words of the thing asked for (question.ts): hits say whether they cover it. */
  focus?: readonly string[];
  /** All the words of the thing asked for: one the knowledge never uses is focus too. */
  asked?: readonly string[];
}

export interface SearchResult {
  hits: FactHit[];
  /** Entities the question names. */
  mentions: EntityMention[];
  /** Topics the question points to. */
  topics: Topic[];
  /** Content words the knowledge does not know, even allowing for typos. */
  unknownWords: string[];
  /** How the question was read: each unit of meaning, its weight and the terms that cover it. */
  units?: {
    weight: number;
    entityId?: string;
    topicId?: string;
    terms: string[];
    unknownName?: boolean;
    /** The thing asked for: a fact must speak of it. */
    focus?: boolean;
  }[];
}

/**
 * The one interface the answer engine and the commands see. Its insides can change
 * (to reach 100,000 facts in milliseconds) without touching them.
 */
export interface KnowledgeSearch {
  search(question: string, options?: SearchOptions): SearchResult;
  /** How many facts use the word (in any form that shares its stem). */
  factsUsing(word: string): number;
  readonly entities: EntityIndex;
}
