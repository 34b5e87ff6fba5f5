/**
 * How text becomes search terms, the same way for facts and for questions:
 * normalize (case, accents, punctuation, transliteration marks), split, drop stop words, stem.
 */

import { stemmer } from "stemmer";
import { eng as englishStopWords } from "stopword";

/**
 * Words that carry no meaning in a chat question on top of the English stop list:
 * question scaffolding ("tell me about", "what happened") and filler.
 */
const CHAT_STOP_WORDS = [
  // Question scaffolding and filler.
  "anything anyone something happen happened happens tell know say says said does doing done",
  "please thanks explain describe give show find info information us whats who whom whose why",
  "when will shall may there their it its ever just really actually kind sort thing things stuff",
  "also one ones lot lots etc today currently during so",
  // Verbs so common that a question's meaning never rests on them.
  "go goes going went gone gets getting",
  // Auxiliaries with "not", as normalizing leaves them ("hasn't" → hasnt): the answer, quoted,
  // says whether it happened.
  "didnt doesnt dont hasnt havent hadnt isnt arent wasnt werent wont cant couldnt shouldnt",
  "wouldnt mustnt neednt aint",
  // The bot answers only from its sources: "the article says" means nothing more.
  "article articles piece paper report source sources text",
]
  .join(" ")
  .split(" ");

const STOP_WORDS = new Set([...englishStopWords, ...CHAT_STOP_WORDS]);

/**
 * Lowercase, strip accents, fold apostrophes and dots so that "Kata’ib" = "kataib" and
 * "U.S." = "usa" ("us" alone is a pronoun), turn other punctuation into spaces.
 */
export function normalize(text: string): string {
  // Indexing a fact reads its sentence three times (names, terms, plain text): fold it once.
  if (text !== lastText) {
    lastNormal = fold(text);
    lastText = text;
  }
  return lastNormal;
}

/** The last text normalized, and its normal form. */
let lastText: string | undefined;
let lastNormal = "";

const NON_ASCII = /[\u0080-\uffff]/;
const US_WORD = /\bus\b/i;

function fold(text: string): string {
  // The "US" rewrites are costly and rarely apply: look for their words before running them.
  let usa = text;
  if (usa.includes("US") || usa.includes("U.S.")) {
    usa = usa.replace(/\bU\.S\.(?:A\.)?|\bUSA?\b/g, " usa ");
  }
  if (US_WORD.test(usa)) {
    usa = usa
      // In lowercase chat "the us" and "us troops" mean the country, not the pronoun.
      .replace(/\b(the|did|does|do|will|would|should|can|could|has|have|had) us\b/gi, "$1 usa")
      .replace(
        /\bus(?= (troops|forces|embassy|policy|strikes?|officials|government|military|bases?|aircraft|interests|targets?|position|personnel|diplomats)\b)/gi,
        "usa",
      );
  }
  // Plain ASCII (most text) has no accents to strip.
  const plain = NON_ASCII.test(usa) ? usa.normalize("NFKD").replace(/\p{M}/gu, "") : usa;
  return plain
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/['’‘`´ʼ.]/g, "")
    .replace(/[^\p{L}\p{N}$]+/gu, " ")
    .trim();
}

export function words(text: string): string[] {
  const normal = normalize(text);
  return normal ? normal.split(" ") : [];
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Stems already computed: the stemmer is the costliest step of indexing, and words repeat. */
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 200_000;

/**
 * Small numbers spelled out index as digits: "3 days" finds "three days". ("one" is left alone:
 * "one of the groups" counts nothing.)
 */
const NUMBER_WORDS: Record<string, string> = Object.fromEntries(
  "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
    .split(" ")
    .map((w, i) => [w, String(i + 2)]),
);

/** The index form of one normalized word: its stem. */
export function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = /^\d+$/.test(word) ? word : (NUMBER_WORDS[word] ?? stemmer(word));
    if (stems.size >= MAX_CACHED_STEMS) stems.clear();
    stems.set(word, stemmed);
  }
  return stemmed;
}

/** Content terms of a text: normalized, stop words removed, stemmed. */
export function terms(text: string): string[] {
  const found: string[] = [];
  for (const word of words(text)) {
    // One lookup per word instead of two (stop list, then stem cache): indexing's hottest loop.
    let term = termOf.get(word);
    if (term === undefined) {
      term = isStopWord(word) ? null : stem(word);
      if (termOf.size >= MAX_CACHED_STEMS) termOf.clear();
      termOf.set(word, term);
    }
    if (term !== null) found.push(term);
  }
  return found;
}

/** Each word's term, or null for a stop word. */
const termOf = new Map<string, string | null>();
