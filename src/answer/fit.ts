/**
 * Whether a fact answers the question, beyond sharing its words: it covers enough of it, speaks
 * of the thing asked for, is about every specific thing the question names, and can carry the
 * kind of answer wanted (a count of what was asked about, a date, a sum, a person named).
 */
import type { Knowledge } from "../knowledge/knowledge.ts";
import type { Fact } from "../knowledge/types.ts";
import { answerTypesOf } from "../search/answer-types.ts";
import type { AnswerType, QuestionAnalysis } from "../search/question.ts";
import { stem, words } from "../search/text.ts";
import type { FactHit } from "../search/types.ts";

/** The best fact must cover at least this share of the question's weighted meaning. */
export const MIN_COVERAGE = 0.5;

/** Relevant enough to state as an answer: covers most of the question, not just its names. */
export function isRelevant(hit: FactHit): boolean {
  return hit.coverage >= MIN_COVERAGE && hit.coversWords;
}

/** A fact answers when it covers the question and can carry the kind of answer asked for. */
export function answers(knowledge: Knowledge, hit: FactHit, analysis: QuestionAnalysis): boolean {
  return (
    isRelevant(hit) &&
    hit.coversFocus &&
    aboutEveryName(knowledge, hit) &&
    carries(knowledge, hit.fact, analysis.answerType, analysis.asked) &&
    (!analysis.person || namesPerson(knowledge, hit.fact)) &&
    (!analysis.future || FUTURE.test(hit.fact.text)) &&
    ofTheYears(knowledge, hit.fact, analysis.years)
  );
}

/**
 * A fact answers about a year it is dated in, or one it names ("the 2024 strikes"); an undated
 * one, about a year its paragraph names ("After Hamas attacked Israel", after "October 7, 2023").
 */
function ofTheYears(knowledge: Knowledge, fact: Fact, years: readonly string[] = []): boolean {
  const paragraph = () =>
    knowledge.base.sources.get(fact.source)?.paragraphs.find((p) => p.n === fact.paragraph)?.text;
  return years.every(
    (year) =>
      fact.date?.startsWith(year) ||
      fact.text.includes(year) ||
      fact.quote.includes(year) ||
      (!fact.date && paragraph()?.includes(year)),
  );
}

/**
 * A fact answers only about the things the question names. One it does not name itself may be
 * named elsewhere in its paragraph: "In response, the United States needs..." answers how the
 * U.S. should respond to the Cheongung deal named two sentences before.
 */
function aboutEveryName(knowledge: Knowledge, hit: FactHit): boolean {
  if (hit.missingNames.length === 0) return true;
  // Only a quote that points back ("In response", "It should", "these weapons") leans on what
  // its paragraph said before.
  if (!REFERS_BACK.test(hit.fact.quote)) return false;
  const named = namesInParagraph(knowledge).get(`${hit.fact.source}#${hit.fact.paragraph}`);
  return hit.missingNames.every((id) => named?.has(id));
}

const REFERS_BACK =
  /^(?:in response|it|this|these|those|such|that|they|thus|so|and)\b|\b(?:it|this|these|those|such)\b/i;

const reasons = new WeakMap<object, Map<string, Fact>>();

/** For each fact, the fact that gives its reason (`explains`), indexed once per knowledge. */
export function reasonsOf(knowledge: Knowledge): Map<string, Fact> {
  let found = reasons.get(knowledge.base);
  if (!found) {
    found = new Map();
    for (const fact of knowledge.base.facts) if (fact.explains) found.set(fact.explains, fact);
    reasons.set(knowledge.base, found);
  }
  return found;
}

const paragraphNames = new WeakMap<object, Map<string, Set<string>>>();

/** The entities each paragraph's facts name, computed once per loaded knowledge. */
function namesInParagraph(knowledge: Knowledge): Map<string, Set<string>> {
  let names = paragraphNames.get(knowledge.base);
  if (!names) {
    names = new Map();
    for (const fact of knowledge.base.facts) {
      const key = `${fact.source}#${fact.paragraph}`;
      const set = names.get(key) ?? new Set<string>();
      for (const id of fact.entities) set.add(id);
      names.set(key, set);
    }
    paragraphNames.set(knowledge.base, names);
  }
  return names;
}

