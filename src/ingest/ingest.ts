/**
 * `npm run ingest`: one article in, one source folder out (source.yaml, facts.yaml with draft
 * facts, entity-drafts.yaml), written so that the bot answers from it on its next load.
 * Metadata comes from flags first, then the article (front matter, title line, "By" line), then
 * the folder's source.yaml if the source was ingested before.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import YAML from "yaml";
import { type ZodType, z } from "zod";
import { DEFAULT_KNOWLEDGE_DIR } from "../knowledge/load.ts";
import {
  type Entity,
  EntitySchema,
  type Paragraph,
  Slug,
  type SourceFile,
  SourceSchema,
  type Topic,
  TopicSchema,
} from "../knowledge/schema.ts";
import { eventDays, isoFromWritten, parsePublication } from "./dates.ts";
import {
  ENTITY_DRAFTS_FILE,
  mergeEntityDrafts,
  parseEntityDrafts,
  stringifyEntityDrafts,
  YAML_OPTIONS,
} from "./entity-drafts.ts";
import { IngestError } from "./errors.ts";
import { draftFacts } from "./facts.ts";
import { NameLinker } from "./names.ts";
import { type ArticleMeta, parseArticle } from "./parse.ts";
import { readArticleFile } from "./read.ts";
import { mergeDraft } from "./review.ts";
import { sentences } from "./sentences.ts";
import { mergeFacts, readIfExists, writeSourceFolder } from "./store.ts";
import { TopicAssigner } from "./topics.ts";

export interface IngestOptions extends ArticleMeta {
  /** knowledge/ by default. */
  knowledgeDir?: string;
}

export interface IngestReport {
  id: string;
  /** The folder written, relative to the knowledge folder: sources/<id>. */
  folder: string;
  title: string;
  /** False when the folder existed: a re-ingest. */
  created: boolean;
  /** False when nothing would change: the folder was left as it was. */
  changed: boolean;
  paragraphs: number;
  sections: string[];
  facts: {
    curated: number;
    drafts: number;
    added: number;
    removed: number;
    relocated: number;
    dated: number;
    linked: number;
  };
  entityDrafts: {
    pending: number;
    added: number;
    /** New spellings of known entities, merged into them as aliases. */
    respelled: { name: string; entity: string }[];
  };
  warnings: string[];
}

const SOURCE_FILE = "source.yaml";
const FACTS_FILE = "facts.yaml";

export function ingestFile(file: string, options: IngestOptions = {}): IngestReport {
  return ingestText(readArticleFile(file), path.basename(file), options);
}

