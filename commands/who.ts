import { z } from "zod";
import { CitationList } from "../src/answer/cite.ts";
import { byDate, factsAbout, keyFirst } from "../src/answer/select.ts";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { reply } from "../src/core/reply.ts";
import { knownAs, nameText, publicOption, visibilityFor } from "./shared.ts";

const MAX_FACTS = 5;

export default defineCommand({
  name: "who",
  description: "Who a person or organization is, according to the sources",
  options: z.object({
    name: nameText("A person or organization, e.g. sudani, musawi, IRGC"),
    public: publicOption,
  }),
  entityOptions: { name: { kinds: ["person", "organization", "militia"] } },
  examples: ["/who sudani", "/who musawi", "/who IRGC"],
  handler({ name, public: isPublic }, { knowledge }) {
    const { base, search } = knowledge;
    const entity = search.entities.lookup(name, { limit: 1 })[0];
    if (!entity) {
      throw new UserError(`The sources name no one matching "${name}".`, "/who sudani");
    }
    const citations = new CitationList(base);
    const description = citations.describe(entity);
    const facts = keyFirst(factsAbout(base, entity.id), MAX_FACTS).sort(byDate);
    return reply({
      kind: "info",
      title: `${entity.name} (${entity.kind})`,
      ...(entity.aliases.length ? { lead: `Also written: ${knownAs(entity)}.` } : {}),
      sections: [
        { heading: "Who they are", points: [description] },
        ...(facts.length
          ? [
              {
                heading: "In the sources",
                points: facts.map((f) => citations.point(f, { dated: true })),
              },
            ]
          : []),
      ],
      citations: citations.citations,
      visibility: visibilityFor(isPublic),
    });
  },
});
