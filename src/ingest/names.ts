/**
 * Names in an article: the known ones linked to their entities through the aliases in the
 * knowledge, the unknown ones (capitalised names, acronyms) proposed as entity drafts with the
 * sentences they stand in, for a curator to accept, merge or reject.
 */
import type { Entity, EntityKindName } from "../knowledge/types.ts";
import { EntityIndex } from "../search/entities.ts";
import { isStopWord, normalize } from "../search/text.ts";
import { proposedAliases, sameEntity, spellingKey } from "./aliases.ts";

export interface NameMention {
  paragraph: number;
  /** The sentence naming it, verbatim. */
  quote: string;
}

export interface ProposedEntity {
  name: string;
  kind: EntityKindName;
  mentions: NameMention[];
  /** An abbreviation the article gives in parentheses right after the name: "(IRGC)". */
  abbreviation?: string;
  /** What people may type for it: the article's short forms, other spellings, a surname. */
  aliases: string[];
  /** The existing entity this name is only another spelling of. */
  sameAs?: string;
}

const MAX_ALIAS_WORDS = 6;
/** A sentence quoted for a name says at least this much (the entity drafts' schema). */
const MIN_MENTION = 5;
/** Words that join the parts of a name: "Organization of the Islamic Conference". */
const CONNECTORS = new Set(["of", "for", "the", "and", "al", "el", "bin", "ibn", "de", "du"]);
/** Words before a name that say who someone is, not which: "President Biden", "CEO Al-Shabbani". */
const TITLES = new Set(
  [
    "president prime minister secretary general under deputy director chairman chief ceo",
    "commander leader sheikh ayatollah judge ambassador governor senator spokesman spokesperson",
    "gen gen. maj maj. lt col col. brig mr mrs ms dr dr. sayyid imam king queen prince emir",
  ]
    .join(" ")
    .split(" "),
);
/** Words capitalised only because a sentence opens on them: "Yet Iraq’s airspace", "No Iraqi". */
const SENTENCE_OPENER =
  /^(?:yet|no|not|but|and|or|so|thus|also|however|still|now|then|even|only|both|each|every|all|some|many|most|few|such|other|another|any|if|as|unlike|like|including|among|despite|per|via|whether|today|last|next|first|second|third|finally|meanwhile|moreover|furthermore|additionally|indeed|instead|overall|tellingly|notably|clearly|perhaps|once|while|when|since|after|before|during|with|without|for|from|in|on|at|by|to|of|the|a|an|this|that|these|those|its|their|his|her)$/i;
/** Initials and shortened words a name goes on after: "E.", "Jr.", "Inc.", "S.A.". */
const SHORTENED = /^(?:\p{Lu}|Jr|Sr|Inc|Co|Ltd|Corp|Bros|S\.A|St|Mt|Ft)$/u;
const CALENDAR_WORDS = new Set(
  [
    "january february march april may june july august september october november december",
    "monday tuesday wednesday thursday friday saturday sunday",
  ]
    .join(" ")
    .split(" "),
);

/** Links sentences to entities by their names, with possessives ("Iran’s") read as the name. */
export class NameLinker {
  readonly index: EntityIndex;
  /** Each name and alias, normalized, with the entities it names. */
  private readonly known = new Map<string, Entity[]>();

  constructor(entities: Iterable<Entity>) {
    const list = [...entities];
    this.index = new EntityIndex(list);
    for (const e of list) {
      for (const name of [e.name, ...e.aliases]) {
        const key = normalize(name);
        const named = this.known.get(key) ?? [];
        if (!named.includes(e)) named.push(e);
        this.known.set(key, named);
      }
    }
  }

  /** The entity a name or alias names exactly (possessive or not), if only one. */
  entityNamed(name: string): Entity | undefined {
    const named =
      this.known.get(normalize(name)) ?? this.known.get(normalize(withoutPossessives(name)));
    return named?.length === 1 ? named[0] : undefined;
  }

  /**
   * Ids of the entities a text names, in order of first mention. A known name that is only the
   * end of a longer name is not a mention of it: "Fly Baghdad" is an airline, not Baghdad, and
   * "Hamad al-Moussawi" is not Haider al-Musawi.
   */
  link(text: string): string[] {
    const ids = new Set<string>();
    const masked = this.maskInnerNames(text);
    for (const variant of [masked, withoutPossessives(masked)]) {
      for (const m of this.index.mentionsIn(variant, { fuzzy: false })) ids.add(m.entity.id);
    }
    return [...ids];
  }

