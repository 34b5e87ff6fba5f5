/**
 * `npm run knowledge -- check`: everything the loader checks (schema, unique ids, references,
 * verbatim quotes), plus the entity drafts the loader does not read (schema, verbatim
 * sentences, decisions that point at real entities), summed up per source.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { disagreementsAmong } from "../answer/disagree.ts";
import { buildKnowledge } from "../knowledge/knowledge.ts";
import { KnowledgeError, loadKnowledge } from "../knowledge/load.ts";
import type { EntityDraft } from "../knowledge/schema.ts";
import type { KnowledgeBase } from "../knowledge/types.ts";
import { ENTITY_DRAFTS_FILE, parseEntityDrafts } from "./entity-drafts.ts";
import { IngestError } from "./errors.ts";
import { readIfExists } from "./store.ts";

export interface SourceSummary {
  id: string;
  title: string;
  paragraphs: number;
  sections: number;
  curated: number;
  drafts: number;
  dated: number;
  /** Entity drafts still to review. */
  pending: number;
}

export interface CheckReport {
  problems: string[];
  sources: SourceSummary[];
  entities: number;
  topics: number;
  facts: number;
  /** Pairs of facts from different sources that date the same thing differently. */
  disagreements: number;
}

export function checkKnowledge(dir: string): CheckReport {
  let base: KnowledgeBase;
  try {
    base = loadKnowledge(dir);
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    return {
      problems: error.problems,
      sources: [],
      entities: 0,
      topics: 0,
      facts: 0,
      disagreements: 0,
    };
  }
  const problems: string[] = [];
  const sources = [...base.sources.values()].map((source): SourceSummary => {
    const facts = base.facts.filter((f) => f.source === source.id);
    const drafts = readDrafts(dir, source.id, problems);
    problems.push(...checkDrafts(base, source.id, drafts));
    return {
      id: source.id,
      title: source.series ?? source.title,
      paragraphs: source.paragraphs.length,
      sections: new Set(source.paragraphs.map((p) => p.section)).size,
      curated: facts.filter((f) => !f.draft).length,
      drafts: facts.filter((f) => f.draft).length,
      dated: facts.filter((f) => f.date).length,
      pending: drafts.filter((d) => d.status === "pending").length,
    };
  });
  const knowledge = buildKnowledge(base);
  return {
    problems,
    sources,
    entities: base.entities.size,
    topics: base.topics.size,
    facts: base.facts.length,
    disagreements: disagreementsAmong(
      knowledge,
      base.facts.filter((f) => f.date),
    ).length,
  };
}

export function formatCheck(report: CheckReport): string {
  if (report.sources.length === 0 && report.problems.length > 0) {
    return `The knowledge did not load:\n${report.problems.map((p) => `  - ${p}`).join("\n")}`;
  }
  const lines = report.sources.map((s) => {
    const facts = `${s.curated + s.drafts} facts (${s.curated} curated, ${s.drafts} draft${s.drafts === 1 ? "" : "s"}), ${s.dated} dated`;
    const names = s.pending > 0 ? `, ${s.pending} name${s.pending === 1 ? "" : "s"} to review` : "";
    return `${s.id}: ${facts}, ${s.paragraphs} paragraphs in ${s.sections} sections${names} — ${s.title}`;
  });
  lines.push(
    `${report.sources.length} source${report.sources.length === 1 ? "" : "s"}, ${report.entities} entities, ${report.topics} topics, ${report.facts} facts in all`,
  );
  if (report.disagreements > 0) {
    lines.push(
      `${report.disagreements} date${report.disagreements === 1 ? "" : "s"} on which sources disagree (both shown in answers and /timeline)`,
    );
  }
  const pending = report.sources.reduce((n, s) => n + s.pending, 0);
  if (pending > 0) lines.push(`Review the new names with: npm run knowledge -- review`);
  if (report.problems.length > 0) {
    lines.push("Problems:", ...report.problems.map((p) => `  - ${p}`));
  } else {
    lines.push("OK");
  }
  return lines.join("\n");
}

function readDrafts(dir: string, sourceId: string, problems: string[]): EntityDraft[] {
  const file = `sources/${sourceId}/${ENTITY_DRAFTS_FILE}`;
  if (!existsSync(path.join(dir, file))) return [];
  try {
    return parseEntityDrafts(readIfExists(path.join(dir, file)) ?? "", file);
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    problems.push(error.message);
    return [];
  }
}

function checkDrafts(base: KnowledgeBase, sourceId: string, drafts: EntityDraft[]): string[] {
  const problems: string[] = [];
  const source = base.sources.get(sourceId);
  drafts.forEach((draft, i) => {
    const where = `sources/${sourceId}/${ENTITY_DRAFTS_FILE}: "${draft.name}" (entry ${i + 1})`;
    draft.mentions.forEach((m, j) => {
      const paragraph = source?.paragraphs.find((p) => p.n === m.paragraph);
      if (!paragraph) problems.push(`${where}, mention ${j + 1}: no paragraph ${m.paragraph}`);
      else if (!paragraph.text.includes(m.quote)) {
        problems.push(`${where}, mention ${j + 1}: not found verbatim in paragraph ${m.paragraph}`);
      }
    });
    if ((draft.status === "accepted" || draft.status === "merged") && !draft.entity) {
      problems.push(`${where}: ${draft.status} but no "entity" names the entity`);
    } else if (draft.entity && !base.entities.has(draft.entity)) {
      problems.push(`${where}, field "entity": no entity "${draft.entity}"`);
    }
  });
  return problems;
}
