/**
 * Questions about a source itself: who wrote it, when and by whom it was published, what it is
 * about. The details come from the source's record (source.yaml); its point comes from its key
 * facts, each cited, in reading order.
 */
import { type Reply, reply } from "../core/reply.ts";
import { formatDate } from "../knowledge/dates.ts";
import type { Knowledge } from "../knowledge/knowledge.ts";
import type { Fact, Source } from "../knowledge/types.ts";
import type { QuestionAnalysis } from "../search/question.ts";
import { terms } from "../search/text.ts";
import type { SearchResult } from "../search/types.ts";
import { CitationList, shortReference } from "./cite.ts";
import { byReadingOrder } from "./select.ts";

/** Key points a gist answer gives: the lead and two more. */
const GIST_POINTS = 3;

export function answerAboutSource(
  knowledge: Knowledge,
  question: string,
  analysis: QuestionAnalysis,
  result: SearchResult,
): Reply | undefined {
  const source = sourceAskedAbout(knowledge, question, result);
  if (!source) return undefined;
  const facts = knowledge.base.facts.filter((f) => f.source === source.id);
  const name = source.series ? `${source.series}, “${source.title}”,` : `“${source.title}”`;
  const citations = new CitationList(knowledge.base);
  const title = question.trim().slice(0, 120);

  if (analysis.aboutSource) {
    // What the record says, backed by the article's own words where it has them: the author's
    // line for who wrote it and where they work, the summary for what it is called.
    const record = `${name} is by ${source.author}, published by ${source.publisher} in ${formatDate(source.published)}.`;
    const link = source.url ? ` Read it at ${source.url}` : " It has no link on record.";
    const details = analysis.aboutSource === "link" ? `${record}${link}` : record;
    const backing =
      analysis.aboutSource === "title"
        ? keyPoints(facts)[0]
        : analysis.aboutSource === "published"
          ? undefined
          : facts.find((f) => f.quote.includes(source.author));
    return reply({
      kind: "answer",
      title,
      lead: details,
      sections: backing
        ? [{ heading: "From the article", points: [citations.point(backing)] }]
        : [],
      citations: citations.citations,
    });
  }

  const points = keyPoints(facts);
  const recommended = facts.filter(isRecommendation).sort(byReadingOrder);
  // "the main argument": what the author urges first, which a summary of events may not say;
  // "the recommendations": each thing urged, the ones said in so many words first.
  const [lead, ...rest] = analysis.recommendations
    ? recommendationsOf(recommended).slice(0, GIST_POINTS)
    : analysis.argument && recommended[0]
      ? [recommended[0], ...points.filter((f) => f !== recommended[0])].slice(0, GIST_POINTS)
      : points;
  if (!lead) return undefined;
  const first = citations.point(lead);
  const reference = shortReference(citations.citations[0] as (typeof citations.citations)[number]);
  return reply({
    kind: "answer",
    title,
    lead: `${first.text} (${reference})`,
    sections: [
      {
        heading: analysis.recommendations ? "It also recommends" : "Its main points",
        points: rest.map((f) => citations.point(f)),
      },
    ],
    citations: citations.citations,
  });
}

/**
 * The source the question is about: the only one; else the one whose title shares the question's
 * words ("is this piece about us-iraq security ties"), or whose facts its words find ("what is
 * the al-huda bank release about"); for a bare "main argument", the one its curators reviewed
 * rather than a fresh draft, then the newest.
 */
function sourceAskedAbout(
  knowledge: Knowledge,
  question: string,
  result: SearchResult,
): Source | undefined {
  const sources = [...knowledge.base.sources.values()];
  if (sources.length === 1) return sources[0];
  const asked = new Set(terms(question).filter((t) => !ABOUT_A_SOURCE.has(t)));
  if (asked.size > 0) {
    const shared = (source: Source) => terms(source.title).filter((t) => asked.has(t)).length;
    const [byTitle] = sources.filter((s) => shared(s) > 0).sort((a, b) => shared(b) - shared(a));
    const fromHit = result.hits[0]?.fact.source;
    return byTitle ?? (fromHit ? knowledge.base.sources.get(fromHit) : undefined);
  }
  const reviewed = new Set(knowledge.base.facts.filter((f) => !f.draft).map((f) => f.source));
  return sources.sort(
    (a, b) =>
      Number(reviewed.has(b.id)) - Number(reviewed.has(a.id)) ||
      b.published.localeCompare(a.published),
  )[0];
}

/** Words that ask about a source without saying which ("the main argument of this piece"). */
const ABOUT_A_SOURCE = new Set(
  terms(
    "main key central point points argument argue argues thesis takeaway takeaways summary summarize gist overview bottom line tldr idea claim conclusion saying say says article piece paper release statement report document text story post brief analysis author wrote written publish published publisher title called one sentence",
  ),
);

/** A reviewed fact that says "recommends" names a recommendation; else any that urges. */
function recommendationsOf(urging: Fact[]): Fact[] {
  const said = urging.filter((f) => /\brecommends?\b/i.test(f.text));
  return said.length > 0 ? said : urging;
}

/** Says what someone should do: the author's case, in most policy analysis. */
function isRecommendation(fact: Fact): boolean {
  return RECOMMENDS.test(fact.quote) || /\brecommends?\b/i.test(fact.text);
}

const RECOMMENDS = /\b(?:should|must|needs? to|ought to|recommends?)\b/i;

/** The source's key facts, the earliest (its summary) first. */
function keyPoints(facts: readonly Fact[]): Fact[] {
  const key = facts.filter((f) => f.key).sort(byReadingOrder);
  return (key.length > 0 ? key : [...facts].sort(byReadingOrder)).slice(0, GIST_POINTS);
}
