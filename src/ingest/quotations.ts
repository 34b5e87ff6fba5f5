/**
 * Quotations that run over several sentences: `“A. B,” said Jane Doe. “C.”` Cut into sentences,
 * only one of them says who spoke. A draft of another one names the speaker, so that "We will
 * cut off their funds" reads as Jane Doe's words and not the article's.
 */

export interface Quoted {
  /** The sentence is (part of) a quotation. */
  inside: boolean;
  /** It goes on from a sentence before it: `“A. B,” said X` for B. */
  continues?: boolean;
  /** Who said it, when the paragraph says: "Scott Bessent". */
  speaker?: string;
  /** The sentence itself says who spoke: `...,” said Scott Bessent.` */
  saysWho?: boolean;
}

/** `,” said Under Secretary ... John K. Hurley.` — the words after "said" up to the sentence end. */
const ATTRIBUTION =
  /[,.!?]?["”]\s*(?:said|says|added|stated|noted)\s+([^“"]+?)\s*(?:(?<!\s\p{Lu})\.\s*$|(?<!\s\p{Lu})\.\s+(?=["“\p{Lu}])|$)/u;

/** Where a sentence stands among the quotation marks of its paragraph, and who spoke. */
export function quotedIn(paragraph: string, start: number, sentence: string): Quoted {
  const before = paragraph.slice(0, start);
  const open = count(before, "“") - count(before, "”") > 0;
  const opensHere = /^["“]/.test(sentence.trim());
  if (!open && !opensHere) return { inside: false };
  const continues = open && !opensHere;
  // A sentence that says who spoke ("..., said X.") needs nothing more.
  if (ATTRIBUTION.test(sentence)) return { inside: true, continues, saysWho: true };
  const speaker = nearestSpeaker(paragraph, start);
  return speaker ? { inside: true, continues, speaker } : { inside: true, continues };
}

/** The speaker named nearest to the sentence, after it first ("“A. B,” said X"), else before. */
function nearestSpeaker(paragraph: string, start: number): string | undefined {
  const after = ATTRIBUTION.exec(paragraph.slice(start))?.[1];
  if (after) return personName(after);
  const matches = [...paragraph.slice(0, start).matchAll(new RegExp(ATTRIBUTION.source, "gu"))];
  const last = matches[matches.length - 1]?.[1];
  return last ? personName(last) : undefined;
}

/**
 * The person's own name at the end of a title: "Secretary of the Treasury Scott Bessent" →
 * "Scott Bessent", "Under Secretary ..., Brian E. Nelson" → "Brian E. Nelson".
 */
export function personName(phrase: string): string {
  const tokens = phrase.replace(/[.,;:]+$/, "").split(/\s+/);
  const name: string[] = [];
  let words = 0;
  for (let i = tokens.length - 1; i >= 0 && words < 2; i--) {
    const token = tokens[i] as string;
    if (!/^\p{Lu}/u.test(token) || token.endsWith(",")) break;
    name.unshift(token);
    if (!/^\p{Lu}\.$/u.test(token)) words++;
  }
  return name.length > 0 ? name.join(" ") : phrase.trim();
}

/** The sentence as the speaker's words: `Scott Bessent said: “We remain committed ...”`. */
export function attributed(sentence: string, speaker: string): string {
  const words = sentence.trim().replace(/^["“]/, "").replace(/["”]$/, "").trim();
  return `${speaker} said: “${words}”`;
}

function count(text: string, mark: string): number {
  return text.split(mark).length - 1;
}
