/**
 * Autocomplete for options that name an entity (and topics, for filters): fuzzy through the
 * knowledge's entity index, best first, at most 25 choices with names and values within 100
 * characters. An empty box suggests what the sources discuss most.
 */
import type { EntityOption } from "../../core/command.ts";
import type { Knowledge } from "../../knowledge/knowledge.ts";
import type { Entity, Topic } from "../../knowledge/types.ts";
import { truncate } from "../../render/common.ts";
import { normalize } from "../../search/text.ts";

export interface Choice {
  name: string;
  value: string;
}

export const MAX_CHOICES = 25;
const MAX_CHOICE = 100;

interface Candidate {
  choice: Choice;
  /** 0 exact, 1 prefix, 2 a word starts with it, 3 fuzzy or contains. */
  tier: number;
}

function tier(names: readonly string[], query: string): number {
  const normalized = names.map(normalize);
  if (normalized.includes(query)) return 0;
  if (normalized.some((n) => n.startsWith(query))) return 1;
  if (normalized.some((n) => n.split(" ").some((w) => w.startsWith(query)))) return 2;
  return 3;
}

/** A value the command can look up again: the name, or the shortest alias when it is too long. */
function valueFor(name: string, aliases: readonly string[]): string {
  if (name.length <= MAX_CHOICE) return name;
  const alias = [...aliases].sort((a, b) => a.length - b.length)[0];
  return alias && alias.length <= MAX_CHOICE ? alias : name.slice(0, MAX_CHOICE);
}

function entityChoice(entity: Entity, showKind: boolean): Choice {
  const label = showKind ? `${entity.name} (${entity.kind})` : entity.name;
  return { name: truncate(label, MAX_CHOICE), value: valueFor(entity.name, entity.aliases) };
}

function topicChoice(topic: Topic): Choice {
  return {
    name: truncate(`${topic.label} (topic)`, MAX_CHOICE),
    value: valueFor(topic.label, [topic.id]),
  };
}

const factCounts = new WeakMap<Knowledge, Map<string, number>>();

/** How many facts name each entity and topic: what an empty box suggests first. */
function countsFor(knowledge: Knowledge): Map<string, number> {
  const known = factCounts.get(knowledge);
  if (known) return known;
  const counts = new Map<string, number>();
  for (const fact of knowledge.base.facts) {
    for (const id of [...fact.entities, ...fact.topics.map((t) => `topic:${t}`)]) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  factCounts.set(knowledge, counts);
  return counts;
}

export function autocompleteChoices(
  knowledge: Knowledge,
  spec: EntityOption,
  typedInFull: string,
): Choice[] {
  // Names are short: past 100 characters nothing more can match, and fuzzy matching a long value
  // would hold up every other request (10,000 characters take over half a second).
  const typed = typedInFull.slice(0, MAX_CHOICE);
  const query = normalize(typed);
  const showKind = spec.kinds?.length !== 1;
  const entityIndex = knowledge.search.entities;
  const topics = spec.topics ? [...knowledge.base.topics.values()] : [];
  const lookupOptions = { limit: MAX_CHOICES, ...(spec.kinds ? { kinds: spec.kinds } : {}) };

  let candidates: Candidate[];
  if (!query) {
    const counts = countsFor(knowledge);
    const byCount = (id: string) => counts.get(id) ?? 0;
    const entities = entityIndex
      .lookup("", { ...lookupOptions, limit: 1000 })
      .sort((a, b) => byCount(b.id) - byCount(a.id));
    const topicsFirst = topics.sort((a, b) => byCount(`topic:${b.id}`) - byCount(`topic:${a.id}`));
    candidates = [
      ...topicsFirst.map((t) => ({ choice: topicChoice(t), tier: 0 })),
      ...entities.map((e) => ({ choice: entityChoice(e, showKind), tier: 0 })),
    ];
  } else {
    const entities = entityIndex.lookup(typed, lookupOptions).map((e) => ({
      choice: entityChoice(e, showKind),
      tier: tier([e.name, ...e.aliases], query),
    }));
    const topicHits = topics
      .map((t) => ({
        choice: topicChoice(t),
        tier: tier([t.id, t.label, ...t.keywords], query),
        t,
      }))
      .filter((c) => c.tier < 3 || normalize(c.t.label).includes(query));
    // Stable: within a tier, the entity index's own order (exact alias, prefix, fuzzy) stays.
    candidates = [...entities, ...topicHits].sort((a, b) => a.tier - b.tier);
  }

  const seen = new Set<string>();
  const choices: Choice[] = [];
  for (const { choice } of candidates) {
    if (!choice.name || seen.has(choice.value)) continue;
    seen.add(choice.value);
    choices.push(choice);
    if (choices.length === MAX_CHOICES) break;
  }
  return choices;
}
