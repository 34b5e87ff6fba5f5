/**
 * Draft facts that read correctly on their own. The quote stays the article's words; the
 * fact's text names its subject the way journalists do inside quotes: "He raises funds" becomes
 * "[Awqad al-Hamidawi] raises funds", "This network operates" becomes "[Al-Samarra’i’s] network
 * operates", words inside a quotation say who spoke, and "Today" says which day. A sentence
 * whose "this" or "it" points at the whole sentence before it is drafted together with it; one
 * that still cannot stand alone is left out rather than drafted wrong. Non-claims are left out.
 */
import { type ClaimContext, type NonClaim, notAClaim } from "./claims.ts";
import type { Publication } from "./dates.ts";
import {
  displayName,
  leadInLength,
  type NameSpan,
  namesIn,
  type Subject,
  subjectOf,
} from "./mentions.ts";
import type { NameLinker } from "./names.ts";
import type { ArticleParagraph } from "./parse.ts";
import { attributed, quotedIn } from "./quotations.ts";
import type { Span } from "./sentences.ts";
import { MAX_TEXT, relativeDay } from "./today.ts";

export interface StandaloneDraft {
  paragraph: number;
  /** The verbatim words quoted: one sentence or clause, or two sentences read together. */
  quote: Span;
  /** How the fact reads on its own. */
  text: string;
}

export interface StandaloneContext {
  linker: NameLinker;
  published: Publication;
  author?: string;
}

/** A sentence already read: what it names and what it opens with. */
interface Read {
  span: Span;
  names: NameSpan[];
  subject?: Subject;
}

const PRONOUN = /^(he|she|it|they|his|her|its|their)\b/i;
const DEMONSTRATIVE = /^(?:this|that|these|those)\b/i;
/** A description of something named before: "the group", "this network", "the two leaders". */
const DESCRIPTION =
  /^(the|this|these|both)\s+(?:two\s+)?(group|militia|movement|organization|bank|company|firm|airline|conglomerate|network|scheme|leaders|sides)\b/i;
const PERSON_KINDS = new Set(["person", "organization"]);
/** Every paragraph back to the article's start may name "the two leaders". */
const PAIR_WINDOW = Number.POSITIVE_INFINITY;

export function standaloneDrafts(
  paragraphs: readonly ArticleParagraph[],
  spansOf: (paragraph: ArticleParagraph) => Span[],
  context: StandaloneContext,
  skipped: (reason: NonClaim, sentence: string) => void = () => {},
): StandaloneDraft[] {
  const drafts: StandaloneDraft[] = [];
  const earlier: Read[][] = [];
  // Every sentence of the article, for "the two leaders" named only further on.
  const article = paragraphs.flatMap((p) => spansOf(p).map((span) => readSpan(span, context)));
  for (const paragraph of paragraphs) {
    const reads: Read[] = [];
    const claim: ClaimContext = {
      section: paragraph.section,
      ...(context.author ? { author: context.author } : {}),
    };
    let previousKept: StandaloneDraft | undefined;
    for (const span of spansOf(paragraph)) {
      const read = readSpan(span, context);
      const reason = notAClaim(span.text, claim);
      if (reason) {
        skipped(reason, span.text);
        reads.push(read);
        previousKept = undefined;
        continue;
      }
      const window = [...reads]
        .reverse()
        .concat(...[...earlier].reverse().map((p) => [...p].reverse()));
      const reading = readAlone(paragraph.text, read, { window, article }, context);
      reads.push(read);
      if (reading.text !== undefined) {
        previousKept = { paragraph: paragraph.n, quote: span, text: reading.text };
        drafts.push(previousKept);
        continue;
      }
      // Read together with the sentence before, when that one was drafted and both fit.
      const merged =
        previousKept &&
        (reading.closesQuotation
          ? wholeQuotation(paragraph.text, previousKept, span)
          : mergeWith(paragraph.text, previousKept, span, reading.fallback === undefined));
      if (merged) {
        drafts[drafts.length - 1] = merged;
        previousKept = merged;
      } else if (reading.fallback !== undefined) {
        previousKept = { paragraph: paragraph.n, quote: span, text: reading.fallback };
        drafts.push(previousKept);
      } else {
        skipped("needs the sentence before", span.text);
        previousKept = undefined;
      }
    }
    earlier.push(reads);
  }
  return drafts;
}

