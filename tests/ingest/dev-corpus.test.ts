/**
 * Ingesting real articles: the six public-domain U.S. government texts of the development corpus
 * (tests/fixtures/dev-sources, origin and license in its README), added to a scratch copy of the
 * knowledge. Drafts read on their own, non-claims are left out, dates are the ones a careful
 * reader would give, and new names come with the aliases people type.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { ingestFile, ingestText } from "../../src/ingest/ingest.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import type { EntityDraft } from "../../src/knowledge/schema.ts";
import { copyOfKnowledge, DEV_SOURCES } from "../support/articles.ts";

const dir = copyOfKnowledge();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files = readdirSync(DEV_SOURCES).filter((f) => f.endsWith(".md") && f !== "README.md");
const reports = files.map((f) => ingestFile(path.join(DEV_SOURCES, f), { knowledgeDir: dir }));
const kb = loadKnowledge(dir);
const drafts = kb.facts.filter((f) => f.draft);
const fact = (start: string) => {
  const found = drafts.find((f) => f.quote.startsWith(start));
  if (!found) throw new Error(`no draft quotes “${start}”`);
  return found;
};
const entityDrafts = (id: string): EntityDraft[] =>
  YAML.parse(readFileSync(path.join(dir, "sources", id, "entity-drafts.yaml"), "utf8")) ?? [];

describe("the six development articles, ingested", () => {
  it("all load, with drafts whose quotes stand verbatim in their paragraph", () => {
    expect(reports).toHaveLength(6);
    expect(drafts.length).toBeGreaterThan(150);
    for (const f of drafts) {
      const paragraph = kb.sources.get(f.source)?.paragraphs.find((p) => p.n === f.paragraph);
      expect(paragraph?.text, f.id).toContain(f.quote);
    }
  });

  it("no draft starts with a pronoun or a 'this' that only the sentence before explains", () => {
    const unresolved = drafts.filter((f) =>
      /^(?:(?:And|But|Yet|Moreover),?\s+)?(?:he|she|it|they|his|her|its|their|this|that|these|those)\b/i.test(
        f.text,
      ),
    );
    expect(unresolved.map((f) => f.text)).toEqual([]);
  });

  it("names the subject in brackets, journalist-style, when the sentence leaves it out", () => {
    expect(fact("He raises funds for KH").text).toMatch(/^\[Awqad al-Hamidawi\] raises funds/);
    expect(fact("He has reportedly paid millions").text).toMatch(/^\[Said\] has reportedly paid/);
    expect(
      fact(
        "This network operates primarily by covertly blending Iranian oil with Iraqi oil, which is then marketed intentionally as solely of Iraqi origin.",
      ).text,
    ).toMatch(/^\[Al-Samarra’i’s\] network operates/);
    expect(fact("The two leaders exchanged views").text).toMatch(
      /^\[President Biden and Prime Minister Sudani\] exchanged views/,
    );
    // "The two leaders" before the article names them as a pair; an office for its holder.
    expect(fact("The two leaders reaffirmed their commitment").text).toMatch(
      /^\[President Biden and Prime Minister Sudani\] reaffirmed/,
    );
    expect(fact("The President and Prime Minister agreed").text).toMatch(
      /^\[President Biden and Prime Minister Sudani\] agreed/,
    );
    expect(fact("The President also affirmed").text).toMatch(/^\[President Biden\] also/);
    expect(fact("In that vein, the President commended").text).toMatch(
      /^In that vein, \[President Biden\] commended/,
    );
    // A known name only ends another: the airline is not the city, the banker not the commander.
    expect(fact("KH has been using Fly Baghdad").entities).not.toContain("baghdad");
    expect(fact("Today, OFAC designated Hamad al-Moussawi").entities).not.toContain("musawi");
    // "the bank" inside a sentence, named as the bank the paragraph is about.
    expect(fact("In addition, the Office of Foreign Assets Control").text).toContain(
      "sanctions on [Al-Huda Bank’s] owner",
    );
    expect(fact("The proposed imposition of special measure five").text).toMatch(
      /on behalf of \[Al-Huda Bank\]\.$/,
    );
    // A list too long for one fact with its short forms is drafted whole without them.
    expect(fact("While Babylon manages and operates these vessels").text).toContain(
      "Odiar Management S.A., Panarea Marine S.A., and Topsail Shipholding Inc.—to serve as the registered owners",
    );
    // A quotation of two sentences, drafted whole with who said it.
    expect(fact("“As President Trump has made clear").text).toMatch(
      /decimated\. While it has had .* said Secretary of the Treasury Scott Bessent\.$/,
    );
    // "The cargo ..." after a sentence on a cargo: drafted with it.
    expect(fact("The Cameroon-flagged ELIZABET").quote).toContain(
      "The cargo had originally been loaded at Kharg Island",
    );
    // "This allows ...": drafted together with the sentence it stands for.
    expect(fact("Said’s companies and vessels blend").quote).toContain("This allows the oil");
    // Words inside a quotation say who spoke; "Today" says which day.
    expect(fact("Cutting off their financial flows").text).toMatch(
      /^John K\. Hurley said: “Cutting/,
    );
    expect(fact("Today, OFAC designated").text).toMatch(
      /^\[On January 29, 2024,\] OFAC designated/,
    );
    // Every quote is still the article's own words.
    expect(fact("He raises funds for KH").quote).toMatch(/^He raises funds/);
  });

  it("leaves out what is no claim: boilerplate sections, links, promises, questions", () => {
    const texts = drafts.map((f) => f.text);
    const sections = drafts.map(
      (f) => kb.sources.get(f.source)?.paragraphs.find((p) => p.n === f.paragraph)?.section ?? "",
    );
    expect(sections.filter((s) => /sanctions implications/i.test(s))).toEqual([]);
    expect(texts.filter((t) => /click here|available here|please refer/i.test(t))).toEqual([]);
    expect(texts.filter((t) => /will continue to|remains committed/i.test(t))).toEqual([]);
    expect(texts.filter((t) => /\?["”]?$/.test(t))).toEqual([]);
    // Bold lines are headings, not facts: "Energy and Environment".
    expect(texts.filter((t) => t.split(" ").length <= 5)).toEqual([]);
    expect(kb.sources.get(reports[5]?.id ?? "")?.paragraphs.map((p) => p.section)).toContain(
      "Energy and Environment",
    );
  });

  it("dates each sentence as a careful reader would, or not at all", () => {
    expect(fact("On November 17, OFAC designated six individuals").date).toBe("2023-11-17");
    expect(fact("KH has carried out a series of sharply escalating").date).toBe("2023-10-07");
    expect(fact("Today, OFAC designated Hamad al-Moussawi").date).toBe("2024-01-29");
    expect(fact("In early 2025, Kata’ib Hizballah and IRGC officials").date).toBe("2025");
    expect(fact("Panama-flagged THEMIS, which was sanctioned").date).toBe("2025-05-09");
    // A press release's own action and the words it quotes are of the day it was issued.
    expect(fact("Fly Baghdad is being designated").date).toBe("2024-01-22");
    expect(fact("OFAC is also identifying two Iraq-registered aircraft").date).toBe("2024-01-22");
    expect(fact("“Iraq cannot become a safe haven").date).toBe("2025-09-02");
    // What happened before the release, undated in it, stays undated.
    expect(fact("KH leaders used Fly Baghdad flights").date).toBeUndefined();
    // A span, and a year inside a name, are not the event's date.
    expect(fact("Through 2023 and 2024, banks in Iraq").date).toBeUndefined();
    expect(fact("The two leaders reaffirmed their commitment").date).toBeUndefined();
    expect(fact("Iraqi-British national Salim Ahmed Said").date).toBeUndefined();
    expect(fact("President Biden applauded Iraq’s progress").date).toBeUndefined();
  });

  it("proposes new names with the aliases people type: short forms, spellings, surnames", () => {
    const kh = entityDrafts(reports[0]?.id ?? "");
    const aliasesOf = (name: string) => kh.find((d) => d.name === name)?.aliases ?? [];
    expect(aliasesOf("Asa’ib Ahl al-Haq")).toEqual(
      expect.arrayContaining(["AAH", "Asaeb Ahl al-Haq"]),
    );
    expect(aliasesOf("Awqad Muhsin Faraj al-Hamidawi")).toEqual(
      expect.arrayContaining(["Awqad al-Hamidawi", "al-Hamidawi", "Hamidawi"]),
    );
    expect(aliasesOf("Hizballah")).toEqual(expect.arrayContaining(["Hezbollah"]));
    // The article's short form is an alias, not a second name to review.
    expect(kh.map((d) => d.name)).not.toContain("Awqad al-Hamidawi");
    // A known name inside a longer one is proposed whole; initials do not cut a name.
    expect(kh.map((d) => d.name)).toEqual(
      expect.arrayContaining(["Fly Baghdad", "Brian E. Nelson"]),
    );
    expect(kh.map((d) => d.name)).not.toContain("Fly");
    const smuggling = entityDrafts(
      reports.find((r) => r.title.includes("Iranian Oil Smuggling"))?.id ?? "",
    );
    const tryfo = smuggling.find((d) => d.name === "Tryfo Navigation Inc.");
    expect(tryfo).toMatchObject({ kind: "organization", aliases: ["Tryfo"] });
    expect(smuggling.map((d) => d.name)).not.toContain("Tryfo");
    // No name ends on a possessive: "Hasan’s network" proposes no "Hasan’s".
    const all = reports.flatMap((r) => entityDrafts(r.id).map((d) => d.name));
    expect(all.filter((n) => /['’]s$/.test(n))).toEqual([]);
  });
});

describe("a new spelling of a known name", () => {
  it("is linked to the known entity and added as its alias, with no review", () => {
    const scratch = copyOfKnowledge();
    try {
      const report = ingestText(
        [
          "---",
          "title: Spellings Note",
          "author: Test Author",
          "published: 2025-08-01",
          "---",
          "",
          "Commanders of Harakat Hizbullah said on July 30 that the movement would hold its fire.",
        ].join("\n"),
        "spellings.md",
        { knowledgeDir: scratch },
      );
      expect(report.entityDrafts.respelled).toEqual([
        { name: "Harakat Hizbullah", entity: "nujaba" },
      ]);
      const base = loadKnowledge(scratch);
      expect(base.entities.get("nujaba")?.aliases).toContain("Harakat Hizbullah");
      const note = base.facts.filter((f) => f.source === report.id);
      expect(note[0]?.entities).toContain("nujaba");
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
