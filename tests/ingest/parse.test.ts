/**
 * The pieces of ingestion as pure functions: reading an article's structure, cutting sentences
 * and clauses, resolving dates, finding names. Tables of cases, no files written.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  eventDays,
  type Publication,
  parsePublication,
  releaseDay,
  resolveDate,
} from "../../src/ingest/dates.ts";
import { IngestError } from "../../src/ingest/errors.ts";
import { factSpans } from "../../src/ingest/facts.ts";
import { guessKind, NameLinker } from "../../src/ingest/names.ts";
import { parseArticle } from "../../src/ingest/parse.ts";
import { decodeArticle } from "../../src/ingest/read.ts";
import { clauses, condensed, sentences } from "../../src/ingest/sentences.ts";
import { MAX_TEXT } from "../../src/ingest/today.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { FIXTURE_ARTICLE, PW4078_TEXT } from "../support/articles.ts";

const PW4078 = PW4078_TEXT;
const FIXTURE = FIXTURE_ARTICLE;
const kb = loadKnowledge();

describe("reading an article's structure", () => {
  it("GIVEN PolicyWatch 4078 as plain text THEN it finds the curated paragraphs, word for word", () => {
    const article = parseArticle(readFileSync(PW4078, "utf8"), "policywatch-4078.txt");
    const curated = kb.sources.get("policywatch-4078");
    expect(article.meta).toMatchObject({
      series: "PolicyWatch 4078",
      title: "Leveraging Iran’s Defeat to Strengthen U.S.-Iraq Security Relations",
    });
    expect(article.paragraphs.map((p) => p.text)).toEqual(curated?.paragraphs.map((p) => p.text));
    expect(article.paragraphs.map((p) => p.section)).toEqual([
      "Summary",
      "Introduction",
      "Introduction",
      ...Array(3).fill("Militias Stand Down"),
      ...Array(4).fill("Uses and Abuses of Iraqi Airspace"),
      ...Array(5).fill("Implications for U.S. Policy"),
    ]);
  });

  it("GIVEN Markdown with front matter THEN metadata, # title and ## sections are read", () => {
    const article = parseArticle(readFileSync(FIXTURE, "utf8"), "fixture-brief-12.md");
    expect(article.meta).toEqual({
      title: "A New Militia Tests the Detente in Nineveh",
      series: "Fixture Brief 12",
      author: "Dana Whitfield",
      publisher: "Fixture Policy Review",
      published: "2025-08-14",
      url: "https://example.org/fixture-brief-12",
    });
    expect(article.paragraphs).toHaveLength(6);
    expect(new Set(article.paragraphs.map((p) => p.section))).toEqual(
      new Set(["Introduction", "The newcomer", "A disputed date", "What comes next"]),
    );
  });

  it("GIVEN hard-wrapped text with a By line THEN lines join into paragraphs", () => {
    const text = [
      "Militias After the War",
      "By Jane Analyst",
      "",
      "The first paragraph is wrapped at a narrow width so that",
      "its sentences run over several lines, as in an email.",
      "",
      "What Changed",
      "The second paragraph is short. It has two sentences.",
    ].join("\n");
    const article = parseArticle(text, "wrapped.txt");
    expect(article.meta).toEqual({ title: "Militias After the War", author: "Jane Analyst" });
    expect(article.paragraphs).toEqual([
      {
        n: 1,
        section: "Introduction",
        text: "The first paragraph is wrapped at a narrow width so that its sentences run over several lines, as in an email.",
      },
      {
        n: 2,
        section: "What Changed",
        text: "The second paragraph is short. It has two sentences.",
      },
    ]);
  });

  it.each([
    [
      "front matter that is not YAML",
      "---\ntitle: [unclosed\n---\nText.",
      /front matter is not valid YAML/,
    ],
    ["front matter never closed", "---\ntitle: x\nText.", /never closes it/],
    ["a title and nothing else", "Only a Title\n", /no paragraphs found/],
  ])("GIVEN %s THEN it says what is wrong", (_, text, message) => {
    expect(() => parseArticle(text, "bad.md")).toThrow(message);
  });

  it.each([
    ["an empty file", new Uint8Array(), /empty/],
    ["only blank lines", new TextEncoder().encode("\n \n\t\n"), /empty/],
    ["a binary file", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), /looks binary/],
    ["Latin-1 text", new Uint8Array([0x63, 0x61, 0x66, 0xe9]), /not UTF-8/],
    [
      "a 5 MB file",
      new Uint8Array(5 * 1024 * 1024).fill(0x61),
      /5\.0 MB; an article is at most 1\.0 MB/,
    ],
  ])("GIVEN %s THEN it is refused with a clear message", (_, bytes, message) => {
    expect(() => decodeArticle(bytes, "article.txt")).toThrow(IngestError);
    expect(() => decodeArticle(bytes, "article.txt")).toThrow(message);
  });
});

describe("sentences and clauses, verbatim by construction", () => {
  it("does not break after Maj., Gen. or U.S.", () => {
    const text =
      "Toward the end of the war, Maj. Gen. Rahim Safavi spoke. The U.S. Central Command did not. It ended.";
    expect(sentences(text).map((s) => s.text)).toEqual([
      "Toward the end of the war, Maj. Gen. Rahim Safavi spoke.",
      "The U.S. Central Command did not.",
      "It ended.",
    ]);
  });

  it("cuts a long sentence into clauses at semicolons and colons, each a slice of the paragraph", () => {
    const paragraph =
      kb.sources.get("policywatch-4078")?.paragraphs.find((p) => p.n === 6)?.text ?? "";
    const spans = sentences(paragraph).flatMap(clauses);
    for (const span of spans) {
      expect(paragraph.slice(span.start, span.start + span.text.length)).toBe(span.text);
      expect(span.text.length).toBeLessThanOrEqual(MAX_TEXT);
    }
    expect(spans.map((s) => s.text)).toContain(
      "a June 17 parliamentary session on condemning Israel’s attacks failed to achieve a quorum",
    );
  });

  it("keeps a list whole when its text fits without the short forms in parentheses", () => {
    const names = ["Tryfo", "Keely", "Odiar", "Panarea", "Topsail"];
    const list = names
      .map((n) => `${n} Navigation and Shipholding Inc. (the ${n} company)`)
      .join(", ");
    const sentence = `While Babylon manages these vessels, al-Samarra’i relies on shell companies—${list}—to serve as the registered owners of these vessels.`;
    expect(sentence.length).toBeGreaterThan(MAX_TEXT);
    expect(clauses({ start: 0, text: sentence })).toEqual([{ start: 0, text: sentence }]);
    expect(condensed(sentence)).toContain("Tryfo Navigation and Shipholding Inc., Keely");
    expect(condensed(sentence).length).toBeLessThanOrEqual(MAX_TEXT);
  });

  it("every span of PolicyWatch 4078 is at most 400 characters and stands in its paragraph", () => {
    const paragraphs = kb.sources.get("policywatch-4078")?.paragraphs ?? [];
    const spans = factSpans(paragraphs);
    expect(spans.length).toBeGreaterThan(40);
    for (const span of spans) {
      expect(paragraphs.find((p) => p.n === span.paragraph)?.text).toContain(span.text);
      expect(span.text.length).toBeLessThanOrEqual(MAX_TEXT);
    }
  });
});

describe("dates resolved with the publication date", () => {
  const july2025 = parsePublication("2025-07") ?? { year: 0 };
  const august14 = parsePublication("2025-08-14") ?? { year: 0 };
  it.each([
    ["the conflict that erupted on October 7, 2023.", july2025, "2023-10-07"],
    ["On June 15, Kataib Hezbollah warned.", july2025, "2025-06-15"],
    ["coming to a close on June 23-24, at least two", july2025, "2025-06-23"],
    ["further attacks on American sites by March 2024.", july2025, "2024-03"],
    ["And in November, Jerusalem delivered a warning", july2025, "2024-11"],
    ["none of these capabilities were used during last month’s war.", july2025, "2025-06"],
    ["Last month's attack also revived calls", august14, "2025-07"],
    ["In early August, the prime minister ordered an inquiry", august14, "2025-08"],
    ["troops were withdrawn from Iraq in 2011, the country", july2025, "2011"],
    ["in their July 3 decision to sanction", july2025, "2025-07-03"],
    ["on 29 June the head of the court retired", july2025, "2025-06-29"],
    ["in one reported $2.8 billion deal", july2025, undefined],
    ["most of the 1,000-plus drones", july2025, undefined],
    ["reaching medium altitudes (15,000-50,000 feet)", july2025, undefined],
    ["They may decide to act.", july2025, undefined],
    // A deadline a past meeting spoke of is not when the meeting was.
    ["the two leaders discussed how Iraq becomes self-sufficient by 2030", july2025, undefined],
    ["The ministry will finish the grid by 2027.", july2025, "2027"],
    ["the sides committed to wind down the auction by the end of 2025", july2025, undefined],
  ])("%s → %s", (text, published, expected) => {
    expect(resolveDate(text, published)).toBe(expected);
  });

  const march2026 = parsePublication("2026-03-10") ?? { year: 0 };
  const january29 = parsePublication("2024-01-29") ?? { year: 0 };
  const events = eventDays(kb.entities.values());
  it.each([
    // Past tense: the latest such day up to publication; future: the first one after it.
    ["On November 17, OFAC designated six individuals", january29, "2023-11-17"],
    ["The ministry will publish its audit by November.", march2026, "2026-11"],
    ["The militia won six seats in November.", march2026, "2025-11"],
    ["Talks are scheduled to resume on February 2.", march2026, "2027-02-02"],
    // A day the knowledge knows as an event keeps that event's year, whatever the tense.
    ["attacks since the Hamas attack on Israel on October 7", march2026, "2023-10-07"],
    // Relative days count from publication.
    ["Today, OFAC designated Hamad al-Moussawi", january29, "2024-01-29"],
    ["Yesterday the bank's owner was sanctioned", january29, "2024-01-28"],
    ["Two days ago a drone struck the base", march2026, "2026-03-08"],
    ["Last week, OFAC designated the Iraqi airline", january29, "2024-01"],
    ["Last week, the court ruled", march2026, undefined],
    // A year compared with, a span, a year inside a name: not the event's date.
    ["This year's protests were smaller than those of 2018.", march2026, "2026"],
    ["Turnout was smaller than in 2018.", march2026, undefined],
    ["Through 2023 and 2024, banks in Iraq have expanded", january29, undefined],
    ["selling Iranian oil since at least 2020", january29, undefined],
    ["cooperation under the 2008 U.S.-Iraq Strategic Framework Agreement", january29, undefined],
    ["compared to the conflict that erupted on October 7, 2023", july2025, undefined],
    ["the wire auction mechanism ends by the end of 2024", january29, "2024"],
    // Not sure of the year: better undated than wrongly dated.
    ["a meeting in September of the coordination framework", march2026, undefined],
  ])("%s → %s", (text, published, expected) => {
    expect(resolveDate(text, published, events)).toBe(expected);
  });
});

describe("the day of a press release", () => {
  const day = parsePublication("2024-01-22") as Publication;
  const release = [{ text: "WASHINGTON — Today, OFAC designated Fly Baghdad." }];

  it.each([
    ["its own action", "Fly Baghdad is being designated for its support.", "2024-01-22"],
    ["words it quotes", "“We act,” said Under Secretary Brian E. Nelson.", "2024-01-22"],
    ["what happened before", "KH used Fly Baghdad flights on multiple occasions.", undefined],
  ])("GIVEN %s THEN it is dated %s", (_, sentence, date) => {
    expect(releaseDay(release, day)?.dateOf(sentence, sentence, 0)).toBe(date);
  });

  it("GIVEN an analysis, or a release dated by month only THEN nothing is dated so", () => {
    const analysis = [{ text: "Iraqi militias were much more restrained." }];
    expect(releaseDay(analysis, day)).toBeUndefined();
    expect(releaseDay(release, parsePublication("2024-01") as Publication)).toBeUndefined();
  });
});

describe("names: linked through existing aliases, unknown ones proposed", () => {
  const linker = new NameLinker(kb.entities.values());

  it("links names, possessives included", () => {
    expect(linker.link("Iran’s proxies and Harakat Hezbollah al-Nujaba warned")).toEqual(
      expect.arrayContaining(["iran", "nujaba"]),
    );
  });

  it.each([
    ["an airline named after a city", "KH has been using Fly Baghdad to move fighters.", "baghdad"],
    ["another person of the same surname", "OFAC designated Hamad al-Moussawi.", "musawi"],
  ])("GIVEN %s THEN the known name inside it is not linked", (_, text, wrong) => {
    expect(linker.link(text)).not.toContain(wrong);
  });

  it.each([
    ["a title before a name", "Prime Minister Sudani met the President.", "sudani"],
    ["another spelling of the same person", "Mohammed Shia’a Al-Sudani visited.", "sudani"],
    ["a describing compound", "a Baghdad-based Kata’ib Hizballah leader", "kataib-hezbollah"],
    ["a name that goes on", "the National Iranian Tanker Company", "iran"],
  ])("GIVEN %s THEN the name is still linked", (_, text, right) => {
    expect(linker.link(text)).toContain(right);
  });

  it("proposes a new militia, places and acronyms, not sentence openers or known names", () => {
    const text = readFileSync(FIXTURE, "utf8");
    const article = parseArticle(text, "fixture-brief-12.md");
    const proposed = linker.propose(
      article.paragraphs.flatMap((p) =>
        sentences(p.text).map((s) => ({ paragraph: p.n, text: s.text })),
      ),
    );
    const byName = new Map(proposed.map((p) => [p.name, p]));
    expect(byName.get("Saraya Rijal al-Fajr")).toMatchObject({ kind: "militia" });
    expect(byName.get("Saraya Rijal al-Fajr")?.mentions).toHaveLength(3);
    expect(byName.get("Mosul")).toMatchObject({ kind: "place" });
    for (const notAName of ["Local", "Accounts", "Whitfield argues", "Kataib Hezbollah", "Erbil"]) {
      expect(byName.has(notAName), notAName).toBe(false);
    }
  });

  it("finds nothing new in PolicyWatch 4078 but a title the aliases do not cover", () => {
    const paragraphs = kb.sources.get("policywatch-4078")?.paragraphs ?? [];
    const proposed = linker.propose(
      paragraphs.flatMap((p) => sentences(p.text).map((s) => ({ paragraph: p.n, text: s.text }))),
    );
    expect(proposed.map((p) => p.name)).toEqual(["Bernstein Senior Fellow"]);
  });

  it.each([
    ["Saraya Rijal al-Fajr", "", "militia"],
    ["Federal Supreme Court", "", "organization"],
    ["IRGC", "", "organization"],
    ["Camp Speicher", "", "place"],
    ["Mosul", "rockets struck near Mosul airport", "place"],
    ["Dana Whitfield", "", "person"],
  ])("guesses the kind of %s", (name, sentence, kind) => {
    expect(guessKind(name, sentence)).toBe(kind);
  });
});
