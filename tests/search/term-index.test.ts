/**
 * TermIndex must score exactly as MiniSearch (the library it stands in for): same documents, same
 * order, same scores to the last bit, same matched terms. And `perPattern` must keep, for every
 * match pattern, exactly the best documents of that pattern.
 */
import path from "node:path";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { generateKnowledge } from "../../bench/synthetic.ts";
import { readQuestions } from "../../src/eval/evaluate.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { EntityIndex } from "../../src/search/entities.ts";
import { TermIndexBuilder, type TermQuery, type TermResult } from "../../src/search/term-index.ts";
import { terms } from "../../src/search/text.ts";
import { knowledge } from "../support/knowledge.ts";

const BOOSTS = { text: 3, quote: 1.5, names: 1, topics: 0.6, date: 2 };
const TEXT_FIELDS = Object.keys(BOOSTS);

function documents(base: KnowledgeBase) {
  return base.facts.map((fact, n) => ({
    n,
    text: terms(fact.text).join(" "),
    quote: terms(fact.quote).join(" "),
    names: terms(
      fact.entities
        .flatMap((id) => {
          const e = base.entities.get(id);
          return e ? [e.name, ...e.aliases] : [];
        })
        .join(" "),
    ).join(" "),
    topics: terms(fact.topics.join(" ")).join(" "),
    date: fact.date ?? "",
    entityIds: fact.entities.join(" "),
  }));
}

function indexes(base: KnowledgeBase) {
  const docs = documents(base);
  const split = (text: string) => text.split(" ").filter(Boolean);
  const mini = new MiniSearch<(typeof docs)[number]>({
    fields: [...TEXT_FIELDS, "entityIds"],
    idField: "n",
    tokenize: split,
    processTerm: (t) => t,
    searchOptions: { tokenize: split, processTerm: (t) => t },
  });
  mini.addAll(docs);
  const builder = new TermIndexBuilder([...TEXT_FIELDS, "entityIds"]);
  for (const [n, doc] of docs.entries()) builder.add(doc, base.facts[n]?.topics ?? []);
  return { mini, index: builder.build(), entities: new EntityIndex(base.entities.values()) };
}

function query(searchTerms: string[], entityIds: string[]): TermQuery {
  const primary = new Set(searchTerms.filter((_, i) => i % 3 !== 2));
  return {
    combineWith: "OR",
    queries: [
      {
        queries: [searchTerms.join(" ")],
        fields: TEXT_FIELDS,
        boost: BOOSTS,
        boostTerm: (term) => (primary.has(term) ? 1 : 0.6),
      },
      { queries: [entityIds.join(" ")], fields: ["entityIds"], boost: { entityIds: 4 } },
    ],
  };
}

function checkSame(
  { mini, index, entities }: ReturnType<typeof indexes>,
  questions: string[],
): number {
  let compared = 0;
  for (const q of questions) {
    const searchTerms = [...new Set(terms(q))];
    const entityIds = entities.mentionsIn(q).map((m) => m.entity.id);
    const spec = query(searchTerms, entityIds);
    const expected = mini.search(spec as unknown as Parameters<typeof mini.search>[0]);
    const got = index.search(spec);
    expect(
      got.map((r) => r.id),
      q,
    ).toEqual(expected.map((r) => r.id));
    expect(
      got.map((r) => r.score),
      q,
    ).toEqual(expected.map((r) => r.score));
    expect(
      got.map((r) => r.match),
      q,
    ).toEqual(expected.map((r) => r.match));
    compared += expected.length;
  }
  return compared;
}

/** Every pattern's best `n` by score, first matched first among equals, from the full results. */
function bestPerPattern(all: TermResult[], n: number, tagsOf: (id: number) => string): number[] {
  const count = new Map<string, number>();
  const kept: number[] = [];
  for (const r of all) {
    const key = `${Object.keys(r.match).sort().join(" ")}|${tagsOf(r.id)}`;
    const seen = count.get(key) ?? 0;
    if (seen < n) kept.push(r.id);
    count.set(key, seen + 1);
  }
  return kept;
}

describe("TermIndex", () => {
  it("scores the real knowledge exactly as MiniSearch does", () => {
    const { base } = knowledge();
    const questions = readQuestions(path.resolve(import.meta.dirname, "../eval/questions.yaml"));
    const compared = checkSame(
      indexes(base),
      questions.map((q) => q.q),
    );
    expect(compared).toBeGreaterThan(100);
  });

  it("scores synthetic knowledge exactly as MiniSearch does", () => {
    const set = generateKnowledge({ facts: 1500, queries: 150, warmup: 0 });
    checkSame(
      indexes(set.base),
      set.queries.map((q) => q.q),
    );
  });

  it("keeps the best documents of each match pattern", () => {
    const set = generateKnowledge({ facts: 1500, queries: 150, warmup: 0 });
    const { index, entities } = indexes(set.base);
    const topics = [...set.base.topics.keys()];
    for (const [i, q] of set.queries.entries()) {
      const spec = query(
        [...new Set(terms(q.q))],
        entities.mentionsIn(q.q).map((m) => m.entity.id),
      );
      const tags = topics.slice(i % topics.length, (i % topics.length) + 2);
      const all = index.search(spec);
      const pruned = index.search(spec, { perPattern: 3, tags });
      const tagsOf = (id: number) =>
        tags.filter((t) => set.base.facts[id]?.topics.includes(t)).join(" ");
      expect(pruned.map((r) => r.id)).toEqual(bestPerPattern(all, 3, tagsOf));
      expect(pruned.map((r) => r.score)).toEqual(
        all.filter((r) => pruned.some((p) => p.id === r.id)).map((r) => r.score),
      );
    }
  });
});
