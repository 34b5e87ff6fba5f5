/**
 * The names that set the scene of each source. In an article on Iraq's airspace, most facts name
 * Iraq and Israel, so a question naming them asks about the rest ("did iraq fire at israeli
 * jets": a fact on Iraqi missiles answers without naming Israel). Counted per source: a name
 * that sets one article's scene is rare in another's (Israel in a Treasury designation), and
 * adding articles must not change which facts of the first one answer.
 */
import { SETTING_NAME_WEIGHT } from "./ranking.ts";

/** A name in fewer of its source's facts than this is never its setting, however short it is. */
const MIN_SETTING_FACTS = 3;

export class SettingNames {
  private readonly sources = new Map<string, { facts: number; named: Map<string, number> }>();

  add(source: string, entityIds: Iterable<string>): void {
    let counts = this.sources.get(source);
    if (!counts) {
      counts = { facts: 0, named: new Map() };
      this.sources.set(source, counts);
    }
    counts.facts++;
    for (const id of entityIds) counts.named.set(id, (counts.named.get(id) ?? 0) + 1);
  }

  /** Whether the entity is named by so many of the source's facts that it is their setting. */
  isSetting(source: string, entityId: string): boolean {
    const counts = this.sources.get(source);
    const named = counts?.named.get(entityId) ?? 0;
    if (!counts || named < MIN_SETTING_FACTS) return false;
    // The same inverse document frequency as a term's weight, within the source.
    return Math.log(1 + (counts.facts + 1) / (named + 0.5)) <= SETTING_NAME_WEIGHT;
  }
}
