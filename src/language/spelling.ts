/**
 * Typos in a question, corrected before it is read: "whre", "atfer", "argmuent", "isreali".
 * Only a word that is neither English nor the sources' own is corrected, to a word one edit away
 * (a letter dropped, added, changed, or two swapped: Damerau's four slips, which make most typing
 * errors): a word that shapes a question ("whre" → where), else the one the sources use most
 * ("droes" → drones, not drops), else the most frequent in English.
 * Names the sources do not know and English does not either ("netanyahu") are left as typed.
 */
import { isStopWord } from "../search/text.ts";
import { englishCount, isEnglishWord } from "./english.ts";

/** A correction must be a word people use, not a rare form one edit from anything. */
const MIN_CORRECTION_COUNT = 50;
const SHORTEST_CORRECTED = 3;
const SHORTEST_FREE = 4;
/** A correction to a name of the sources' that English lacks ("musawi") is at least this long. */
const SHORTEST_NAME = 5;
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** The word as meant, or the word itself when it is no typo or no correction is clear. */
export function correctSpelling(word: string, factsUsing: (word: string) => number): string {
  if (word.length < SHORTEST_CORRECTED || !/^[a-z]+$/.test(word)) return word;
  if (factsUsing(word) > 0 || isEnglishWord(word)) return word;
  let best: { word: string; rank: [number, number, number] } | undefined;
  for (const candidate of oneEditFrom(word)) {
    // Three letters are one edit from too many words: only the commonest ("teh" → the) count.
    if (word.length < SHORTEST_FREE && !isStopWord(candidate)) continue;
    const english = englishCount(candidate);
    // The sources' words are matched by stem: a short non-word ("aled") only looks like one.
    const theirs = english > 0 || candidate.length >= SHORTEST_NAME ? factsUsing(candidate) : 0;
    const rank: [number, number, number] = [
      QUESTION_SHAPERS.has(candidate) ? 1 : 0,
      theirs,
      english,
    ];
    if (rank[0] === 0 && rank[1] === 0 && english < MIN_CORRECTION_COUNT) continue;
    if (!best || isBetter(rank, best.rank)) best = { word: candidate, rank };
  }
  return best?.word ?? word;
}

function isBetter(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) > (b[i] ?? 0);
  return false;
}

/** Words that give a question its shape: a typo in one changes what kind of answer is wanted. */
const QUESTION_SHAPERS = new Set(
  "what whats when where which while whom whose who whos why how about after before around during since until between against through among without within again also only still other there their they many much long".split(
    " ",
  ),
);

function* oneEditFrom(word: string): Generator<string> {
  for (let i = 0; i <= word.length; i++) {
    const [head, tail] = [word.slice(0, i), word.slice(i)];
    if (tail) yield head + tail.slice(1);
    if (tail.length > 1) yield head + tail[1] + tail[0] + tail.slice(2);
    for (const c of LETTERS) {
      if (tail) yield head + c + tail.slice(1);
      yield head + c + tail;
    }
  }
}
