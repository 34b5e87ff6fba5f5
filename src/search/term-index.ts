/**
 * The term index behind /ask: an inverted index over pre-analysed fields (space-separated terms)
 * that scores exactly as MiniSearch 7 does (BM25+ with per-field lengths, field and term boosts,
 * sub-queries combined with OR, score × number of query terms matched, the same order of
 * floating-point sums and so the same scores to the last bit) and reads the same query objects as
 * MiniSearch's `search`. What it adds:
 *
 * - postings in typed arrays (compressed sparse rows), about 6 bytes a posting instead of a Map
 *   entry, built in one pass: 100,000 facts index in well under a second;
 * - `perPattern`: documents that matched the same query terms (and have the same `tags`) differ
 *   only by score for a ranking built on the matched terms, so only the best few of each such
 *   pattern are returned. A question that shares one common word with 70,000 facts then costs a
 *   pass over typed arrays, not 70,000 result objects.
 *
 * MiniSearch stays the reference: tests/search/term-index.test.ts checks that both return the same
 * documents, in the same order, with the same scores.
 */

/** BM25+ parameters, MiniSearch's defaults. */
const K = 1.2;
const B = 0.7;
const D = 0.5;

export interface TermSubquery {
  /** One string of analysed terms separated by spaces. */
  queries: readonly [string];
  /** Fields to search, in this order; all fields when omitted. */
  fields?: readonly string[];
  boost?: Readonly<Record<string, number>>;
  boostTerm?: (term: string, index: number, terms: string[]) => number;
}

export interface TermQuery {
  combineWith?: "OR" | "or";
  queries: readonly TermSubquery[];
}

export interface TermSearchOptions {
  /**
   * Return at most this many documents per match pattern: the query terms a document matched and
   * which of `tags` it has. Whatever ranks documents by score and pattern only, growing with the
   * score, finds the same best `perPattern` documents in these results as in all of them.
   */
  perPattern?: number;
  /** Tags (given to `add`) that the ranking also looks at. */
  tags?: readonly string[];
}

export interface TermResult {
  /** The document's number: the order it was added in, from 0. */
  id: number;
  score: number;
  /** The query terms matched, each with the fields it was found in (as in MiniSearch). */
  match: Record<string, string[]>;
  /** The query terms matched. */
  terms: string[];
}

/** Collects documents, then `build()` packs them into a TermIndex. */
export class TermIndexBuilder {
  private readonly fieldIds: Map<string, number>;
  private readonly termIds = new Map<string, number>();
  /** Term by number. */
  private readonly termList: string[] = [];
  private readonly tagIds = new Map<string, number>();
  /** Per field: (term, frequency) pairs of each document in turn. */
  private readonly forward: {
    terms: GrowableInt32;
    freqs: GrowableInt32;
    lengths: GrowableInt32;
  }[];
  private readonly averages: number[];
  private readonly docTags = new GrowableInt32();
  private readonly docTagEnds = new GrowableInt32();
  private documents = 0;
  /** Scratch: frequency of each term in the field being added. */
  private counts = new Int32Array(1024);

  constructor(private readonly fields: readonly string[]) {
    this.fieldIds = new Map(fields.map((f, i) => [f, i]));
    this.forward = fields.map(() => ({
      terms: new GrowableInt32(),
      freqs: new GrowableInt32(),
      lengths: new GrowableInt32(),
    }));
    this.averages = fields.map(() => 0);
  }

