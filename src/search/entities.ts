/**
 * Finds the entities a person means, however they type them: exact aliases first
 * ("KH", "Sudani", "HHN"), then fuse.js for misspellings and transliterations
 * ("nujabah", "kataeb hizbollah").
 */
import type { Entity, EntityKindName } from "../knowledge/types.ts";
import { FuzzyShortlist } from "./fuzzy-shortlist.ts";
import { isStopWord, normalize, words } from "./text.ts";

interface AliasEntry {
  /** Normalized alias: "harakat hezbollah al nujaba". */
  alias: string;
  entity: Entity;
}

export interface EntityMention {
  entity: Entity;
  /** The words of the question that named it. */
  words: string[];
  exact: boolean;
}

const MAX_ALIAS_WORDS = 6;

export class EntityIndex {
  private readonly byAlias = new Map<string, Entity[]>();
  /** fuse.js over the aliases, run on a shortlist of those sharing enough letter pairs. */
  private readonly fuse: FuzzyShortlist<AliasEntry>;
  private readonly all: Entity[];
  private readonly byId: Map<string, Entity>;
  /** First word of an alias → the word counts of aliases starting with it, as bits (1 << count). */
  private readonly lengthsFrom = new Map<string, number>();
  /** Aliases in order, for prefix lookups, each with its place in `byAlias`. */
  private readonly sortedAliases: { alias: string; at: number }[];
  private byName?: Entity[];

  constructor(entities: Iterable<Entity>) {
    this.all = [...entities];
    this.byId = new Map(this.all.map((e) => [e.id, e]));
    const entries: AliasEntry[] = [];
    for (const entity of this.all) {
      for (const alias of new Set([entity.name, ...entity.aliases].map(normalize))) {
        if (!alias) continue;
        const list = this.byAlias.get(alias) ?? [];
        if (!list.includes(entity)) list.push(entity);
        this.byAlias.set(alias, list);
        entries.push({ alias, entity });
        const [first = "", ...rest] = alias.split(" ");
        // Longer aliases than MAX_ALIAS_WORDS are never looked for.
        const bit = rest.length < MAX_ALIAS_WORDS ? 1 << (rest.length + 1) : 0;
        this.lengthsFrom.set(first, (this.lengthsFrom.get(first) ?? 0) | bit);
      }
    }
    this.sortedAliases = [...this.byAlias.keys()]
      .map((alias, at) => ({ alias, at }))
      .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
    this.fuse = new FuzzyShortlist(
      entries,
      {
        keys: ["alias"],
        includeScore: true,
        ignoreLocation: true,
        threshold: 0.3,
        minMatchCharLength: 2,
      },
      (entry) => entry.alias,
    );
  }

  get size(): number {
    return this.all.length;
  }

