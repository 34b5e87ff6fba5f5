/**
 * Two sources side by side: the curated PolicyWatch 4078 and a fictional test article ingested
 * as drafts (tests/fixtures/articles/fixture-brief-12.md), in a scratch copy of the knowledge.
 * Every point is attributed to its own source on every platform, drafts say they are drafts,
 * curated facts win ties, /timeline merges the sources, and a date they disagree on is shown
 * with both sources.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { renderDiscord } from "../../src/adapters/discord/render.ts";
import { renderBlocks } from "../../src/adapters/slack/render.ts";
import { Bot } from "../../src/bot.ts";
import { consoleOrigin } from "../../src/core/command.ts";
import type { Reply } from "../../src/core/reply.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import { compareIsoDates } from "../../src/knowledge/dates.ts";
import { type Knowledge, openKnowledge } from "../../src/knowledge/knowledge.ts";
import { renderText } from "../../src/render/text.ts";
import { copyOfKnowledge, FIXTURE_ARTICLE } from "../support/articles.ts";
import { recordingLogger } from "../support/knowledge.ts";

const FIXTURE = "fixture-brief-12";
const PW = "policywatch-4078";
const dir = copyOfKnowledge();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
ingestFile(FIXTURE_ARTICLE, { knowledgeDir: dir });
const knowledge = openKnowledge(dir);
const bot = new Bot(knowledge, recordingLogger());
const run = (line: string) => bot.router.runText(line, consoleOrigin);

/** Each citation names its own source, and its quote stands verbatim in that source. */
function expectAttributed(k: Knowledge, reply: Reply) {
  for (const c of reply.citations) {
    const source = k.base.sources.get(c.sourceId);
    expect(source?.title, c.sourceId).toBe(c.sourceTitle);
    expect(source?.paragraphs.find((p) => p.n === c.paragraph)?.text).toContain(c.quote);
    if (c.factId) {
      const fact = k.base.factsById.get(c.factId);
      expect(fact?.source).toBe(c.sourceId);
      expect(c.draft === true).toBe(fact?.draft === true);
    }
  }
}

describe("answers from a new article next to PolicyWatch 4078", () => {
  it("answers from the new article, attributed to it and marked as a draft", async () => {
    const reply = await run("/ask what did the group threaten on telegram");
    expect(reply.kind).toBe("answer");
    expect(reply.citations[0]).toMatchObject({
      sourceId: FIXTURE,
      series: "Fixture Brief 12",
      author: "Dana Whitfield",
      draft: true,
    });
    expect(reply.lead).toContain("threatened further strikes");
    expect(reply.lead).toContain("(Fixture Brief 12 ¶2, draft)");
    expect(renderText(reply)).toContain(
      "Dana Whitfield, “A New Militia Tests the Detente in Nineveh”",
    );
    expect(renderText(reply)).toContain("[1] ¶2 (draft):");
    expectAttributed(knowledge, reply);
  });

  it("answers about the new militia by name, from the new article", async () => {
    const reply = await run("/ask who leads saraya rijal al-fajr");
    expect(reply.citations[0]?.sourceId).toBe(FIXTURE);
    expect(reply.lead).toContain("Saraya Rijal al-Fajr has not said who leads it");
    expectAttributed(knowledge, reply);
  });

  it("still answers PolicyWatch 4078 questions from its curated facts", async () => {
    const reply = await run("/ask did iraq shoot at anything?");
    expect(reply.citations[0]).toMatchObject({ sourceId: PW, factId: "pw4078-no-missiles-fired" });
    expect(reply.citations[0]?.draft).toBeUndefined();
    expectAttributed(knowledge, reply);
  });

  it("shows both dates of the Erbil attack, each with its source", async () => {
    const reply = await run("/ask when was the erbil attack");
    expect(reply.citations[0]).toMatchObject({
      sourceId: PW,
      factId: "pw4078-erbil-airport-attack-june-22",
    });
    const disputed = reply.sections.find((s) => s.heading === "The sources disagree on the date");
    expect(disputed?.points[0]?.text).toBe(
      "Erbil International Airport: PolicyWatch 4078 says June 22, 2025; Fixture Brief 12 says June 21, 2025",
    );
    const cited = (disputed?.points[0]?.cites ?? []).map((n) => reply.citations[n - 1]?.sourceId);
    expect(cited).toEqual([PW, FIXTURE]);
    const text = renderText(reply);
    expect(text).toContain("Michael Knights, “Leveraging Iran’s Defeat");
    expect(text).toContain("Dana Whitfield, “A New Militia Tests the Detente in Nineveh”");
    expectAttributed(knowledge, reply);
  });

  it("attributes each point to its source on Discord and Slack too", async () => {
    const reply = await run("/ask when was the erbil attack");
    const discord = JSON.stringify(renderDiscord(reply));
    expect(discord).toContain("PolicyWatch 4078 ¶6");
    expect(discord).toContain("Fixture Brief 12 ¶4, draft");
    expect(discord).toMatch(/Sources: Michael Knights, .*·.*Dana Whitfield/);
    const slack = JSON.stringify(renderBlocks(reply));
    expect(slack).toContain("Dana Whitfield");
    expect(slack).toContain("Michael Knights");
    expect(slack).toContain("¶4 (draft)");
  });
});

