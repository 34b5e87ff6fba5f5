/**
 * When two sources date the same thing differently, the bot shows both dates, each with its
 * source, instead of picking one.
 *
 * "Disagree", simply: two dated facts from different sources that are linked to the same thing
 * (an entity other than a country: a militia, a person, a place, an event), say at least two
 * other words in common ("two-drone attack"), and give dates no more than 31 days apart.
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
  const index = datedByEntity(knowledge);
  const candidates = new Set(fact.entities.flatMap((id) => index.get(id) ?? []));
  return [...candidates].flatMap((other) => compare(knowledge, fact, other) ?? []);
}

/** Every disagreement among `facts`, each pair once, in the order of `facts`. */
export function disagreementsAmong(
  knowledge: Knowledge,
  facts: readonly Fact[],
): DateDisagreement[] {
  const position = new Map(facts.map((f, i) => [f, i]));
  return facts.flatMap((fact, i) =>
    disagreementsWith(knowledge, fact).filter((d) => (position.get(d.other) ?? -1) > i),
  );
}

/** "Erbil International Airport: PolicyWatch 4078 says June 22, 2025; Fixture Brief 12 says June 21, 2025" */
export function describeDisagreement(knowledge: Knowledge, d: DateDisagreement): string {
  const name = (f: Fact) => {
    const source = knowledge.base.sources.get(f.source);
    return source?.series ?? source?.title ?? f.source;
  };
  return `${d.subject.name}: ${name(d.fact)} says ${formatDate(d.fact.date ?? "")}; ${name(d.other)} says ${formatDate(d.other.date ?? "")}`;
}

function compare(knowledge: Knowledge, a: Fact, b: Fact): DateDisagreement | undefined {
  if (!a.date || !b.date || a.source === b.source || a.date === b.date) return undefined;
  const shared = a.entities
    .filter((id) => b.entities.includes(id))
    .map((id) => knowledge.search.entities.get(id))
    .filter((e): e is Entity => e !== undefined && e.kind !== "country");
  const subject = shared[0];
  if (!subject) return undefined;
  if (a.date.startsWith(b.date) || b.date.startsWith(a.date)) return undefined;
  if (Math.abs(dayNumber(a.date) - dayNumber(b.date)) > MAX_DAYS_APART) return undefined;
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

const indexes = new WeakMap<object, Map<string, Fact[]>>();

/** Dated facts by the entities they are linked to, built once per loaded knowledge. */
function datedByEntity(knowledge: Knowledge): Map<string, Fact[]> {
  let index = indexes.get(knowledge.base);
  if (!index) {
    index = new Map();
    for (const fact of knowledge.base.facts) {
      if (!fact.date) continue;
      for (const id of fact.entities) {
        const list = index.get(id);
        if (list) list.push(fact);
        else index.set(id, [fact]);
      }
    }
    indexes.set(knowledge.base, index);
  }
  return index;
}

/** Days since 1970 at the start of an ISO date's period. */
function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}
