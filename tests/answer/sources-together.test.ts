/**
 * Several sources loaded at once: the six development articles (tests/fixtures/dev-sources)
 * ingested beside curated PolicyWatch 4078. A new source must not displace a better answer from
 * another, nor change which of PolicyWatch's facts answer its own questions.
 */
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer.ts";
import { evaluateEvidence, readEvidenceQuestions } from "../../src/eval/evidence.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import { openKnowledge } from "../../src/knowledge/knowledge.ts";
import { SettingNames } from "../../src/search/setting-names.ts";
import { copyOfKnowledge, DEV_SOURCES } from "../support/articles.ts";
import { knowledge } from "../support/knowledge.ts";

const dir = copyOfKnowledge();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const file of readdirSync(DEV_SOURCES).filter((f) => f.endsWith(".md") && f !== "README.md"))
  ingestFile(path.join(DEV_SOURCES, file), { knowledgeDir: dir, id: file.replace(/\.md$/, "") });
const together = openKnowledge(dir);
const lead = (question: string) => {
  const reply = answerQuestion(together, question);
  return reply.kind === "answer" ? reply.citations[0] : undefined;
};

describe("setting names, counted per source", () => {
  it("a name most of a source's facts share is its setting there, not in another source", () => {
    const names = new SettingNames();
    for (let i = 0; i < 20; i++) names.add("airspace", i % 2 === 0 ? ["israel", "iraq"] : ["iraq"]);
    for (let i = 0; i < 40; i++) names.add("treasury", i === 0 ? ["israel"] : ["ofac"]);
    expect(names.isSetting("airspace", "israel")).toBe(true);
    expect(names.isSetting("treasury", "israel")).toBe(false);
    expect(names.isSetting("treasury", "ofac")).toBe(true);
    expect(names.isSetting("nowhere", "iraq")).toBe(false);
  });
});

describe("PolicyWatch 4078 with six more articles loaded", () => {
  it("answers as it did alone where other articles make a name rarer", () => {
    // Israel is named by one PolicyWatch fact in five, but rarely by the Treasury's articles.
    expect(lead("did iraq fire at israeli jets")?.quote).toMatch(/^No Iraqi missiles/);
  });

  it("gives the main argument of the reviewed article, or of the one the question names", () => {
    expect(lead("whats the main argument")?.sourceId).toBe("policywatch-4078");
    expect(lead("is this piece about us-iraq security ties")?.sourceId).toBe("policywatch-4078");
    expect(lead("what is the al-huda bank press release about")?.sourceId).toBe(
      "treasury-jy2053-al-huda-bank",
    );
  });

  it("answers from the source a question names, searching its facts without the naming words", () => {
    expect(lead("what did the leaders affirm per the joint statement")?.sourceId).toBe(
      "whitehouse-us-iraq-joint-statement-2024",
    );
    expect(lead("what does the policywatch article say about radars")?.sourceId).toBe(
      "policywatch-4078",
    );
  });

  it("loses at most a few of its own answers on the tuning half", () => {
    const file = path.resolve(import.meta.dirname, "../eval/unseen/tuning.yaml");
    const questions = readEvidenceQuestions(file);
    const alone = evaluateEvidence(knowledge(), questions);
    const mixed = evaluateEvidence(together, questions);
    expect(mixed.right).toBeGreaterThanOrEqual(alone.right - 3);
    expect(mixed.wrong).toBeLessThanOrEqual(alone.wrong + 5);
  });
});
