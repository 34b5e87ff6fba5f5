/**
 * When two sources date the same thing differently, the bot shows both dates, each with its
 * source, instead of picking one.
 *
 * "Disagree", simply: two dated facts from different sources that name the same thing (an
 * entity other than a country: a militia, a person, a place, an event), say at least two other
 * words in common ("two-drone attack"), and give dates that differ by no more than 31 days.
 * A date to the month or year that contains the other ("June 2025" and "June 22, 2025") is a
 * less precise date, not a disagreement; dates further apart are taken as different events.
 */
import { formatDate } from "../knowledge/dates.ts";
import type { Knowledge } from "../knowledge/knowledge.ts";
import type { Entity, Fact } from "../knowledge/types.ts";
import { terms } from "../search/text.ts";

export interface DateDisagreement {
  /** The fact asked about (or the earlier-loaded one). */
  fact: Fact;
  other: Fact;
  /** What both facts name: the thing the dates are about. */
  subject: Entity;
}

const MAX_DAYS_APART = 31;
const MIN_SHARED_WORDS = 2;
const DATE_WORDS = new Set(
  terms(
    "january february march april may june july august september october november december date day month year",
  ),
);

/** Facts of other sources that date what `fact` is about differently. */
export function disagreementsWith(knowledge: Knowledge, fact: Fact): DateDisagreement[] {
  if (!fact.date) return [];
  const found: DateDisagreement[] = [];
  for (const other of knowledge.base.facts) {
    const d = compare(knowledge, fact, other);
    if (d) found.push(d);
  }
  return found;
}

/** Every disagreement among `facts`, each pair once. */
export function disagreementsAmong(knowledge: Knowledge, facts: readonly Fact[]): DateDisagreement[] {
  const found: DateDisagreement[] = [];
  facts.forEach((fact, i) => {
    for (const other of facts.slice(i + 1)) {
      const d = compare(knowledge, fact, other);
      if (d) found.push(d);
    }
  });
  return found;
}

/** "Erbil International Airport: PolicyWatch 4078 says June 22, 2025; ... says June 21, 2025." */
export function describeDisagreement(knowledge: Knowledge, d: DateDisagreement): string {
  const name = (f: Fact) => {
    const source = knowledge.base.sources.get(f.source);
    return source?.series ?? source?.title ?? f.source;
  };
  return `${d.subject.name}: ${name(d.fact)} says ${formatDate(d.fact.date ?? "")}, ${name(d.other)} says ${formatDate(d.other.date ?? "")}`;
}

function compare(knowledge: Knowledge, a: Fact, b: Fact): DateDisagreement | undefined {
  if (!a.date || !b.date || a.source === b.source || a.date === b.date) return undefined;
  if (a.date.startsWith(b.date) || b.date.startsWith(a.date)) return undefined;
  if (Math.abs(dayNumber(a.date) - dayNumber(b.date)) > MAX_DAYS_APART) return undefined;
  const namedByB = new Set(named(knowledge, b));
  const shared = named(knowledge, a)
    .filter((id) => namedByB.has(id))
    .map((id) => knowledge.search.entities.get(id))
    .filter((e): e is Entity => e !== undefined && e.kind !== "country");
  const subject = shared[0];
  if (!subject) return undefined;
  const nameWords = new Set(shared.flatMap((e) => terms([e.name, ...e.aliases].join(" "))));
  const wordsOf = (f: Fact) =>
    new Set(
      terms(`${f.text} ${f.quote}`).filter(
        (t) => !nameWords.has(t) && !DATE_WORDS.has(t) && !/^\d+$/.test(t),
      ),
    );
  const wordsOfB = wordsOf(b);
  const common = [...wordsOf(a)].filter((t) => wordsOfB.has(t)).length;
  return common >= MIN_SHARED_WORDS ? { fact: a, other: b, subject } : undefined;
}

const namedCache = new WeakMap<Fact, string[]>();

/** The entities a fact is linked to or names in its sentence or quote. */
function named(knowledge: Knowledge, fact: Fact): string[] {
  let ids = namedCache.get(fact);
  if (!ids) {
    const mentions = knowledge.search.entities.mentionsIn(`${fact.text} ${fact.quote}`, {
      fuzzy: false,
    });
    ids = [...new Set([...fact.entities, ...mentions.map((m) => m.entity.id)])];
    namedCache.set(fact, ids);
  }
  return ids;
}

/** Days since 1970 at the start of an ISO date's period. */
function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}
