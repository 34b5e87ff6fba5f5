/**
 * `npm run ingest -- <file> [--id slug] [--title ...] [--author ...] [--published YYYY-MM-DD]
 * [--url ...] [--publisher ...] [--series ...] [--knowledge dir]`: adds an article (plain text
 * or Markdown) to the knowledge as a source folder with draft facts. See README "Adding an
 * article".
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { IngestError } from "../src/ingest/errors.ts";
import { type IngestReport, ingestFile } from "../src/ingest/ingest.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/knowledge/load.ts";

const USAGE =
  "usage: npm run ingest -- <file> [--id slug] [--title ...] [--author ...] [--published YYYY-MM-DD] [--url ...] [--publisher ...] [--series ...] [--knowledge dir]";

const text = { type: "string" } as const;
let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      id: text,
      title: text,
      author: text,
      published: text,
      url: text,
      publisher: text,
      series: text,
      summary: text,
      knowledge: text,
      help: { type: "boolean", short: "h" },
    },
  });
}
try {
  args = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const [file, ...extra] = args.positionals;
if (args.values.help || !file || extra.length > 0) {
  console.error(USAGE);
  process.exit(args.values.help ? 0 : 2);
}

const { knowledge, help: _, ...meta } = args.values;
const knowledgeDir = path.resolve(knowledge ?? DEFAULT_KNOWLEDGE_DIR);
try {
  const report = ingestFile(file, { ...meta, knowledgeDir });
  console.log(describe(report, path.basename(file), knowledgeDir));
} catch (error) {
  if (!(error instanceof IngestError)) throw error;
  console.error(`Not ingested: ${error.message}`);
  process.exitCode = 1;
}

function describe(report: IngestReport, name: string, dir: string): string {
  const where = path.relative(process.cwd(), path.join(dir, report.folder)) || report.folder;
  const { facts } = report;
  if (!report.changed) {
    return `${name}: ${where} is already up to date (${facts.curated} curated facts, ${facts.drafts} drafts); nothing written.`;
  }
  const lines = [
    `${report.created ? "Ingested" : "Re-ingested"} ${name} into ${where}`,
    `  “${report.title}”`,
    `  ${report.paragraphs} paragraphs in ${report.sections.length} sections: ${report.sections.join(", ")}`,
    `  ${facts.added} draft facts added${facts.removed ? `, ${facts.removed} removed` : ""}${facts.relocated ? `, ${facts.relocated} moved to their new paragraph` : ""}; now ${facts.curated} curated and ${facts.drafts} drafts (${facts.dated} dated, ${facts.linked} linked to known entities)`,
  ];
  for (const { name: spelling, entity } of report.entityDrafts.respelled) {
    lines.push(`  "${spelling}" is another spelling of ${entity}: added as its alias`);
  }
  if (report.entityDrafts.pending > 0) {
    lines.push(
      `  ${report.entityDrafts.pending} name${report.entityDrafts.pending === 1 ? "" : "s"} to review: npm run knowledge -- review`,
    );
  }
  for (const warning of report.warnings)
    lines.push(`  warning (not from this article): ${warning}`);
  lines.push(
    "The bot answers from it once it reloads the knowledge (or restarts). Check: npm run knowledge -- check",
  );
  return lines.join("\n");
}
