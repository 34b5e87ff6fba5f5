/**
 * Writing a source folder safely. The new folder is built beside knowledge/sources (in a
 * hidden staging folder the loader never reads), the whole knowledge is loaded with it in a
 * scratch copy, and only if that loads is it renamed into place: a failure at any step leaves
 * knowledge/ as it was.
 *
 * Re-ingesting merges into facts.yaml without rewriting it: curated facts (no `draft: true`)
 * and drafts already there are kept as they are, comments included; a fact whose quote moved to
 * another paragraph follows it; a draft whose quote left the article, or that a curated fact now
 * covers, is removed; new drafts are added only for sentences no kept fact already covers.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import YAML from "yaml";
import { KnowledgeError, loadKnowledge } from "../knowledge/load.ts";
import type { FactFile, Paragraph } from "../knowledge/schema.ts";
import { spaceItems, YAML_OPTIONS } from "./entity-drafts.ts";
import { IngestError } from "./errors.ts";

/** A sentence this much quoted by facts already kept is not drafted again. */
const COVERED = 0.6;

export interface FactsMerge {
  text: string;
  curated: number;
  drafts: number;
  added: number;
  removed: number;
  relocated: number;
}

interface Kept {
  paragraph: number;
  quote: string;
  draft: boolean;
}

export function mergeFacts(
  existingText: string | undefined,
  drafted: readonly FactFile[],
  paragraphs: readonly Paragraph[],
  options: { file: string; header: string },
): FactsMerge {
  const doc =
    existingText && existingText.trim() !== ""
      ? YAML.parseDocument(existingText)
      : newDocument(options.header);
  if (doc.errors.length > 0) {
    throw new IngestError(
      `${options.file}: not valid YAML: ${doc.errors[0]?.message.split("\n")[0]}`,
    );
  }
  if (doc.contents === null) doc.contents = doc.createNode([]);
  const seq = doc.contents;
  if (!YAML.isSeq(seq)) throw new IngestError(`${options.file}: must be a list of facts`);

  const textOf = (n: number) => paragraphs.find((p) => p.n === n)?.text;
  const kept: Kept[] = [];
  const keptNodes: { node: (typeof seq.items)[number]; fact: Kept }[] = [];
  const broken: string[] = [];
  const ids = new Set<string>();
  let relocated = 0;
  let removed = 0;
  for (const [i, node] of [...seq.items].entries()) {
    const value = (YAML.isMap(node) ? node.toJSON() : {}) as Partial<FactFile>;
    if (typeof value.id === "string") ids.add(value.id);
    const quote = typeof value.quote === "string" ? value.quote : undefined;
    let n = typeof value.paragraph === "number" ? value.paragraph : undefined;
    let stands = quote !== undefined && n !== undefined && (textOf(n)?.includes(quote) ?? false);
    if (!stands && quote !== undefined && YAML.isMap(node)) {
      const homes = paragraphs.filter((p) => p.text.includes(quote));
      if (homes.length === 1 && homes[0]) {
        n = homes[0].n;
        node.set("paragraph", n);
        relocated++;
        stands = true;
      }
    }
    if (!stands || quote === undefined || n === undefined) {
      if (value.draft === true) {
        seq.items.splice(seq.items.indexOf(node), 1);
        removed++;
      } else {
        broken.push(typeof value.id === "string" ? value.id : `entry ${i + 1}`);
      }
      continue;
    }
    const fact = { paragraph: n, quote, draft: value.draft === true };
    kept.push(fact);
    keptNodes.push({ node, fact });
  }
  if (broken.length > 0) {
    throw new IngestError(
      `${options.file}: the article no longer holds the quote of ${broken.length} curated fact${broken.length === 1 ? "" : "s"} (${broken.slice(0, 5).join(", ")}${broken.length > 5 ? ", ..." : ""}). Fix or delete ${broken.length === 1 ? "it" : "them"}, then ingest again. Nothing was written.`,
    );
  }

  // Curated facts win: a draft that a curated fact now covers goes.
  const curated = kept.filter((k) => !k.draft);
  for (const { node, fact } of keptNodes) {
    if (!fact.draft || coverage(fact, curated, textOf(fact.paragraph) ?? "") < COVERED) continue;
    seq.items.splice(seq.items.indexOf(node), 1);
    kept.splice(kept.indexOf(fact), 1);
    removed++;
  }

  let added = 0;
  for (const fact of drafted) {
    const span = { paragraph: fact.paragraph, quote: fact.quote, draft: true };
    if (coverage(span, kept, textOf(fact.paragraph) ?? "") >= COVERED) continue;
    let id = fact.id;
    for (let k = 2; ids.has(id); k++) id = `${fact.id}-${k}`;
    ids.add(id);
    seq.add(factNode(doc, { ...fact, id }));
    kept.push(span);
    added++;
  }
  spaceItems(doc);
  const drafts = kept.filter((k) => k.draft).length;
  return {
    text: doc.toString(YAML_OPTIONS),
    curated: kept.length - drafts,
    drafts,
    added,
    removed,
    relocated,
  };
}

