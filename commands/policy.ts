import { z } from "zod";
import { CitationList } from "../src/answer/cite.ts";
import { byReadingOrder, factsWithTopic } from "../src/answer/select.ts";
import { defineCommand } from "../src/core/command.ts";
import { reply } from "../src/core/reply.ts";
import { publicOption, visibilityFor } from "./shared.ts";

const MAX_POINTS = 10;

export default defineCommand({
  name: "policy",
  description: "The policy implications and recommendations in the sources",
  options: z.object({ public: publicOption }),
  examples: ["/policy"],
  handler({ public: isPublic }, { knowledge }) {
    const { base } = knowledge;
    const citations = new CitationList(base);
    const facts = factsWithTopic(base, "policy").sort(byReadingOrder).slice(0, MAX_POINTS);
    return reply({
      kind: facts.length > 0 ? "info" : "abstain",
      title: "Policy implications and recommendations",
      lead:
        facts.length > 0
          ? "What the sources say U.S. policy should do, in their order."
          : "The sources hold no policy recommendations.",
      sections: facts.length > 0 ? [{ points: facts.map((f) => citations.point(f)) }] : [],
      citations: citations.citations,
      visibility: visibilityFor(isPublic),
    });
  },
});
