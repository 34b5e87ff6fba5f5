/**
 * `npm run eval:articles [-- --quiet]`: answer quality on articles the team did not curate.
 * - PolicyWatch 4078 drafted by `npm run ingest` from its plain text into a folder with no
 *   curated fact, against the sets written from the article alone (tests/eval/unseen);
 * - the six public-domain dev articles (tests/fixtures/dev-sources) ingested beside the curated
 *   knowledge, against their own sets (tests/eval/dev-corpus), and the PolicyWatch sets again
 *   with them loaded: a new source must not displace a better answer.
 * Each run ingests into temporary folders; nothing in knowledge/ changes.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  evaluateEvidence,
  formatEvidenceReport,
  readEvidenceQuestions,
} from "../src/eval/evidence.ts";
import { ingestFile } from "../src/ingest/ingest.ts";
import { openKnowledge } from "../src/knowledge/knowledge.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/knowledge/load.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const quiet = process.argv.includes("--quiet");
const sets = (folder: string) =>
  ["tuning", "held-out"].map((half) => path.join(ROOT, "tests/eval", folder, `${half}.yaml`));

function scratch(withCurated: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), "eval-articles-"));
  if (withCurated) cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  else {
    for (const file of ["entities.yaml", "topics.yaml", "synonyms.yaml"])
      cpSync(path.join(DEFAULT_KNOWLEDGE_DIR, file), path.join(dir, file));
  }
  return dir;
}

function report(dir: string, label: string, files: string[]): void {
  const knowledge = openKnowledge(dir);
  for (const file of files) {
    const result = evaluateEvidence(knowledge, readEvidenceQuestions(file));
    console.log(formatEvidenceReport(`${label}: ${path.relative(ROOT, file)}`, result));
    if (quiet || file.includes("held-out")) continue;
    for (const f of result.failures)
      console.log(
        `  ${f.outcome.toUpperCase().padEnd(8)} ${f.q}\n    got: ${f.lead ?? "-"}\n    want: ${f.expected ?? "(decline)"}`,
      );
  }
}

const drafted = scratch(false);
const corpus = scratch(true);
try {
  ingestFile(path.join(ROOT, "tests/fixtures/articles/policywatch-4078.txt"), {
    knowledgeDir: drafted,
    author: "Michael Knights",
    publisher: "The Washington Institute for Near East Policy",
    published: "2025-07",
    url: "https://www.washingtoninstitute.org/policy-analysis/leveraging-irans-defeat-strengthen-us-iraq-security-relations",
  });
  report(drafted, "PolicyWatch 4078, drafts alone", sets("unseen"));
  const devSources = path.join(ROOT, "tests/fixtures/dev-sources");
  for (const file of readdirSync(devSources).filter((f) => f.endsWith(".md") && f !== "README.md"))
    ingestFile(path.join(devSources, file), {
      knowledgeDir: corpus,
      id: file.replace(/\.md$/, ""),
    });
  report(corpus, "six dev articles (drafts) + curated", [...sets("dev-corpus"), ...sets("unseen")]);
} finally {
  rmSync(drafted, { recursive: true, force: true });
  rmSync(corpus, { recursive: true, force: true });
}
