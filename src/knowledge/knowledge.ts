/** The loaded knowledge together with its search index: what commands work with. */
import { FactIndex } from "../search/fact-index.ts";
import type { KnowledgeSearch } from "../search/types.ts";
import { loadKnowledge } from "./load.ts";
import type { KnowledgeBase } from "./types.ts";

export interface Knowledge {
  base: KnowledgeBase;
  search: KnowledgeSearch;
}

export function buildKnowledge(base: KnowledgeBase): Knowledge {
  const search = new FactIndex({
    facts: base.facts,
    entities: base.entities.values(),
    topics: base.topics.values(),
    synonyms: base.synonyms,
  });
  // The first search pays for JIT compilation; pay it at start-up, not in a user's reply.
  search.search("warm up the index: militia airspace policy");
  return { base, search };
}

/** Loads knowledge/ (or another folder) and builds the index: ready to answer. */
export function openKnowledge(dir?: string): Knowledge {
  return buildKnowledge(loadKnowledge(dir));
}