  /**
   * Entities named in free text. Longest exact alias wins; words left over that look like
   * names (5+ letters, not stop words, not words the knowledge uses otherwise) are matched
   * fuzzily, strictly enough that "france" does not become "French".
   */
  mentionsIn(
    text: string,
    options: { fuzzy?: boolean; isKnownWord?: (word: string) => boolean } = {},
  ): EntityMention[] {
    const { fuzzy: allowFuzzy = true, isKnownWord = () => false } = options;
    const tokens = words(text);
    const found = new Map<string, EntityMention>();
    const used = new Array<boolean>(tokens.length).fill(false);

    // Only tokens that start an alias are tried, and only with the word counts of its aliases:
    // indexing scans every fact's sentence this way, and most tokens start none.
    const starts: number[] = [];
    const lengths: number[] = [];
    let anyLength = 0;
    for (let i = 0; i < tokens.length; i++) {
      const bits = this.lengthsFrom.get(tokens[i] as string);
      if (!bits) continue;
      starts.push(i);
      lengths.push(bits);
      anyLength |= bits;
    }
    for (let length = MAX_ALIAS_WORDS; length >= 1; length--) {
      if (!(anyLength & (1 << length))) continue;
      for (let k = 0; k < starts.length; k++) {
        const start = starts[k] as number;
        if (!((lengths[k] as number) & (1 << length)) || start + length > tokens.length) continue;
        if (used.slice(start, start + length).some(Boolean)) continue;
        const phrase = tokens.slice(start, start + length);
        const matches = this.byAlias.get(phrase.join(" "));
        if (!matches || (length === 1 && isStopWord(phrase[0] ?? ""))) continue;
        for (let i = start; i < start + length; i++) used[i] = true;
        for (const entity of matches) found.set(entity.id, { entity, words: phrase, exact: true });
      }
    }

    if (!allowFuzzy) return [...found.values()];
    // Fuzzy: two neighbouring words first ("michael knigths"), then single words.
    const candidate = (i: number) => {
      const word = tokens[i] ?? "";
      return (
        !used[i] && word.length >= 3 && !isStopWord(word) && !/\d/.test(word) && !isKnownWord(word)
      );
    };
    const fuzzy = (start: number, length: number) => {
      const phrase = tokens.slice(start, start + length).join(" ");
      // Only a match within 0.2 passes, so fuse.js need only look at aliases that close.
      const best = this.fuse.search(phrase, { limit: 1, within: 0.2 })[0];
      if (!best || (best.score ?? 1) > 0.2 || !similarLength(phrase, best.item.alias)) return;
      for (let i = start; i < start + length; i++) used[i] = true;
      if (!found.has(best.item.entity.id)) {
        found.set(best.item.entity.id, {
          entity: best.item.entity,
          words: tokens.slice(start, start + length),
          exact: false,
        });
      }
    };
    for (let i = 0; i + 1 < tokens.length; i++) {
      // A pair needs one unknown word; "range" alone is known, "pantsir range" is not a name.
      if (
        !used[i] &&
        !used[i + 1] &&
        (candidate(i) || candidate(i + 1)) &&
        !isStopWord(tokens[i] ?? "") &&
        !isStopWord(tokens[i + 1] ?? "")
      ) {
        fuzzy(i, 2);
      }
    }
    for (let i = 0; i < tokens.length; i++) {
      if (candidate(i) && (tokens[i]?.length ?? 0) >= 5) fuzzy(i, 1);
    }
    return [...found.values()];
  }

  /**
   * Entities ranked for a name typed in a command option or an autocomplete box,
   * best first. An empty name lists every entity of the kinds asked for, by name.
   */
  lookup(name: string, options: { kinds?: EntityKindName[]; limit?: number } = {}): Entity[] {
    const { kinds, limit = 25 } = options;
    const wanted = (e: Entity) => !kinds || kinds.includes(e.kind);
    const query = normalize(name);
    if (!query) {
      this.byName ??= [...this.all].sort((a, b) => a.name.localeCompare(b.name));
      return this.byName.filter(wanted).slice(0, limit);
    }
    const ranked: Entity[] = [];
    const add = (e: Entity) => {
      if (wanted(e) && !ranked.includes(e)) ranked.push(e);
    };
    this.byAlias.get(query)?.forEach(add);
    for (const entry of this.aliasesStartingWith(query)) this.byAlias.get(entry)?.forEach(add);
    for (const hit of this.fuse.search(query, { limit: limit * 4 })) add(hit.item.entity);
    return ranked.slice(0, limit);
  }

  get(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  /** Aliases that start with the text, in the order they were added. */
  private aliasesStartingWith(prefix: string): string[] {
    const sorted = this.sortedAliases;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((sorted[mid]?.alias ?? "") < prefix) low = mid + 1;
      else high = mid;
    }
    const found: { alias: string; at: number }[] = [];
    for (let i = low; i < sorted.length && sorted[i]?.alias.startsWith(prefix); i++) {
      const entry = sorted[i];
      if (entry) found.push(entry);
    }
    return found.sort((a, b) => a.at - b.at).map((e) => e.alias);
  }
}

/** Guards fuzzy matches: a short word must not match a much longer alias on a shared fragment. */
function similarLength(word: string, alias: string): boolean {
  return Math.abs(word.length - alias.length) <= Math.max(2, Math.floor(alias.length / 4));
}
