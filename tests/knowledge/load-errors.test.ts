import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import YAML from "yaml";
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError, loadKnowledge } from "../../src/knowledge/load.ts";

/** Each test breaks one thing in a copy of the real knowledge and reads the message. */
let dir: string;
const factsFile = () => path.join(dir, "sources/policywatch-4078/facts.yaml");
const editFacts = (edit: (facts: Record<string, unknown>[]) => void) => {
  const facts = YAML.parse(readFileSync(factsFile(), "utf8"));
  edit(facts);
  writeFileSync(factsFile(), YAML.stringify(facts));
};
const problems = (): string => {
  try {
    loadKnowledge(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeError);
    return (error as KnowledgeError).message;
  }
  throw new Error("the knowledge loaded, but it should not have");
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "knowledge-"));
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("loading broken knowledge stops with a message naming file, entry and field", () => {
  it("a quote that is not verbatim", () => {
    editFacts((facts) => {
      (facts[0] as { quote: string }).quote = "words the author never wrote";
    });
    const message = problems();
    expect(message).toMatch(
      /sources\/policywatch-4078\/facts\.yaml: fact "pw4078-[\w-]+", field "quote": not found verbatim/,
    );
  });

  it("a fact with a missing field", () => {
    editFacts((facts) => {
      delete (facts[1] as { paragraph?: number }).paragraph;
    });
    expect(problems()).toMatch(
      /facts\.yaml, fact "pw4078-[\w-]+" \(entry 2\), field "paragraph": .+/,
    );
  });

  it("a date that is not ISO", () => {
    editFacts((facts) => {
      (facts[2] as { date: string }).date = "June 22";
    });
    expect(problems()).toMatch(/entry 3\), field "date": must be an ISO date/);
  });

  it("an entity or topic that does not exist", () => {
    editFacts((facts) => {
      (facts[0] as { entities: string[] }).entities = ["no-such-entity"];
      (facts[0] as { topics: string[] }).topics = ["no-such-topic"];
    });
    const message = problems();
    expect(message).toContain('field "entities": no entity "no-such-entity"');
    expect(message).toContain('field "topics": no topic "no-such-topic"');
  });

  it("a duplicate fact id", () => {
    editFacts((facts) => {
      facts.push({ ...(facts[0] as object) });
    });
    expect(problems()).toMatch(/fact "pw4078-[\w-]+" is defined more than once/);
  });

  it("an entity whose quote is not in its paragraph", () => {
    const file = path.join(dir, "entities.yaml");
    const entities = YAML.parse(readFileSync(file, "utf8"));
    entities[0].quote = "not the author's words";
    writeFileSync(file, YAML.stringify(entities));
    expect(problems()).toMatch(
      /entities\.yaml: entity "[\w-]+", field "quote": not found verbatim/,
    );
  });

  it("a file that is not YAML", () => {
    writeFileSync(path.join(dir, "entities.yaml"), "- id: [unclosed\n");
    expect(problems()).toContain("entities.yaml: not valid YAML");
  });

  it("a missing file", () => {
    rmSync(path.join(dir, "topics.yaml"));
    expect(problems()).toContain("topics.yaml: the file is missing");
  });

  it("a source folder whose id does not match", () => {
    const file = path.join(dir, "sources/policywatch-4078/source.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("id: policywatch-4078", "id: another-id"),
    );
    expect(problems()).toContain('field "id" is "another-id" but the folder is "policywatch-4078"');
  });
});
