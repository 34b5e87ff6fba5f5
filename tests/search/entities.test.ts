/**
 * The shortlist in front of fuse.js must not change what fuse.js finds: every mention and every
 * lookup found with the shortlist is the one found by fuse.js over all aliases, on the real
 * knowledge (typed right, mistyped, transliterated) and on synthetic knowledge.
 */
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Random } from "../../bench/random.ts";
import { generateKnowledge } from "../../bench/synthetic.ts";
import { readQuestions } from "../../src/eval/evaluate.ts";
import type { Entity } from "../../src/knowledge/types.ts";
import { EntityIndex } from "../../src/search/entities.ts";
import { FuzzyShortlist } from "../../src/search/fuzzy-shortlist.ts";
import { normalize } from "../../src/search/text.ts";
import { knowledge } from "../support/knowledge.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs `f` with every shortlist search replaced by fuse.js over the whole collection. */
function withoutShortlist<T>(f: () => T): T {
  const spy = vi.spyOn(FuzzyShortlist.prototype, "search").mockImplementation(function (
    this: FuzzyShortlist<unknown>,
    pattern,
    options,
  ) {
    return this.searchAll(pattern, { limit: options.limit });
  });
  try {
    return f();
  } finally {
    spy.mockRestore();
  }
}

function mistypings(random: Random, text: string, count: number): string[] {
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const i = random.int(text.length);
    const letter = "abcdefghijklmnopqrstuvwxyz"[random.int(26)] ?? "e";
    const kind = random.int(4);
    out.push(
      kind === 0
        ? text.slice(0, i) + text.slice(i + 1)
        : kind === 1
          ? text.slice(0, i) + letter + text.slice(i + 1)
          : kind === 2
            ? text.slice(0, i) + letter + text.slice(i)
            : text.slice(0, i) + (text[i + 1] ?? "") + (text[i] ?? "") + text.slice(i + 2),
    );
  }
  return out;
}

/** Questions that name entities every way people type them. */
function questionsAbout(entities: Entity[], seed: number, perAlias: number): string[] {
  const random = new Random(seed);
  const questions: string[] = [];
  for (const entity of entities) {
    for (const alias of [entity.name, ...entity.aliases]) {
      const plain = normalize(alias);
      questions.push(`who is ${alias}`);
      for (const typo of mistypings(random, plain, perAlias)) {
        questions.push(`what did ${typo} do`, `${typo} attacks`, typo);
      }
    }
  }
  return questions;
}

function compare(index: EntityIndex, questions: string[]): number {
  const mention = (q: string) =>
    index.mentionsIn(q).map((m) => `${m.entity.id}:${m.words.join(" ")}:${m.exact}`);
  const lookup = (q: string) => index.lookup(q, { limit: 25 }).map((e) => e.id);
  const fast = questions.map((q) => [mention(q), lookup(q)]);
  const slow = withoutShortlist(() => questions.map((q) => [mention(q), lookup(q)]));
  expect(fast).toEqual(slow);
  return fast.filter(([m]) => (m?.length ?? 0) > 0).length;
}

describe("EntityIndex with the fuzzy shortlist", () => {
  it("finds what fuse.js over all aliases finds, on the real knowledge", () => {
    const { base, search } = knowledge();
    const entities = [...base.entities.values()];
    const asked = readQuestions(path.resolve(import.meta.dirname, "../eval/questions.yaml")).map(
      (q) => q.q,
    );
    const found = compare(search.entities, [...asked, ...questionsAbout(entities, 3, 1)]);
    expect(found).toBeGreaterThan(300);
  }, 60_000);

  it("finds what fuse.js over all aliases finds, on synthetic knowledge", () => {
    const set = generateKnowledge({ facts: 2000, queries: 200, warmup: 0 });
    const entities = [...set.base.entities.values()];
    const index = new EntityIndex(entities);
    const found = compare(index, [
      ...set.queries.map((q) => q.q),
      ...questionsAbout(entities.slice(0, 30), 5, 2),
    ]);
    expect(found).toBeGreaterThan(100);
  }, 60_000);

  it("returns fuse.js's own results, item for item, for a lookup", () => {
    const { base } = knowledge();
    const entries = [...base.entities.values()].flatMap((entity) =>
      [entity.name, ...entity.aliases].map((a) => ({ alias: normalize(a), entity })),
    );
    const options = {
      keys: ["alias"],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.3,
      minMatchCharLength: 2,
    };
    const shortlist = new FuzzyShortlist(entries, options, (e) => e.alias);
    const random = new Random(9);
    for (const { alias } of entries) {
      for (const typo of [alias, alias.slice(0, 3), ...mistypings(random, alias, 3)]) {
        expect(shortlist.search(typo, { limit: 100 }), typo).toEqual(
          shortlist.searchAll(typo, { limit: 100 }),
        );
      }
    }
  });
});
