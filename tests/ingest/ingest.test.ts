/**
 * Ingestion end to end, in scratch knowledge folders: how good the drafts are (the evaluation
 * set against drafts alone), idempotent re-ingestion that keeps curated edits, refusals that
 * leave the knowledge untouched, and a removed source taking its facts with it.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { answerQuestion } from "../../src/answer/answer.ts";
import { retargetQuestions } from "../../src/eval/drafts.ts";
import { evaluate, readQuestions } from "../../src/eval/evaluate.ts";
import { IngestError } from "../../src/ingest/errors.ts";
import { ingestFile, ingestText } from "../../src/ingest/ingest.ts";
import { openKnowledge } from "../../src/knowledge/knowledge.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import {
  copyOfKnowledge,
  FIXTURE_ARTICLE,
  PW4078_FLAGS,
  PW4078_TEXT,
  snapshot,
  vocabularyOnly,
} from "../support/articles.ts";
import { knowledge } from "../support/knowledge.ts";

const scratch: string[] = [];
const track = (dir: string) => {
  scratch.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

const questions = readQuestions(path.resolve(import.meta.dirname, "../eval/questions.yaml"));

describe("PolicyWatch 4078 drafted automatically, with no curated fact", () => {
  const dir = track(vocabularyOnly());
  const report = ingestFile(PW4078_TEXT, { knowledgeDir: dir, ...PW4078_FLAGS });
  const drafts = openKnowledge(dir);

  it("writes a source folder that loads: paragraphs, sections, drafts with verbatim quotes", () => {
    expect(report).toMatchObject({ id: "policywatch-4078", created: true, paragraphs: 15 });
    expect(report.facts.curated).toBe(0);
    expect(report.facts.drafts).toBeGreaterThanOrEqual(50);
    const facts = drafts.base.facts;
    expect(facts.every((f) => f.draft === true)).toBe(true);
    for (const fact of facts) {
      const paragraph = drafts.base.sources.get(fact.source)?.paragraphs[fact.paragraph - 1];
      expect(paragraph?.text, fact.id).toContain(fact.quote);
    }
    // The same paragraphs as the curated source: entity quotes (which cite them) still hold.
    expect(drafts.base.sources.get("policywatch-4078")?.paragraphs.map((p) => p.text)).toEqual(
      knowledge()
        .base.sources.get("policywatch-4078")
        ?.paragraphs.map((p) => p.text),
    );
  });

  it("drafts a 'This ...' sentence with the one before, eliding its end when both do not fit", () => {
    const radars = drafts.base.facts.find((f) =>
      f.quote.includes("This might have been an Israeli"),
    );
    expect(radars?.quote).toMatch(
      /^As the war was coming to a close on June 23-24, .* non-stealthy aircraft\.$/,
    );
    expect(radars?.text).toMatch(
      /Imam Ali Air Base … This might have been an Israeli operation intended to cover/,
    );
  });

  it("keeps the author's biography, which answers who wrote the article", () => {
    const bio = drafts.base.facts.find((f) => f.quote.startsWith("Michael Knights is the"));
    expect(bio?.text).toMatch(/Bernstein Senior Fellow at The Washington Institute/);
    const reply = answerQuestion(drafts, "which think tank is the author at");
    expect(reply.citations[0]?.quote).toMatch(/^Michael Knights is the Bernstein Senior Fellow/);
  });

  it("dates the dated sentences, with the year of publication where the text omits it", () => {
    // A fact quotes its sentence, or its sentence with the one after that depends on it.
    const dated = {
      get: (sentence: string) => drafts.base.facts.find((f) => f.quote.startsWith(sentence))?.date,
    };
    expect(
      dated.get(
        "On June 15, Kataib Hezbollah and Harakat Hezbollah al-Nujaba once again issued warnings that they would enter the fight if the United States did so.",
      ),
    ).toBe("2025-06-15");
    expect(
      dated.get(
        "And in November, Jerusalem delivered a warning to Iraqi militias that similarly quieted their attacks on Israel.",
      ),
    ).toBe("2024-11");
    expect(report.facts.dated).toBeGreaterThanOrEqual(12);
    expect(report.facts.linked).toBeGreaterThanOrEqual(report.facts.drafts - 3);
  });

  it("answers the evaluation set from drafts alone at ≥ 0.75 of the curated recall@1", () => {
    const curated = evaluate(knowledge(), questions);
    const alone = evaluate(drafts, retargetQuestions(questions, knowledge().base, drafts.base));
    const ratio = alone.recallAt1 / curated.recallAt1;
    console.log(
      `recall@1 curated alone ${curated.recallAt1.toFixed(3)}, drafts alone ${alone.recallAt1.toFixed(3)} ` +
        `(${(ratio * 100).toFixed(0)}% of curated); recall@3 ${curated.recallAt3.toFixed(3)} vs ${alone.recallAt3.toFixed(3)}; ` +
        `out-of-scope declined ${curated.abstention.toFixed(2)} vs ${alone.abstention.toFixed(2)}`,
    );
    expect(curated.recallAt1).toBeGreaterThanOrEqual(0.9);
    expect(ratio).toBeGreaterThanOrEqual(0.75);
    expect(alone.abstention).toBeGreaterThanOrEqual(0.8);
  });

  it("re-ingesting the same file changes nothing: same ids, same bytes", () => {
    const before = snapshot(dir);
    const again = ingestFile(PW4078_TEXT, { knowledgeDir: dir, ...PW4078_FLAGS });
    expect(again).toMatchObject({ created: false, changed: false });
    expect(again.facts.added).toBe(0);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("re-ingesting keeps what curators did", () => {
  it("GIVEN the curated PolicyWatch 4078 THEN re-ingesting its article touches no curated fact", () => {
    const dir = track(copyOfKnowledge());
    const facts = path.join(dir, "sources/policywatch-4078/facts.yaml");
    const source = path.join(dir, "sources/policywatch-4078/source.yaml");
    const [factsBefore, sourceBefore] = [readFileSync(facts, "utf8"), readFileSync(source, "utf8")];
    const report = ingestFile(PW4078_TEXT, { knowledgeDir: dir });
    // The curated facts quote every sentence already: nothing to draft.
    expect(report.facts).toMatchObject({
      curated: knowledge().base.facts.length,
      drafts: 0,
      added: 0,
      removed: 0,
    });
    expect(readFileSync(facts, "utf8")).toBe(factsBefore);
    expect(readFileSync(source, "utf8")).toBe(sourceBefore);
  });

  it("GIVEN a draft a curator edited and promoted THEN it is kept and its sentence not drafted again", () => {
    const dir = track(vocabularyOnly());
    ingestFile(PW4078_TEXT, { knowledgeDir: dir, ...PW4078_FLAGS });
    const file = path.join(dir, "sources/policywatch-4078/facts.yaml");
    const doc = YAML.parseDocument(readFileSync(file, "utf8"));
    const first = (doc.contents as YAML.YAMLSeq<YAML.YAMLMap>).items[1] as YAML.YAMLMap;
    const id = first.get("id") as string;
    first.set("text", "Iraq stayed formally out of the twelve-day war (curated wording).");
    first.delete("draft");
    writeFileSync(file, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
    const edited = readFileSync(file, "utf8");

    const report = ingestFile(PW4078_TEXT, { knowledgeDir: dir, ...PW4078_FLAGS });
    expect(report.changed).toBe(false);
    expect(readFileSync(file, "utf8")).toBe(edited);
    const kb = loadKnowledge(dir);
    expect(kb.factsById.get(id)).toMatchObject({
      text: "Iraq stayed formally out of the twelve-day war (curated wording).",
    });
    expect(kb.factsById.get(id)?.draft).toBeUndefined();
    expect(kb.facts.filter((f) => f.quote === kb.factsById.get(id)?.quote)).toHaveLength(1);
  });

  it("GIVEN an edited article THEN curated facts follow their paragraph and stale drafts go", () => {
    const dir = track(copyOfKnowledge());
    const article = readFileSync(FIXTURE_ARTICLE, "utf8");
    ingestText(article, "brief.md", { knowledgeDir: dir });
    const file = path.join(dir, "sources/fixture-brief-12/facts.yaml");
    const facts = YAML.parse(readFileSync(file, "utf8")) as { id: string; quote: string }[];
    const curatedId = facts.find((f) => f.quote.startsWith("Iraqi security sources"))?.id;
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        new RegExp(`(id: ${curatedId}\\n(?:  .*\\n)*?)  draft: true\\n`),
        "$1",
      ),
    );
    // A new paragraph at the top, and one sentence dropped.
    const edited = article
      .replace(
        "## The newcomer\n",
        "## The newcomer\n\nA new first paragraph moves every other one down.\n\n",
      )
      .replace(" The claim was first shared by the militia channel Sabirin News.", "");
    const report = ingestText(edited, "brief.md", { knowledgeDir: dir });
    expect(report.facts.removed).toBe(1);
    expect(report.facts.relocated).toBeGreaterThanOrEqual(1);
    const kb = loadKnowledge(dir);
    const curated = kb.factsById.get(curatedId ?? "");
    expect(curated?.draft).toBeUndefined();
    expect(curated?.paragraph).toBe(5);
    expect(kb.facts.some((f) => f.quote.includes("Sabirin News"))).toBe(false);
  });
});

describe("what cannot be ingested leaves knowledge/ untouched", () => {
  const dir = track(copyOfKnowledge());
  const before = snapshot(dir);
  const write = (name: string, content: string | Uint8Array) => {
    const file = path.join(tmpdir(), `${process.pid}-${name}`);
    writeFileSync(file, content);
    scratch.push(file);
    return file;
  };
  it.each([
    ["an empty file", () => write("empty.txt", ""), /empty; nothing to ingest/],
    [
      "a binary file",
      () => write("image.png", new Uint8Array([137, 80, 78, 71, 0, 0, 0, 13])),
      /looks binary/,
    ],
    ["a 5 MB file", () => write("huge.txt", "word ".repeat(1024 * 1024)), /is 5\.0 MB/],
    [
      "malformed front matter",
      () => write("bad.md", "---\ntitle: [oops\n---\nText here."),
      /front matter is not valid YAML/,
    ],
    ["a file that is not there", () => path.join(tmpdir(), "no-such-article.txt"), /no such file/],
    [
      "an article without its metadata",
      () => write("bare.txt", "A Title\n\nOne paragraph of text that says something."),
      /does not say its author .*publication date \(--published YYYY-MM-DD\)\. Pass them/,
    ],
    [
      "a date that is not one",
      () =>
        write(
          "date.md",
          "---\ntitle: T\nauthor: A\nurl: https://example.org/x\npublished: soon\n---\nSome text here.",
        ),
      /"soon" is not a date/,
    ],
  ])("%s: a clear message, nothing written", (_, file, message) => {
    expect(() => ingestFile(file(), { knowledgeDir: dir })).toThrow(IngestError);
    expect(() => ingestFile(file(), { knowledgeDir: dir })).toThrow(message);
    expect(snapshot(dir)).toEqual(before);
  });

  it("an article that would break the knowledge (an id taken by another source's fact)", () => {
    const text = readFileSync(FIXTURE_ARTICLE, "utf8");
    ingestText(text, "brief.md", { knowledgeDir: dir, id: "brief-a" });
    const afterFirst = snapshot(dir);
    // The same article under an id whose drafts collide with brief-a's: refused whole.
    const facts = path.join(dir, "sources/brief-a/facts.yaml");
    writeFileSync(facts, readFileSync(facts, "utf8").replaceAll("brief-a-", "brief-b-"));
    const tampered = snapshot(dir);
    expect(() => ingestText(text, "brief.md", { knowledgeDir: dir, id: "brief-b" })).toThrow(
      /would not load with this source, so nothing was written:\n {2}- facts: fact "brief-b-[a-z0-9-]+" is defined more than once/,
    );
    expect(snapshot(dir)).toEqual(tampered);
    expect(Object.keys(afterFirst)).toEqual(Object.keys(tampered));
  });
});

describe("removing a source folder", () => {
  it("removes its facts, and its accepted entities, on the next load", () => {
    const dir = track(copyOfKnowledge());
    ingestFile(FIXTURE_ARTICLE, { knowledgeDir: dir });
    const withIt = loadKnowledge(dir);
    expect(withIt.sources.has("fixture-brief-12")).toBe(true);
    expect(withIt.facts.some((f) => f.source === "fixture-brief-12")).toBe(true);
    rmSync(path.join(dir, "sources/fixture-brief-12"), { recursive: true });
    const without = loadKnowledge(dir);
    expect(without.sources.has("fixture-brief-12")).toBe(false);
    expect(without.facts.some((f) => f.source === "fixture-brief-12")).toBe(false);
    expect(without.facts).toHaveLength(knowledge().base.facts.length);
  });
});
