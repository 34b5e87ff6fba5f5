/**
 * The names a sentence uses, known or not, with where they stand and what they seem to name,
 * and the subject a sentence opens with. Drafting needs them to say who "he", "it" or "the
 * group" is when a sentence is read alone.
 */
import type { EntityKindName } from "../knowledge/types.ts";
import { normalize } from "../search/text.ts";
import { guessKind, isAcronym, type NameLinker, type Token, tokenize } from "./names.ts";

export interface NameSpan {
  /** The name as written, without a possessive ’s. */
  name: string;
  start: number;
  end: number;
  kind: EntityKindName;
  /** The known entity it names, if any. */
  entityId?: string;
  /** The short form the article gives in parentheses: "(al-Samarra’i)". */
  short?: string;
  possessive: boolean;
}

/** Words that open a sentence capitalised without being names. */
const OPENERS = new Set(
  [
    "the a an this that these those it its he she his her they their we our you i there here",
    "in on at for since after before during as while when although though despite yet but and",
    "or so however moreover additionally furthermore meanwhile indeed instead also today last",
    "according among through unless to of by with from if even both all each other many some",
    "most such what which who why how where following under over between against without",
    "once thus still then now first second third finally lastly further nearly based of note",
  ]
    .join(" ")
    .split(" "),
);
/** Words that join the parts of one name: "Directorate of Technical Equipment". */
const JOINERS = new Set(["of", "the", "al", "el", "bin", "ibn", "for", "de", "du", "&"]);

export function namesIn(sentence: string, linker: NameLinker): NameSpan[] {
  const tokens = tokenize(sentence);
  const spans: NameSpan[] = [];
  let run: Token[] = [];
  const close = () => {
    while (run.length > 0 && JOINERS.has((run[run.length - 1] as Token).text.toLowerCase())) {
      run.pop();
    }
    if (run.length > 0) spans.push(spanOf(run, sentence, linker));
    run = [];
  };
  for (const token of tokens) {
    const previous = run[run.length - 1];
    const adjacent =
      previous !== undefined && /^ $/.test(sentence.slice(previous.end, token.start));
    if (previous && (!adjacent || /['’]s$/.test(previous.text))) close();
    if (isNamePart(token, run.length > 0)) run.push(token);
    else close();
  }
  close();
  return spans;
}

function isNamePart(token: Token, inRun: boolean): boolean {
  const word = token.text;
  if (inRun && JOINERS.has(word.toLowerCase())) return true;
  if (!/^\p{Lu}/u.test(word) && !/^al-\p{Lu}/u.test(word)) return false;
  // "The", "In", "Today’s": capitalised only because they open the sentence.
  if (token.k === 0 && OPENERS.has(bare(word).toLowerCase())) return false;
  return !(inRun === false && OPENERS.has(bare(word).toLowerCase()) && word.length <= 4);
}

function spanOf(run: Token[], sentence: string, linker: NameLinker): NameSpan {
  const first = run[0] as Token;
  const last = run[run.length - 1] as Token;
  const possessive = /['’]s$/.test(last.text);
  const end = possessive ? last.end - 2 : last.end;
  const name = sentence.slice(first.start, end);
  const known = linker.entityNamed(name) ?? linker.entityNamed(bare(last.text));
  const short = /^\s*\(([^()]{2,40})\)/.exec(sentence.slice(last.end))?.[1]?.trim();
  return {
    name,
    start: first.start,
    end,
    kind: known?.kind ?? guessKind(name, sentence),
    ...(known ? { entityId: known.id } : {}),
    ...(short && /^\p{Lu}|^al-/u.test(short) ? { short } : {}),
    possessive,
  };
}

function bare(word: string): string {
  return word.replace(/['’]s$/, "");
}

/** How a name reads in a bracket: its short form, unless that is only an acronym. */
export function displayName(span: NameSpan): string {
  const name = span.short && !isAcronym(span.short) ? span.short : span.name;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export interface Subject {
  /** The words to put in brackets: "Al-Samarra’i", "Said’s companies", "A and B". */
  text: string;
  kind: EntityKindName;
  plural: boolean;
  /** The name it rests on, for pronouns that need a person or an organization. */
  name: NameSpan;
}

/** "In early 2025, " "WASHINGTON – " "Moreover, ": what comes before the subject. */
const LEAD_IN =
  /^(?:\p{Lu}{3,}(?:\s\p{Lu}{3,})*\s*[–—-]\s*)?(?:(?:and|but|yet|so|thus|still|moreover|additionally|furthermore|however|meanwhile|indeed|instead|also|today|of note|in addition),?\s+)?(?:(?:in|on|at|after|before|since|during|despite|following|among|through|under|for|as|while|when|although|by|from|until|toward)\s[^,]{1,80},\s+)?/iu;
const PLURAL_NOUN = /^\p{Ll}+s$/u;

/** Where the subject would start: after a dateline, a connective or an opening phrase. */
export function leadInLength(sentence: string): number {
  return LEAD_IN.exec(sentence)?.[0].length ?? 0;
}

/** The name a sentence opens with as its subject, if it opens with one. */
export function subjectOf(sentence: string, names: readonly NameSpan[]): Subject | undefined {
  const at = leadInLength(sentence);
  const from = /^the\s/i.test(sentence.slice(at)) ? at + 4 : at;
  const name = names.find((n) => n.start === from);
  if (!name) return undefined;
  let end = name.end;
  let text = displayName(name);
  let plural = false;
  const rest = sentence.slice(name.end);
  if (name.possessive) {
    // "Said’s companies use ...": the owner and the thing owned.
    const owned = /^['’]s\s+(\p{Ll}[\p{Ll}-]*)/u.exec(rest);
    if (!owned) return undefined;
    text = `${text}’s ${owned[1]}`;
    plural = PLURAL_NOUN.test(owned[1] ?? "");
    end += owned[0].length;
  } else {
    const skipped = /^\s*\([^()]{1,40}\)/.exec(rest)?.[0].length ?? 0;
    const other = /^\s+and\s+(?:the\s+)?/.exec(sentence.slice(end + skipped));
    const second = other && names.find((n) => n.start === end + skipped + other[0].length);
    if (second) {
      text = `${text} and ${displayName(second)}`;
      plural = true;
      end = second.end;
    }
  }
  return { text, kind: name.kind, plural, name };
}

/** Two spellings of one name are the same name: used to avoid "[Iran] ... Iran". */
export function sameName(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}
