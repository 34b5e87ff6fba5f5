/**
 * The names people type for a new entity, and whether a new name is only another spelling of
 * one the knowledge has. Arabic and Persian names reach English in several spellings
 * (Kata’ib / Kataib / Kataeb, Hizballah / Hezbollah); people type any of them, with or without
 * "al-" and apostrophes, and often only a surname or the article's abbreviation.
 */
import type { Entity, EntityKindName } from "../knowledge/types.ts";
import { normalize } from "../search/text.ts";

/** Spellings of one word that transliteration produces, each group one word. */
const SPELLINGS: readonly (readonly string[])[] = [
  ["Hizballah", "Hezbollah", "Hizbullah", "Hizbollah"],
  ["Kata’ib", "Kataib", "Kataeb", "Kata'ib"],
  ["Asa’ib", "Asaib", "Asaeb", "Asa'ib"],
  ["Mohammed", "Muhammad", "Mohammad", "Muhammed"],
  ["Hussein", "Husayn", "Hussain"],
  ["Qods", "Quds"],
  ["Hashd", "Hashed"],
  ["Moussawi", "Musawi", "Mousawi"],
  ["Amiri", "Ameri"],
];

/** The aliases to propose with a new name: the article's own short forms, then the spellings. */
export function proposedAliases(
  name: string,
  kind: EntityKindName,
  shortForms: readonly string[],
): string[] {
  const aliases = new Set<string>(shortForms);
  for (const form of [name, ...shortForms]) {
    for (const variant of spellings(form)) aliases.add(variant);
  }
  if (kind === "person") {
    // People are named by their surname: "Awqad al-Hamidawi" → "al-Hamidawi", "Hamidawi". Only
    // an "al-" name is surely a surname; "Qods Force" is no person called Force.
    const surname = name.split(/\s+/).at(-1) ?? "";
    if (surname !== name && /^al-\p{Lu}\p{L}{2,}/iu.test(surname)) {
      aliases.add(surname);
      aliases.add(surname.slice(3));
    }
  }
  const own = normalize(name);
  return [...aliases].filter((a) => a.trim() !== "" && normalize(a) !== own);
}

/** Every spelling of a name: each word swapped for its other spellings, apostrophes dropped. */
function spellings(name: string): string[] {
  const variants = new Set<string>([name.replace(/[’']/g, "")]);
  if (name.includes("’")) variants.add(name.replace(/’/g, "'"));
  for (const group of SPELLINGS) {
    const word = group.find((w) => new RegExp(`\\b${escapeRegExp(w)}\\b`, "i").test(name));
    if (!word) continue;
    for (const other of group) {
      if (other !== word)
        variants.add(name.replace(new RegExp(`\\b${escapeRegExp(word)}\\b`, "i"), other));
    }
  }
  return [...variants];
}

/**
 * A spelling-blind key: "al-" and vowels after the first letter dropped, doubled letters single.
 * "Kata’ib Hizballah" and "Kataib Hezbollah" both give "ktb hzblh".
 */
export function spellingKey(name: string): string {
  return normalize(name)
    .split(" ")
    .filter((w) => w !== "al" && w !== "el")
    .map((w) => (w.charAt(0) + w.slice(1).replace(/[aeiouy]/g, "")).replace(/(.)\1+/g, "$1"))
    .join(" ");
}

/** Keys this short are shared by too many names to decide alone ("ktb" is Kataib, or Kutub). */
const MIN_KEY = 6;

/** The one existing entity a new name is another spelling of, if exactly one is. */
export function sameEntity(name: string, entities: readonly Entity[]): Entity | undefined {
  const key = spellingKey(name);
  if (key.replace(/ /g, "").length < MIN_KEY) return undefined;
  const matches = entities.filter((e) =>
    [e.name, ...e.aliases].some((alias) => spellingKey(alias) === key),
  );
  return matches.length === 1 ? matches[0] : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