describe("/timeline and /source across sources", () => {
  it("/timeline merges both sources in date order", async () => {
    const reply = await run("/timeline");
    const cited = reply.citations.map((c) => c.factId ?? "");
    const dates = cited.map((id) => knowledge.base.factsById.get(id)?.date ?? "");
    expect(new Set(reply.citations.map((c) => c.sourceId))).toEqual(new Set([PW, FIXTURE]));
    const points = reply.sections[0]?.points ?? [];
    const pointDates = points.map((p) => dates[(p.cites[0] ?? 1) - 1] ?? "");
    expect([...pointDates].sort(compareIsoDates)).toEqual(pointDates);
    expectAttributed(knowledge, reply);
  });

  it("/timeline erbil shows the disputed date from both sources", async () => {
    const reply = await run("/timeline erbil");
    expect(reply.sections[0]?.points.map((p) => p.text)).toEqual([
      "Iraqi security sources put the two-drone attack on Erbil International Airport on June 21, a day earlier than most reports.",
      "According to the accounting kept by Knights, the only militia strike on a U.S. target during the war was a symbolic two-drone attack on Erbil International Airport on June 22, 2025.",
    ]);
    expect(reply.sections[1]).toMatchObject({
      heading: "The sources disagree on these dates",
      points: [
        {
          text: "Erbil International Airport: Fixture Brief 12 says June 21, 2025; PolicyWatch 4078 says June 22, 2025",
          cites: [1, 2],
        },
      ],
    });
  });

  it("/briefing attributes each point to its own source", async () => {
    const reply = await run("/briefing militias");
    expect(reply.citations.length).toBeGreaterThanOrEqual(3);
    expectAttributed(knowledge, reply);
  });

  it("/source lists every source, with its drafts", async () => {
    const text = renderText(await run("/source"));
    expect(text).toContain("2 sources");
    expect(text).toContain("Fixture Brief 12: A New Militia Tests the Detente in Nineveh");
    expect(text).toMatch(/\d+ facts \(\d+ drafts, not yet curated\) from 6 paragraphs/);
    expect(text).toContain("PolicyWatch 4078: Leveraging Iran’s Defeat");
    expect(text).toMatch(/\n• \d+ facts from 15 paragraphs\.\n/);
  });
});

describe("curated facts win over drafts that answer as well", () => {
  it("GIVEN a draft identical to a curated fact, listed first THEN the curated one leads", async () => {
    const copy = copyOfKnowledge();
    try {
      const file = path.join(copy, `sources/${PW}/facts.yaml`);
      const facts = YAML.parse(readFileSync(file, "utf8")) as Record<string, unknown>[];
      const curated = facts.find((f) => f.id === "pw4078-erbil-airport-attack-june-22");
      facts.unshift({ ...curated, id: "pw4078-erbil-draft-twin", draft: true });
      writeFileSync(file, YAML.stringify(facts));
      const twin = new Bot(openKnowledge(copy), recordingLogger());
      const reply = await twin.router.runText("/ask when was the erbil attack", consoleOrigin);
      expect(reply.citations[0]?.factId).toBe("pw4078-erbil-airport-attack-june-22");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
