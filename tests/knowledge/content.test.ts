/**
 * The knowledge is validated like code: the loader's checks pass, and the content holds up to
 * what a careful reader would check against the article.
 */
import { describe, expect, it } from "vitest";
import { formatDate } from "../../src/knowledge/dates.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { normalize } from "../../src/search/text.ts";

const kb = loadKnowledge();
const facts = [...kb.facts];

describe("PolicyWatch 4078 knowledge", () => {
  it("has the source with its metadata and numbered paragraphs", () => {
    const source = kb.sources.get("policywatch-4078");
    expect(source).toMatchObject({
      series: "PolicyWatch 4078",
      author: "Michael Knights",
      publisher: "The Washington Institute for Near East Policy",
      published: "2025-07",
    });
    expect(source?.paragraphs.map((p) => p.n)).toEqual(source?.paragraphs.map((_, i) => i + 1));
    expect(new Set(source?.paragraphs.map((p) => p.section))).toContain("Militias Stand Down");
  });

  it("holds every claim of the article: 80 to 150 facts, each paragraph covered", () => {
    expect(facts.length).toBeGreaterThanOrEqual(80);
    expect(facts.length).toBeLessThanOrEqual(150);
    const source = kb.sources.get("policywatch-4078");
    for (const p of source?.paragraphs ?? []) {
      expect(
        facts.some((f) => f.paragraph === p.n),
        `paragraph ${p.n} has no fact`,
      ).toBe(true);
    }
  });

  it("quotes every fact verbatim from its own paragraph", () => {
    for (const fact of facts) {
      const paragraph = kb.sources.get(fact.source)?.paragraphs.find((p) => p.n === fact.paragraph);
      expect(paragraph?.text, fact.id).toContain(fact.quote);
    }
  });

  it("mentions, in each fact's sentence or quote, every entity the fact names", () => {
    for (const fact of facts) {
      const said = ` ${normalize(`${fact.text} ${fact.quote}`)} `;
      for (const id of fact.entities) {
        const entity = kb.entities.get(id);
        const names = [entity?.name ?? id, ...(entity?.aliases ?? [])].map(normalize);
        expect(
          names.some((n) => said.includes(` ${n} `)),
          `${fact.id} does not mention ${id}`,
        ).toBe(true);
      }
    }
  });

  it("gives June and July dates the year 2025, and Jerusalem's November warning 2024", () => {
    for (const fact of facts) {
      if (/\b(June|July) \d/.test(fact.quote) && fact.date)
        expect(fact.date, fact.id).toMatch(/^2025-0[67]/);
    }
    const november = facts.find((f) => f.quote.includes("in November, Jerusalem"));
    expect(november?.date).toBe("2024-11");
    const erbil = facts.find((f) => f.entities.includes("erbil-international-airport"));
    expect(erbil?.date).toBe("2025-06-22");
  });

  it("writes dates in fact sentences as people do, never as ISO strings", () => {
    for (const fact of facts) expect(fact.text, fact.id).not.toMatch(/\b\d{4}-\d{2}(-\d{2})?\b/);
    expect(formatDate("2025-06-22")).toBe("June 22, 2025");
    expect(formatDate("2024-11")).toBe("November 2024");
    expect(formatDate("2011")).toBe("2011");
  });

  it("lets no two entities share an alias", () => {
    const owners = new Map<string, string>();
    for (const entity of kb.entities.values()) {
      for (const alias of [entity.name, ...entity.aliases].map(normalize)) {
        const owner = owners.get(alias);
        expect(
          owner === undefined || owner === entity.id,
          `"${alias}" names ${owner} and ${entity.id}`,
        ).toBe(true);
        owners.set(alias, entity.id);
      }
    }
  });

  it("knows the names people type", () => {
    const alias = (id: string) =>
      [kb.entities.get(id)?.name, ...(kb.entities.get(id)?.aliases ?? [])].map((a) =>
        normalize(a ?? ""),
      );
    expect(alias("nujaba")).toEqual(expect.arrayContaining(["nujaba", "hhn"]));
    expect(alias("kataib-hezbollah")).toEqual(expect.arrayContaining(["kh", "kataib hezbollah"]));
    expect(alias("sudani")).toContain("sudani");
    expect(alias("musawi")).toContain("musawi");
  });
});
