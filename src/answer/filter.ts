/** Resolves what a person typed as a filter ("radar", "nujaba", "KH") to topics and entities. */
import type { Knowledge } from "../knowledge/knowledge.ts";
import type { Entity, Topic } from "../knowledge/types.ts";
import { normalize } from "../search/text.ts";

export interface ResolvedFilter {
  topics: Topic[];
  entities: Entity[];
}

export function resolveFilter(knowledge: Knowledge, text: string): ResolvedFilter {
  const wanted = normalize(text);
  // "radar" picks both "air defenses" (keyword radar) and "radar attacks" (keyword radar attack).
  const topics = [...knowledge.base.topics.values()].filter((t) =>
    [t.id, t.label, ...t.keywords].some((name) => {
      const n = normalize(name);
      return n === wanted || n.startsWith(`${wanted} `);
    }),
  );
  const mentioned = knowledge.search.entities.mentionsIn(text).map((m) => m.entity);
  const entities =
    mentioned.length > 0 || topics.length > 0
      ? mentioned
      : knowledge.search.entities.lookup(text, { limit: 1 });
  return { topics, entities };
}
