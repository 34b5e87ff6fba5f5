/**
 * Answers a free question from the facts: the best fact first, at most two supporting facts,
 * each cited. The question is read first (src/search/question.ts): a fact answers only if it can
 * carry the kind of answer asked for (a number for "how many", a date for "when"). When no fact
 * does, it says the sources don't cover it and offers what they do cover, rather than dressing
 * up an unrelated fact.
 */
import { type Reply, type ReplyPoint, reply } from "../core/reply.ts";
import type { Knowledge } from "../knowledge/knowledge.ts";
import { type AnswerType, analyseQuestion, type QuestionAnalysis } from "../search/question.ts";
import { normalize } from "../search/text.ts";
import type { FactHit, SearchResult } from "../search/types.ts";
import { chatReply } from "./chat-words.ts";
import { CitationList, citationFor, shortReference } from "./cite.ts";
import { describeDisagreement, disagreementsWith } from "./disagree.ts";
import { answers, isRelevant, reasonsOf, STRICT_TYPES, typesOf } from "./fit.ts";
import { byReadingOrder } from "./select.ts";
import { answerAboutSource } from "./source-questions.ts";
import { sourcesNamed } from "./source-reference.ts";

const MAX_SUPPORTING = 2;

export function answerQuestion(knowledge: Knowledge, question: string): Reply {
  const chat = chatReply(question);
  if (chat) return chat;
  const { analysis, result, answering, best } = rankAnswers(knowledge, question);
  if (analysis.aboutSource || analysis.answerType === "gist") {
    const aboutSource = answerAboutSource(knowledge, question, analysis, result);
    if (aboutSource) return aboutSource;
  }
  const identity = analysis.identity ? describeNamed(knowledge, question, result) : undefined;
  if (identity) return identity;
  if (!best) return abstain(knowledge, question, result, analysis);
  return factAnswer(knowledge, question, best, answering, analysis);
}

export interface RankedAnswers {
  analysis: QuestionAnalysis;
  result: SearchResult;
  /** The hits that answer the question, best first. */
  answering: FactHit[];
  /** The lead: undefined when no fact answers. */
  best?: FactHit;
}

/** The decision behind /ask, without the wording: what was asked and which facts answer it. */
export function rankAnswers(knowledge: Knowledge, question: string): RankedAnswers {
  const analysis = analyseQuestion(question, (word) => knowledge.search.factsUsing(word));
  // "per the joint statement": that source's facts, searched without the words naming it.
  const named = analysis.sourceWords ? sourcesNamed(knowledge, analysis.sourceWords) : undefined;
  const searchText = named
    ? analysis.searchText.replace(new RegExp(`\\b(?:${named.naming.join("|")})\\b`, "gi"), " ")
    : analysis.searchText;
  const result = knowledge.search.search(searchText, {
    limit: 10,
    focus: analysis.focus,
    asked: analysis.asked,
  });
  // A particular place or person the sources never name ("did turkey close its airspace"):
  // whatever else the question shares with them, they don't answer it.
  const namesUnknown = result.units?.some((u) => u.unknownName) ?? false;
  const fitting = namesUnknown
    ? []
    : result.hits.filter((hit) => answers(knowledge, hit, analysis));
  const fromNamed = named ? fitting.filter((hit) => named.sources.has(hit.fact.source)) : [];
  const answering = fromNamed.length > 0 ? fromNamed : fitting;
  return { analysis, result, answering, best: pickLead(knowledge, answering, analysis) };
}

/**
 * The lead: the best answering hit. For "why", a fact that gives the reason beats one that only
 * states what happened, when both answer nearly as well.
 */
function pickLead(
  knowledge: Knowledge,
  answering: FactHit[],
  analysis: QuestionAnalysis,
): FactHit | undefined {
  const [best] = answering;
  const type = analysis.answerType;
  if (best && type === "reason") {
    // The curators' relation first: the fact that gives the reason for the best match.
    const reason = reasonsOf(knowledge).get(best.fact.id);
    if (reason) return { ...best, fact: reason };
  }
  if (!best || STRICT_TYPES.has(type) || typesOf(knowledge, best.fact).has(type)) return best;
  const fitting = answering.find(
    (h) =>
      h.coverage >= best.coverage - (type === "reason" ? REASON_MARGIN : TYPE_MARGIN) &&
      (typesOf(knowledge, h.fact).has(type) || (type === "reason" && h.fact.explains)),
  );
  return fitting ?? best;
}

/** How much less of the question a fact of the kind asked for may cover and still lead. */
const TYPE_MARGIN = 0.15;
/** For "why", a fact that gives a reason matters more: it may cover this much less. */
const REASON_MARGIN = 0.25;

