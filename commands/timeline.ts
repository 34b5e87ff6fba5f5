import { z } from "zod";
import { CitationList } from "../src/answer/cite.ts";
import { describeDisagreement, disagreementsAmong } from "../src/answer/disagree.ts";
import { resolveFilter } from "../src/answer/filter.ts";
import { byDate } from "../src/answer/select.ts";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { reply } from "../src/core/reply.ts";
import { nameText, publicOption, visibilityFor } from "./shared.ts";

const MAX_EVENTS = 25;

export default defineCommand({
  name: "timeline",
  description: "The dated events in order, optionally filtered by a name or a topic",
  options: z.object({
    filter: nameText("A militia, person, place or topic, e.g. nujaba, radar, policy").optional(),
    public: publicOption,
  }),
  entityOptions: { filter: { topics: true } },
  examples: ["/timeline", "/timeline nujaba", "/timeline radar"],
  handler({ filter, public: isPublic }, { knowledge }) {
    const { base } = knowledge;
    let facts = base.facts.filter((f) => f.date);
    let scope = "";
    if (filter) {
      const { topics, entities } = resolveFilter(knowledge, filter);
      if (topics.length === 0 && entities.length === 0) {
        throw new UserError(`Nothing in the sources matches "${filter}".`, "/timeline nujaba");
      }
      const topicIds = new Set(topics.map((t) => t.id));
      const entityIds = new Set(entities.map((e) => e.id));
      facts = facts.filter(
        (f) => f.topics.some((t) => topicIds.has(t)) || f.entities.some((e) => entityIds.has(e)),
      );
      scope = [...topics.map((t) => t.label), ...entities.map((e) => e.name)].join(", ");
    }
    facts.sort(byDate);
    const shown = facts.slice(0, MAX_EVENTS);
    const citations = new CitationList(base);
    const points = shown.map((f) => citations.point(f, { dated: true }));
    // Sources that date the same thing differently are both shown above; say so, with both.
    const disputed = disagreementsAmong(knowledge, shown).map((d) => ({
      text: describeDisagreement(knowledge, d),
      cites: [citations.cite(d.fact), citations.cite(d.other)],
    }));
    return reply({
      kind: shown.length > 0 ? "info" : "abstain",
      title: scope ? `Timeline: ${scope}` : "Timeline",
      lead:
        shown.length === 0
          ? `The sources hold no dated events for ${scope || "any topic"}.`
          : facts.length > shown.length
            ? `The first ${shown.length} of ${facts.length} dated events; narrow it with a filter, e.g. /timeline radar.`
            : `${shown.length} dated events, oldest first.`,
      sections: [
        ...(shown.length > 0 ? [{ points }] : []),
        ...(disputed.length > 0
          ? [{ heading: "The sources disagree on these dates", points: disputed }]
          : []),
      ],
      citations: citations.citations,
      visibility: visibilityFor(isPublic),
    });
  },
});
