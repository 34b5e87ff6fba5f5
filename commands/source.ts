import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { reply } from "../src/core/reply.ts";
import { formatDate } from "../src/knowledge/dates.ts";

export default defineCommand({
  name: "source",
  description: "What the bot knows: each source, its details, and how many facts it holds",
  options: z.object({}),
  examples: ["/source"],
  handler(_options, { knowledge }) {
    const { base } = knowledge;
    const drafts = (id: string) => base.facts.filter((f) => f.source === id && f.draft).length;
    const sources = [...base.sources.values()];
    return reply({
      kind: "info",
      title: "Sources",
      lead: `${sources.length} source${sources.length === 1 ? "" : "s"}, ${base.facts.length} facts, ${base.entities.size} names. Knowledge loaded ${base.loadedAt.toISOString().replace("T", " ").slice(0, 16)} UTC.`,
      sections: sources.map((s) => ({
        heading: s.series ? `${s.series}: ${s.title}` : s.title,
        points: [
          {
            text: `By ${s.author}, ${s.publisher}, published ${formatDate(s.published)}.`,
            cites: [],
          },
          { text: factLine(s.factCount, drafts(s.id), s.paragraphs.length), cites: [] },
          ...(s.url ? [{ text: s.url, cites: [] }] : []),
        ],
      })),
    });
  },
});

/** "93 facts from 15 paragraphs.", or with drafts: "56 facts (56 drafts, not yet curated) ..." */
function factLine(facts: number, drafts: number, paragraphs: number): string {
  const draftNote =
    drafts > 0 ? ` (${drafts} draft${drafts === 1 ? "" : "s"}, not yet curated)` : "";
  return `${facts} facts${draftNote} from ${paragraphs} paragraphs.`;
}
