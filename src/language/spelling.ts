/**
 * Typos in a question, corrected before it is read: "whre", "atfer", "argmuent", "isreali".
 * Only a word that is neither English nor the sources' own is corrected, to a word one edit away
 * (a letter dropped, added, changed, or two swapped: Damerau's four slips, which make most typing
 * errors): a word that shapes a question ("whre" → where), else the English word the sources use
 * most ("droes" → drones, not drops), else the most frequent in English; failing all of those,
 * the sources' own name one edit away ("muswai" → musawi). Names nobody knows ("netanyahu") stay
 * as typed.
 */
import { isStopWord } from "../search/text.ts";
import { isEnglishWord, spokenCount } from "./english.ts";

/** A correction must be a word people use, not a rare form one edit from anything. */
const MIN_CORRECTION_COUNT = 50;
const SHORTEST_CORRECTED = 3;
const SHORTEST_FREE = 4;
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
/** A correction to a name of the sources' that English lacks ("musawi") is at least this long. */
const SHORTEST_NAME = 5;

/** The word as meant, or the word itself when it is no typo or no correction is clear. */
export function correctSpelling(word: string, factsUsing: (word: string) => number): string {
  if (word.length < SHORTEST_CORRECTED || !/^[a-z]+$/.test(word)) return word;
  if (factsUsing(word) > 0 || isEnglishWord(word)) return word;
  let best: { word: string; rank: [number, number, number] } | undefined;
  const candidates = [...oneEditFrom(word)].filter(
    // Three letters are one edit from too many words: only the commonest ("teh" → the) count.
    (c) => word.length >= SHORTEST_FREE || isStopWord(c),
  );
  for (const candidate of candidates) {
    const shaper = QUESTION_SHAPERS.has(candidate);
    const theirs = factsUsing(candidate);
    const english = spokenCount(candidate);
    // A rare form is one edit from too much; the sources' own words ("tehran") are never rare.
    if (!shaper && theirs === 0 && english < MIN_CORRECTION_COUNT) continue;
    // The sources' names English lacks ("musawi") only when long enough to be told apart.
    if (!shaper && english === 0 && candidate.length < SHORTEST_NAME) continue;
    const rank: [number, number, number] = [shaper ? 1 : 0, theirs, english];
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
