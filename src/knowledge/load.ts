/**
 * Loads knowledge/ from disk, validates every file with zod and checks that the pieces fit
 * together (ids unique, references resolve, quotes verbatim). Any problem stops the load with
 * a message naming the file, the entry and the field, so a curator can fix it at once.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { type ZodType, z } from "zod";
import { CompiledCache } from "./compiled-cache.ts";
import { MAX_FIELD_CHARS, overlongField, readKnowledgeText } from "./safe-read.ts";
import {
  EntitySchema,
  FactSchema,
  type Paragraph,
  SourceSchema,
  SynonymsSchema,
  TopicSchema,
} from "./schema.ts";
import type { Fact, KnowledgeBase, Source } from "./types.ts";

export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super(`The knowledge did not load:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "KnowledgeError";
  }
}

/** Where the knowledge lives by default: knowledge/ at the project root. */
export const DEFAULT_KNOWLEDGE_DIR = path.resolve(import.meta.dirname, "../../knowledge");

/** Each file's schema, made once: the compiled cache knows a schema by its object. */
const ENTITIES = z.array(EntitySchema);
const TOPICS = z.array(TopicSchema);
const FACTS = z.array(FactSchema);

export interface LoadOptions {
  /**
   * Where validated files are kept and reused while their text is unchanged (compiled-cache.ts);
   * false to parse and validate everything. Default: the project's .cache/knowledge.
   */
  cache?: CompiledCache | false;
}

let sharedCache: CompiledCache | undefined;

/** The project's cache, one per process (its counters add up across loads). */
function defaultCache(): CompiledCache {
  sharedCache ??= new CompiledCache();
  return sharedCache;
}

