/**
 * Typo correction: right on real words, and the same choice as the plain algorithm it speeds up
 * (every term sharing enough letter pairs, closest first, then the most common, then the first
 * met pair by pair), on the real knowledge and on synthetic knowledge.
 */
import { describe, expect, it } from "vitest";
import { Random } from "../../bench/random.ts";
import { generateKnowledge } from "../../bench/synthetic.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { TermIndexBuilder } from "../../src/search/term-index.ts";
import { stem, terms } from "../../src/search/text.ts";
import { editDistance, Vocabulary } from "../../src/search/vocabulary.ts";
import { knowledge } from "../support/knowledge.ts";

function documents(base: KnowledgeBase): string[][] {
  return base.facts.map((f) => [...terms(f.text), ...terms(f.quote)]);
}

function pairs(term: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < term.length; i++) out.push(term.slice(i, i + 2));
  return out;
}

/** The straightforward version: look at every known term. */
class PlainVocabulary {
  readonly frequency = new Map<string, number>();
  private readonly pairsOf = new Map<string, string[]>();

  constructor(docs: string[][]) {
    for (const doc of docs) {
      for (const t of new Set(doc)) this.frequency.set(t, (this.frequency.get(t) ?? 0) + 1);
    }
    for (const t of this.frequency.keys()) this.pairsOf.set(t, pairs(t));
  }

  correct(term: string): string | undefined {
    if (term.length < 4 || /\d/.test(term)) return undefined;
    const maxEdits = term.length >= 8 ? 2 : 1;
    const needed = Math.max(1, term.length - 1 - 2 * maxEdits);
    const termPairs = [...new Set(pairs(term))];
    const met: { candidate: string; first: number; order: number }[] = [];
    let order = 0;
    for (const candidate of this.frequency.keys()) {
      const candidatePairs = this.pairsOf.get(candidate) ?? [];
      let shared = 0;
      let first = -1;
      for (const [p, pair] of termPairs.entries()) {
        const times = candidatePairs.filter((x) => x === pair).length;
        if (times > 0 && first < 0) first = p;
        shared += times;
      }
      if (first >= 0) met.push({ candidate, first, order: order++ });
      if (first >= 0 && shared < needed) met.pop();
    }
    met.sort((a, b) => a.first - b.first || a.order - b.order);
    let best: string | undefined;
    let bestDistance = maxEdits + 1;
    for (const { candidate } of met) {
      if (Math.abs(candidate.length - term.length) > maxEdits) continue;
      const d = editDistance(term, candidate);
      const f = (t: string) => this.frequency.get(t) ?? 0;
      if (
        d < bestDistance ||
        (d === bestDistance && best !== undefined && f(candidate) > f(best))
      ) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= maxEdits ? best : undefined;
  }
}

function typos(random: Random, word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) {
    out.push(word.slice(0, i) + word.slice(i + 1));
    const letter = "abcdefghijklmnopqrstuvwxyz"[random.int(26)] ?? "e";
    out.push(word.slice(0, i) + letter + word.slice(i + 1));
    if (i + 1 < word.length) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return out;
}

function vocabularies(docs: string[][]) {
  const fast = new Vocabulary();
  for (const doc of docs) fast.addDocument(doc);
  return { fast, plain: new PlainVocabulary(docs) };
}

describe("Vocabulary", () => {
  const { base } = knowledge();
  const { fast, plain } = vocabularies(documents(base));

  it("corrects typos to the knowledge's words", () => {
    expect(fast.correct(stem("knigths"))).toBe(stem("knights"));
    expect(fast.correct(stem("militais"))).toBe(stem("militias"));
    expect(fast.correct(stem("airspcae"))).toBe(stem("airspace"));
    expect(fast.correct(stem("radras"))).toBe(stem("radars"));
    expect(fast.correct("zzzzqqq")).toBeUndefined();
    expect(fast.correct("war")).toBeUndefined();
  });

  it("weighs rare words more than common ones", () => {
    expect(fast.weight(stem("pantsir"))).toBeGreaterThan(fast.weight(stem("iraq")));
    expect(fast.weight("neverseenword")).toBeGreaterThan(fast.weight(stem("pantsir")));
  });

  it("chooses as the plain algorithm does, on the real knowledge", () => {
    const random = new Random(7);
    let corrected = 0;
    for (const word of [...plain.frequency.keys()].filter((w) => w.length >= 4)) {
      for (const typo of typos(random, word)) {
        const expected = plain.correct(typo);
        expect(fast.correct(typo), typo).toBe(expected);
        if (expected) corrected++;
      }
    }
    expect(corrected).toBeGreaterThan(1000);
  });

  it("chooses as the plain algorithm does, on synthetic knowledge", () => {
    const set = generateKnowledge({ facts: 1000, queries: 0, warmup: 0 });
    const docs = documents(set.base);
    const synthetic = vocabularies(docs);
    const random = new Random(11);
    const words = [...synthetic.plain.frequency.keys()].filter((w) => w.length >= 4);
    for (let i = 0; i < 60; i++) {
      const word = words[random.int(words.length)] ?? "";
      for (const typo of typos(random, word)) {
        expect(synthetic.fast.correct(typo), typo).toBe(synthetic.plain.correct(typo));
      }
    }
    // The plain algorithm is slow by design (it is the reference): 6 s alone, far more on a
    // machine that is busy with other tests.
  }, 60_000);
});

describe("Vocabulary.fromFrequencies", () => {
  it("is the vocabulary of the same documents added one by one", () => {
    const set = generateKnowledge({ facts: 1000, queries: 0, warmup: 0 });
    // Two counted fields and one left out, as the fact index leaves out entity ids.
    const docs = set.base.facts.map((f) => ({
      text: terms(f.text),
      quote: terms(f.quote),
      ids: f.entities,
    }));
    const builder = new TermIndexBuilder(["text", "quote", "ids"]);
    for (const doc of docs) builder.add(doc);
    const counted = Vocabulary.fromFrequencies(builder.frequencies(["text", "quote"]), docs.length);
    const added = new Vocabulary();
    for (const doc of docs) added.addDocument([...doc.text, ...doc.quote]);

    const all = [...new Set(docs.flatMap((d) => [...d.text, ...d.quote, ...d.ids]))];
    for (const term of all) {
      expect(counted.has(term), term).toBe(added.has(term));
      expect(counted.weight(term), term).toBe(added.weight(term));
    }
    const random = new Random(13);
    const words = all.filter((w) => w.length >= 4);
    for (let i = 0; i < 60; i++) {
      for (const typo of typos(random, words[random.int(words.length)] ?? "")) {
        expect(counted.correct(typo), typo).toBe(added.correct(typo));
      }
    }
  });
});
