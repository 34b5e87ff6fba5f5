/**
 * Answers a free question from the facts: the best fact first, at most two supporting facts,
 * each cited. When even the best fact covers too little of the question, it says the sources
 * don't cover it and offers what they do cover, rather than dressing up an unrelated fact.
 */
import { type Reply, type ReplyPoint, reply } from "../core/reply.ts";
import type { Knowledge } from "../knowledge/knowledge.ts";
import type { FactHit } from "../search/types.ts";
import { CitationList, citationFor, shortReference } from "./cite.ts";
import { describeDisagreement, disagreementsWith } from "./disagree.ts";

/** The best fact must cover at least this share of the question's weighted meaning. */
export const MIN_COVERAGE = 0.5;
const MAX_SUPPORTING = 2;

export function answerQuestion(knowledge: Knowledge, question: string): Reply {
  const result = knowledge.search.search(question, { limit: 10 });
  const [best, ...rest] = result.hits;
  if (!best || !isRelevant(best)) return abstain(knowledge, question, result);

  const citations = new CitationList(knowledge.base);
  const lead = citations.point(best.fact, { dated: false });
  const reference = shortReference(citationFor(knowledge.base, best.fact));
  const supporting = rest
    .filter((hit) => isSupporting(hit, best) && hit.fact.text !== best.fact.text)
    .slice(0, MAX_SUPPORTING)
    .map((hit): ReplyPoint => citations.point(hit.fact));
  // Another source dating the same thing differently: show both dates, each with its source.
  const disputed = disagreementsWith(knowledge, best.fact).map(
    (d): ReplyPoint => ({
      text: describeDisagreement(knowledge, d),
      cites: [citations.cite(d.fact), citations.cite(d.other)],
    }),
  );

  return reply({
    kind: "answer",
    title: titleFor(question),
    lead: `${lead.text} (${reference})`,
    sections: [
      ...(supporting.length > 0 ? [{ heading: "Also", points: supporting }] : []),
      ...(disputed.length > 0
        ? [{ heading: "The sources disagree on the date", points: disputed }]
        : []),
    ],
    citations: citations.citations,
  });
}

/** Relevant enough to state as an answer: covers most of the question, not just its names. */
export function isRelevant(hit: FactHit): boolean {
  return hit.coverage >= MIN_COVERAGE && hit.coversWords;
}

/** Supporting facts answer nearly as much of the question as the best one, not merely touch it. */
function isSupporting(hit: FactHit, best: FactHit): boolean {
  return isRelevant(hit) && hit.coverage >= best.coverage - 0.15 && hit.score >= best.score * 0.5;
}

function abstain(
  knowledge: Knowledge,
  question: string,
  result: ReturnType<Knowledge["search"]["search"]>,
): Reply {
  const suggestions = [
    ...result.mentions.map(({ entity }) =>
      entity.kind === "militia" ? `/militia ${entity.name}` : `/who ${entity.name}`,
    ),
    ...result.topics.map((topic) => `/briefing ${topic.id}`),
  ];
  const unknown = result.unknownWords.slice(0, 3).map((w) => `"${w}"`);
  const sources = [...knowledge.base.sources.values()].map((s) => s.series ?? s.title).join(", ");
  return reply({
    kind: "abstain",
    title: titleFor(question),
    lead: `The sources don't cover that${unknown.length ? ` (nothing on ${unknown.join(", ")})` : ""}. I only answer from ${sources}.`,
    suggestions:
      suggestions.length > 0
        ? [...new Set(suggestions)].slice(0, 4)
        : ["/briefing overview", "/militia", "/airspace", "/help"],
  });
}

function titleFor(question: string): string {
  const trimmed = question.trim();
  return trimmed.length > 120 ? `${trimmed.slice(0, 119)}…` : trimmed;
}
