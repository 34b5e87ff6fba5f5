/**
 * Topics for a draft fact, from the taxonomy in topics.yaml: a topic whose label or keyword
 * stands in the sentence (compared as stems, so "militias" finds "militia"), a topic named by
 * the section heading, "overview" for the article's opening. Every fact gets at least one.
 */
import type { Topic } from "../knowledge/types.ts";
import { stem, words } from "../search/text.ts";

/** The topic of an article's opening paragraphs, if the taxonomy has it. */
export const OVERVIEW = "overview";

export class TopicAssigner {
  private readonly phrases: { id: string; stems: string[] }[] = [];
  private readonly fallback: string;

  constructor(topics: Iterable<Topic>) {
    const list = [...topics];
    for (const topic of list) {
      for (const phrase of [topic.label, ...topic.keywords]) {
        const stems = words(phrase).map(stem);
        if (stems.length > 0) this.phrases.push({ id: topic.id, stems });
      }
    }
    this.fallback = list.find((t) => t.id === OVERVIEW)?.id ?? list[0]?.id ?? OVERVIEW;
  }

  /** Topics whose words stand in a text, in taxonomy order. */
  topicsIn(text: string): string[] {
    const stems = ` ${words(text).map(stem).join(" ")} `;
    const ids = new Set<string>();
    for (const { id, stems: phrase } of this.phrases) {
      if (stems.includes(` ${phrase.join(" ")} `)) ids.add(id);
    }
    return [...ids];
  }

  /**
   * A sentence's topics: its own words, its section's heading, and the overview for the lead
   * of the article; the paragraph's topics when the sentence names none; else the overview.
   */
  assign(
    sentence: string,
    context: { section: string; inLead: boolean; paragraphTopics: string[] },
  ): string[] {
    const ids = new Set([...this.topicsIn(sentence), ...this.topicsIn(context.section)]);
    if (context.inLead && this.hasOverview()) ids.add(OVERVIEW);
    if (ids.size === 0) for (const id of context.paragraphTopics) ids.add(id);
    if (ids.size === 0) ids.add(this.fallback);
    return [...ids];
  }

  private hasOverview(): boolean {
    return this.fallback === OVERVIEW;
  }
}
