/** `npm run debug:search -- "question"`: what the search sees and ranks, for tuning. */
import { openKnowledge } from "../src/knowledge/knowledge.ts";

const knowledge = openKnowledge();
for (const question of process.argv.slice(2)) {
  const result = knowledge.search.search(question, { limit: 5 });
  console.log(`\n${question}`);
  console.log(
    `  entities: ${result.mentions.map((m) => `${m.entity.id}${m.exact ? "" : "~"}`).join(", ") || "-"}`,
  );
  console.log(
    `  topics: ${result.topics.map((t) => t.id).join(", ") || "-"}; unknown: ${result.unknownWords.join(", ") || "-"}`,
  );
  for (const u of result.units ?? []) {
    console.log(
      `  unit ${u.weight.toFixed(2)} ${u.entityId ?? u.topicId ?? ""} [${u.terms.join(" ")}]`,
    );
  }
  for (const hit of result.hits) {
    console.log(
      `  ${hit.coverage.toFixed(2)} ${hit.score.toFixed(1).padStart(5)} ${hit.fact.id}: ${hit.fact.text.slice(0, 70)}`,
    );
  }
}
