/**
 * The terms the knowledge uses, with how many facts use each. It weighs question words
 * (rare words matter more) and corrects typos to the nearest known term.
 */
import { distance } from "fastest-levenshtein";

/** Words shorter than this are never corrected: too many near neighbours. */
const MIN_CORRECTABLE_LENGTH = 4;

export class Vocabulary {
  /** Terms in the order first seen; a term's number is its place here. */
  private readonly terms: string[] = [];
  private readonly ids = new Map<string, number>();
  /** Per term number: how many documents use it, and the last document that did. */
  private documentFrequency = new Int32Array(1024);
  private lastDocument = new Int32Array(1024);
  /**
   * Letter pairs → terms containing them (once per occurrence), by term length, so a typo is
   * compared with a shortlist of terms of about its length only.
   */
  private readonly byBigram = new Map<string, number[][]>();
  /** Scratch for `correct`: letter pairs shared with each term, and the first pair shared. */
  private shared = new Int32Array(0);
  private firstShared = new Int32Array(0);
  private documents = 0;

  /**
   * A vocabulary from terms already counted (by the term index, see `TermIndexBuilder.frequencies`):
   * the same as adding the documents one by one, without a second pass over their terms.
   */
  static fromFrequencies(
    counted: Iterable<readonly [term: string, frequency: number]>,
    documents: number,
  ): Vocabulary {
    const vocabulary = new Vocabulary();
    for (const [term, frequency] of counted) {
      // Interned first: it may grow (replace) the frequency array.
      const id = vocabulary.intern(term);
      vocabulary.documentFrequency[id] = frequency;
    }
    vocabulary.documents = documents;
    return vocabulary;
  }

  addDocument(terms: Iterable<string>): void {
    const document = ++this.documents;
    for (const term of terms) {
      let id = this.ids.get(term);
      if (id === undefined) {
        id = this.intern(term);
        this.documentFrequency[id] = 1;
        this.lastDocument[id] = document;
      } else if (this.lastDocument[id] !== document) {
        this.lastDocument[id] = document;
        this.documentFrequency[id] = (this.documentFrequency[id] as number) + 1;
      }
    }
  }

  /** Gives a new term the next number and files it under its letter pairs. */
  private intern(term: string): number {
    const id = this.terms.length;
    this.terms.push(term);
    this.ids.set(term, id);
    if (id === this.documentFrequency.length) {
      this.documentFrequency = grow(this.documentFrequency);
      this.lastDocument = grow(this.lastDocument);
    }
    for (const pair of bigrams(term)) {
      let byLength = this.byBigram.get(pair);
      if (!byLength) {
        byLength = [];
        this.byBigram.set(pair, byLength);
      }
      const list = byLength[term.length];
      if (list) list.push(id);
      else byLength[term.length] = [id];
    }
    return id;
  }

  has(term: string): boolean {
    return this.ids.has(term);
  }

  /** Inverse document frequency; a term the knowledge never uses weighs the most. */
  weight(term: string): number {
    const df = this.frequency(term);
    return Math.log(1 + (this.documents + 1) / (df + 0.5));
  }

  /**
   * The known term closest to an unknown one: one edit for words up to 7 letters, two for
   * longer ones; ties go to the more common term. Undefined when nothing is that close.
   */
  correct(term: string): string | undefined {
    if (term.length < MIN_CORRECTABLE_LENGTH || /\d/.test(term)) return undefined;
    const maxEdits = term.length >= 8 ? 2 : 1;
    if (this.shared.length < this.terms.length) {
      this.shared = new Int32Array(this.terms.length * 2);
      this.firstShared = new Int32Array(this.terms.length * 2);
    }
    const shared = this.shared;
    const touched: number[] = [];
    const pairs = [...new Set(bigrams(term))];
    for (const [p, pair] of pairs.entries()) {
      const byLength = this.byBigram.get(pair);
      if (!byLength) continue;
      for (let length = term.length - maxEdits; length <= term.length + maxEdits; length++) {
        for (const id of byLength[length] ?? []) {
          if (shared[id] === 0) {
            touched.push(id);
            this.firstShared[id] = p;
          }
          shared[id] = (shared[id] as number) + 1;
        }
      }
    }
    // Each edit can break at most two letter pairs.
    const needed = Math.max(1, term.length - 1 - 2 * maxEdits);
    // The closest; then the most common; then the first met, pair by pair in the term's order.
    let best: number | undefined;
    let bestDistance = maxEdits + 1;
    for (const id of touched) {
      const count = shared[id] as number;
      shared[id] = 0;
      if (count < needed) continue;
      const candidate = this.terms[id] ?? "";
      const d = editDistance(term, candidate);
      if (d > maxEdits) continue;
      if (best === undefined || d < bestDistance) {
        best = id;
        bestDistance = d;
        continue;
      }
      if (d > bestDistance) continue;
      const more = this.frequency(candidate) - this.frequency(this.terms[best] ?? "");
      const earlier =
        (this.firstShared[id] as number) - (this.firstShared[best] as number) || id - best;
      if (more > 0 || (more === 0 && earlier < 0)) best = id;
    }
    return best === undefined ? undefined : this.terms[best];
  }

  /** How many documents use the term. */
  frequency(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? 0 : (this.documentFrequency[id] as number);
  }
}

function grow(array: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

function bigrams(term: string): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < term.length - 1; i++) pairs.push(term.slice(i, i + 2));
  return pairs;
}

/** Levenshtein distance, counting a swap of two neighbouring letters ("knigths") as one edit. */
export function editDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  const differ = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  const [i, j] = differ;
  const swapped =
    differ.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
  return swapped ? 1 : d;
}