export function ingestText(text: string, name: string, options: IngestOptions = {}): IngestReport {
  const dir = path.resolve(options.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR);
  const article = parseArticle(text, name);
  const meta = { ...article.meta, ...definedOnly(options) };
  const id = sourceId(meta, name);
  const folder = path.join(dir, "sources", id);
  const existingSource = readExistingSource(
    path.join(folder, SOURCE_FILE),
    `sources/${id}/${SOURCE_FILE}`,
  );
  const source = sourceFile(id, meta, article.paragraphs, existingSource, name);
  const published = parsePublication(source.published);
  if (!published) throw new IngestError(`published "${source.published}" is not an ISO date`);

  const { entities, topics } = readVocabulary(dir);
  const linker = new NameLinker(entities);
  const drafted = draftFacts(id, source.paragraphs, {
    linker,
    topics: new TopicAssigner(topics),
    published,
    author: source.author,
    events: eventDays(entities),
  });
  const factsLabel = `sources/${id}/${FACTS_FILE}`;
  const oldFacts = readIfExists(path.join(folder, FACTS_FILE));
  const facts = mergeFacts(oldFacts, drafted, source.paragraphs, {
    file: factsLabel,
    header: [
      ` Facts of “${source.title}”, in reading order.`,
      " Drafts (draft: true) were made by `npm run ingest`, one per sentence or clause; their quote",
      " is that sentence, verbatim. To curate one, edit it and delete its `draft: true` line:",
      " re-ingesting the article never changes a curated fact.",
    ].join("\n"),
  });

  const draftsLabel = `sources/${id}/${ENTITY_DRAFTS_FILE}`;
  const oldDrafts = readIfExists(path.join(folder, ENTITY_DRAFTS_FILE));
  const previous = oldDrafts ? parseEntityDrafts(oldDrafts, draftsLabel) : [];
  const proposed = linker.propose(
    source.paragraphs.flatMap((p) =>
      sentences(p.text).map((s) => ({ paragraph: p.n, text: s.text })),
    ),
  );
  const entityDrafts = mergeEntityDrafts(previous, proposed);
  const draftsText = stringifyEntityDrafts(entityDrafts);

  const sourceText =
    existingSource && isDeepStrictEqual(existingSource.parsed, source)
      ? existingSource.text
      : stringifySource(source, name);
  const files: Record<string, string> = {
    [SOURCE_FILE]: sourceText,
    [FACTS_FILE]: facts.text,
    ...(entityDrafts.length > 0 || oldDrafts !== undefined
      ? { [ENTITY_DRAFTS_FILE]: draftsText }
      : {}),
  };
  const changed =
    !existingSource ||
    sourceText !== existingSource.text ||
    facts.text !== oldFacts ||
    (files[ENTITY_DRAFTS_FILE] !== undefined && files[ENTITY_DRAFTS_FILE] !== oldDrafts);
  const { warnings } = changed ? writeSourceFolder(dir, id, files) : { warnings: [] };
  // A new name that is only another spelling of a known entity becomes its alias at once, as a
  // curator would merge it: review is for the names that need a decision.
  const respelled = proposed.filter(
    (p) =>
      p.sameAs !== undefined &&
      entityDrafts.some((d) => d.name === p.name && d.status === "pending"),
  );
  for (const p of respelled) mergeDraft(dir, id, p.name, p.sameAs as string);

  const factList = (YAML.parse(facts.text) ?? []) as { date?: string; entities?: string[] }[];
  return {
    id,
    folder: `sources/${id}`,
    title: source.title,
    created: !existingSource,
    changed,
    paragraphs: source.paragraphs.length,
    sections: [...new Set(source.paragraphs.map((p) => p.section))],
    facts: {
      curated: facts.curated,
      drafts: facts.drafts,
      added: facts.added,
      removed: facts.removed,
      relocated: facts.relocated,
      dated: factList.filter((f) => f.date).length,
      linked: factList.filter((f) => (f.entities?.length ?? 0) > 0).length,
    },
    entityDrafts: {
      pending: entityDrafts.filter((d) => d.status === "pending").length - respelled.length,
      added: entityDrafts.filter(
        (d) => d.status === "pending" && !previous.some((p) => p.name === d.name),
      ).length,
      respelled: respelled.map((p) => ({ name: p.name, entity: p.sameAs as string })),
    },
    warnings,
  };
}

