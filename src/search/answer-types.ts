/**
 * The kinds of answer a fact can give, read from its sentence, its quote, its date and what it
 * names. A fact with no number in it cannot say how many; one with no date cannot say when.
 */
import type { EntityKindName, Fact } from "../knowledge/types.ts";
import type { AnswerType } from "./question.ts";

const MONTH =
  "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
const COUNT_WORD =
  "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundred|hundreds|thousand|thousands|million|millions|billion|billions|single";
const UNIT = "second|minute|hour|day|week|month|year|decade";

/** A count: a number that is not a year or a day of a month, a number word, "just one". */
const QUANTITY = new RegExp(
  `(?<!(?:${MONTH}) )(?<![\\d-])\\b(?!(?:19|20)\\d\\d\\b)\\d[\\d,.]*\\b(?!\\s*(?:${MONTH})\\b)|\\b(?:${COUNT_WORD})\\b|\\b(?:just|only|exactly|at least) (?:one|a single)\\b|\\b(?:no|none of the|zero)\\b`,
  "i",
);
const MONEY = /\$\s?\d|\b\d[\d,.]* (?:million|billion) (?:dollars|usd)\b|\bdollars?\b/i;
const DURATION = new RegExp(
  `\\b(?:\\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)[- ](?:${UNIT})s?\\b|\\bsince (?:\\d{4}|${MONTH})\\b|\\bfor (?:${UNIT})s\\b`,
  "i",
);
const SINCE_OR_UNTIL = new RegExp(
  `\\b(?:since|until|till|by)\\b[^.;]{0,60}?\\b(?:(?:19|20)\\d\\d|${MONTH})\\b`,
  "i",
);
const DATE = new RegExp(`\\b(?:${MONTH})\\b|\\b(?:19|20)\\d\\d\\b`, "i");
const REASON =
  /\b(?:because|since|so that|in order to|intended to|meant to|suggesting|reasons?|sign that|due to|as a result|thus|therefore|to cover|deterred|explain)\b/i;

const ACTOR_KINDS: readonly EntityKindName[] = ["person", "militia", "organization", "country"];
const PLACE_KINDS: readonly EntityKindName[] = ["place", "country"];
const PLACE_WORDS =
  /\b(?:in|at|from|over|near|to|into|through) (?:the )?(?:[A-Z][\w’'-]+|southern|northern|western|eastern)|\b(?:base|airport|camp|capital|city)\b/;

export type KindOf = (entityId: string) => EntityKindName | undefined;

/** The answer types this fact can carry ("any", "yes-no", "list" and "gist" are carried by all). */
export function answerTypesOf(
  fact: Fact,
  linked: readonly string[],
  kindOf: KindOf,
): Set<AnswerType> {
  const text = `${fact.text} ${fact.quote}`;
  const kinds = linked.map(kindOf);
  const types = new Set<AnswerType>(["any", "yes-no", "list", "gist"]);
  if (fact.date || DATE.test(text)) types.add("date").add("event");
  // "a (very limited) number of" says there are some, not how many.
  if (QUANTITY.test(text.replace(/\ba (?:\([^)]*\) )?number of\b/gi, ""))) types.add("quantity");
  if (MONEY.test(text)) types.add("money").add("quantity");
  // "how long" is answered by a span, or by when something began or ended ("ever since 2011",
  // "by March 2024").
  if (DURATION.test(text) || SINCE_OR_UNTIL.test(text)) types.add("duration");
  if (fact.explains || REASON.test(text)) types.add("reason");
  if (kinds.some((k) => k && ACTOR_KINDS.includes(k))) types.add("actor");
  if (kinds.some((k) => k && PLACE_KINDS.includes(k)) || PLACE_WORDS.test(text)) types.add("place");
  return types;
}