  /** The text with each known name that ends a longer, unknown name blanked out. */
  private maskInnerNames(text: string): string {
    let masked = text;
    for (const { start, end, inner } of this.knownNames(text, tokenize(text))) {
      if (inner) masked = masked.slice(0, start) + " ".repeat(end - start) + masked.slice(end);
    }
    return masked;
  }

  /**
   * The known names a sentence uses, longest first, as token ranges, each marked `inner` when
   * it only ends a longer name that is not known ("Fly Baghdad", "Hamad al-Moussawi").
   */
  private knownNames(
    text: string,
    tokens: readonly Token[],
  ): { from: number; to: number; start: number; end: number; inner: boolean }[] {
    const covered = tokens.map(() => false);
    const found: { from: number; to: number; start: number; end: number; inner: boolean }[] = [];
    for (let length = Math.min(MAX_ALIAS_WORDS, tokens.length); length >= 1; length--) {
      for (let start = 0; start + length <= tokens.length; start++) {
        if (covered.slice(start, start + length).some(Boolean)) continue;
        const first = tokens[start] as Token;
        const last = tokens[start + length - 1] as Token;
        const spoken = text.slice(first.start, last.end);
        if (!this.isKnown(spoken)) continue;
        for (let k = start; k < start + length; k++) covered[k] = true;
        const before = tokens[start - 1];
        const after = tokens[start + length];
        // "National Iranian Tanker Company" names a thing of Iran; only a name's end is another's.
        const continues =
          after !== undefined &&
          text.slice(last.end, after.start) === " " &&
          isCapitalised(after.text);
        const inner =
          before !== undefined &&
          !continues &&
          !covered[start - 1] &&
          text.slice(before.end, first.start) === " " &&
          !(before.k === 0 && SENTENCE_OPENER.test(before.text)) &&
          this.extendsName(before.text, spoken);
        found.push({ from: start, to: start + length, start: first.start, end: last.end, inner });
      }
    }
    return found;
  }

  /**
   * Whether a capitalised word just before a known name makes it part of another name: not a
   * title ("President Biden"), not a sentence opener, not a word of the entity's own names
   * ("Shia’a Al-Sudani" is Mohammed Shia al-Sudani).
   */
  private extendsName(word: string, name: string): boolean {
    // "Baghdad-based", "Iran-aligned": a compound that describes, not a name.
    if (/-\p{Ll}+$/u.test(word)) return false;
    if (!isCapitalised(word) || isConnector(word) || TITLES.has(word.toLowerCase())) return false;
    if (isStopWord(normalize(word)) || this.isKnown(word)) return false;
    const entity = this.entityNamed(name);
    if (!entity) return true;
    const own = new Set([entity.name, ...entity.aliases].flatMap((a) => spellingKey(a).split(" ")));
    return !spellingKey(word)
      .split(" ")
      .some((w) => own.has(w));
  }

  isKnown(name: string): boolean {
    const n = normalize(name);
    return this.known.has(n) || this.known.has(normalize(withoutPossessives(name)));
  }

  /**
   * Capitalised names and acronyms that no alias covers, grouped by name, with every sentence
   * that names them. A capitalised word that opens a sentence ("Yet", "Tellingly") is a name
   * only if the article also capitalises it mid-sentence.
   */
  propose(sentences: { paragraph: number; text: string }[]): ProposedEntity[] {
    const found = new Map<string, ProposedEntity>();
    const plain = commonWords(sentences.map((s) => s.text));
    for (const sentence of sentences) {
      if (sentence.text.length < MIN_MENTION) continue;
      for (const { name, abbreviation, short } of this.unknownNames(sentence.text, plain)) {
        const key = normalize(name);
        const entry: ProposedEntity = found.get(key) ?? {
          name,
          kind: guessKind(name, sentence.text),
          mentions: [],
          aliases: [],
        };
        if (abbreviation && !this.isKnown(abbreviation)) entry.abbreviation ??= abbreviation;
        if (short && !this.isKnown(short) && !entry.aliases.includes(short)) {
          entry.aliases.push(short);
        }
        if (!entry.mentions.some((m) => m.quote === sentence.text)) {
          entry.mentions.push({ paragraph: sentence.paragraph, quote: sentence.text });
        }
        found.set(key, entry);
      }
    }
    // An acronym or short form the article gives is an alias of the full name, not a name apart.
    for (const entry of [...found.values()]) {
      for (const short of [entry.abbreviation, ...entry.aliases]) {
        const apart = short && found.get(normalize(short));
        if (apart && apart !== entry) found.delete(normalize(short));
      }
    }
    const entities = this.index.lookup("", { limit: Number.MAX_SAFE_INTEGER });
    for (const entry of found.values()) {
      const shortForms = [...(entry.abbreviation ? [entry.abbreviation] : []), ...entry.aliases];
      entry.aliases = proposedAliases(entry.name, entry.kind, shortForms).filter(
        (a) => !this.isKnown(a),
      );
      const same = sameEntity(entry.name, entities);
      if (same) entry.sameAs = same.id;
    }
    return [...found.values()];
  }

