import { z } from "zod";
import { CitationList } from "../src/answer/cite.ts";
import { keyFirst } from "../src/answer/select.ts";
import { defineCommand } from "../src/core/command.ts";
import { reply } from "../src/core/reply.ts";
import type { Fact } from "../src/knowledge/types.ts";
import { publicOption, visibilityFor } from "./shared.ts";

/**
 * The briefing's parts, in reading order. A fact goes to the first part (by `claims` order)
 * whose test it passes, so a recommendation about radars is a recommendation, not a radar fact.
 */
const PARTS: { heading: string; claims: number; test: (f: Fact) => boolean }[] = [
  { heading: "How the war used Iraqi airspace", claims: 5, test: (f) => has(f, "airspace") },
  { heading: "Iraq's air defenses", claims: 4, test: (f) => has(f, "air-defense") },
  { heading: "The radar attacks", claims: 2, test: (f) => has(f, "radar-attacks") },
  { heading: "Air-defense purchases", claims: 3, test: (f) => has(f, "arms-purchases") },
  {
    heading: "What the U.S. should do",
    claims: 1,
    test: (f) =>
      has(f, "policy") &&
      ["airspace", "air-defense", "arms-purchases", "radar-attacks"].some((t) => has(f, t)),
  },
];
const POINTS_PER_PART = 4;

function has(fact: Fact, topic: string): boolean {
  return fact.topics.includes(topic);
}

export default defineCommand({
  name: "airspace",
  description:
    "Briefing on Iraqi airspace: wartime use, air defenses, radar attacks, purchases, policy",
  options: z.object({ public: publicOption }),
  examples: ["/airspace", "/airspace --public"],
  handler({ public: isPublic }, { knowledge }) {
    const { base } = knowledge;
    const claimOrder = PARTS.map((part, i) => ({ part, i })).sort(
      (a, b) => a.part.claims - b.part.claims,
    );
    const assigned = PARTS.map((): Fact[] => []);
    for (const fact of base.facts) {
      const owner = claimOrder.find(({ part }) => part.test(fact));
      if (owner) assigned[owner.i]?.push(fact);
    }
    const citations = new CitationList(base);
    const sections = PARTS.map((part, i) => ({
      heading: part.heading,
      points: keyFirst(assigned[i] ?? [], POINTS_PER_PART).map((f) =>
        citations.point(f, { dated: true }),
      ),
    })).filter((s) => s.points.length > 0);
    return reply({
      kind: sections.length > 0 ? "info" : "abstain",
      title: "Iraqi airspace: briefing",
      lead:
        sections.length > 0
          ? "How Iraq's skies figured in the June 2025 war, and what the sources recommend."
          : "The sources don't cover Iraqi airspace yet.",
      sections,
      citations: citations.citations,
      visibility: visibilityFor(isPublic),
      suggestions: ["/ask did iraq shoot at anything?", "/timeline radar"],
    });
  },
});
