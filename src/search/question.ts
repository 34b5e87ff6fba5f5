/**
 * Question analysis: what kind of answer a question asks for, before any fact is looked at.
 * "how many F-16s" wants a quantity, "when" a date, "why" a reason, "did ..." a confirmation or
 * a denial. A fact that shares the question's words but cannot carry that kind of answer does
 * not answer it ("a number of F-16s" is no answer to "how many F-16s").
 */
import { ABBREVIATIONS } from "../language/abbreviations.ts";
import { withoutChatNoise } from "../language/chat-noise.ts";
import { isMostlyNoun, namesAPerson, namesAThing } from "../language/english.ts";
import { correctSpelling } from "../language/spelling.ts";
import { type SourceQuestion, sourceQuestionKind } from "./source-question.ts";
import { isStopWord, normalize } from "./text.ts";

export type { SourceQuestion };

export type AnswerType =
  /** who: a person, a group, a country. */
  | "actor"
  | "date"
  | "quantity"
  | "money"
  | "duration"
  | "place"
  | "reason"
  | "yes-no"
  /** "what are the three implications": several facts. */
  | "list"
  /** "main argument", "tldr": the source's key points. */
  | "gist"
  /** "what happened to X": an event, which a dated fact tells better than a general one. */
  | "event"
  /** Anything else: what did X say. */
  | "any";

export interface QuestionAnalysis {
  answerType: AnswerType;
  /** "who is KH": asks what a named thing is, answered by its description. */
  identity: boolean;
  /** "what are the three implications": how many items are asked for. */
  listSize?: number;
  /** Set when the question is about the article itself: its author, its date, its point. */
  aboutSource?: SourceQuestion;
  /**
   * The thing asked for, as normalized words: "price" in "what is the price of an f-16",
   * "troops" in "how many troops". A fact that does not speak of it does not answer.
   */
  focus?: string[];
  /** The words to search for: the question without the words that only say what kind it is. */
  searchText: string;
  /**
   * The answer must name a person: "who is the X" or "the name of the X" where X is a kind of
   * person ("the name of the oil smuggler"). A fact that names none cannot answer.
   */
  person?: boolean;
  /** "when will ...": a date still to come, which only a fact about the future gives. */
  future?: boolean;
  /**
   * Years the question is about ("how many drones hit erbil in 2024"): a fact of another year
   * does not answer it. Years after "since", "after", "before" or in a span are not here: they
   * bound a period rather than name the year asked about.
   */
  years?: string[];
  /**
   * For a gist: "main argument", "key takeaway" ask what the author urges; "tldr", "what is it
   * saying" ask what the source says happened. Either way the other is given too.
   */
  argument?: boolean;
  /** For a gist: "what does the author recommend" asks for each thing recommended. */
  recommendations?: boolean;
  /** "an example of X": a case of X, searched for as X. */
  example?: boolean;
  /**
   * Words that name the source asked about ("joint statement" in "per the joint statement",
   * "treasury" in "in the treasury release on fly baghdad"), the document word included.
   */
  sourceWords?: string[];
  /**
   * Every word of the thing asked for, things or not ("model" in "what model were the
   * radars"): one the sources never use means they don't cover the question.
   */
  asked?: string[];
}

const LIST =
  /\b(what|which|name|list) (are|were|is)? ?(the|its|his)? ?(two|three|four|five|six|\d) /;

const NUMBER_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

const AUXILIARY =
  /^(did|does|do|is|are|was|were|can|could|will|would|has|have|had|should|must|may|might)\b/;

/**
 * The question's kind and focus, from its wording alone. `factsUsing` counts the facts that use
 * a word, so that a typo is corrected to the sources' word ("droes" → drones, not drops).
 */
