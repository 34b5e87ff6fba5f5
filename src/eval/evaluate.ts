/**
 * Measures answer quality on a question set: recall@1 and recall@3 (is a right fact first, or
 * among the first three, when the bot answers at all), mean reciprocal rank, and whether
 * out-of-scope questions are declined. Used by the tests and by `npm run eval`.
 */
import { readFileSync } from "node:fs";
import YAML from "yaml";
import { z } from "zod";
import { answerQuestion } from "../answer/answer.ts";
import type { Knowledge } from "../knowledge/knowledge.ts";

export const EvalQuestionSchema = z.union([
  z.strictObject({ q: z.string().min(1), answers: z.array(z.string()).min(1) }),
  z.strictObject({ q: z.string().min(1), out_of_scope: z.literal(true) }),
]);
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

export function readQuestions(file: string): EvalQuestion[] {
  return z.array(EvalQuestionSchema).parse(YAML.parse(readFileSync(file, "utf8")));
}

export interface QuestionOutcome {
  q: string;
  /** 1-based rank of the first right fact among the answer's facts; undefined if none. */
  rank?: number;
  answered: boolean;
  got: string[];
}

export interface EvalReport {
  inScope: number;
  outOfScope: number;
  recallAt1: number;
  recallAt3: number;
  mrr: number;
  /** Share of out-of-scope questions the bot declined. */
  abstention: number;
  /** Share of in-scope questions the bot wrongly declined. */
  falseAbstention: number;
  misses: QuestionOutcome[];
  wrongAnswers: QuestionOutcome[];
}

export function evaluate(knowledge: Knowledge, questions: EvalQuestion[]): EvalReport {
  const misses: QuestionOutcome[] = [];
  const wrongAnswers: QuestionOutcome[] = [];
  let hit1 = 0;
  let hit3 = 0;
  let reciprocal = 0;
  let declined = 0;
  let falselyDeclined = 0;
  const inScope = questions.filter((q) => "answers" in q);
  for (const question of questions) {
    const reply = answerQuestion(knowledge, question.q);
    const answered = reply.kind === "answer";
    // The answer's facts in order (lead, then supporting), then the rest of the ranking.
    const ranked = answered
      ? [
          ...reply.citations.flatMap((c) => (c.factId ? [c.factId] : [])),
          ...knowledge.search.search(question.q, { limit: 10 }).hits.map((h) => h.fact.id),
        ].filter((id, i, all) => all.indexOf(id) === i)
      : [];
    if (!("answers" in question)) {
      if (answered) wrongAnswers.push({ q: question.q, answered, got: ranked.slice(0, 3) });
      else declined++;
      continue;
    }
    const index = ranked.findIndex((id) => question.answers.includes(id));
    const rank = index >= 0 ? index + 1 : undefined;
    if (!answered) falselyDeclined++;
    if (rank === 1) hit1++;
    if (rank !== undefined && rank <= 3) hit3++;
    if (rank !== undefined && rank <= 10) reciprocal += 1 / rank;
    if (rank !== 1)
      misses.push({ q: question.q, ...(rank ? { rank } : {}), answered, got: ranked.slice(0, 3) });
  }
  const outOfScope = questions.length - inScope.length;
  return {
    inScope: inScope.length,
    outOfScope,
    recallAt1: hit1 / Math.max(1, inScope.length),
    recallAt3: hit3 / Math.max(1, inScope.length),
    mrr: reciprocal / Math.max(1, inScope.length),
    abstention: declined / Math.max(1, outOfScope),
    falseAbstention: falselyDeclined / Math.max(1, inScope.length),
    misses,
    wrongAnswers,
  };
}