function newDocument(header: string): YAML.Document {
  const doc = new YAML.Document([]);
  doc.commentBefore = header;
  return doc;
}

function factNode(doc: YAML.Document, fact: FactFile): YAML.Node {
  const node = doc.createNode(fact);
  if (YAML.isMap(node)) {
    for (const key of ["entities", "topics"]) {
      const list = node.get(key, true);
      if (YAML.isSeq(list)) list.flow = true;
    }
  }
  return node;
}

/** Share of a sentence's characters that other facts of its paragraph already quote. */
function coverage(span: Kept, others: readonly Kept[], paragraph: string): number {
  const start = paragraph.indexOf(span.quote);
  if (start < 0 || span.quote.length === 0) return 0;
  const end = start + span.quote.length;
  const covered = new Array<boolean>(span.quote.length).fill(false);
  for (const other of others) {
    if (other === span || other.paragraph !== span.paragraph) continue;
    const from = paragraph.indexOf(other.quote);
    if (from < 0) continue;
    for (let i = Math.max(from, start); i < Math.min(from + other.quote.length, end); i++) {
      covered[i - start] = true;
    }
  }
  return covered.filter(Boolean).length / span.quote.length;
}

/**
 * Puts `files` in knowledge/sources/<id>, keeping any other file already in that folder (the
 * entities a curator accepted). Validates the result first; throws IngestError, writing
 * nothing, if the knowledge would not load because of this source. Problems the knowledge had
 * before are returned as warnings.
 */
export function writeSourceFolder(
  dir: string,
  id: string,
  files: Record<string, string>,
): { warnings: string[] } {
  const sourcesDir = path.join(dir, "sources");
  const target = path.join(sourcesDir, id);
  const staging = mkdtempSync(path.join(dir, ".ingest-"));
  try {
    const folder = path.join(staging, id);
    if (existsSync(target)) cpSync(target, folder, { recursive: true });
    else mkdirSync(folder, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);

    const warnings = validate(dir, id, folder);
    mkdirSync(sourcesDir, { recursive: true });
    if (existsSync(target)) {
      const previous = path.join(staging, `${id}.previous`);
      renameSync(target, previous);
      try {
        renameSync(folder, target);
      } catch (error) {
        renameSync(previous, target);
        throw error;
      }
    } else {
      renameSync(folder, target);
    }
    return { warnings };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Loads a scratch copy of the knowledge with the new folder in place of the old one. */
function validate(dir: string, id: string, folder: string): string[] {
  const scratch = mkdtempSync(path.join(tmpdir(), "knowledge-check-"));
  try {
    for (const name of ["entities.yaml", "topics.yaml", "synonyms.yaml"]) {
      if (existsSync(path.join(dir, name))) cpSync(path.join(dir, name), path.join(scratch, name));
    }
    const sourcesDir = path.join(dir, "sources");
    if (existsSync(sourcesDir)) {
      for (const entry of readdirSync(sourcesDir, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name !== id) {
          cpSync(path.join(sourcesDir, entry.name), path.join(scratch, "sources", entry.name), {
            recursive: true,
          });
        }
      }
    }
    cpSync(folder, path.join(scratch, "sources", id), { recursive: true });
    const after = problemsOf(scratch);
    if (after.length === 0) return [];
    const before = new Set(problemsOf(dir));
    const added = after.filter((p) => !before.has(p));
    if (added.length > 0) {
      throw new IngestError(
        `The knowledge would not load with this source, so nothing was written:\n${added.map((p) => `  - ${p}`).join("\n")}`,
      );
    }
    return after;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function problemsOf(dir: string): string[] {
  try {
    loadKnowledge(dir);
    return [];
  } catch (error) {
    if (error instanceof KnowledgeError) return error.problems;
    throw error;
  }
}

/**
 * Writes several files of the knowledge (paths relative to it) after checking, in a scratch
 * copy, that the knowledge still loads with them. Each file is replaced atomically (written
 * beside it, then renamed over it). Throws IngestError, writing nothing, on a new problem.
 */
export function commitFiles(dir: string, files: Record<string, string>): void {
  const scratch = mkdtempSync(path.join(tmpdir(), "knowledge-check-"));
  try {
    cpSync(dir, scratch, {
      recursive: true,
      filter: (from) => !path.basename(from).startsWith(".ingest-"),
    });
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(scratch, name)), { recursive: true });
      writeFileSync(path.join(scratch, name), text);
    }
    const after = problemsOf(scratch);
    if (after.length > 0) {
      const before = new Set(problemsOf(dir));
      const added = after.filter((p) => !before.has(p));
      if (added.length > 0) {
        throw new IngestError(
          `The knowledge would not load with this change, so nothing was written:\n${added.map((p) => `  - ${p}`).join("\n")}`,
        );
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(dir, name);
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  }
}

export function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}
