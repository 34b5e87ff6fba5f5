import { z } from "zod";
import { CitationList } from "../src/answer/cite.ts";
import { byDate, factsAbout } from "../src/answer/select.ts";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { reply } from "../src/core/reply.ts";
import { knownAs, nameText, publicOption, visibilityFor } from "./shared.ts";

export default defineCommand({
  name: "militia",
  description: "Profile of an Iraqi militia from the sources; with no name, the list",
  options: z.object({
    name: nameText("The militia, e.g. nujaba, kataib hezbollah, KH").optional(),
    public: publicOption,
  }),
  entityOptions: { name: { kinds: ["militia"] } },
  examples: ["/militia nujaba", "/militia KH", "/militia"],
  handler({ name, public: isPublic }, { knowledge }) {
    const { base, search } = knowledge;
    const militias = search.entities.lookup("", { kinds: ["militia"], limit: 100 });
    if (!name) {
      const citations = new CitationList(base);
      return reply({
        kind: "info",
        title: "Militias in the sources",
        lead: `${militias.length} militias are named. Ask for one with /militia <name>.`,
        sections: [
          {
            points: militias.map((m) => {
              const label = `${m.name}${m.aliases.length ? ` (${knownAs(m, 3)})` : ""}`;
              const described = citations.describe(m);
              return described
                ? { ...described, text: `${label}: ${described.text}` }
                : { text: label, cites: [] };
            }),
          },
        ],
        citations: citations.citations,
        visibility: visibilityFor(isPublic),
      });
    }
    const militia = search.entities.lookup(name, { kinds: ["militia"], limit: 1 })[0];
    if (!militia) {
      throw new UserError(
        `No militia in the sources matches "${name}". Known: ${militias.map((m) => m.name).join(", ")}.`,
        "/militia nujaba",
      );
    }
    const citations = new CitationList(base);
    const description = citations.describe(militia);
    const facts = factsAbout(base, militia.id).sort(byDate);
    return reply({
      kind: "info",
      title: militia.name,
      ...(militia.aliases.length ? { lead: `Also written: ${knownAs(militia)}.` } : {}),
      sections: [
        { heading: "Who they are", points: [description] },
        {
          heading: "What it threatened or did",
          points: facts.map((f) => citations.point(f, { dated: true })),
        },
      ],
      citations: citations.citations,
      visibility: visibilityFor(isPublic),
    });
  },
});