  /**
   * Adds a document: each field a string of terms separated by spaces, or the terms themselves
   * (which spares joining and splitting them again). Tags are looked at by `perPattern` searches
   * only. Returns the document's number.
   */
  add(document: object, tags: readonly string[] = []): number {
    const n = this.documents;
    for (const [f, field] of this.fields.entries()) {
      const forward = this.forward[f];
      if (!forward) continue;
      const raw = (document as Record<string, unknown>)[field];
      if (raw === undefined || raw === null) {
        // As in MiniSearch: a missing field has no length and leaves the average alone.
        forward.lengths.push(0);
        continue;
      }
      const distinct: number[] = [];
      const tokens = Array.isArray(raw) ? (raw as readonly string[]) : String(raw).split(" ");
      for (const token of tokens) {
        if (!token) continue;
        let id = this.termIds.get(token);
        if (id === undefined) {
          id = this.termIds.size;
          this.termIds.set(token, id);
          this.termList.push(token);
          if (id >= this.counts.length) {
            const grown = new Int32Array(this.counts.length * 2);
            grown.set(this.counts);
            this.counts = grown;
          }
        }
        if (this.counts[id] === 0) distinct.push(id);
        this.counts[id] = (this.counts[id] as number) + 1;
      }
      for (const id of distinct) {
        forward.terms.push(id);
        forward.freqs.push(this.counts[id] as number);
        this.counts[id] = 0;
      }
      // The field's length is its number of distinct terms; the running average as MiniSearch keeps it.
      const length = distinct.length;
      forward.lengths.push(length);
      const average = this.averages[f] ?? 0;
      this.averages[f] = (average * n + length) / (n + 1);
    }
    for (const tag of new Set(tags)) {
      let id = this.tagIds.get(tag);
      if (id === undefined) {
        id = this.tagIds.size;
        this.tagIds.set(tag, id);
      }
      this.docTags.push(id);
    }
    this.docTagEnds.push(this.docTags.length);
    this.documents++;
    return n;
  }

  get size(): number {
    return this.documents;
  }

  /**
   * The terms of the given fields, in the order first met (document by document, field by field
   * in the builder's order), each with how many documents have it in any of those fields.
   */
  frequencies(fields: readonly string[]): [term: string, frequency: number][] {
    const wanted = this.fields.flatMap((field, f) => {
      const forward = this.forward[f];
      return fields.includes(field) && forward ? [forward] : [];
    });
    const positions = wanted.map(() => 0);
    const lastDocument = new Int32Array(this.termIds.size).fill(-1);
    const frequency = new Int32Array(this.termIds.size);
    const order: number[] = [];
    for (let doc = 0; doc < this.documents; doc++) {
      for (const [i, forward] of wanted.entries()) {
        const start = positions[i] as number;
        const end = start + (forward.lengths.at(doc) as number);
        positions[i] = end;
        for (let p = start; p < end; p++) {
          const id = forward.terms.at(p) as number;
          if (lastDocument[id] === doc) continue;
          if (lastDocument[id] === -1) order.push(id);
          lastDocument[id] = doc;
          frequency[id] = (frequency[id] as number) + 1;
        }
      }
    }
    return order.map((id) => [this.termList[id] ?? "", frequency[id] as number]);
  }

  build(): TermIndex {
    const termCount = this.termIds.size;
    const fields = this.forward.map((forward, f): FieldPostings => {
      const lengths = forward.lengths.toArray();
      const average = this.averages[f] ?? 0;
      const norms = new Float64Array(this.documents);
      for (let doc = 0; doc < this.documents; doc++) {
        norms[doc] = K * (1 - B + (B * (lengths[doc] ?? 0)) / average);
      }
      const { offsets, docs, values } = invert(
        forward.terms.toArray(),
        forward.freqs.toArray(),
        lengths,
        termCount,
      );
      const freqs = new Uint16Array(values.length);
      for (let p = 0; p < values.length; p++) freqs[p] = Math.min(values[p] as number, 65535);
      // Most terms occur once in a field: their BM25 part, computed as below, ready.
      const once = new Float64Array(this.documents);
      for (let doc = 0; doc < this.documents; doc++) {
        once[doc] = (1 * (K + 1)) / (1 + (norms[doc] as number));
      }
      return { offsets, docs, freqs, norms, once };
    });
    const tagEnds = this.docTagEnds.toArray();
    const tagLengths = new Int32Array(this.documents);
    for (let doc = 0; doc < this.documents; doc++) {
      tagLengths[doc] = (tagEnds[doc] ?? 0) - (doc > 0 ? (tagEnds[doc - 1] ?? 0) : 0);
    }
    const tagTerms = this.docTags.toArray();
    const tags = invert(tagTerms, tagTerms, tagLengths, this.tagIds.size);
    return new TermIndex(
      this.fieldIds,
      this.termIds,
      fields,
      this.tagIds,
      { offsets: tags.offsets, docs: tags.docs },
      this.documents,
    );
  }
}

