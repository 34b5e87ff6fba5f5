/** Picking and ordering facts for profiles, briefings and timelines. */
import { compareIsoDates } from "../knowledge/dates.ts";
import type { Fact, KnowledgeBase } from "../knowledge/types.ts";

/** Reading order: by source, then paragraph, then the order curators wrote them in. */
export function byReadingOrder(a: Fact, b: Fact): number {
  return a.source.localeCompare(b.source) || a.paragraph - b.paragraph;
}

/** Dated facts first, oldest first; then undated ones in reading order. */
export function byDate(a: Fact, b: Fact): number {
  if (a.date && b.date) return compareIsoDates(a.date, b.date) || byReadingOrder(a, b);
  if (a.date) return -1;
  if (b.date) return 1;
  return byReadingOrder(a, b);
}

/** Key facts first, then the rest, each group in reading order; at most `max`. */
export function keyFirst(facts: readonly Fact[], max: number): Fact[] {
  const sorted = [...facts].sort(byReadingOrder);
  const chosen = [...sorted.filter((f) => f.key), ...sorted.filter((f) => !f.key)].slice(0, max);
  return chosen.sort(byReadingOrder);
}

export function factsWithTopic(base: KnowledgeBase, topicId: string): Fact[] {
  return base.facts.filter((f) => f.topics.includes(topicId));
}

export function factsAbout(base: KnowledgeBase, entityId: string): Fact[] {
  return base.facts.filter((f) => f.entities.includes(entityId));
}
