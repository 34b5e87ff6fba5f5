/**
 * `npm run eval [file...]`: answer quality with every miss listed. With no file: the curated set
 * (tests/eval/questions.yaml) and the sets written from the article alone (tests/eval/unseen/).
 * `--quiet` prints the figures only. `--noise` asks each evidence set again wrapped in chat
 * ("hey team, quick question: ... thx!") and prints the figures: they should not move.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { answerQuestion } from "../src/answer/answer.ts";
import { evaluate, readQuestions } from "../src/eval/evaluate.ts";
import {
  evaluateEvidence,
  formatEvidenceReport,
  readEvidenceQuestions,
} from "../src/eval/evidence.ts";
import { openKnowledge } from "../src/knowledge/knowledge.ts";

const args = process.argv.slice(2);
const quiet = args.includes("--quiet");
const noise = args.includes("--noise");
/** Chat around a question, as people type it; none of it is part of what they ask. */
const CHAT: [string, string][] = [
  ["hey team, quick question: ", ""],
  ["yo ", " thanks!"],
  ["sorry to bother, ", " 🙏"],
  ["<@123456> ", " lol"],
  ["for the meeting: ", ""],
  ["i was wondering ", " :)"],
];
const evalDir = path.resolve(import.meta.dirname, "../tests/eval");
const files = args.filter((a) => !a.startsWith("--"));
const defaults = [
  path.join(evalDir, "questions.yaml"),
  path.join(evalDir, "unseen/tuning.yaml"),
  path.join(evalDir, "unseen/held-out.yaml"),
].filter((f) => existsSync(f));

const knowledge = openKnowledge();
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

for (const file of files.length > 0 ? files : defaults) {
  const name = path.relative(process.cwd(), file);
  // Sets written from the article name evidence; the curated set names fact ids.
  if (/^\s*evidence(_any)?:/m.test(readFileSync(file, "utf8"))) {
    const report = evaluateEvidence(knowledge, readEvidenceQuestions(file));
    console.log(formatEvidenceReport(name, report));
    if (noise)
      for (const [before, after] of CHAT) {
        const wrapped = evaluateEvidence(knowledge, readEvidenceQuestions(file), (q) =>
          answerQuestion(knowledge, `${before}${q}${after}`),
        );
        console.log(formatEvidenceReport(`  “${before}…${after}”`, wrapped));
      }
    if (quiet) continue;
    for (const f of report.failures)
      console.log(
        `  ${f.outcome.toUpperCase().padEnd(8)} ${f.q}\n    got: ${f.lead ?? "-"}\n    want: ${f.expected ?? "(decline)"}`,
      );
    continue;
  }
  const report = evaluate(knowledge, readQuestions(file));
  console.log(
    `${name}: in scope ${report.inScope}: recall@1 ${pct(report.recallAt1)}, recall@3 ${pct(report.recallAt3)}, ` +
      `MRR ${report.mrr.toFixed(3)}, wrongly declined ${pct(report.falseAbstention)}; ` +
      `out of scope ${report.outOfScope}: declined ${pct(report.abstention)}`,
  );
  if (quiet) continue;
  for (const m of report.misses)
    console.log(
      `  MISS  ${m.q}  rank=${m.rank ?? "-"} answered=${m.answered} got=${m.got.join(",")}`,
    );
  for (const w of report.wrongAnswers) console.log(`  WRONG ${w.q}  got=${w.got.join(",")}`);
}