export function loadKnowledge(
  dir: string = DEFAULT_KNOWLEDGE_DIR,
  options: LoadOptions = {},
): KnowledgeBase {
  const problems: string[] = [];
  const cache = options.cache ?? defaultCache();
  /** `entry` names one item of a list file in messages: fact "x" (entry 3). */
  const read = <T>(file: string, schema: ZodType<T>, entry = "entry"): T | undefined =>
    readYaml(dir, file, schema, entry, problems, cache || undefined);

  const entities = read("entities.yaml", ENTITIES, "entity") ?? [];
  const topics = read("topics.yaml", TOPICS, "topic") ?? [];
  const synonyms = existsSync(path.join(dir, "synonyms.yaml"))
    ? (read("synonyms.yaml", SynonymsSchema, "group") ?? [])
    : [];

  const sources: Source[] = [];
  const facts: Fact[] = [];
  const sourcesDir = path.join(dir, "sources");
  const folders = existsSync(sourcesDir)
    ? readdirSync(sourcesDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  if (folders.length === 0) problems.push(`${rel(sourcesDir)}: no source folders found`);

  const entityFiles = new Map(entities.map((e) => [e.id, "entities.yaml"]));
  for (const folder of folders) {
    const sourceFile = `sources/${folder}/source.yaml`;
    const factsFile = `sources/${folder}/facts.yaml`;
    const source = read(sourceFile, SourceSchema);
    const sourceFacts = read(factsFile, FACTS, "fact") ?? [];
    // Entities a curator accepted from this source's drafts: they go when the folder goes.
    // (entity-drafts.yaml, the names still to review, is not read: see `npm run knowledge`.)
    const ownEntitiesFile = `sources/${folder}/entities.yaml`;
    if (existsSync(path.join(dir, ownEntitiesFile))) {
      for (const entity of read(ownEntitiesFile, ENTITIES, "entity") ?? []) {
        entities.push(entity);
        entityFiles.set(entity.id, ownEntitiesFile);
      }
    }
    if (!source) continue;
    if (source.id !== folder) {
      problems.push(
        `${sourceFile}: field "id" is "${source.id}" but the folder is "${folder}"; make them equal`,
      );
    }
    sources.push({ ...source, factCount: sourceFacts.length });
    for (const fact of sourceFacts) facts.push({ ...fact, source: source.id });
  }
  // A draft's entities were linked by machine: one whose entity went with its source is unlinked.
  for (const fact of facts) {
    if (fact.draft) fact.entities = fact.entities.filter((id) => entityFiles.has(id));
  }

  const kb: KnowledgeBase = {
    sources: new Map(sources.map((s) => [s.id, s])),
    entities: new Map(entities.map((e) => [e.id, e])),
    topics: new Map(topics.map((t) => [t.id, t])),
    facts,
    factsById: new Map(facts.map((f) => [f.id, f])),
    synonyms,
    loadedAt: new Date(),
  };
  if (problems.length === 0)
    problems.push(...checkReferences(kb, { entities, topics, sources, entityFiles }));
  if (problems.length > 0) throw new KnowledgeError(problems);
  return kb;
}

/** Cross-file checks: everything a fact or entity points at must exist, quotes must be verbatim. */
function checkReferences(
  kb: KnowledgeBase,
  lists: {
    entities: { id: string }[];
    topics: { id: string }[];
    sources: Source[];
    entityFiles: ReadonlyMap<string, string>;
  },
): string[] {
  const problems: string[] = [];
  problems.push(
    ...duplicates(lists.entities.map((e) => e.id)).map(
      (id) =>
        `${lists.entityFiles.get(id) ?? "entities.yaml"}: entity "${id}" is defined more than once`,
    ),
  );
  problems.push(
    ...duplicates(lists.topics.map((t) => t.id)).map(
      (id) => `topics.yaml: topic "${id}" is defined more than once`,
    ),
  );
  problems.push(
    ...duplicates(lists.sources.map((s) => s.id)).map(
      (id) => `sources: source "${id}" is defined more than once`,
    ),
  );
  problems.push(
    ...duplicates(kb.facts.map((f) => f.id)).map(
      (id) => `facts: fact "${id}" is defined more than once (fact ids are global)`,
    ),
  );

  for (const source of lists.sources) {
    problems.push(
      ...duplicates(source.paragraphs.map((p) => String(p.n))).map(
        (n) => `sources/${source.id}/source.yaml: paragraph ${n} is numbered twice`,
      ),
    );
  }

  for (const entity of kb.entities.values()) {
    const where = `${lists.entityFiles.get(entity.id) ?? "entities.yaml"}: entity "${entity.id}"`;
    const paragraph = findParagraph(kb.sources.get(entity.source), entity.paragraph);
    if (!kb.sources.has(entity.source)) {
      problems.push(`${where}, field "source": no source "${entity.source}"`);
    } else if (!paragraph) {
      problems.push(
        `${where}, field "paragraph": source "${entity.source}" has no paragraph ${entity.paragraph}`,
      );
    } else if (!paragraph.text.includes(entity.quote)) {
      problems.push(
        `${where}, field "quote": not found verbatim in paragraph ${entity.paragraph}; copy it exactly (mind ’ and — characters)`,
      );
    }
  }

  for (const fact of kb.facts) {
    const where = `sources/${fact.source}/facts.yaml: fact "${fact.id}"`;
    const paragraph = findParagraph(kb.sources.get(fact.source), fact.paragraph);
    if (!paragraph) {
      problems.push(`${where}, field "paragraph": the source has no paragraph ${fact.paragraph}`);
    } else if (!paragraph.text.includes(fact.quote)) {
      problems.push(
        `${where}, field "quote": not found verbatim in paragraph ${fact.paragraph}; copy it exactly (mind ’ and — characters)`,
      );
    }
    for (const id of fact.entities) {
      if (!kb.entities.has(id))
        problems.push(`${where}, field "entities": no entity "${id}" in entities.yaml`);
    }
    for (const id of fact.topics) {
      if (!kb.topics.has(id))
        problems.push(`${where}, field "topics": no topic "${id}" in topics.yaml`);
    }
    if (fact.explains !== undefined && !kb.factsById.has(fact.explains)) {
      problems.push(
        `${where}, field "explains": no fact "${fact.explains}"; name the fact it gives the reason for`,
      );
    } else if (fact.explains === fact.id) {
      problems.push(`${where}, field "explains": a fact cannot explain itself`);
    }
  }
  return problems;
}

function readYaml<T>(
  dir: string,
  name: string,
  schema: ZodType<T>,
  entryKind: string,
  problems: string[],
  cache: CompiledCache | undefined,
): T | undefined {
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    problems.push(`${name}: the file is missing`);
    return undefined;
  }
  let text: string;
  try {
    text = readKnowledgeText(dir, file);
  } catch (error) {
    problems.push(`${name}: ${(error as Error).message}`);
    return undefined;
  }
  // Only a file that passed every check below is ever stored, so a hit needs none of them.
  const key = cache?.keyOf(schema, text);
  const compiled = key === undefined ? undefined : cache?.read(key);
  if (compiled !== undefined) return compiled as T;
  let raw: unknown;
  try {
    raw = YAML.parse(text);
  } catch (error) {
    problems.push(`${name}: not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    return undefined;
  }
  const overlong = overlongField(raw);
  if (overlong) {
    problems.push(
      `${name}: field "${overlong}" has over ${MAX_FIELD_CHARS} characters; shorten it (refused)`,
    );
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) {
    if (key !== undefined) cache?.write(key, parsed.data);
    return parsed.data;
  }
  for (const issue of parsed.error.issues) {
    const [first, ...rest] = issue.path;
    const entry = typeof first === "number" ? entryLabel(entryKind, raw, first) : undefined;
    const fieldPath = (entry ? rest : issue.path).join(".");
    const parts = [name, entry, fieldPath ? `field "${fieldPath}"` : undefined].filter(Boolean);
    problems.push(`${parts.join(", ")}: ${issue.message}`);
  }
  return undefined;
}

/** "fact 3 (id "x")": entries are named by position and, when it can be read, by id. */
/** "fact "x" (entry 3)": an entry is named by its id when it has one, and by its position. */
function entryLabel(kind: string, raw: unknown, index: number): string {
  const id = Array.isArray(raw) ? (raw[index] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === "string"
    ? `${kind} "${id}" (entry ${index + 1})`
    : `${kind} entry ${index + 1}`;
}

function findParagraph(source: Source | undefined, n: number): Paragraph | undefined {
  return source?.paragraphs.find((p) => p.n === n);
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice];
}

function rel(p: string): string {
  return path.relative(process.cwd(), p) || p;
}
