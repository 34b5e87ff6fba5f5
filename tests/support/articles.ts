/** Articles and scratch knowledge folders for the ingestion tests. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULT_KNOWLEDGE_DIR } from "../../src/knowledge/load.ts";

/**
 * PolicyWatch 4078 as published, in plain text: the same words as the paragraphs of
 * knowledge/sources/policywatch-4078, kept here so that no test reads outside the repository.
 */
export const PW4078_TEXT = path.resolve(
  import.meta.dirname,
  "../fixtures/articles/policywatch-4078.txt",
);
/** Public-domain U.S. government articles, with their origin and license in README.md. */
export const DEV_SOURCES = path.resolve(import.meta.dirname, "../fixtures/dev-sources");
/** A fictional test article (see its front matter): never part of knowledge/. */
export const FIXTURE_ARTICLE = path.resolve(
  import.meta.dirname,
  "../fixtures/articles/fixture-brief-12.md",
);

/** What PolicyWatch 4078's text does not say about itself; curated source.yaml has the same. */
export const PW4078_FLAGS = {
  author: "Michael Knights",
  publisher: "The Washington Institute for Near East Policy",
  published: "2025-07",
  url: "https://www.washingtoninstitute.org/policy-analysis/leveraging-irans-defeat-strengthen-us-iraq-security-relations",
};

/** A scratch knowledge folder: the names, topics and synonyms only, no source, no fact. */
export function vocabularyOnly(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "knowledge-drafts-"));
  for (const file of ["entities.yaml", "topics.yaml", "synonyms.yaml"]) {
    cpSync(path.join(DEFAULT_KNOWLEDGE_DIR, file), path.join(dir, file));
  }
  return dir;
}

/** A scratch copy of the real knowledge, curated PolicyWatch 4078 included. */
export function copyOfKnowledge(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "knowledge-copy-"));
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}

/** Every file under a folder with its content: to show that a failed ingest wrote nothing. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(dir, full)] = readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return files;
}
