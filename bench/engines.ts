/**
 * The three engines the benchmark compares, behind one small interface:
 * - policywatch: the project's own search, built the way the bot builds it (buildKnowledge),
 *   and /ask's whole decision (`rankAnswers` in src/answer/answer.ts: question analysis, search,
 *   and the facts that answer, which abstains when none does).
 * - minisearch: a stock MiniSearch (BM25, fuzzy 0.2 + prefix, default tokenizer) over the fact
 *   text and the names of the entities it links, with the same stop words removed (left in,
 *   question words make every query match most facts).
 * - fuse: one fuse.js index over the same two fields, the naive baseline.
 * A baseline abstains when it returns nothing.
 */
import Fuse from "fuse.js";
import MiniSearch from "minisearch";
import { rankAnswers } from "../src/answer/answer.ts";
import { buildKnowledge } from "../src/knowledge/knowledge.ts";
import type { Fact, KnowledgeBase } from "../src/knowledge/types.ts";
import { isStopWord } from "../src/search/text.ts";

export const ENGINES = ["policywatch", "minisearch", "fuse"] as const;
export type EngineName = (typeof ENGINES)[number];

export interface EngineAnswer {
  /** Fact ids, best first, at most 10. */
  ids: string[];
  abstained: boolean;
}

export interface BenchEngine {
  search(question: string): EngineAnswer;
}

const LIMIT = 10;

export function buildEngine(name: EngineName, base: KnowledgeBase): BenchEngine {
  switch (name) {
    case "policywatch": {
      const knowledge = buildKnowledge(base);
      return {
        search(question) {
          const { result, best } = rankAnswers(knowledge, question);
          const ranked = [best, ...result.hits].flatMap((h) => (h ? [h.fact.id] : []));
          return { ids: [...new Set(ranked)].slice(0, LIMIT), abstained: !best };
        },
      };
    }
    case "minisearch": {
      const index = new MiniSearch<BaselineDoc>({
        fields: ["text", "names"],
        processTerm: (term) => {
          const lower = term.toLowerCase();
          return isStopWord(lower) ? null : lower;
        },
        searchOptions: { fuzzy: 0.2, prefix: true },
      });
      index.addAll(baselineDocs(base));
      return {
        search(question) {
          const results = index.search(question);
          return {
            ids: results.slice(0, LIMIT).map((r) => r.id as string),
            abstained: results.length === 0,
          };
        },
      };
    }
    case "fuse": {
      const fuse = new Fuse(baselineDocs(base), {
        keys: ["text", "names"],
        ignoreLocation: true,
        threshold: 0.4,
      });
      return {
        search(question) {
          const results = fuse.search(question, { limit: LIMIT });
          return { ids: results.map((r) => r.item.id), abstained: results.length === 0 };
        },
      };
    }
  }
}

interface BaselineDoc {
  id: string;
  text: string;
  /** Names and aliases of the entities the fact links, so "KH" can find a fact about it. */
  names: string;
}

function baselineDocs(base: KnowledgeBase): BaselineDoc[] {
  return base.facts.map((fact: Fact) => ({
    id: fact.id,
    text: fact.text,
    names: fact.entities
      .flatMap((id) => {
        const e = base.entities.get(id);
        return e ? [e.name, ...e.aliases] : [];
      })
      .join(" "),
  }));
}