/**
 * How a sentence reads alone: its text, or nothing when only the sentence before makes sense of
 * it, with a weaker text to fall back on if the two cannot be drafted together.
 */
interface Reading {
  text?: string;
  fallback?: string;
  /** It ends a quotation begun in a sentence before, saying who spoke: read with them whole. */
  closesQuotation?: boolean;
}

function readSpan(span: Span, context: StandaloneContext): Read {
  const names = namesIn(span.text, context.linker);
  const subject = subjectOf(span.text, names);
  return { span, names, ...(subject ? { subject } : {}) };
}

/** What a sentence may point back to: the sentences before it, nearest first, and the article. */
interface Reach {
  window: readonly Read[];
  article: readonly Read[];
}

function readAlone(
  paragraph: string,
  read: Read,
  { window, article }: Reach,
  context: StandaloneContext,
): Reading {
  const sentence = read.span.text;
  const quoted = quotedIn(paragraph, read.span.start, sentence);
  if (quoted.inside) {
    // "While it has had every opportunity ...": inside one quotation, "it" is in the sentence before.
    if (quoted.continues && (PRONOUN.test(sentence) || DEMONSTRATIVE.test(sentence))) return {};
    // "“A. B,” said X": B drafted with A, so that the whole quotation says who said it.
    if (quoted.continues && quoted.saysWho) return { fallback: sentence, closesQuotation: true };
    if (!quoted.speaker) return { text: sentence };
    const text = attributed(sentence, quoted.speaker);
    return { text: text.length <= MAX_TEXT ? text : sentence };
  }
  const dated = relativeDay(withoutDateline(sentence), context.published);
  const lead = connectiveLength(dated);
  const head = dated.slice(lead);
  const finish = (opening: string) => {
    const text = namedInside(dated.slice(0, lead) + opening, read, window);
    return capitalize(text.length <= MAX_TEXT ? text : dated);
  };
  // A later clause of a cut sentence that starts on its verb takes the sentence's subject.
  if (read.span.continues && startsOnVerb(head)) {
    const subject = window[0]?.subject;
    return subject ? { text: finish(`[${subject.text}] ${head}`) } : {};
  }
  // "It marks the eighth round": in a press release, "it" after "Today’s action" is that action.
  const action = /^It\b/.test(head) && todaysAction(window[0]?.span.text ?? "", context.published);
  if (action) return { text: finish(`[${action}]${head.slice(2)}`) };
  const opening = resolveOpening(head, window, article);
  const resolved = opening === undefined ? afterLeadIn(head, window, article) : opening;
  if (resolved === null) {
    // "That sequence of attacks ended ...": "the" still reads, if nothing better can be drafted.
    const noun = /^(?:this|that|these|those)\s+(?=\p{Ll})/iu.exec(head);
    const next = noun ? head.slice(noun[0].length) : "";
    // "This allows" is a verb after a singular; after "these", a word in -s is a plural noun.
    const verb =
      VERB_AFTER_DEMONSTRATIVE.test(next) ||
      (/^th(?:is|at)\b/i.test(head) && /^\p{Ll}+(?<!s)s\b/u.test(next));
    return noun && !verb ? { fallback: finish(`[The] ${head.slice(noun[0].length)}`) } : {};
  }
  // "The cargo had originally been loaded ...", after a sentence on a tanker's cargo: which
  // cargo only the sentence before says. Drafted with it when both fit, else as it reads.
  if (resolved === undefined && pointsBack(head, window[0]?.span.text ?? ""))
    return { fallback: finish(head) };
  return { text: finish(resolved ?? head) };
}

/** "The cargo ..." right after a sentence that speaks of a cargo: the same one. */
function pointsBack(head: string, previous: string): boolean {
  const noun = /^The (\p{Ll}{3,})\b(?!\s+of\b)/u.exec(head)?.[1];
  if (!noun) return false;
  const stem = noun.replace(/(?:es|s)$/, "");
  return new RegExp(`\\b${stem}(?:s|es)?\\b`, "iu").test(previous);
}