/**
 * Whether the fact names a person other than its author ("Knights says" names no answer). A
 * draft's people are often not entities yet: there a name written out in its sentence counts,
 * once the names of known groups, places and things are set aside.
 */
function namesPerson(knowledge: Knowledge, fact: Fact): boolean {
  const author = knowledge.base.sources.get(fact.source)?.author;
  const linked = fact.entities.some((id) => {
    const entity = knowledge.base.entities.get(id);
    return entity?.kind === "person" && entity.name !== author;
  });
  if (linked || !fact.draft) return linked;
  // Curly and straight apostrophes alike: "Kata’ib Hizballah" is the group's alias "Kata'ib".
  const straight = (s: string) => s.replaceAll("’", "'");
  let text = straight(author ? fact.text.replaceAll(author, " ") : fact.text);
  for (const id of fact.entities) {
    const entity = knowledge.base.entities.get(id);
    if (entity && entity.kind !== "person")
      for (const name of [entity.name, ...entity.aliases])
        text = text.replaceAll(straight(name), " ");
  }
  return [...text.matchAll(PROPER_NAME)].some(([name]) => !MONTH_OR_TITLE.test(name));
}

/** Two to five capitalized words in a row, Arabic particles allowed: "Ali Meften Khafeef Al Baidani". */
const PROPER_NAME = /\b[A-Z][a-z’'-]+(?:\s+(?:al-|bin |ibn |Al |Abu )?[A-Z][a-z’'-]+){1,4}/g;
const MONTH_OR_TITLE =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Under Secretary|Secretary|President|Prime Minister)\b/;

/** Words that put a fact's date ahead of its telling. */
const FUTURE =
  /\b(?:will|plans?|planned|expects?|expected|scheduled|intends?|by the end of|next)\b/i;

/**
 * Whether the fact can carry the answer. Numbers and dates are there or not; a reason, an actor
 * or a place is often said without a telltale word, so those only steer the choice of lead.
 */
export function carries(
  knowledge: Knowledge,
  fact: Fact,
  type: AnswerType,
  focus: readonly string[] = [],
): boolean {
  if (!STRICT_TYPES.has(type)) return true;
  if (!typesOf(knowledge, fact).has(type)) return false;
  // "how many drones": the number must count the drones ("1,000-plus drones", "two-drone
  // attack"), not something else in the sentence ("the twelve-day war").
  return type !== "quantity" || focus.length === 0 || countsFocus(fact, focus);
}

/** A number at most this many words before the thing counted ("two of Iraq's surveillance radars"). */
const COUNT_REACH = 4;
const NUMBER_WORD =
  /^(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?|one|single|no|none|zero)$/;
/** A model's name is no count: "Pantsir S-1 interceptor missiles", "F-16s", "S-400". */
const DESIGNATION = /\b[A-Za-z]+-\d[\w-]*/g;

function countsFocus(fact: Fact, focus: readonly string[]): boolean {
  const wanted = new Set(focus.map(stem));
  for (const text of [fact.text, fact.quote]) {
    const w = words(text.replace(DESIGNATION, " "));
    for (let i = 0; i < w.length; i++) {
      if (!wanted.has(stem(w[i] ?? ""))) continue;
      for (let j = Math.max(0, i - COUNT_REACH); j < i; j++)
        if (NUMBER_WORD.test(w[j] ?? "")) return true;
    }
  }
  return false;
}

export const STRICT_TYPES = new Set<AnswerType>(["date", "quantity", "money", "duration"]);

/** The kinds of answer each fact can give, read once per fact (facts are immutable). */
const factTypes = new WeakMap<Fact, ReadonlySet<AnswerType>>();

export function typesOf(knowledge: Knowledge, fact: Fact): ReadonlySet<AnswerType> {
  let types = factTypes.get(fact);
  if (!types) {
    const kindOf = (id: string) => knowledge.base.entities.get(id)?.kind;
    types = answerTypesOf(fact, fact.entities, kindOf);
    factTypes.set(fact, types);
  }
  return types;
}