interface FieldPostings {
  /** Postings of term t are docs[offsets[t]] .. docs[offsets[t + 1] - 1], ascending. */
  offsets: Int32Array;
  docs: Int32Array;
  freqs: Uint16Array;
  /** Per document: k × (1 − b + b × length / average length), the BM25 length norm. */
  norms: Float64Array;
  /** Per document: (k + 1) / (1 + norm), the frequency part for a term that occurs once. */
  once: Float64Array;
}

export class TermIndex {
  // Scratch space for one search, reset by stamps rather than cleared.
  /** Per sub-query: each document's sum over the terms, and the stamp that says it is set. */
  private readonly queryScores: Float64Array[] = [];
  private readonly queryStamps: Int32Array[] = [];
  /** One term's sum over fields, for documents the sub-query already had (added after). */
  private readonly termScore: Float64Array;
  /** +stamp: the term's sum goes straight into the sub-query's; −stamp: via termScore. */
  private readonly termStamp: Int32Array;
  private readonly seenStamp: Int32Array;
  private readonly termDocs: Int32Array;
  private readonly seenDocs: Int32Array;
  private readonly order: Int32Array;
  private readonly totalScore: Float64Array;
  private masks: Uint32Array;
  private stamp = 0;

  constructor(
    private readonly fieldIds: ReadonlyMap<string, number>,
    private readonly termIds: ReadonlyMap<string, number>,
    private readonly fields: readonly FieldPostings[],
    private readonly tagIds: ReadonlyMap<string, number>,
    private readonly tags: { offsets: Int32Array; docs: Int32Array },
    readonly documentCount: number,
  ) {
    const n = documentCount;
    this.termScore = new Float64Array(n);
    this.termStamp = new Int32Array(n);
    this.seenStamp = new Int32Array(n);
    this.termDocs = new Int32Array(n);
    this.seenDocs = new Int32Array(n);
    this.order = new Int32Array(n);
    this.totalScore = new Float64Array(n);
    this.masks = new Uint32Array(n);
  }

  /**
   * BM25 over the given fields: each term with its weight (1 for a word, less for a synonym),
   * each field with its boost, plus `also` (here: entity ids, matched in their own field). The
   * one call the search makes; `search` below is the MiniSearch-shaped query it stands on,
   * kept so that tests can compare the two engines query for query.
   */
  bm25(
    terms: ReadonlyMap<string, number>,
    fields: Readonly<Record<string, number>>,
    also: { field: string; terms: readonly string[]; boost: number },
    options: TermSearchOptions = {},
  ): TermResult[] {
    return this.search(
      {
        combineWith: "OR",
        queries: [
          {
            queries: [[...terms.keys()].join(" ")],
            fields: Object.keys(fields),
            boost: fields,
            boostTerm: (term) => terms.get(term) ?? 1,
          },
          {
            queries: [also.terms.join(" ")],
            fields: [also.field],
            boost: { [also.field]: also.boost },
          },
        ],
      },
      options,
    );
  }

