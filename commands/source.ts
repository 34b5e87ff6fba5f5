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
          { text: `${s.factCount} facts from ${s.paragraphs.length} paragraphs.`, cites: [] },
          { text: s.url, cites: [] },
        ],
      })),
    });
  },
});
