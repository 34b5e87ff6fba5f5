/**
 * The term index returns only the best few facts of each match pattern (`perPattern`). The
 * search must answer exactly as if it had ranked every matching fact: same facts, same order,
 * same scores and coverage, on the real knowledge and on synthetic knowledge. If this fails after
 * a change to the ranking, the ranking has started to depend on something the pattern does not
 * capture: pass it to the term index as a tag, or drop `perPattern`.
 */
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { generateKnowledge } from "../../bench/synthetic.ts";
import { readQuestions } from "../../src/eval/evaluate.ts";
import { buildKnowledge, type Knowledge } from "../../src/knowledge/knowledge.ts";
import { TermIndex } from "../../src/search/term-index.ts";
import { knowledge } from "../support/knowledge.ts";

function answers(k: Knowledge, questions: string[]) {
  return questions.map((q) =>
    k.search.search(q, { limit: 10 }).hits.map((h) => ({ ...h, fact: h.fact.id })),
  );
}

function unpruned<T>(f: () => T): T {
  const original = TermIndex.prototype.search;
  const spy = vi.spyOn(TermIndex.prototype, "search").mockImplementation(function (
    this: TermIndex,
    query,
    options = {},
  ) {
    const { perPattern: _, ...rest } = options;
    return original.call(this, query, rest);
  });
  try {
    return f();
  } finally {
    spy.mockRestore();
  }
}

describe("FactIndex with per-pattern pruning", () => {
  it("answers the evaluation questions as if it ranked every fact", () => {
    const questions = readQuestions(
      path.resolve(import.meta.dirname, "../eval/questions.yaml"),
    ).map((q) => q.q);
    const k = knowledge();
    expect(answers(k, questions)).toEqual(unpruned(() => answers(k, questions)));
  });

  it("answers synthetic questions as if it ranked every fact", () => {
    const set = generateKnowledge({ facts: 3000, queries: 400, warmup: 0 });
    const k = buildKnowledge(set.base);
    const questions = set.queries.map((q) => q.q);
    const pruned = answers(k, questions);
    expect(pruned).toEqual(unpruned(() => answers(k, questions)));
    expect(pruned.filter((hits) => hits.length > 0).length).toBeGreaterThan(300);
  }, 60_000);
});