  /** Documents matching any term of the query, best score first (ties: first matched first). */
  search(query: TermQuery, options: TermSearchOptions = {}): TermResult[] {
    if (query.combineWith && query.combineWith.toUpperCase() !== "OR") {
      throw new Error("TermIndex combines sub-queries with OR only");
    }
    const n = this.documentCount;
    if (this.stamp > 1 << 30) {
      this.stamp = 0;
      for (const stamps of [this.termStamp, this.seenStamp, ...this.queryStamps]) stamps.fill(0);
    }
    const seenStamp = ++this.stamp;
    let seen = 0;

    // Every distinct query term and tag gets a bit of the document's match pattern.
    const subqueries = query.queries.map((q) => ({
      ...q,
      terms: q.queries[0].split(" ").filter(Boolean),
    }));
    const bits = new Map<string, number>();
    for (const q of subqueries) for (const t of q.terms) if (!bits.has(t)) bits.set(t, bits.size);
    const termBits = bits.size;
    const tagList = [...new Set(options.tags ?? [])];
    const words = Math.max(1, Math.ceil((termBits + tagList.length) / 32));
    if (this.masks.length < n * words) this.masks = new Uint32Array(n * words);
    const masks = this.masks;

    const { termScore, termStamp: termStamps, seenStamp: seenStamps } = this;
    const { order, seenDocs, termDocs } = this;
    while (this.queryScores.length < subqueries.length) {
      this.queryScores.push(new Float64Array(n));
      this.queryStamps.push(new Int32Array(n));
    }
    const queryStampOf: number[] = [];
    for (const [k, q] of subqueries.entries()) {
      const queryScore = this.queryScores[k] as Float64Array;
      const queryStamps = this.queryStamps[k] as Int32Array;
      const queryStamp = ++this.stamp;
      queryStampOf.push(queryStamp);
      const searched = (q.fields ?? [...this.fieldIds.keys()]).flatMap((field) => {
        const f = this.fieldIds.get(field);
        const postings = f === undefined ? undefined : this.fields[f];
        return postings ? [{ postings, boost: q.boost?.[field] || 1 }] : [];
      });
      for (const [i, term] of q.terms.entries()) {
        const termId = this.termIds.get(term);
        if (termId === undefined) continue;
        const termBoost = q.boostTerm ? q.boostTerm(term, i, q.terms) : 1;
        const bit = bits.get(term) ?? 0;
        const word = bit >>> 5;
        const flag = 1 << (bit & 31);
        const stamp = ++this.stamp;
        let later = 0;
        for (const { postings, boost } of searched) {
          const start = postings.offsets[termId] as number;
          const end = postings.offsets[termId + 1] as number;
          if (start === end) continue;
          const matching = end - start;
          const inverse = Math.log(1 + (n - matching + 0.5) / (matching + 0.5));
          const factor = termBoost * boost;
          const counts = addPostings(
            postings,
            start,
            end,
            factor,
            inverse,
            { termStamps, termScore, termDocs, stamp, later },
            { queryScore, queryStamps, queryStamp },
            { seenStamps, seenStamp, seenDocs, order, seen },
            { masks, words, word, flag },
          );
          seen = counts.seen;
          later = counts.later;
        }
        for (let j = 0; j < later; j++) {
          const doc = termDocs[j] as number;
          queryScore[doc] = (queryScore[doc] as number) + (termScore[doc] as number);
        }
      }
    }

    for (const [j, tag] of tagList.entries()) {
      const tagId = this.tagIds.get(tag);
      if (tagId === undefined) continue;
      const bit = termBits + j;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      const end = this.tags.offsets[tagId + 1] ?? 0;
      for (let p = this.tags.offsets[tagId] ?? 0; p < end; p++) {
        const doc = this.tags.docs[p] as number;
        if (seenStamps[doc] === seenStamp) {
          masks[doc * words + word] = (masks[doc * words + word] as number) | flag;
        }
      }
    }

    const termList = [...bits.keys()];
    const patterns = new PatternTable(words, termBits, termList);
    const limit = options.perPattern ?? Number.POSITIVE_INFINITY;
    /** Better score first; among equals, the one MiniSearch met first. */
    const before = (a: number, b: number) =>
      (totalScore[b] as number) - (totalScore[a] as number) ||
      (order[a] as number) - (order[b] as number) ||
      a - b;
    const totalScore = this.totalScore;
    const kept = selectBest(
      seenDocs.subarray(0, seen),
      (doc) => patterns.of(masks, doc),
      totalScore,
      this.queryScores.slice(0, subqueries.length),
      this.queryStamps.slice(0, subqueries.length),
      queryStampOf,
      limit,
    );
    if (limit !== Number.POSITIVE_INFINITY) for (const p of patterns.all()) kept.push(...p.best);
    kept.sort(before);
    return kept.map((doc) => ({
      id: doc,
      score: totalScore[doc] as number,
      ...this.matchOf(doc, subqueries, patterns.of(masks, doc).terms),
    }));
  }