export function analyseQuestion(
  typed: string,
  factsUsing: (word: string) => number = () => 0,
): QuestionAnalysis {
  // The chat around the question goes first ("hi bot", "quick q:", "thx"), then chat
  // abbreviations are spelled out ("govt" → government, "execs" → executives) and typos
  // corrected ("whre" → where).
  const question = withoutChatNoise(typed).replace(/\b[a-z]+\b/gi, (word) => {
    const lower = word.toLowerCase();
    const spelled = ABBREVIATIONS[lower];
    if (spelled) return spelled;
    const corrected = correctSpelling(lower, factsUsing);
    return corrected === lower ? word : corrected;
  });
  const kind = questionKind(question);
  // "what are the 3 implications": the count says how many items, not what they are about.
  const count = kind.listSize ? (LIST.exec(` ${normalize(question)} `)?.[4] ?? "") : "";
  const searchText = withoutScaffold(
    count ? question.replace(new RegExp(`\\b${count}\\b`, "i"), " ") : question,
  );
  const analysis = { ...kind, searchText };
  const first = focusOf(normalize(question));
  // "the price of", "the number of", "the name of" say what kind of answer is wanted; the thing
  // asked about is what follows ("the name of the oil smuggler": the smuggler).
  const kindWord = first.find((w) => KIND_OF_FOCUS[w] !== undefined);
  const asked = kindWord ? [...first, ...complementOf(normalize(question), kindWord)] : first;
  // "how much was the deal worth": the sum is the answer, and no fact says "worth".
  if (analysis.answerType === "money")
    analysis.searchText = analysis.searchText.replace(MONEY_WORDS, " ");
  if (kindWord && !analysis.aboutSource) {
    analysis.answerType = KIND_OF_FOCUS[kindWord] ?? analysis.answerType;
    // "the value of the deal" searches for the deal; a sum of money is what it wants.
    analysis.searchText = analysis.searchText.replace(new RegExp(`\\b${kindWord}\\b`, "i"), " ");
  }
  // The focus is a thing a fact must speak of ("president", "troops"), not a word that asks
  // about the rest of the question ("example", "connection").
  // A word right before a thing keeps it company ("supreme leader", "ballistic missiles").
  const focus = asked.filter(
    (w, i) => !isStopWord(w) && (namesAThing(w) || namesAThing(asked[i + 1] ?? "")),
  );
  if (analysis.aboutSource) return analysis;
  // "per the joint statement": the words name the source; its document word is in no fact.
  const reference = SOURCE_REFERENCE.exec(normalize(analysis.searchText));
  const sourceWords = reference ? `${reference[1]} ${reference[2]}`.trim().split(/\s+/) : [];
  if (reference)
    analysis.searchText = normalize(analysis.searchText).replace(
      new RegExp(`\\b${reference[2]}\\b`),
      " ",
    );
  // "an example of iran losing influence": a case of the rest, which no fact calls an example;
  // nothing in particular is asked for.
  if (EXAMPLE.test(analysis.searchText))
    return { ...analysis, example: true, searchText: analysis.searchText.replace(EXAMPLE, " ") };
  // Only a kind of person asked for ("who is THE president", "the name of the smuggler"), not
  // a person named ("who is michael knights").
  const kindOfPerson =
    kindWord === "name" ||
    /^(who|whos)( is| was| are| were)? (the|a|an|its|their|iraqs|irans) /.test(normalize(question));
  if (kindOfPerson && asked.some(namesAPerson)) analysis.person = true;
  if (
    analysis.answerType === "date" &&
    / when (will|would|is .* going to) /.test(` ${normalize(question)} `)
  ) {
    analysis.future = true;
  }
  const years = yearsAskedAbout(normalize(question));
  return {
    ...analysis,
    ...(sourceWords.length > 0 ? { sourceWords } : {}),
    ...(years.length > 0 ? { years } : {}),
    ...(focus.length > 0 ? { focus } : {}),
    ...(asked.length > 0 ? { asked: asked.filter((w) => !KIND_OF_FOCUS[w]) } : {}),
  };
}

function yearsAskedAbout(q: string): string[] {
  const words = q.split(" ");
  return words.filter(
    (w, i) =>
      /^(?:19|20)\d\d$/.test(w) &&
      !words.slice(Math.max(0, i - 4), i).some((before) => PERIOD_BOUND.has(before)),
  );
}

const PERIOD_BOUND = new Set(
  "since after before until till from between through to and or vs versus than".split(" "),
);

/** The words after "<kind word> of (the)": up to the first stop word, at most three. */
function complementOf(q: string, kindWord: string): string[] {
  const after = new RegExp(`\\b${kindWord} of (?:the |a |an |its |their )?(.+)$`).exec(q)?.[1];
  const words: string[] = [];
  for (const w of after?.split(" ") ?? []) {
    if (isStopWord(w) || FOCUS_END.has(w) || words.length === 3) break;
    words.push(w);
  }
  return words;
}

const SOURCE_REFERENCE =
  /\b(?:(?:per|according to|in|from|of|on|by) (?:the |this |that |a )?|(?:the|this|that) )((?:(?!(?:the|this|that|per|in|of|on|from|by|a) )[a-z0-9-]+ ){0,5}?)(press release|statement|release|readout|report|article|piece|paper|action|announcement)\b/;

const MONEY_WORDS =
  /\b(?:worth|cost|costs|costed|price|priced|value|valued|pay|paid|spend|spent)\b/gi;

const EXAMPLE =
  /\b(?:(?:an?|some|any|one|another|good|concrete|specific|real)\s+)?(?:examples?|instances?)\s+(?:of\s+)?/i;

