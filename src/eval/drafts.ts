/**
 * Scores draft facts with the evaluation set written for curated ones. The set names curated
 * fact ids; a draft stands in for a curated answer when both quote the same words of the same
 * paragraph: their quotes overlap by at least half of the shorter one. So a draft of the whole
 * sentence counts for a curated fact quoting a clause of it, and a clause counts for a curated
 * quote spanning it.
 */
import type { Fact, KnowledgeBase } from "../knowledge/types.ts";
import type { EvalQuestion } from "./evaluate.ts";

const MIN_OVERLAP = 0.5;

export function retargetQuestions(
  questions: readonly EvalQuestion[],
  curated: KnowledgeBase,
  other: KnowledgeBase,
): EvalQuestion[] {
  return questions.map((question) => {
    if (!("answers" in question)) return question;
    const answers = question.answers.flatMap((id) => {
      const fact = curated.factsById.get(id);
      return fact ? equivalents(fact, curated, other).map((f) => f.id) : [];
    });
    // A question no draft can answer keeps an id nothing has: it counts as a miss.
    return { q: question.q, answers: answers.length > 0 ? [...new Set(answers)] : ["(none)"] };
  });
}

/** Facts of `other` that quote the same words as `fact`, found by paragraph text. */
export function equivalents(fact: Fact, from: KnowledgeBase, other: KnowledgeBase): Fact[] {
  const text = from.sources.get(fact.source)?.paragraphs.find((p) => p.n === fact.paragraph)?.text;
  if (!text) return [];
  const start = text.indexOf(fact.quote);
  if (start < 0) return [];
  const end = start + fact.quote.length;
  return other.facts.filter((candidate) => {
    const paragraph = other.sources
      .get(candidate.source)
      ?.paragraphs.find((p) => p.n === candidate.paragraph)?.text;
    if (paragraph !== text) return false;
    const from2 = paragraph.indexOf(candidate.quote);
    if (from2 < 0) return false;
    const overlap = Math.min(end, from2 + candidate.quote.length) - Math.max(start, from2);
    return overlap >= MIN_OVERLAP * Math.min(fact.quote.length, candidate.quote.length);
  });
}