/** "the bank’s owner", "this foreign financial institution": a bank or airline named before. */
const INNER_DESCRIPTION =
  /(?<=\s)(?:the|this)\s+(?:foreign\s+)?(bank|financial institution|airline)(['’]s)?\b/;

/**
 * A description inside the sentence named as a journalist would: "sanctions on [Al-Huda Bank’s]
 * owner". Only when the sentence names no such thing itself, and only the first one.
 */
function namedInside(text: string, read: Read, window: readonly Read[]): string {
  const found = INNER_DESCRIPTION.exec(text);
  if (!found || /\[[^\]]*$/.test(text.slice(0, found.index))) return text;
  const noun = found[1] === "airline" ? "airline" : "bank";
  if (read.names.some((n) => (noun === "bank" ? /\bBank$/ : COMPANY).test(n.name))) return text;
  const named = describe(noun, window, []);
  if (!named) return text;
  const name = `[${named.text}${found[2] ? "’s" : ""}]`;
  return text.slice(0, found.index) + name + text.slice(found.index + found[0].length);
}

/** "This allows", "These were", "That means": a demonstrative standing for a whole sentence. */
const VERB_AFTER_DEMONSTRATIVE =
  /^(?:is|was|are|were|has|have|had|will|would|can|could|may|might|should|must|does|did|do|include|mean|show|allow|suggest|reflect)\b/;

/** "Today’s action ..." before "It ...": the action of the day the release came out. */
function todaysAction(previous: string, published: Publication): string | undefined {
  const said = /^(?:\p{Lu}{3,}\s*[–—-]\s*)?Today['’]s (actions?)\b/u.exec(previous);
  if (!said) return undefined;
  const dated = relativeDay(`Today’s ${said[1]}`, published);
  return dated.startsWith("[") ? dated.replace(/^\[(.*)\] /, "$1 ") : undefined;
}

/**
 * The opening with its pronoun or description named: a string, or undefined when nothing needs
 * naming, or null when something needs naming and nothing in reach names it.
 */
/**
 * "In that vein, the President commended ...": a subject named by office or pronoun after an
 * opening phrase, named; undefined when there is none or nothing names it (the sentence reads
 * as before).
 */
function afterLeadIn(
  head: string,
  window: readonly Read[],
  article: readonly Read[],
): string | undefined {
  const at = leadInLength(head);
  const rest = head.slice(at);
  if (at === 0 || !(TITLED.test(rest) || PRONOUN.test(rest))) return undefined;
  const named = resolveOpening(rest, window, article);
  return typeof named === "string" ? head.slice(0, at) + named : undefined;
}

function resolveOpening(
  head: string,
  window: readonly Read[],
  article: readonly Read[],
): string | null | undefined {
  const titled = TITLED.exec(head);
  if (titled) {
    const offices = [titled[1], titled[2]].filter((t): t is string => t !== undefined);
    const who = offices.map((office) => holderOf(office, window, article));
    if (who.every((w) => w !== undefined))
      return `[${who.join(" and ")}]${head.slice(titled[0].length)}`;
  }
  const pronoun = PRONOUN.exec(head);
  if (pronoun) {
    const word = (pronoun[1] as string).toLowerCase();
    const who = antecedent(word, window);
    if (!who) return null;
    const possessive = ["his", "her", "its", "their"].includes(word);
    return `[${who}${possessive ? "’s" : ""}]${head.slice(pronoun[0].length)}`;
  }
  const description = DESCRIPTION.exec(head);
  if (description) {
    const noun = (description[2] as string).toLowerCase();
    const named = describe(noun, window, article);
    if (named)
      return named.owner
        ? `[${named.text}’s] ${head.slice(head.indexOf(noun))}`
        : `[${named.text}]${head.slice(description[0].length)}`;
    // "The group" unnamed still reads as a description; "This network" points back.
    return /^th(?:is|ese)\b/i.test(head) ? null : undefined;
  }
  // "This allows ...", "These individuals ...": the sentence before says what "this" is.
  return DEMONSTRATIVE.test(head) ? null : undefined;
}

/** "The President", "The President and Prime Minister": people named by their office alone. */
const OFFICE =
  "President|Prime Minister|Vice President|Secretary|Under Secretary|Director|Chairman";
const TITLED = new RegExp(
  `^[Tt]he (${OFFICE})(?: and (?:the )?(${OFFICE}))?(?! of\\b)(?=\\s+\\p{Ll})`,
  "u",
);

/** An office without the name of who holds it: "President" is no answer to "who". */
const BARE_OFFICE = new RegExp(`^(?:${OFFICE})$`, "u");

/** The person an office stands for: the nearest name written with it ("President Biden"). */
function holderOf(office: string, window: readonly Read[], article: readonly Read[]) {
  const titled = new RegExp(`^${office}\\s+\\p{Lu}`, "u");
  for (const read of [...window, ...article]) {
    const name = read.names.find((n) => titled.test(n.name) && !/\sof\b/.test(n.name));
    if (name) return name.name;
  }
  return undefined;
}

/** Who a pronoun stands for: the subject of the sentence before, or the last person named. */
function antecedent(pronoun: string, window: readonly Read[]): string | undefined {
  const previous = window[0]?.subject;
  if (pronoun === "he" || pronoun === "she" || pronoun === "his" || pronoun === "her") {
    if (previous && !previous.plural && isPersonLike(previous.name)) return previous.text;
    for (const read of window.slice(0, 4)) {
      const person = [...read.names].reverse().find((n) => n.kind === "person");
      if (person) return displayName(person);
    }
    return undefined;
  }
  if (pronoun === "they" || pronoun === "their")
    return previous?.plural ? previous.text : undefined;
  // "it", "its": a thing or body named as the subject just before.
  return previous && !previous.plural && previous.name.kind !== "person"
    ? previous.text
    : undefined;
}

function isPersonLike(name: NameSpan): boolean {
  return PERSON_KINDS.has(name.kind) && (name.kind === "person" || !/\s/.test(name.name));
}

/** The thing a description points back to: "the bank" → Al-Huda Bank. */
function describe(
  noun: string,
  window: readonly Read[],
  article: readonly Read[],
): { text: string; owner?: boolean } | undefined {
  const recent = (test: (n: NameSpan) => boolean, reach = 6) => {
    for (const read of window.slice(0, reach)) {
      const found = [...read.names].reverse().find(test);
      if (found) return displayName(found);
    }
    return undefined;
  };
  switch (noun) {
    case "group":
    case "militia":
    case "movement":
    case "organization": {
      const text = recent((n) => n.kind === "militia");
      return text ? { text } : undefined;
    }
    case "bank": {
      const text = recent((n) => /\bBank$/.test(n.name));
      return text ? { text } : undefined;
    }
    case "company":
    case "firm":
    case "airline":
    case "conglomerate": {
      const text = recent((n) => COMPANY.test(n.name));
      return text ? { text } : undefined;
    }
    case "network":
    case "scheme": {
      const text = networkOwner(window);
      return text ? { text, owner: true } : undefined;
    }
    default: {
      // "the two leaders", "both sides": the last pair named together as a subject, else the
      // first the article names further on ("The two leaders" right after a welcome).
      const isPair = (r: Read) =>
        (r.subject?.text.includes(" and ") ?? false) &&
        !r.subject?.text.split(" and ").some((part) => BARE_OFFICE.test(part));
      const pair = window.slice(0, PAIR_WINDOW).find(isPair) ?? article.find(isPair);
      return pair?.subject ? { text: pair.subject.text } : undefined;
    }
  }
}

const COMPANY =
  /\b(?:Company|Co\.?|Corp\.?|Corporation|Ltd\.?|Limited|DMCC|FZE|Inc\.?|LLC|Airlines?|Airways|Wings|Group)$|^Fly\s/;

/** "a network ... led by X", "X’s network", "X runs a network": whose network it is. */
function networkOwner(window: readonly Read[]): string | undefined {
  for (const read of window.slice(0, 6)) {
    const text = read.span.text;
    for (const name of [...read.names].reverse()) {
      const before = text.slice(0, name.start);
      const after = text.slice(name.end);
      const ledBy =
        /\bnetwork\b[^.;]{0,80}\b(?:led|run|operated|controlled|directed|headed)\s+by\s+(?:[\p{L}-]+\s+){0,3}$/u;
      if (ledBy.test(before) || /^['’]s\s+(?:\p{Ll}+\s+)?network\b/u.test(after)) {
        return displayName(name);
      }
      if (
        read.subject?.name === name &&
        /\bnetwork\b/.test(after) &&
        name.kind !== "organization"
      ) {
        return displayName(name);
      }
    }
  }
  return undefined;
}

/** Two neighbouring sentences as one draft, when together they still fit one fact. */
function mergeWith(
  paragraph: string,
  previous: StandaloneDraft,
  span: Span,
  /** Whether the sentence before may be cut short: only when the sentence has no other reading. */
  elide: boolean,
): StandaloneDraft | undefined {
  const start = previous.quote.start;
  const quote = paragraph.slice(start, span.start + span.text.length);
  const whole = `${previous.text} ${span.text}`;
  const text =
    whole.length <= MAX_TEXT ? whole : elide ? elided(previous.text, span.text) : undefined;
  if (text === undefined) return undefined;
  return { paragraph: previous.paragraph, quote: { start, text: quote }, text };
}

/** The sentence before must keep at least this much to say what "this" is. */
const MIN_KEPT = 80;
const ELLIPSIS = " … ";

/**
 * Two sentences too long for one fact together, the first cut at its last clause that still
 * fits, as a journalist elides inside a quote: "... radars were destroyed by mystery drone
 * attacks at Camp Taji and Imam Ali Air Base … This might have been an Israeli operation".
 * The quote keeps every word.
 */
function elided(first: string, second: string): string | undefined {
  const room = MAX_TEXT - ELLIPSIS.length - second.length;
  const cuts = [...first.matchAll(/,\s|\s?[—–]\s?/g)].map((m) => m.index ?? 0);
  const cut = cuts.filter((at) => at >= MIN_KEPT && at <= room).at(-1);
  return cut === undefined ? undefined : `${first.slice(0, cut)}${ELLIPSIS}${second}`;
}

/**
 * A quotation of several sentences as one draft, word for word up to who said it, when the
 * sentence before opened it and the whole fits one fact.
 */
function wholeQuotation(
  paragraph: string,
  previous: StandaloneDraft,
  span: Span,
): StandaloneDraft | undefined {
  const start = previous.quote.start;
  if (paragraph.lastIndexOf("“", span.start) > start) return undefined;
  const quote = paragraph.slice(start, span.start + span.text.length);
  if (quote.length > MAX_TEXT) return undefined;
  return { paragraph: previous.paragraph, quote: { start, text: quote }, text: quote };
}

/** "WASHINGTON – Today, ..." → "Today, ...": the dateline says where the release was issued. */
function withoutDateline(sentence: string): string {
  return sentence.replace(/^\p{Lu}{3,}(?:[ ,.]+\p{Lu}{2,})*\s*[–—-]\s*/u, "");
}

/** "And", "Yet", "Moreover,": kept in front of the resolved subject. */
function connectiveLength(sentence: string): number {
  return (
    /^(?:and|but|yet|so|thus|still|moreover|additionally|furthermore|however|meanwhile|indeed|also),?\s+/i.exec(
      sentence,
    )?.[0].length ?? 0
  );
}

/** Words a clause with its own subject starts on; anything else lowercase is taken for a verb. */
const SUBJECT_START =
  /^(?:the|a|an|its|his|her|their|this|that|these|those|some|many|no|all|each|every|most|both|other|such|it|he|she|they|we|there|[\p{Lu}\d$“"(])/u;

function startsOnVerb(clause: string): boolean {
  return /^\p{Ll}/u.test(clause) && !SUBJECT_START.test(clause);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
