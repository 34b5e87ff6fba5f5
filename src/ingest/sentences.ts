/**
 * Sentences and clauses of a paragraph, each with its place in the paragraph, so that what a
 * draft fact quotes is a verbatim slice of the paragraph by construction.
 *
 * Sentences come from Intl.Segmenter (built into Node), which breaks after every "Gen." or
 * "U.S." followed by a capital; breaks after known abbreviations and initials are undone. A
 * sentence longer than LONG_SENTENCE is cut into clauses at semicolons and colons, then, if a
 * piece is still too long for a fact, at the comma or dash nearest its middle.
 */

export interface Span {
  /** Offset of the first character in the paragraph. */
  start: number;
  /** The verbatim words: paragraph.slice(start, start + text.length). */
  text: string;
  /** A clause after the first of its sentence: its subject may be in the clause before. */
  continues?: boolean;
}

/** Sentences longer than this are split into clauses: one fact should say one thing. */
export const LONG_SENTENCE = 220;
/**
 * A fact's sentence may be at most 400 characters (schema); clauses stay under this, counted
 * without the short forms in parentheses, which a draft's text may leave out ("Tryfo
 * Navigation Inc. (Tryfo)"): a list of companies is better drafted whole than cut in two.
 */
export const MAX_CLAUSE = 398;
/** Pieces shorter than this stay with their neighbour: "Yet" is no clause. */
const MIN_CLAUSE = 40;

const ABBREVIATIONS = new Set(
  [
    "mr mrs ms dr prof sr jr st mt ft gen lt col maj capt cmdr adm sgt cpl pvt brig gov sen rep",
    "pres amb sec min dept univ inst corp inc ltd pte co no nos vol fig vs etc approx est al",
    "jan feb mar apr jun jul aug sep sept oct nov dec",
  ]
    .join(" ")
    .split(" "),
);

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

export function sentences(paragraph: string): Span[] {
  const raw: Span[] = [];
  for (const { segment, index } of segmenter.segment(paragraph)) {
    raw.push({ start: index, text: segment });
  }
  const merged: Span[] = [];
  for (const span of raw) {
    const previous = merged[merged.length - 1];
    if (previous && endsWithAbbreviation(previous.text)) {
      previous.text += span.text;
    } else {
      merged.push({ ...span });
    }
  }
  return merged.map(trimSpan).filter((s) => s.text.length > 0);
}

/**
 * The sentence itself, or its clauses when it is long. Semicolons part clauses that each have
 * their subject; a colon usually introduces a list or an example that means nothing alone, so
 * it is cut only when a piece is still too long for a fact.
 */
export function clauses(sentence: Span): Span[] {
  if (sentence.text.length <= LONG_SENTENCE) return [sentence];
  let pieces = splitAt(sentence, /;(?=\s)/g);
  pieces = pieces.flatMap((p) => (condensed(p.text).length > MAX_CLAUSE ? halve(p) : [p]));
  return pieces;
}

/** Cuts after each separator match, merging pieces too short to stand alone. */
function splitAt(span: Span, separator: RegExp): Span[] {
  const cuts: number[] = [];
  for (const match of span.text.matchAll(separator)) cuts.push((match.index ?? 0) + 1);
  const pieces: Span[] = [];
  let from = 0;
  for (const cut of [...cuts, span.text.length]) {
    const piece = trimSpan({ start: span.start + from, text: span.text.slice(from, cut) });
    const last = pieces[pieces.length - 1];
    if (last && (piece.text.length < MIN_CLAUSE || last.text.length < MIN_CLAUSE)) {
      pieces[pieces.length - 1] = {
        start: last.start,
        text: span.text.slice(last.start - span.start, cut).trimEnd(),
      };
    } else if (piece.text.length > 0) {
      pieces.push(pieces.length > 0 ? { ...piece, continues: true } : piece);
    }
    from = cut;
  }
  return pieces;
}

/**
 * Where a piece too long for one fact is best cut: a colon or a comma before a new clause
 * ("..., while", "..., and the") is worth this many characters of distance from the middle.
 */
const CUT_PREFERENCE: [RegExp, number][] = [
  [/:(?=\s)/g, 80],
  [/,(?=\s+(?:while|whereas|although|but|and (?:the|its|their|it|he|she|they))\b)/g, 60],
  [/[—–](?=\s|\S)/g, 10],
  [/,(?=\s)/g, 0],
];

/** Splits a piece too long for one fact at its best cut, recursively. */
function halve(span: Span): Span[] {
  if (condensed(span.text).length <= MAX_CLAUSE) return [span];
  const middle = span.text.length / 2;
  let best = -1;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const [pattern, preference] of CUT_PREFERENCE) {
    for (const match of span.text.matchAll(pattern)) {
      const at = (match.index ?? 0) + 1;
      if (at < MIN_CLAUSE || span.text.length - at < MIN_CLAUSE) continue;
      const score = Math.abs(at - middle) - preference;
      if (score < bestScore) [best, bestScore] = [at, score];
    }
  }
  if (best < 0) best = span.text.lastIndexOf(" ", Math.floor(middle)) + 1 || Math.floor(middle);
  const left = trimSpan({ start: span.start, text: span.text.slice(0, best) });
  const right = trimSpan({ start: span.start + best, text: span.text.slice(best) });
  return [...halve(left), ...halve({ ...right, continues: true })];
}

/** "(Tryfo)", "(IMO 9280366)": short parentheses that a sentence reads as well without. */
const SHORT_PARENTHESES = /\s+\([^()]{1,40}\)(?=[\s,.;:—–]|$)/g;

/** The sentence without its short parentheses, for a fact's text when the whole is too long. */
export function condensed(text: string): string {
  return text.replace(SHORT_PARENTHESES, "");
}

/** Trims spaces and dangling separators at both ends, keeping the offset right. */
function trimSpan(span: Span): Span {
  const lead = /^[\s,;:—–]*/.exec(span.text)?.[0].length ?? 0;
  const text = span.text.slice(lead).replace(/[\s,;:—–]+$/, "");
  return { ...span, start: span.start + lead, text };
}

function endsWithAbbreviation(text: string): boolean {
  const t = text.trimEnd();
  if (!t.endsWith(".")) return false;
  const word = /(\S+)\.$/.exec(t)?.[1] ?? "";
  // Initials and dotted abbreviations: "J.", "U.S.", "a.m."
  if (/^\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.replace(/^[("“]/, "").toLowerCase());
}