  private unknownNames(
    text: string,
    plainWords: Set<string>,
  ): { name: string; abbreviation?: string; short?: string }[] {
    const tokens = tokenize(text);
    const covered = tokens.map(() => false);
    // Known names first, longest first, so "Kataib Hezbollah" is not proposed as "Kataib"; a
    // known name that only ends a longer one is part of it ("Fly Baghdad" is proposed whole).
    for (const { from, to, inner } of this.knownNames(text, tokens)) {
      if (!inner) for (let k = from; k < to; k++) covered[k] = true;
    }
    // Compounds of known names or with a lowercase end: "U.S.-Iraq", "Iran-backed".
    tokens.forEach((token, k) => {
      const parts = token.text.split("-");
      if (parts.length < 2) return;
      if (
        parts.every((p) => this.isKnown(p) || /^\p{Ll}/u.test(p)) ||
        /^\p{Ll}/u.test(parts.at(-1) ?? "")
      ) {
        covered[k] = true;
      }
    });

    const names: { name: string; abbreviation?: string; short?: string }[] = [];
    let run: Token[] = [];
    const close = () => {
      const name = trimRun(run, plainWords);
      run = [];
      if (!name) return;
      const last = name[name.length - 1] as Token;
      // "Tryfo Navigation Inc." keeps its dot; "Hasan’s network" is Hasan’s.
      const end = last.end + (SHORTENED.test(last.text) && text[last.end] === "." ? 1 : 0);
      const spoken = text.slice(name[0]?.start ?? 0, end).replace(/['’]s$/, "");
      if (!isWorthProposing(name, spoken)) return;
      const after = text.slice(end);
      const abbreviation = /^\s*\((\p{Lu}[\p{Lu}\d-]{1,9})\)/u.exec(after)?.[1];
      // "Waleed Khaled Hameed al-Samarra’i (al-Samarra’i)": the short name the article uses.
      const short = abbreviation
        ? undefined
        : /^\s*\(((?:al-)?\p{Lu}[\p{L}’'-]*(?:\s+(?:al-)?\p{Lu}[\p{L}’'-]*){0,3})\)/u.exec(
            after,
          )?.[1];
      names.push({
        name: spoken,
        ...(abbreviation ? { abbreviation } : {}),
        ...(short ? { short } : {}),
      });
    };
    tokens.forEach((token, k) => {
      const previous = tokens[k - 1];
      const gap = previous === undefined ? "" : text.slice(previous.end, token.start);
      // "Brian E. Nelson", "Joseph R. Biden Jr.": an initial or a shortened word goes on.
      const joined =
        previous !== undefined && (gap === " " || (gap === ". " && SHORTENED.test(previous.text)));
      const nameLike = !covered[k] && (isCapitalised(token.text) || isConnector(token.text));
      if (!nameLike || (run.length > 0 && !joined)) close();
      if (nameLike) run.push(token);
    });
    close();
    return names;
  }
}

export interface Token {
  text: string;
  start: number;
  end: number;
  /** Index in the sentence's tokens. */
  k: number;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu)) {
    const start = m.index ?? 0;
    tokens.push({ text: m[0], start, end: start + m[0].length, k: tokens.length });
  }
  return tokens;
}

/**
 * Words that are not names in this article: used in lowercase somewhere, or capitalised only
 * where they open a sentence.
 */
function commonWords(texts: string[]): Set<string> {
  const lower = new Set<string>();
  const midCapital = new Set<string>();
  for (const text of texts) {
    for (const token of tokenize(text)) {
      const word = normalize(withoutPossessives(token.text));
      if (/^\p{Ll}/u.test(token.text)) lower.add(word);
      else if (token.k > 0) midCapital.add(word);
    }
  }
  const plain = new Set(lower);
  for (const text of texts) {
    const first = tokenize(text)[0];
    const word = first ? normalize(withoutPossessives(first.text)) : "";
    if (first && !midCapital.has(word) && !isAcronym(first.text)) plain.add(word);
  }
  return plain;
}