const KIND_OF_FOCUS: Record<string, AnswerType> = {
  price: "money",
  cost: "money",
  value: "money",
  worth: "money",
  number: "quantity",
  amount: "quantity",
  size: "quantity",
  date: "date",
  day: "date",
  year: "date",
  name: "actor",
  names: "actor",
  reason: "reason",
  reasons: "reason",
  // "the russia connection to the cheongung": a fact naming both tells how they are tied.
  connection: "any",
  connections: "any",
  link: "any",
  links: "any",
  relationship: "any",
  relation: "any",
  tie: "any",
  ties: "any",
  cause: "reason",
  causes: "reason",
};

/** The words to search for: without those that only say what kind of answer is wanted ("how long was the war": the war). */
function withoutScaffold(question: string): string {
  return question.replace(/\bhow (long|far|often|soon)\b/gi, " ");
}

/**
 * "how many X", "what is the X of", "who is the X of", "which X": the words of X, up to the
 * first word that starts a clause or a complement.
 */
const FOCUS =
  /^(?:how (?:many|much)|(?:whats|whos)|(?:what|which|who)(?: (?:is|are|was|were|s))?)(?: (?:the|a|an|its|their|iraqs|irans))? (.+)$/;
const FOCUS_END = new Set(
  "of in on for from to at by with about did does do is are was were has have had will would could should can that which who when where during after before since".split(
    " ",
  ),
);
const NOT_FOCUS = new Set(
  "happened happen about did does do is are was were the a an kind sort type".split(" "),
);

function focusOf(q: string): string[] {
  const m = FOCUS.exec(q);
  if (!m?.[1]) return [];
  const focus: string[] = [];
  // "which militias warned": the noun, not the verb; "what is the supreme leader of": up to
  // the complement. "what tied X to Y" asks no thing at all: its first word is a verb.
  const direct = /^(which|what) (?!is|are|was|were|s )/.test(q);
  for (const word of m[1].split(" ")) {
    const count = word in NUMBER_WORDS || /^\d+$/.test(word);
    // The focus ends where a clause or a complement starts ("the opportunity he sees").
    if (FOCUS_END.has(word) || focus.length === 3 || (isStopWord(word) && !count)) break;
    if (direct && !isMostlyNoun(word)) break;
    if (!count) focus.push(word);
  }
  return focus.length > 0 && !NOT_FOCUS.has(focus[0] ?? "") ? focus : [];
}

function questionKind(question: string): Omit<QuestionAnalysis, "searchText"> {
  const q = ` ${normalize(question)} `;
  const { aboutSource, gist, argument, recommendations } = sourceQuestionKind(question);
  if (aboutSource) return { answerType: "any", identity: false, aboutSource };
  if (gist)
    return {
      answerType: "gist",
      identity: false,
      ...(argument ? { argument } : {}),
      ...(recommendations ? { recommendations } : {}),
    };

  const list = LIST.exec(q);
  if (list) {
    const n = list[4] ?? "";
    return { answerType: "list", identity: false, listSize: NUMBER_WORDS[n] ?? Number(n) };
  }
  if (/ (why|how come) |reason|what (caused|led to|made)|what for /.test(q)) {
    return { answerType: "reason", identity: false };
  }
  if (
    / how (many|much of) | in (km|kms|kilometers|kilometres|miles|meters|metres|feet|tons|tonnes|barrels|percent) /.test(
      q,
    )
  ) {
    return { answerType: "quantity", identity: false };
  }
  if (/ how much /.test(q)) {
    const money =
      / (cost|costs|worth|price|pay|paid|value|spend|spent|dollars?|money|deal|contract|sale|sales|budget) /;
    return { answerType: money.test(q) ? "money" : "quantity", identity: false };
  }
  if (/ how long | for how many (days|weeks|months|years) /.test(q)) {
    return { answerType: "duration", identity: false };
  }
  if (/ (when|what (date|day|month|year)|which (date|day|month|year)) /.test(q)) {
    return { answerType: "date", identity: false };
  }
  if (/ (where|which (base|city|country|airport|place))/.test(q)) {
    return { answerType: "place", identity: false };
  }
  // "who is KH", "who are the nujaba", "what is sabereen news": what a named thing is.
  if (
    /^ (who|what) (is|are|was|were) (the )?\S+( \S+){0,4} $/.test(q) &&
    !/ (is|are) (it|this|that) | (of|in|for|from|at|on|about) /.test(q)
  ) {
    return { answerType: /^ who /.test(q) ? "actor" : "any", identity: true };
  }
  if (
    /^ (who|whom|which (group|militia|militias|faction|person|people|country|countries)) /.test(q)
  ) {
    return { answerType: "actor", identity: false };
  }
  if (AUXILIARY.test(q.trim())) return { answerType: "yes-no", identity: false };
  if (/ what (has |had )?(happened|occurred|went on)/.test(q))
    return { answerType: "event", identity: false };
  return { answerType: "any", identity: false };
}
