/**
 * `npm run debug:search -- [--knowledge DIR] "question"...`: what the question analysis and the
 * search see, and for each hit which test of an answer it fails, for tuning.
 */
import { answers, carries, isRelevant } from "../src/answer/fit.ts";
import { openKnowledge } from "../src/knowledge/knowledge.ts";
import { analyseQuestion } from "../src/search/question.ts";

// Piped into head, the output may close early: that is no error.
process.stdout.on("error", () => process.exit(0));
const args = process.argv.slice(2);
const dirAt = args.indexOf("--knowledge");
const knowledge = openKnowledge(dirAt >= 0 ? args[dirAt + 1] : undefined);
for (const question of args.filter((_, i) => dirAt < 0 || (i !== dirAt && i !== dirAt + 1))) {
  const analysis = analyseQuestion(question);
  const result = knowledge.search.search(analysis.searchText, {
    limit: 6,
    focus: analysis.focus,
    asked: analysis.asked,
  });
  console.log(`\n${question}`);
  console.log(
    `  type: ${analysis.answerType}; focus: ${(analysis.focus ?? []).join(" ") || "-"}; asked: ${(analysis.asked ?? []).join(" ") || "-"}${analysis.person ? "; person" : ""}${analysis.future ? "; future" : ""}`,
  );
  console.log(
    `  entities: ${result.mentions.map((m) => `${m.entity.id}${m.exact ? "" : "~"}`).join(", ") || "-"}`,
  );
  console.log(
    `  topics: ${result.topics.map((t) => t.id).join(", ") || "-"}; unknown: ${result.unknownWords.join(", ") || "-"}`,
  );
  for (const u of result.units ?? []) {
    const flags = `${u.focus ? " focus" : ""}${u.unknownName ? " unknown-name" : ""}`;
    console.log(
      `  unit ${u.weight.toFixed(2)} ${u.entityId ?? u.topicId ?? ""} [${u.terms.join(" ")}]${flags}`,
    );
  }
  for (const hit of result.hits) {
    const fails = [
      !isRelevant(hit) && "coverage",
      !hit.coversFocus && "focus",
      hit.missingNames.length > 0 && `names(${hit.missingNames.join(",")})`,
      !carries(knowledge, hit.fact, analysis.answerType, analysis.asked) && "type",
    ].filter(Boolean);
    const verdict = answers(knowledge, hit, analysis) ? "ANSWERS" : fails.join(" ") || "other";
    console.log(
      `  ${hit.coverage.toFixed(2)} ${hit.score.toFixed(1).padStart(5)} ${verdict.padEnd(8)} ${hit.fact.draft ? "draft " : ""}${hit.fact.id}: ${hit.fact.text.slice(0, 60)}`,
    );
  }
}
