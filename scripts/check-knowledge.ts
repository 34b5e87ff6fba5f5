/** `npm run knowledge:check`: load and validate knowledge/, print a summary per source. */
import { KnowledgeError, loadKnowledge } from "../src/knowledge/load.ts";

try {
  const kb = loadKnowledge(process.argv[2]);
  for (const source of kb.sources.values()) {
    console.log(
      `${source.id}: ${source.factCount} facts, ${source.paragraphs.length} paragraphs — ${source.title}`,
    );
  }
  console.log(
    `${kb.entities.size} entities, ${kb.topics.size} topics, ${kb.facts.length} facts in all: OK`,
  );
} catch (error) {
  if (!(error instanceof KnowledgeError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
