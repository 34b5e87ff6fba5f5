/**
 * Which sentences of an article are claims worth answering from. Articles also hold questions
 * put to the reader, biographies of people other than the author, promises to keep watching,
 * headings written as text, filler, pointers to links and legal boilerplate: drafted as facts,
 * they outrank real answers on common words and answer nothing. Each kind is one named test, so
 * a sentence left out can say why.
 *
 * The author's own biography is kept: readers ask who wrote what they read ("who is the
 * author", "which think tank is he at"), and only it answers. On the sets written from
 * PolicyWatch 4078 alone, drafts alone, it answered four such questions and one near miss
 * ("who is bernstein, the guy the fellowship is named after").
 */

export type NonClaim =
  | "question"
  | "biography"
  | "boilerplate"
  | "navigation"
  | "heading"
  | "filler"
  | "boilerplate section"
  | "needs the sentence before";

export interface ClaimContext {
  /** The heading of the section the sentence stands in. */
  section: string;
  /** The article's author, as its metadata names it. */
  author?: string;
}

/** Sections that only restate standard terms: OFAC's closing "Sanctions Implications" and the like. */
const BOILERPLATE_SECTIONS =
  /^(?:sanctions implications|about the authors?|related (?:content|reading|resources)|further reading|media contacts?|press contacts?|footnotes|notes|references|disclaimer)$/i;

/** A heading written as a sentence: "Second: shipping in the Red Sea". */
const ORDINAL_HEADING =
  /^(?:first|second|third|fourth|fifth|finally|lastly|next|background|context|bottom line)\s*[:—–-]\s*[^.!?]*$/i;

/** Words that say a sentence points elsewhere instead of saying something. */
const NAVIGATION =
  /\b(?:click here|available here|please (?:refer|see|visit|click)|read more|subscribe to|sign up for|for (?:more|further|detailed) information)\b/i;

/** Promises of more of the same: "X will continue to monitor", "remains committed to". */
const BOILERPLATE =
  /\b(?:will|would|shall) continue (?:to|its|their)\b|\bremains? committed to\b|\bwill (?:closely )?(?:monitor|keep watching|keep an eye)\b/i;

/** "Jane Doe is a senior fellow at ...": who the author is, not what the article says. */
const BIOGRAPHY_ROLE =
  /\b(?:fellow|director|professor|analyst|editor|researcher|scholar|journalist|correspondent|chair|co-?founder|co-?creator|author of|contributor|lecturer|associate)\b/i;
const PERSON_IS =
  /^(?:\p{Lu}[\p{L}.’'-]*\s+){1,3}\p{Lu}[\p{L}’'-]+\s+(?:is|was|has been|serves as)\s/u;

/** Filler is a short sentence that names nothing and counts nothing: "Corruption has flourished." */
const FILLER_MAX_WORDS = 5;
/** A heading written as text is short and unpunctuated: "Energy and Environment". */
const HEADING_MAX_WORDS = 5;

/** Why the sentence is not a claim to answer from, or undefined when it is one. */
export function notAClaim(sentence: string, context: ClaimContext): NonClaim | undefined {
  const text = sentence.trim();
  if (BOILERPLATE_SECTIONS.test(context.section.trim())) return "boilerplate section";
  if (/\?["”’)\]]*$/.test(text)) return "question";
  if (isBiography(text, context.author)) return "biography";
  if (NAVIGATION.test(text)) return "navigation";
  if (BOILERPLATE.test(text)) return "boilerplate";
  if (isHeadingText(text)) return "heading";
  if (isFiller(text)) return "filler";
  return undefined;
}

function isBiography(text: string, author: string | undefined): boolean {
  if (!BIOGRAPHY_ROLE.test(text)) return false;
  const names = (author ?? "").split(/\s*(?:,|\band\b)\s*/).filter((n) => n.includes(" "));
  if (names.some((name) => text.startsWith(name))) return false;
  return PERSON_IS.test(text) && /\b(?:at|of) (?:the )?\p{Lu}/u.test(text);
}

function isHeadingText(text: string): boolean {
  if (ORDINAL_HEADING.test(text)) return true;
  if (/[.!?…]["”’')\]]*$/.test(text)) return false;
  return text.endsWith(":") || text.split(/\s+/).length <= HEADING_MAX_WORDS;
}

function isFiller(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.length > FILLER_MAX_WORDS) return false;
  // A name after the first word, or a number, makes a short sentence say something.
  const namesSomething = words.slice(1).some((w) => /^["“(]?\p{Lu}/u.test(w)) || /\d/.test(text);
  return !namesSomething;
}