function factAnswer(
  knowledge: Knowledge,
  question: string,
  best: FactHit,
  answering: FactHit[],
  analysis: QuestionAnalysis,
): Reply {
  // A list ("what are the three implications") takes every fact that answers, not only the
  // ones that answer nearly as well as the lead, and gives them in the article's order.
  const isList = analysis.answerType === "list";
  const others = answering
    .filter((hit) => hit.fact !== best.fact && (isList || isSupporting(hit, best)))
    .slice(0, isList ? Math.max(MAX_SUPPORTING, (analysis.listSize ?? 3) - 1) : MAX_SUPPORTING)
    .map((hit) => hit.fact);
  const [first = best.fact, ...rest] = isList
    ? [best.fact, ...others].sort(byReadingOrder)
    : [best.fact, ...others];
  const citations = new CitationList(knowledge.base);
  const lead = citations.point(first, { dated: false });
  const reference = shortReference(citationFor(knowledge.base, first));
  const supporting = rest.map((fact): ReplyPoint => citations.point(fact));
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

/** Supporting facts answer nearly as much of the question as the best one, not merely touch it. */
function isSupporting(hit: FactHit, best: FactHit): boolean {
  return isRelevant(hit) && hit.coverage >= best.coverage - 0.15 && hit.score >= best.score * 0.5;
}

/**
 * "who is KH": what the sources say the named thing is, from its cited description, then the
 * best fact about it. Only when the question names one thing and asks nothing else.
 */
function describeNamed(
  knowledge: Knowledge,
  question: string,
  result: SearchResult,
): Reply | undefined {
  const named = [...new Map(result.mentions.map((m) => [m.entity.id, m.entity])).values()];
  const [entity] = named;
  const asksMore = (result.units ?? []).some((u) => !u.entityId);
  if (named.length !== 1 || !entity || asksMore) return undefined;
  const citations = new CitationList(knowledge.base);
  const description = citations.describe(entity);
  // Another fact about it in the article's own words: "Knights says ..." is by the author, not
  // about him.
  const names = [entity.name, ...entity.aliases].map((n) => ` ${normalize(n)} `);
  const about = result.hits.find(
    (h) =>
      isRelevant(h) &&
      h.fact.entities.includes(entity.id) &&
      names.some((n) => ` ${normalize(h.fact.quote)} `.includes(n)) &&
      // Not the sentence the description already quotes.
      !entity.quote.includes(h.fact.quote) &&
      !h.fact.quote.includes(entity.quote),
  );
  const reference = shortReference(citations.citations[0] as (typeof citations.citations)[number]);
  return reply({
    kind: "answer",
    title: titleFor(question),
    lead: `${entity.name}: ${description.text} (${reference})`,
    sections: about ? [{ heading: "Also", points: [citations.point(about.fact)] }] : [],
    citations: citations.citations,
  });
}

const WANTED: Partial<Record<AnswerType, string>> = {
  quantity: "how many",
  money: "how much it cost",
  duration: "how long",
  date: "when",
  place: "where",
  actor: "who",
};

function abstain(
  knowledge: Knowledge,
  question: string,
  result: SearchResult,
  analysis: QuestionAnalysis,
): Reply {
  const suggestions = [
    ...result.mentions.map(({ entity }) =>
      entity.kind === "militia" ? `/militia ${entity.name}` : `/who ${entity.name}`,
    ),
    ...result.topics.map((topic) => `/briefing ${topic.id}`),
  ];
  const unknown = result.unknownWords.slice(0, 3).map((w) => `"${w}"`);
  // The words were found, but no fact says what was asked: say which part is missing.
  const wanted = WANTED[analysis.answerType];
  const onTopic = result.hits.some(isRelevant);
  const why = unknown.length
    ? ` (nothing on ${unknown.join(", ")})`
    : onTopic && wanted
      ? ` (they don't say ${wanted})`
      : "";
  const sources = [...knowledge.base.sources.values()].map((s) => s.series ?? s.title).join(", ");
  return reply({
    kind: "abstain",
    title: titleFor(question),
    lead: `The sources don't cover that${why}. I only answer from ${sources}.`,
    suggestions:
      suggestions.length > 0
        ? [...new Set(suggestions)].slice(0, 4)
        : ["/briefing overview", "/militia", "/airspace", "/help"],
  });
}

export function titleFor(question: string): string {
  const trimmed = question.trim();
  return trimmed.length > 120 ? `${trimmed.slice(0, 119)}…` : trimmed;
}