  /** Which fields each matched term was found in, as MiniSearch reports it. */
  private matchOf(
    doc: number,
    subqueries: { fields?: readonly string[]; terms: string[] }[],
    matched: readonly string[],
  ): { match: Record<string, string[]>; terms: string[] } {
    const match: Record<string, string[]> = {};
    const wanted = new Set(matched);
    for (const q of subqueries) {
      const found = new Map<string, string[]>();
      for (const term of q.terms) {
        const termId = this.termIds.get(term);
        if (termId === undefined || !wanted.has(term)) continue;
        for (const field of q.fields ?? [...this.fieldIds.keys()]) {
          const f = this.fieldIds.get(field);
          const postings = f === undefined ? undefined : this.fields[f];
          if (!postings) continue;
          const start = postings.offsets[termId] ?? 0;
          const end = postings.offsets[termId + 1] ?? 0;
          if (!contains(postings.docs, start, end, doc)) continue;
          const fields = found.get(term) ?? [];
          if (!fields.includes(field)) fields.push(field);
          found.set(term, fields);
        }
      }
      for (const [term, fields] of found) match[term] = fields;
    }
    return { match, terms: [...matched] };
  }
}

interface Pattern {
  /** Query terms matched. */
  terms: string[];
  /** MiniSearch's multiplier: how many distinct query terms matched. */
  quality: number;
  /** Best documents so far, best first. */
  best: number[];
  /** The score of the last of them. */
  floor: number;
}

/**
 * Adds one field's postings of one term: the hot loop of a search, kept small so that the
 * compiler makes the most of it. The term's sum over fields is made field by field, as
 * MiniSearch makes it: straight into the sub-query's sum for a document new to it, else apart
 * (termScore) and added after.
 */
function addPostings(
  postings: FieldPostings,
  start: number,
  end: number,
  factor: number,
  inverse: number,
  term: {
    termStamps: Int32Array;
    termScore: Float64Array;
    termDocs: Int32Array;
    stamp: number;
    later: number;
  },
  query: { queryScore: Float64Array; queryStamps: Int32Array; queryStamp: number },
  met: {
    seenStamps: Int32Array;
    seenStamp: number;
    seenDocs: Int32Array;
    order: Int32Array;
    seen: number;
  },
  bits: { masks: Uint32Array; words: number; word: number; flag: number },
): { seen: number; later: number } {
  const { docs, freqs, norms, once } = postings;
  const { termStamps, termScore, termDocs, stamp } = term;
  const { queryScore, queryStamps, queryStamp } = query;
  const { seenStamps, seenStamp, seenDocs, order } = met;
  const { masks, words, word, flag } = bits;
  let { later } = term;
  let { seen } = met;
  for (let p = start; p < end; p++) {
    const doc = docs[p] as number;
    const tf = freqs[p] as number;
    const part = tf === 1 ? (once[doc] as number) : (tf * (K + 1)) / (tf + (norms[doc] as number));
    const weighted = factor * (inverse * (D + part));
    const byTerm = termStamps[doc] as number;
    if (byTerm === stamp) {
      queryScore[doc] = (queryScore[doc] as number) + weighted;
    } else if (byTerm === -stamp) {
      termScore[doc] = (termScore[doc] as number) + weighted;
    } else if (queryStamps[doc] !== queryStamp) {
      termStamps[doc] = stamp;
      queryStamps[doc] = queryStamp;
      queryScore[doc] = weighted;
      if (seenStamps[doc] !== seenStamp) {
        // Documents are listed as MiniSearch meets them: term by term, field by field.
        seenStamps[doc] = seenStamp;
        order[doc] = seen;
        seenDocs[seen++] = doc;
        if (words === 1) masks[doc] = flag;
        else {
          for (let w = 0; w < words; w++) masks[doc * words + w] = 0;
          masks[doc * words + word] = flag;
        }
      } else {
        masks[doc * words + word] = (masks[doc * words + word] as number) | flag;
      }
    } else {
      termStamps[doc] = -stamp;
      termScore[doc] = weighted;
      termDocs[later++] = doc;
      masks[doc * words + word] = (masks[doc * words + word] as number) | flag;
    }
  }
  return { seen, later };
}

/**
 * Each document's score (the sub-queries' sums added in order, times MiniSearch's multiplier),
 * and the best `limit` of each match pattern. Documents come in the order met: among equal
 * scores, the one already kept stays ahead.
 */
