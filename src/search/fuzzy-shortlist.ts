/**
 * fuse.js over a shortlist. fuse.js scores every item of its collection for every search, which
 * at thousands of aliases costs tens of milliseconds a word. But a fuzzy match of a pattern of m
 * letters with at most k edits keeps at least m − 1 − 2k of the pattern's letter pairs (each edit
 * breaks at most two), and cut into k + 1 pieces, at least one piece intact (each edit touches
 * one piece). An item that fails either test cannot match, so fuse.js need only look at the items
 * that pass both: usually a handful.
 *
 * The results are fuse.js's own, item for item and score for score: every item fuse.js could
 * return (its bitap score, errors ÷ length, is within `within`) is on the shortlist, and
 * fuse.js ranks the shortlist as it ranks the whole collection (score, then collection order).
 */
import Fuse, { type FuseIndex, type FuseResult, type IFuseOptions } from "fuse.js";

/** fuse.js splits longer patterns into chunks and averages them: no bound holds, search all. */
const MAX_PATTERN = 32;
/** Past this share of the collection a shortlist saves nothing. */
const MAX_SHARE = 0.3;

export class FuzzyShortlist<T> {
  private readonly fuse: Fuse<T>;
  private readonly threshold: number;
  /** Letter pair → indexes of the items whose key has it, ascending. */
  private readonly byPair = new Map<string, number[]>();
  private readonly keys: string[];
  private readonly counts: Int32Array;
  /** fuse.js's index of the whole collection: shortlists reuse its records. */
  private readonly index: FuseIndex<T>;

  constructor(
    private readonly items: readonly T[],
    private readonly options: IFuseOptions<T>,
    key: (item: T) => string,
  ) {
    this.fuse = new Fuse(items, options);
    this.index = this.fuse.getIndex();
    this.threshold = options.threshold ?? 0.6;
    if (!options.ignoreLocation) throw new Error("FuzzyShortlist needs ignoreLocation");
    this.keys = items.map((item) => key(item).toLowerCase());
    for (const [i, text] of this.keys.entries()) {
      for (const pair of new Set(pairs(text))) {
        const list = this.byPair.get(pair);
        if (list) list.push(i);
        else this.byPair.set(pair, [i]);
      }
    }
    this.counts = new Int32Array(items.length);
  }

  /**
   * `fuse.search(pattern, { limit })` over the items that can match within `within` × the
   * pattern's length edits (fuse.js's own threshold by default, which gives exactly
   * `fuse.search`'s results). Every item that fuse.js scores at most `within` is among them, in
   * fuse.js's order: the best such item is the same as over the whole collection.
   * `refIndex` is the item's place in the whole collection.
   */
  search(pattern: string, options: { limit: number; within?: number }): FuseResult<T>[] {
    const within = Math.min(options.within ?? this.threshold, this.threshold);
    const lower = pattern.toLowerCase();
    const m = lower.length;
    const maxEdits = Math.floor(within * m + 1e-9);
    const needed = m - 1 - 2 * maxEdits;
    if (m > MAX_PATTERN || needed <= 0) return this.fuse.search(pattern, { limit: options.limit });

    const counts = this.counts;
    const touched: number[] = [];
    const multiplicity = new Map<string, number>();
    for (const pair of pairs(lower)) multiplicity.set(pair, (multiplicity.get(pair) ?? 0) + 1);
    for (const [pair, times] of multiplicity) {
      for (const i of this.byPair.get(pair) ?? []) {
        if (counts[i] === 0) touched.push(i);
        counts[i] = (counts[i] as number) + times;
      }
    }
    const cuts = pieces(lower, maxEdits);
    const shortlist: number[] = [];
    for (const i of touched) {
      if ((counts[i] as number) >= needed) {
        const text = this.keys[i] ?? "";
        if (cuts.every((cut) => cut.some((piece) => text.includes(piece)))) shortlist.push(i);
      }
      counts[i] = 0;
    }
    if (shortlist.length > this.items.length * MAX_SHARE) {
      return this.fuse.search(pattern, { limit: options.limit });
    }
    if (shortlist.length === 0) return [];
    shortlist.sort((a, b) => a - b);
    // fuse.js over the shortlist, with the records it already made for these items (renumbered).
    const records = this.index.records as { i: number }[];
    const index = Fuse.parseIndex<T>({
      keys: this.index.keys as unknown as Parameters<typeof Fuse.parseIndex>[0]["keys"],
      records: shortlist.map((i, j) => ({ ...records[i], i: j })) as typeof this.index.records,
    });
    const fuse = new Fuse(
      shortlist.map((i) => this.items[i] as T),
      this.options,
      index,
    );
    return fuse
      .search(pattern, { limit: options.limit })
      .map((result) => ({ ...result, refIndex: shortlist[result.refIndex] ?? result.refIndex }));
  }

  /** The whole collection, for checks. */
  searchAll(pattern: string, options: { limit: number }): FuseResult<T>[] {
    return this.fuse.search(pattern, options);
  }
}

/**
 * Ways to cut the pattern into k + 1 pieces; a match within k edits leaves a piece of each
 * intact. For one edit, every cut; for more, the even cut and a few shifted ones.
 */
function pieces(pattern: string, k: number): string[][] {
  const m = pattern.length;
  const cuts: string[][] = [];
  const cut = (bounds: number[]) => {
    const parts: string[] = [];
    let start = 0;
    for (const end of [...bounds, m]) {
      if (end <= start) return;
      parts.push(pattern.slice(start, end));
      start = end;
    }
    cuts.push(parts);
  };
  if (k === 0) cut([]);
  else if (k === 1) for (let at = 1; at < m; at++) cut([at]);
  else {
    const even = Array.from({ length: k }, (_, j) => Math.round(((j + 1) * m) / (k + 1)));
    for (let shift = -2; shift <= 2; shift++) cut(even.map((b) => b + shift));
  }
  return cuts;
}

function pairs(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < text.length; i++) out.push(text.slice(i, i + 2));
  return out;
}