/** The folder name: --id, else the series ("PolicyWatch 4078"), else the title's first words. */
function sourceId(meta: ArticleMeta, name: string): string {
  const given = meta.id;
  if (given !== undefined) {
    if (!Slug.safeParse(given).success) {
      throw new IngestError(`--id "${given}" must be a lowercase slug like "policywatch-4078"`);
    }
    return given;
  }
  const from = meta.series ?? meta.title?.split(/\s+/).slice(0, 6).join(" ");
  const slug = (from ?? "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (!slug) throw new IngestError(`${name}: no title to name the source by; pass --id or --title`);
  return slug;
}

function sourceFile(
  id: string,
  meta: ArticleMeta,
  paragraphs: Paragraph[],
  existing: { parsed: SourceFile } | undefined,
  name: string,
): SourceFile {
  const old = existing?.parsed;
  const published = meta.published ?? old?.published;
  const iso = published ? isoFromWritten(published) : undefined;
  if (published && !iso) {
    throw new IngestError(
      `the publication date "${published}" is not a date; give it as YYYY-MM-DD (or YYYY-MM)`,
    );
  }
  const url = meta.url ?? old?.url;
  if (url && !z.url().safeParse(url).success) {
    throw new IngestError(`the url "${url}" is not a URL; give it as https://...`);
  }
  const title = meta.title ?? old?.title;
  const author = meta.author ?? old?.author;
  // A note with no url and no publisher is published by its author.
  const publisher = meta.publisher ?? old?.publisher ?? (url ? hostOf(url) : author);
  const missing = [
    !title && `title (--title "...")`,
    !author && `author (--author "Name")`,
    !iso && "publication date (--published YYYY-MM-DD)",
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new IngestError(
      `${name}: the article does not say its ${missing.join(", ")}. Pass ${missing.length === 1 ? "it" : "them"} as flags or put ${missing.length === 1 ? "it" : "them"} in front matter. Nothing was written.`,
    );
  }
  // The same text as before keeps the curated paragraphs (their section names) as they are.
  const sameText =
    old !== undefined &&
    old.paragraphs.length === paragraphs.length &&
    old.paragraphs.every((p, i) => p.text === paragraphs[i]?.text);
  const summary = meta.summary ?? old?.summary ?? firstSentence(paragraphs[0]?.text ?? title ?? "");
  const series = meta.series ?? old?.series;
  return {
    id,
    title: title as string,
    ...(series ? { series } : {}),
    author: author as string,
    publisher: publisher as string,
    published: iso as string,
    ...(url ? { url } : {}),
    summary,
    paragraphs: sameText && old ? old.paragraphs : paragraphs,
  };
}

function readExistingSource(
  file: string,
  label: string,
): { text: string; parsed: SourceFile } | undefined {
  const text = readIfExists(file);
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = YAML.parse(text);
  } catch (error) {
    throw new IngestError(
      `${label}: not valid YAML (${(error as Error).message.split("\n")[0]}); fix it or remove the folder`,
    );
  }
  const parsed = SourceSchema.safeParse(raw);
  if (!parsed.success) {
    throw new IngestError(
      `${label}: ${parsed.error.issues[0]?.message}; fix it or remove the folder`,
    );
  }
  return { text, parsed: parsed.data };
}

/** The names and topics the knowledge has, read leniently: a draft needs only these. */
function readVocabulary(dir: string): { entities: Entity[]; topics: Topic[] } {
  const read = <T>(file: string, schema: ZodType<T>): T => {
    const text = readIfExists(path.join(dir, file));
    if (text === undefined) {
      throw new IngestError(`${path.join(dir, file)} is missing: is ${dir} the knowledge folder?`);
    }
    const parsed = schema.safeParse(YAML.parse(text));
    if (!parsed.success) {
      throw new IngestError(
        `${file} does not load; run \`npm run knowledge -- check\` and fix it first`,
      );
    }
    return parsed.data;
  };
  const entities = read("entities.yaml", z.array(EntitySchema));
  const sourcesDir = path.join(dir, "sources");
  if (existsSync(sourcesDir)) {
    for (const folder of readdirSync(sourcesDir).sort()) {
      const file = `sources/${folder}/entities.yaml`;
      if (existsSync(path.join(dir, file))) entities.push(...read(file, z.array(EntitySchema)));
    }
  }
  return { entities, topics: read("topics.yaml", z.array(TopicSchema)) };
}

function stringifySource(source: SourceFile, name: string): string {
  const doc = new YAML.Document(source);
  doc.commentBefore = ` ${source.series ?? source.title}, from ${name} by \`npm run ingest\`: paragraphs numbered in reading order.`;
  return doc.toString(YAML_OPTIONS);
}

function firstSentence(text: string): string {
  return sentences(text)[0]?.text ?? text;
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

function definedOnly(options: IngestOptions): ArticleMeta {
  const { knowledgeDir: _, ...meta } = options;
  return Object.fromEntries(
    Object.entries(meta).filter(([, v]) => v !== undefined && v !== ""),
  ) as ArticleMeta;
}
