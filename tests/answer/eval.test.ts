/**
 * Answer quality on the evaluation set (tests/eval/questions.yaml): varied phrasing, typos,
 * abbreviations, transliterations, and out-of-scope questions that must be declined.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate, readQuestions } from "../../src/eval/evaluate.ts";
import { knowledge } from "../support/knowledge.ts";

const questions = readQuestions(path.resolve(import.meta.dirname, "../eval/questions.yaml"));
const report = evaluate(knowledge(), questions);

describe("evaluation set", () => {
  it("has at least 60 questions, in scope and out of scope, naming facts that exist", () => {
    expect(report.inScope + report.outOfScope).toBeGreaterThanOrEqual(60);
    expect(report.outOfScope).toBeGreaterThanOrEqual(10);
    for (const q of questions) {
      if ("answers" in q)
        for (const id of q.answers) expect(knowledge().base.factsById.has(id), id).toBe(true);
    }
  });

  it("answers in-scope questions with a right fact first at least 90% of the time", () => {
    console.log(
      `recall@1 ${report.recallAt1.toFixed(3)}, recall@3 ${report.recallAt3.toFixed(3)}, MRR ${report.mrr.toFixed(3)}, ` +
        `out-of-scope declined ${report.abstention.toFixed(3)}, in-scope wrongly declined ${report.falseAbstention.toFixed(3)}`,
    );
    expect(report.recallAt1).toBeGreaterThanOrEqual(0.9);
    expect(report.recallAt3).toBeGreaterThanOrEqual(0.93);
  });

  it("declines out-of-scope questions rather than dressing up an unrelated fact", () => {
    expect(report.abstention).toBeGreaterThanOrEqual(0.9);
    expect(report.falseAbstention).toBeLessThanOrEqual(0.05);
  });
});