/** Drops connectors at the ends and sentence openers ("During", "Yet") at the start. */
function trimRun(run: Token[], plainWords: Set<string>): Token[] | undefined {
  let start = 0;
  let end = run.length;
  const opener = (t: Token) => {
    const word = normalize(withoutPossessives(t.text));
    return (
      isConnector(t.text) || (isSentenceStart(t) && (isStopWord(word) || plainWords.has(word)))
    );
  };
  while (start < end && opener(run[start] as Token)) start++;
  while (end > start && isConnector((run[end - 1] as Token).text)) end--;
  const trimmed = run.slice(start, end);
  return trimmed.length > 0 ? trimmed : undefined;
}

function isWorthProposing(name: Token[], spoken: string): boolean {
  const words = name.map((t) => normalize(withoutPossessives(t.text)));
  if (words.every((w) => CALENDAR_WORDS.has(w) || isStopWord(w) || /^\d+$/.test(w))) return false;
  if (name.length === 1) {
    const only = name[0]?.text ?? "";
    // One capitalised word: a name only if it is an acronym or looks like a proper noun.
    if (only.length < 2 || (isStopWord(words[0] ?? "") && !isAcronym(only))) return false;
  }
  return spoken.length >= 2;
}

function isSentenceStart(token: Token): boolean {
  return token.k === 0;
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) || /^al-\p{Lu}/u.test(word) || /^\d+\p{Lu}/u.test(word);
}

function isConnector(word: string): boolean {
  return CONNECTORS.has(word.toLowerCase());
}

export function isAcronym(word: string): boolean {
  return /^\p{Lu}[\p{Lu}\d-]{1,9}$/u.test(word);
}

export function withoutPossessives(text: string): string {
  return text.replace(/(\p{L})['’]s\b/gu, "$1");
}

const MILITIA_WORDS =
  /\b(?:Kataib|Kata’ib|Kata'ib|Asaib|Asa’ib|Harakat|Saraya|Liwa|Brigades?|Battalions?|Militia|Hezbollah|Hizballah|Hizbullah|Hashd|Popular Mobilization)\b/i;
const ORGANIZATION_WORDS =
  /\b(?:DMCC|LLC|FZE|Inc\.?|Ltd\.?|Limited|Incorporated|S\.A\.?|Corp\.?|Shipping|Navigation|Wings|Airlines?|Airways|Court|Ministry|Department|Institute|Council|Parliament|Party|Committee|Agency|Administration|Office|Corps|Forces|Army|Command|Company|Corporation|Bank|News|Network|Media|Platform|University|Center|Centre|Commission|Union|Organization|Organisation|Group|Government|Service)\b/;
const PLACE_WORDS =
  /\b(?:Middle East|Gulf|Sea|Strait|Region|Islands?|Mount|Air Base|Airbase|Base|Camp|Airport|Province|Governorate|City|District|Street|Square|Bridge|Dam|Port|Border|Crossing|Valley|River|Mountains?|Island)\b/;
const EVENT_WORDS = /\b(?:War|Attack|Offensive|Operation|Summit|Election|Agreement|Accords?)\b/;
/** "near Mosul", "outside Bartella", "Nineveh province": where a one-word name is a place. */
function isPlaceIn(name: string, sentence: string): boolean {
  if (/\s/.test(name)) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return (
    new RegExp(`\\b(?:near|in|outside|from|at|into|around|across)\\s+${escaped}\\b`).test(
      sentence,
    ) ||
    new RegExp(
      `\\b${escaped}\\s+(?:province|governorate|city|airport|district|region)\\b`,
      "i",
    ).test(sentence)
  );
}

const WEAPON_PATTERN = /\d|\b(?:Missiles?|Drones?|Rockets?|System)\b/;

/** A first guess at the kind of thing a name names; the curator confirms it in review. */
export function guessKind(name: string, sentence = ""): EntityKindName {
  if (MILITIA_WORDS.test(name)) return "militia";
  if (PLACE_WORDS.test(name) || isPlaceIn(name, sentence)) return "place";
  if (EVENT_WORDS.test(name)) return "event";
  if (ORGANIZATION_WORDS.test(name) || isAcronym(name)) return "organization";
  if (WEAPON_PATTERN.test(name)) return "weapon";
  const words = name.split(/\s+/);
  return words.length >= 2 && words.length <= 4 ? "person" : "organization";
}
