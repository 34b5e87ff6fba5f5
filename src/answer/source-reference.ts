/**
 * A question that names the source it asks about: "per the joint statement", "in the treasury
 * release on fly baghdad", "in the biden sudani statement". The words that name the source
 * (those its title, publisher or series share) choose it, and are not searched for in its facts,
 * which seldom repeat them; the answer then comes from that source alone, when it has one.
 */
import type { Knowledge } from "../knowledge/knowledge.ts";
import type { Source } from "../knowledge/types.ts";
import { terms } from "../search/text.ts";

export interface SourceReference {
  /** The sources the words name: all those that share the most of them. */
  sources: ReadonlySet<string>;
  /** The question's words that named them, to leave out of the search. */
  naming: readonly string[];
}

export function sourcesNamed(
  knowledge: Knowledge,
  words: readonly string[],
): SourceReference | undefined {
  const sources = [...knowledge.base.sources.values()];
  if (sources.length < 2) return undefined;
  const wanted = new Set(words.flatMap((w) => terms(w)));
  let best = 0;
  const chosen = new Set<string>();
  const naming = new Set<string>();
  for (const source of sources) {
    const shared = headerTerms(source).filter((t) => wanted.has(t));
    if (shared.length === 0 || shared.length < best) continue;
    if (shared.length > best) {
      best = shared.length;
      chosen.clear();
      naming.clear();
    }
    chosen.add(source.id);
    for (const t of shared) naming.add(t);
  }
  if (chosen.size === 0 || chosen.size === sources.length) return undefined;
  return { sources: chosen, naming: words.filter((w) => terms(w).some((t) => naming.has(t))) };
}

/** What a source is known by: its title, series and publisher. */
function headerTerms(source: Source): string[] {
  return terms(`${source.title} ${source.series ?? ""} ${source.publisher}`);
}
