/**
 * Questions about a source itself rather than its subject: who wrote it, when, where it is from,
 * what it is called, where to read it, what it says and what it argues. People ask these in many
 * words ("author?", "who's the writer", "how old is this", "in a nutshell", "what's the author's
 * bottom line"); what makes one is a word for a property of the source (or for its gist) and
 * nothing else asked: "when was this written" is about the source, "when was the embassy
 * evacuated" is not.
 */
import { isStopWord, normalize } from "./text.ts";

export type SourceQuestion = "author" | "published" | "publisher" | "title" | "link";

export interface SourceQuestionKind {
  aboutSource?: SourceQuestion;
  /** What the source says, in a few key points. */
  gist?: boolean;
  /** What its author urges ("the main argument", "the bottom line"): a kind of gist. */
  argument?: boolean;
  /** What its author recommends, each thing: "what are the recommendations". */
  recommendations?: boolean;
}

/** Each property of a source and the phrases that ask for it, tried in this order. */
const PROPERTIES: [SourceQuestion, RegExp][] = [
  [
    "published",
    / when (?:was|is|did) (?:it|this|that|the \w+) (?:written|published|out|come out|released)| (?:date|dated|published when|publication date|how old|how recent|recent|how long ago|what year|which year) /,
  ],
  ["author", / (?:author|authors|writer|wrote|written by|byline|who (?:is it|s it) by) /],
  [
    "publisher",
    / (?:publisher|published by|who published|thinktank|institute|organization|organisation|outlet|publication|where (?:is|s|does) (?:it|this) (?:from|come from)|wheres (?:it|this) from) /,
  ],
  ["title", / (?:title|titled|headline|called|name of (?:the|this|that) \w+) /],
  ["link", / (?:link|links|url|source|where can i read|read it|full text|original) /],
];

/** Asking for the gist: what the source says. */
const GIST =
  / (?:tl ?dr|summary|summarize|summarise|sum (?:it |this )?up|recap|gist|overview|nutshell|big picture|upshot|brief me|explain|key points|main points|main idea|key idea|about|saying|takeaways?|point|points) /;
/** Asking for the argument: what the author urges. */
const ARGUMENT =
  / (?:argument|arguments|argue|argues|arguing|thesis|bottom line|conclusion|conclusions|conclude|concludes|recommend|recommends|recommended|recommending|recommendation|recommendations|takeaways?|claim|case|want|wants|urge|urges|propose|proposes|think|thinks|believe|believes|suggest|suggests) /;

const RECOMMENDS =
  / (?:recommend|recommends|recommended|recommending|recommendation|recommendations|propose|proposes|proposals?|suggest|suggests|suggestions?|urge|urges|want|wants) /;
const TITLE_FIRST = /^ (?:what is|whats|what s) the (?:title|headline) /;

/** Words that name the source or qualify what is asked of it, and ask nothing themselves. */
const ABOUT_A_SOURCE = new Set(
  "tldr whats whos wheres whens hows article articles piece paper report analysis essay text document doc brief writeup policywatch source author authors writer writers policy usa main key central big overall general whole entire short quick one sentence line lines words tell give me us in".split(
    " ",
  ),
);

/** Every word any of the patterns above uses: none of them is what else is asked. */
const CUE_WORDS = new Set(
  [...PROPERTIES.map(([, p]) => p), GIST, ARGUMENT, RECOMMENDS]
    .flatMap((p) => p.source.match(/[a-z]+/g) ?? [])
    .filter((w) => w.length > 1),
);

/** "the main argument", "key takeaway": a gist whatever else the question says. */
const MAIN_POINT =
  / (?:main|central|key|core) (?:argument|point|thesis|claim|idea|takeaway|message)s? /;

/** "is this piece about us-iraq security ties": whether the source is about something. */
const IS_IT_ABOUT =
  / (?:is|was|s) (?:this|it|the (?:article|piece|paper|report)) (?:\w+ )?about | what (?:is|s|was) (?:this|the|that) (?:\S+ ){0,4}(?:article|piece|paper|release|statement|report|document|story|post|brief|analysis) about /;

export function sourceQuestionKind(question: string): SourceQuestionKind {
  const q = ` ${normalize(question)} `.replace(" think tank ", " thinktank ");
  if (MAIN_POINT.test(q)) return { gist: true, ...(ARGUMENT.test(q) ? { argument: true } : {}) };
  if (IS_IT_ABOUT.test(q)) return { gist: true };
  if (TITLE_FIRST.test(q)) return { aboutSource: "title" };
  // Anything asked besides the source ("when was the embassy evacuated") makes it another question.
  const rest = q
    .trim()
    .split(" ")
    .filter((w) => w && !isStopWord(w) && !ABOUT_A_SOURCE.has(w) && !CUE_WORDS.has(w));
  if (rest.length > 0) return {};
  // "the author's bottom line" asks for the argument, not the author.
  if (RECOMMENDS.test(q)) return { gist: true, argument: true, recommendations: true };
  if (ARGUMENT.test(q)) return { gist: true, argument: true };
  if (GIST.test(q)) return { gist: true };
  for (const [property, pattern] of PROPERTIES)
    if (pattern.test(q)) return { aboutSource: property };
  return {};
}
