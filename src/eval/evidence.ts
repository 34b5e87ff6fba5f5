/**
 * Answer quality on question sets written from the article text alone, by people who never saw
 * knowledge/: each answerable question names the verbatim words of the article that answer it
 * (its evidence), not a fact id, so the set cannot lean on how the knowledge was curated.
 * An answer is right when its lead cites those words: same source, same paragraph, and a quote
 * that shares a run of words with the evidence.
 */
import { readFileSync } from "node:fs";
import YAML from "yaml";
import { z } from "zod";
import { answerQuestion } from "../answer/answer.ts";
import type { Citation, Reply } from "../core/reply.ts";
import type { Knowledge } from "../knowledge/knowledge.ts";
import { normalize } from "../search/text.ts";

const Answerable = z.object({
  q: z.string().min(1),
  evidence: z.string().min(1).optional(),
  evidence_any: z.array(z.string().min(1)).min(1).optional(),
  /** The source id, when the set spans several articles. */
  source: z.string().optional(),
  kind: z.string().optional(),
});
const NearMiss = z.object({ q: z.string().min(1), near_miss: z.literal(true), why: z.string() });
export const EvidenceQuestionSchema = z.union([NearMiss, Answerable]);
export type EvidenceQuestion = z.infer<typeof EvidenceQuestionSchema>;

export function readEvidenceQuestions(file: string): EvidenceQuestion[] {
  return z.array(EvidenceQuestionSchema).parse(YAML.parse(readFileSync(file, "utf8")));
}

export type Outcome = "right" | "wrong" | "declined";

export interface EvidenceReport {
  answerable: number;
  nearMisses: number;
  /** Answerable questions whose lead cites the evidence. */
  right: number;
  /** Answerable questions led by a fact that does not cite the evidence. */
  wrong: number;
  /** Answerable questions the bot declined. */
  declined: number;
  /** Near misses the bot declined (what it should do). */
  nearMissesDeclined: number;
  failures: { q: string; outcome: Outcome | "answered"; lead?: string; expected?: string }[];
}

export function evaluateEvidence(
  knowledge: Knowledge,
  questions: readonly EvidenceQuestion[],
  /** The engine under test: today's answerQuestion unless another (an older one) is given. */
  answer: (question: string) => Reply = (q) => answerQuestion(knowledge, q),
): EvidenceReport {
  const report: EvidenceReport = {
    answerable: 0,
    nearMisses: 0,
    right: 0,
    wrong: 0,
    declined: 0,
    nearMissesDeclined: 0,
    failures: [],
  };
  for (const question of questions) {
    const reply = answer(question.q);
    const answered = reply.kind === "answer";
    const lead = answered ? reply.citations[0] : undefined;
    const shown = lead ? `¶${lead.paragraph} ${lead.quote}` : undefined;
    if ("near_miss" in question) {
      report.nearMisses++;
      if (answered) report.failures.push({ q: question.q, outcome: "answered", lead: shown });
      else report.nearMissesDeclined++;
      continue;
    }
    report.answerable++;
    const evidence = question.evidence_any ?? (question.evidence ? [question.evidence] : []);
    const outcome: Outcome = !lead
      ? "declined"
      : evidence.some((e) => citesEvidence(knowledge, lead, e, question.source))
        ? "right"
        : "wrong";
    report[outcome]++;
    if (outcome !== "right")
      report.failures.push({ q: question.q, outcome, lead: shown, expected: evidence[0] });
  }
  return report;
}

/** Shorter runs than this are common phrases ("of the war"), not the same words. */
const MIN_SHARED_RUN = 4;

/** Whether a citation quotes (part of) the evidence, in the paragraph that holds it. */
export function citesEvidence(
  knowledge: Knowledge,
  citation: Citation,
  evidence: string,
  sourceId?: string,
): boolean {
  if (sourceId && citation.sourceId !== sourceId) return false;
  const source = knowledge.base.sources.get(citation.sourceId);
  // Words of the title: what the source is about, which its summary (¶1) says.
  if (source && normalize(source.title).includes(normalize(evidence))) {
    return citation.paragraph === 1;
  }
  const paragraph = source?.paragraphs.find((p) => p.n === citation.paragraph);
  if (!paragraph || !normalize(paragraph.text).includes(normalize(evidence))) return false;
  const a = normalize(citation.quote).split(" ");
  const b = normalize(evidence).split(" ");
  return longestSharedRun(a, b) >= Math.min(MIN_SHARED_RUN, a.length, b.length);
}

function longestSharedRun(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > best) best = k;
    }
  }
  return best;
}

export function formatEvidenceReport(name: string, r: EvidenceReport): string {
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  return (
    `${name}: answerable ${r.answerable}: right ${r.right} (${pct(r.right, r.answerable)}), ` +
    `wrong ${r.wrong} (${pct(r.wrong, r.answerable)}), declined ${r.declined}; ` +
    `near misses ${r.nearMisses}: declined ${r.nearMissesDeclined} (${pct(r.nearMissesDeclined, r.nearMisses)})`
  );
}
