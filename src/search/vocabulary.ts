/**
 * The terms the knowledge uses, with how many facts use each. It weighs question words
 * (rare words matter more) and corrects typos to the nearest known term.
 */
import { distance } from "fastest-levenshtein";

/** Words shorter than this are never corrected: too many near neighbours. */
const MIN_CORRECTABLE_LENGTH = 4;

export class Vocabulary {
  private readonly documentFrequency = new Map<string, number>();
  /** Letter pairs → terms containing them, so a typo is compared with a shortlist only. */
  private readonly byBigram = new Map<string, string[]>();
  private documents = 0;

  addDocument(terms: Iterable<string>): void {
    this.documents++;
    for (const term of new Set(terms)) {
      const seen = this.documentFrequency.get(term);
      this.documentFrequency.set(term, (seen ?? 0) + 1);
      if (seen === undefined) {
        for (const pair of bigrams(term)) {
          const list = this.byBigram.get(pair);
          if (list) list.push(term);
          else this.byBigram.set(pair, [term]);
        }
      }
    }
  }

  has(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  /** Inverse document frequency; a term the knowledge never uses weighs the most. */
  weight(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.documents + 1) / (df + 0.5));
  }

  /**
   * The known term closest to an unknown one: one edit for words up to 7 letters, two for
   * longer ones; ties go to the more common term. Undefined when nothing is that close.
   */
  correct(term: string): string | undefined {
    if (term.length < MIN_CORRECTABLE_LENGTH || /\d/.test(term)) return undefined;
    const maxEdits = term.length >= 8 ? 2 : 1;
    const shared = new Map<string, number>();
    for (const pair of new Set(bigrams(term))) {
      for (const candidate of this.byBigram.get(pair) ?? []) {
        shared.set(candidate, (shared.get(candidate) ?? 0) + 1);
      }
    }
    // Each edit can break at most two letter pairs.
    const needed = Math.max(1, term.length - 1 - 2 * maxEdits);
    let best: string | undefined;
    let bestDistance = maxEdits + 1;
    for (const [candidate, count] of shared) {
      if (count < needed || Math.abs(candidate.length - term.length) > maxEdits) continue;
      const d = editDistance(term, candidate);
      if (
        d < bestDistance ||
        (d === bestDistance &&
          best !== undefined &&
          this.frequency(candidate) > this.frequency(best))
      ) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= maxEdits ? best : undefined;
  }

  private frequency(term: string): number {
    return this.documentFrequency.get(term) ?? 0;
  }
}

function bigrams(term: string): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < term.length - 1; i++) pairs.push(term.slice(i, i + 2));
  return pairs;
}

/** Levenshtein distance, counting a swap of two neighbouring letters ("knigths") as one edit. */
function editDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  const differ = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  const [i, j] = differ;
  const swapped =
    differ.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
  return swapped ? 1 : d;
}
