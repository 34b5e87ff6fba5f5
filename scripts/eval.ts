/** `npm run eval`: answer quality on the evaluation set, with every miss listed. */
import path from "node:path";
import { evaluate, readQuestions } from "../src/eval/evaluate.ts";
import { openKnowledge } from "../src/knowledge/knowledge.ts";

const file = process.argv[2] ?? path.resolve(import.meta.dirname, "../tests/eval/questions.yaml");
const report = evaluate(openKnowledge(), readQuestions(file));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`in scope ${report.inScope}, out of scope ${report.outOfScope}`);
console.log(
  `recall@1 ${pct(report.recallAt1)}  recall@3 ${pct(report.recallAt3)}  MRR ${report.mrr.toFixed(3)}`,
);
console.log(
  `abstained on out-of-scope ${pct(report.abstention)}  wrongly abstained in scope ${pct(report.falseAbstention)}`,
);
for (const m of report.misses)
  console.log(`MISS  ${m.q}  rank=${m.rank ?? "-"} answered=${m.answered} got=${m.got.join(",")}`);
for (const w of report.wrongAnswers) console.log(`WRONG ${w.q}  got=${w.got.join(",")}`);
