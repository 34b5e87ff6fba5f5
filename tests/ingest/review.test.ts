/**
 * Curating the names an article brought: accept as a new entity, merge into an existing one as
 * an alias, reject; the terminal walk-through driven with scripted answers; and
 * `npm run knowledge -- check` summing up each source.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Bot } from "../../src/bot.ts";
import { consoleOrigin } from "../../src/core/command.ts";
import { checkKnowledge, formatCheck } from "../../src/ingest/check.ts";
import { IngestError } from "../../src/ingest/errors.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import { acceptDraft, pendingDrafts, rejectDraft, runReview } from "../../src/ingest/review.ts";
import { openKnowledge } from "../../src/knowledge/knowledge.ts";
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from "../../src/knowledge/load.ts";
import { copyOfKnowledge, FIXTURE_ARTICLE } from "../support/articles.ts";
import { recordingLogger } from "../support/knowledge.ts";

const FIXTURE = "fixture-brief-12";
const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});
function withFixture(): string {
  const dir = copyOfKnowledge();
  scratch.push(dir);
  ingestFile(FIXTURE_ARTICLE, { knowledgeDir: dir });
  return dir;
}

describe("entity drafts", () => {
  const dir = withFixture();

  it("lists the article's unknown names, pending, with the sentences naming them", () => {
    expect(pendingDrafts(dir).map((p) => `${p.draft.name} (${p.draft.kind})`)).toEqual([
      "Mosul (place)",
      "Saraya Rijal al-Fajr (militia)",
      "Telegram (organization)",
      "Nineveh (place)",
      "Bartella (place)",
    ]);
  });

  it("accepts the new militia: an entity of the source, its drafts linked, /militia finds it", async () => {
    const { entity, linked } = acceptDraft(dir, FIXTURE, "Saraya Rijal al-Fajr", {
      aliases: ["Rijal al-Fajr"],
    });
    expect(entity).toMatchObject({
      id: "saraya-rijal-al-fajr",
      kind: "militia",
      source: FIXTURE,
      aliases: ["Rijal al-Fajr"],
    });
    expect(linked).toBe(3);
    const kb = loadKnowledge(dir);
    expect(kb.entities.get("saraya-rijal-al-fajr")?.quote).toBe(
      "Saraya Rijal al-Fajr has not said who leads it, but its statements borrow the slogans of Kataib Hezbollah.",
    );
    const bot = new Bot(openKnowledge(dir), recordingLogger());
    const profile = await bot.router.runText("/militia rijal al-fajr", consoleOrigin);
    expect(profile.title).toBe("Saraya Rijal al-Fajr");
    const deeds = profile.sections.find((s) => s.heading === "What it threatened or did");
    expect(deeds?.points[0]?.text).toMatch(/^A previously unknown group .* on July 28/);
    expect(profile.citations.every((c) => c.sourceId === FIXTURE)).toBe(true);
  });

  it("merges a new spelling into the existing entity at ingest, in the file that defines it", async () => {
    // "Sabirin News" is only another spelling of Sabereen News: no curator needed.
    const file = path.join(dir, "entities.yaml");
    const after = readFileSync(file, "utf8");
    const before = readFileSync(path.join(DEFAULT_KNOWLEDGE_DIR, "entities.yaml"), "utf8");
    // One alias added; the rest of the hand-written file (comments included) as it was.
    expect(after.replace(", Sabirin News]", "]")).toBe(before);
    expect(readFileSync(path.join(dir, `sources/${FIXTURE}/entity-drafts.yaml`), "utf8")).toMatch(
      /name: Sabirin News\n {2}kind: organization\n {2}status: merged\n {2}entity: sabereen-news/,
    );
    const bot = new Bot(openKnowledge(dir), recordingLogger());
    expect((await bot.router.runText("/who sabirin news", consoleOrigin)).title).toBe(
      "Sabereen News (organization)",
    );
  });

  it("rejects a name, and re-ingesting keeps every decision", () => {
    rejectDraft(dir, FIXTURE, "Telegram");
    const report = ingestFile(FIXTURE_ARTICLE, { knowledgeDir: dir });
    expect(report.changed).toBe(false);
    expect(pendingDrafts(dir).map((p) => p.draft.name)).toEqual(["Mosul", "Nineveh", "Bartella"]);
    const drafts = readFileSync(path.join(dir, `sources/${FIXTURE}/entity-drafts.yaml`), "utf8");
    expect(drafts).toMatch(/name: Telegram\n {2}kind: organization\n {2}status: rejected/);
    expect(drafts).toMatch(
      /name: Saraya Rijal al-Fajr\n {2}kind: militia\n {2}status: accepted\n {2}entity: saraya-rijal-al-fajr/,
    );
  });

  it("refuses what would break the knowledge: an id or an alias already taken", () => {
    expect(() => acceptDraft(dir, FIXTURE, "Mosul", { id: "iraq" })).toThrow(
      /already an entity "iraq"/,
    );
    expect(() => acceptDraft(dir, FIXTURE, "Mosul", { aliases: ["KH"] })).toThrow(
      /"KH" already names kataib-hezbollah/,
    );
    expect(() => rejectDraft(dir, FIXTURE, "Nobody")).toThrow(IngestError);
  });
});

describe("npm run knowledge -- review", () => {
  it("walks a curator through the names: skip, accept, reject, quit", async () => {
    const dir = withFixture();
    const answers = ["s", "a", "", "", "al-Fajr", "r", "q"];
    const said: string[] = [];
    const prompts: string[] = [];
    const result = await runReview(dir, {
      ask: async (prompt) => {
        prompts.push(prompt);
        return answers.shift();
      },
      say: (line) => said.push(line),
    });
    expect(result).toEqual({ decided: 2, left: 3 });
    const output = said.join("\n");
    expect(output).toContain("[1/5] Mosul  (place?, sources/fixture-brief-12, 3 sentences)");
    expect(output).toContain(
      '  Accepted Saraya Rijal al-Fajr as "saraya-rijal-al-fajr" (militia) in sources/fixture-brief-12/entities.yaml; 3 draft facts newly linked.',
    );
    expect(output).toContain('  Rejected "Telegram"; it will not be proposed again.');
    expect(output).toContain("2 decided, 3 still pending.");
    expect(prompts).toContain("  kind [militia]: ");
    expect(loadKnowledge(dir).entities.get("saraya-rijal-al-fajr")?.aliases).toEqual(["al-Fajr"]);
  });
});

describe("npm run knowledge -- check", () => {
  it("sums up each source: curated facts, drafts, dates, names to review, disagreements", () => {
    const dir = withFixture();
    const report = checkKnowledge(dir);
    expect(report.problems).toEqual([]);
    expect(report.sources.map((s) => [s.id, s.curated, s.pending])).toEqual([
      [FIXTURE, 0, 5],
      ["policywatch-4078", loadKnowledge().facts.length, 0],
    ]);
    expect(report.disagreements).toBe(1);
    const text = formatCheck(report);
    expect(text).toMatch(
      /^fixture-brief-12: 11 facts \(0 curated, 11 drafts\), 4 dated, 6 paragraphs in 4 sections, 5 names to review — Fixture Brief 12$/m,
    );
    expect(text).toMatch(
      /^policywatch-4078: (\d+) facts \(\1 curated, 0 drafts\), \d+ dated, 15 paragraphs in 6 sections — PolicyWatch 4078$/m,
    );
    expect(text).toContain("1 date on which sources disagree");
    expect(text.trim().endsWith("OK")).toBe(true);
  });

  it("names an entity draft whose sentence is not verbatim", () => {
    const dir = withFixture();
    const file = path.join(dir, `sources/${FIXTURE}/entity-drafts.yaml`);
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("outside Bartella.", "outside Bartela."),
    );
    const report = checkKnowledge(dir);
    expect(report.problems).toEqual([
      'sources/fixture-brief-12/entity-drafts.yaml: "Bartella" (entry 5), mention 1: not found verbatim in paragraph 3',
    ]);
    expect(formatCheck(report)).toContain("Problems:");
  });
});
