import { z } from "zod";
import { CitationList } from "../src/answer/cite.ts";
import { factsWithTopic, keyFirst } from "../src/answer/select.ts";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { reply } from "../src/core/reply.ts";
import { normalize } from "../src/search/text.ts";

const MIN_POINTS = 3;
const MAX_POINTS = 6;

export default defineCommand({
  name: "briefing",
  description:
    "Post a short cited briefing to the channel: overview, militias, airspace, policy...",
  options: z.object({
    topic: z
      .string()
      .trim()
      .max(60, "keep the topic under 60 characters")
      .default("overview")
      .describe("overview, militias, airspace, policy, or another topic"),
  }),
  examples: ["/briefing", "/briefing militias", "/briefing airspace"],
  handler({ topic: asked }, { knowledge }) {
    const { base } = knowledge;
    const wanted = normalize(asked) || "overview";
    const topic = [...base.topics.values()].find((t) =>
      [t.id, t.label, ...t.keywords].some((name) => normalize(name) === wanted),
    );
    if (!topic) {
      const ids = [...base.topics.keys()].join(", ");
      throw new UserError(
        `There is no briefing topic "${asked}". Topics: ${ids}.`,
        "/briefing militias",
      );
    }
    const citations = new CitationList(base);
    const facts = keyFirst(factsWithTopic(base, topic.id), MAX_POINTS);
    const points = facts.map((f) => citations.point(f, { dated: true }));
    if (points.length < MIN_POINTS) {
      throw new UserError(
        `The sources hold only ${points.length} facts on ${topic.label}: too few for a briefing. Try /ask instead.`,
        "/briefing overview",
      );
    }
    return reply({
      kind: "info",
      title: `Briefing: ${topic.label}`,
      lead: topic.description,
      sections: [{ points }],
      citations: citations.citations,
      visibility: "channel",
    });
  },
});
