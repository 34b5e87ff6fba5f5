/**
 * `npm run knowledge -- check [dir]`: validates the knowledge and prints a summary per source.
 * `npm run knowledge -- review [dir]`: walks through the names ingested articles proposed as
 * entities: accept, merge into an existing entity as an alias, or reject.
 */
import path from "node:path";
import { createInterface } from "node:readline";
import { checkKnowledge, formatCheck } from "../src/ingest/check.ts";
import { IngestError } from "../src/ingest/errors.ts";
import { runReview } from "../src/ingest/review.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/knowledge/load.ts";

const USAGE = "usage: npm run knowledge -- check [dir] | review [dir]";
const [command, dirArg] = process.argv.slice(2);
const dir = path.resolve(dirArg ?? DEFAULT_KNOWLEDGE_DIR);

if (command === "check") {
  const report = checkKnowledge(dir);
  const text = formatCheck(report);
  if (report.problems.length > 0) {
    console.error(text);
    process.exitCode = 1;
  } else {
    console.log(text);
  }
} else if (command === "review") {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  // Lines are read through the iterator so that piped answers are never dropped.
  const lines = rl[Symbol.asyncIterator]();
  try {
    await runReview(dir, {
      async ask(prompt) {
        process.stdout.write(prompt);
        const next = await lines.next();
        return next.done ? undefined : String(next.value);
      },
      say: (line) => console.log(line),
    });
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    rl.close();
  }
} else {
  console.error(USAGE);
  process.exitCode = 2;
}