function selectBest(
  docs: Int32Array,
  patternOf: (doc: number) => Pattern,
  totalScore: Float64Array,
  scores: Float64Array[],
  stamps: Int32Array[],
  stampOf: number[],
  limit: number,
): number[] {
  const kept: number[] = [];
  const [firstScores, secondScores] = scores;
  const [firstStamps, secondStamps] = stamps;
  const [firstStamp, secondStamp] = stampOf;
  for (let j = 0; j < docs.length; j++) {
    const doc = docs[j] as number;
    const pattern = patternOf(doc);
    let total = firstStamps && firstStamps[doc] === firstStamp ? (firstScores?.[doc] as number) : 0;
    if (secondStamps && secondStamps[doc] === secondStamp) total += secondScores?.[doc] as number;
    for (let k = 2; k < scores.length; k++) {
      if (stamps[k]?.[doc] === stampOf[k]) total += scores[k]?.[doc] as number;
    }
    const score = total * pattern.quality;
    totalScore[doc] = score;
    if (limit === Number.POSITIVE_INFINITY) {
      kept.push(doc);
      continue;
    }
    const best = pattern.best;
    if (best.length >= limit && score <= pattern.floor) continue;
    let at = best.length;
    while (at > 0 && (totalScore[best[at - 1] as number] as number) < score) at--;
    best.splice(at, 0, doc);
    if (best.length > limit) best.pop();
    pattern.floor = totalScore[best[best.length - 1] as number] as number;
  }
  return kept;
}

/** Match patterns met in one search, found by the document's bits. */
class PatternTable {
  private readonly small = new Map<number, Pattern>();
  private readonly large = new Map<string, Pattern>();
  private lastMask = -1;
  private last: Pattern | undefined;

  constructor(
    private readonly words: number,
    private readonly termBits: number,
    private readonly terms: readonly string[],
  ) {}

  of(masks: Uint32Array, doc: number): Pattern {
    if (this.words === 1) {
      const mask = masks[doc] as number;
      // Documents met one after the other often match alike.
      if (mask === this.lastMask && this.last) return this.last;
      let pattern = this.small.get(mask);
      if (!pattern) {
        pattern = this.make(masks, doc);
        this.small.set(mask, pattern);
      }
      this.lastMask = mask;
      this.last = pattern;
      return pattern;
    }
    const key = masks.subarray(doc * this.words, (doc + 1) * this.words).join(",");
    let pattern = this.large.get(key);
    if (!pattern) {
      pattern = this.make(masks, doc);
      this.large.set(key, pattern);
    }
    return pattern;
  }

  all(): Pattern[] {
    return [...this.small.values(), ...this.large.values()];
  }

  private make(masks: Uint32Array, doc: number): Pattern {
    const terms: string[] = [];
    for (let bit = 0; bit < this.termBits; bit++) {
      const word = masks[doc * this.words + (bit >>> 5)] as number;
      if (word & (1 << (bit & 31))) terms.push(this.terms[bit] ?? "");
    }
    return { terms, quality: terms.length || 1, best: [], floor: Number.NEGATIVE_INFINITY };
  }
}

/** Counting sort of a forward index (document → terms) into postings (term → documents). */
function invert(
  terms: Int32Array,
  values: Int32Array,
  lengths: Int32Array,
  termCount: number,
): { offsets: Int32Array; docs: Int32Array; values: Int32Array } {
  const offsets = new Int32Array(termCount + 1);
  for (const t of terms) offsets[t + 1] = (offsets[t + 1] as number) + 1;
  for (let t = 0; t < termCount; t++)
    offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
  const next = offsets.slice(0, termCount);
  const docs = new Int32Array(terms.length);
  const out = new Int32Array(terms.length);
  let p = 0;
  for (let doc = 0; doc < lengths.length; doc++) {
    const end = p + (lengths[doc] as number);
    for (; p < end; p++) {
      const t = terms[p] as number;
      const at = next[t] as number;
      next[t] = at + 1;
      docs[at] = doc;
      out[at] = values[p] as number;
    }
  }
  return { offsets, docs, values: out };
}

function contains(docs: Int32Array, start: number, end: number, doc: number): boolean {
  let low = start;
  let high = end - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const v = docs[mid] as number;
    if (v === doc) return true;
    if (v < doc) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

class GrowableInt32 {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  at(index: number): number | undefined {
    return index < this.length ? this.data[index] : undefined;
  }

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
