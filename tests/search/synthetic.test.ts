/** The benchmark's synthetic knowledge: the same seed gives the same data, shaped as promised. */
import { describe, expect, it } from "vitest";
import { generateKnowledge } from "../../bench/synthetic.ts";
import { normalize } from "../../src/search/text.ts";

const snapshot = (seed?: number) => {
  const set = generateKnowledge({
    facts: 300,
    queries: 200,
    warmup: 20,
    ...(seed ? { seed } : {}),
  });
  return {
    facts: set.base.facts,
    entities: [...set.base.entities.values()],
    topics: [...set.base.topics.values()],
    sources: [...set.base.sources.values()],
    synonyms: set.base.synonyms,
    queries: set.queries.map((q) => ({ ...q, answers: [...q.answers] })),
    warmup: set.warmup.map((q) => q.q),
    stats: set.stats,
  };
};

describe("synthetic knowledge", () => {
  it("is the same for the same seed", () => {
    expect(snapshot()).toEqual(snapshot());
  });

  it("differs for another seed", () => {
    expect(snapshot(7).queries.map((q) => q.q)).not.toEqual(snapshot().queries.map((q) => q.q));
  });

  it("has the promised shape", () => {
    const set = generateKnowledge({ facts: 2000, queries: 600, warmup: 0 });
    const { base, queries } = set;
    expect(base.facts).toHaveLength(2000);
    expect(base.sources.size).toBeGreaterThan(3);
    expect(set.stats.datedFacts / 2000).toBeGreaterThan(0.3);
    // Aliases are unique across entities, and facts cite entities and topics that exist.
    const owner = new Map<string, string>();
    for (const e of base.entities.values()) {
      for (const alias of new Set([e.name, ...e.aliases].map(normalize))) {
        expect(owner.get(alias) ?? e.id, alias).toBe(e.id);
        owner.set(alias, e.id);
      }
    }
    for (const f of base.facts) {
      for (const id of f.entities) expect(base.entities.has(id)).toBe(true);
      for (const id of f.topics) expect(base.topics.has(id)).toBe(true);
      const paragraph = base.sources.get(f.source)?.paragraphs.find((p) => p.n === f.paragraph);
      expect(paragraph?.text).toContain(f.quote);
    }
    // The question mix: 1 to 6 words, about a third mistyped, some off-topic, some abbreviations.
    for (const q of queries) {
      const count = q.q.split(" ").length;
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(6);
      if (q.offTopic) expect(q.answers.size).toBe(0);
      else expect(q.answers.size).toBeGreaterThan(0);
      for (const id of q.answers) expect(base.factsById.has(id)).toBe(true);
    }
    const share = (test: (q: (typeof queries)[number]) => boolean) =>
      queries.filter(test).length / queries.length;
    expect(share((q) => q.typo)).toBeGreaterThan(0.25);
    expect(share((q) => q.typo)).toBeLessThan(0.4);
    expect(share((q) => q.offTopic)).toBeGreaterThan(0.05);
    expect(share((q) => q.abbreviation)).toBeGreaterThan(0.02);
  });
});
