/**
 * Reviewing entity drafts: accept a proposed name as a new entity, merge it into an existing
 * entity as an alias, or reject it. Each decision is recorded in the source's
 * entity-drafts.yaml; draft facts that name the entity are linked to it at once. The actions
 * are plain functions; `runReview` asks a curator about each pending name, one at a time.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import {
  type Entity,
  type EntityDraft,
  EntityKind,
  type EntityKindName,
  EntitySchema,
  Slug,
} from "../knowledge/schema.ts";
import { normalize } from "../search/text.ts";
import {
  ENTITY_DRAFTS_FILE,
  parseEntityDrafts,
  spaceItems,
  stringifyEntityDrafts,
  YAML_OPTIONS,
} from "./entity-drafts.ts";
import { IngestError } from "./errors.ts";
import { NameLinker } from "./names.ts";
import { commitFiles, readIfExists } from "./store.ts";

export interface PendingDraft {
  sourceId: string;
  draft: EntityDraft;
}

const MAX_DESCRIPTION = 300;

/** Every pending entity draft, source by source. */
export function pendingDrafts(dir: string): PendingDraft[] {
  return sourceIds(dir).flatMap((sourceId) =>
    readDrafts(dir, sourceId)
      .filter((d) => d.status === "pending")
      .map((draft) => ({ sourceId, draft })),
  );
}

export interface AcceptOptions {
  id?: string;
  kind?: EntityKindName;
  aliases?: string[];
}

/**
 * Adds the name as a new entity in sources/<source>/entities.yaml (it goes if the source goes),
 * described and quoted by the shortest sentence that names it.
 */
export function acceptDraft(
  dir: string,
  sourceId: string,
  name: string,
  options: AcceptOptions = {},
): { entity: Entity; linked: number } {
  const drafts = readDrafts(dir, sourceId);
  const draft = findDraft(drafts, name, sourceId);
  const id = options.id ?? slugify(draft.name);
  if (!Slug.safeParse(id).success) throw new IngestError(`"${id}" is not a lowercase slug id`);
  const entities = allEntities(dir);
  if (entities.some((e) => e.id === id)) {
    throw new IngestError(`there is already an entity "${id}"; choose another id or merge instead`);
  }
  const mention = [...draft.mentions].sort((a, b) => a.quote.length - b.quote.length)[0];
  if (!mention) throw new IngestError(`"${draft.name}" has no sentence to quote`);
  const taken = aliasOwners(entities);
  const owner = taken.get(normalize(draft.name));
  if (owner) throw new IngestError(`"${draft.name}" already names ${owner}; merge instead`);
  // The curator's aliases must be free; proposed ones another entity has are left out.
  for (const alias of options.aliases ?? []) {
    const named = taken.get(normalize(alias));
    if (named) throw new IngestError(`"${alias}" already names ${named}; merge instead`);
  }
  const proposed = [...(draft.abbreviation ? [draft.abbreviation] : []), ...(draft.aliases ?? [])];
  const aliases = [
    ...new Set([...proposed.filter((a) => !taken.has(normalize(a))), ...(options.aliases ?? [])]),
  ].filter((a) => normalize(a) !== normalize(draft.name));
  const entity: Entity = {
    id,
    kind: options.kind ?? draft.kind,
    name: draft.name,
    description: fitDescription(mention.quote),
    source: sourceId,
    paragraph: mention.paragraph,
    quote: mention.quote,
    aliases,
  };
  const entitiesFile = `sources/${sourceId}/entities.yaml`;
  const decided = drafts.map((d) =>
    d === draft ? { ...d, kind: entity.kind, status: "accepted" as const, entity: id } : d,
  );
  const { files, linked } = relinkDrafts(dir, [...entities, entity]);
  commitFiles(dir, {
    ...files,
    [entitiesFile]: appendEntity(readIfExists(path.join(dir, entitiesFile)), entity),
    [`sources/${sourceId}/${ENTITY_DRAFTS_FILE}`]: stringifyEntityDrafts(decided),
  });
  return { entity, linked };
}

/** Adds the name (and its abbreviation) as aliases of an existing entity, in its own file. */
export function mergeDraft(
  dir: string,
  sourceId: string,
  name: string,
  into: string,
): { entity: Entity; linked: number } {
  const drafts = readDrafts(dir, sourceId);
  const draft = findDraft(drafts, name, sourceId);
  const located = locateEntity(dir, into);
  const { entity, file } = located;
  const owners = aliasOwners(allEntities(dir));
  const named = [draft.name, ...(draft.abbreviation ? [draft.abbreviation] : [])];
  const added = [...new Set([...named, ...(draft.aliases ?? [])])].filter((a) => {
    const owner = owners.get(normalize(a));
    if (owner && owner !== entity.id && named.includes(a)) {
      throw new IngestError(`"${a}" already names ${owner}`);
    }
    return owner === undefined;
  });
  const merged: Entity = { ...entity, aliases: [...entity.aliases, ...added] };
  const decided = drafts.map((d) =>
    d === draft ? { ...d, status: "merged" as const, entity: entity.id } : d,
  );
  const entities = allEntities(dir).map((e) => (e.id === entity.id ? merged : e));
  const { files, linked } = relinkDrafts(dir, entities);
  commitFiles(dir, {
    ...files,
    [file]: addAliases(readIfExists(path.join(dir, file)) ?? "", entity.id, added),
    [`sources/${sourceId}/${ENTITY_DRAFTS_FILE}`]: stringifyEntityDrafts(decided),
  });
  return { entity: merged, linked };
}

/** Marks the name rejected: re-ingesting the article will not propose it again. */
export function rejectDraft(dir: string, sourceId: string, name: string): void {
  const drafts = readDrafts(dir, sourceId);
  const draft = findDraft(drafts, name, sourceId);
  const decided = drafts.map((d) => (d === draft ? { ...d, status: "rejected" as const } : d));
  commitFiles(dir, {
    [`sources/${sourceId}/${ENTITY_DRAFTS_FILE}`]: stringifyEntityDrafts(decided),
  });
}

/** Known entities whose names are like the draft's: candidates to merge into. */
export function similarEntities(dir: string, name: string, limit = 3): Entity[] {
  const linker = new NameLinker(allEntities(dir));
  return linker.index.lookup(name, { limit });
}

// --- The interactive walk-through -------------------------------------------------------------

export interface ReviewIO {
  /** Shows the prompt and resolves with the curator's answer (undefined at end of input). */
  ask(prompt: string): Promise<string | undefined>;
  say(line: string): void;
}

export async function runReview(
  dir: string,
  io: ReviewIO,
): Promise<{ decided: number; left: number }> {
  const pending = pendingDrafts(dir);
  if (pending.length === 0) {
    io.say("No entity drafts to review.");
    return { decided: 0, left: 0 };
  }
  let decided = 0;
  for (const [i, { sourceId, draft }] of pending.entries()) {
    io.say("");
    io.say(
      `[${i + 1}/${pending.length}] ${draft.name}  (${draft.kind}?, sources/${sourceId}, ${draft.mentions.length} sentence${draft.mentions.length === 1 ? "" : "s"})`,
    );
    for (const m of draft.mentions.slice(0, 3)) io.say(`  ¶${m.paragraph} “${m.quote}”`);
    const similar = similarEntities(dir, draft.name).map((e) => `${e.name} (${e.id})`);
    if (similar.length > 0) io.say(`  Known names like it: ${similar.join(", ")}`);
    const outcome = await decide(dir, sourceId, draft, io, similar.length > 0);
    if (outcome === "quit") break;
    if (outcome === "done") decided++;
  }
  const left = pendingDrafts(dir).length;
  io.say("");
  io.say(`${decided} decided, ${left} still pending.`);
  return { decided, left };
}

async function decide(
  dir: string,
  sourceId: string,
  draft: EntityDraft,
  io: ReviewIO,
  hasSimilar: boolean,
): Promise<"done" | "skip" | "quit"> {
  for (;;) {
    const answer = (
      await io.ask("(a)ccept, (m)erge into an existing entity, (r)eject, (s)kip, (q)uit? ")
    )
      ?.trim()
      .toLowerCase();
    try {
      if (answer === undefined || answer === "q") return "quit";
      if (answer === "s" || answer === "") return "skip";
      if (answer === "r") {
        rejectDraft(dir, sourceId, draft.name);
        io.say(`  Rejected "${draft.name}"; it will not be proposed again.`);
        return "done";
      }
      if (answer === "a") {
        const kind = (await io.ask(`  kind [${draft.kind}]: `))?.trim() || draft.kind;
        const parsedKind = EntityKind.safeParse(kind);
        if (!parsedKind.success) {
          io.say(`  kind must be one of: ${EntityKind.options.join(", ")}`);
          continue;
        }
        const id = (await io.ask(`  id [${slugify(draft.name)}]: `))?.trim() || slugify(draft.name);
        const proposed = [
          ...(draft.abbreviation ? [draft.abbreviation] : []),
          ...(draft.aliases ?? []),
        ];
        const suggested = proposed.length > 0 ? ` [${[...new Set(proposed)].join(", ")}]` : "";
        const aliasText = (await io.ask(`  aliases, comma-separated${suggested}: `))?.trim() ?? "";
        const aliases = aliasText
          .split(",")
          .map((a) => a.trim())
          .filter(Boolean);
        const { entity, linked } = acceptDraft(dir, sourceId, draft.name, {
          id,
          kind: parsedKind.data,
          aliases,
        });
        io.say(
          `  Accepted ${entity.name} as "${entity.id}" (${entity.kind}) in sources/${sourceId}/entities.yaml; ${linked} draft fact${linked === 1 ? "" : "s"} newly linked.`,
        );
        return "done";
      }
      if (answer === "m") {
        const hint = hasSimilar ? similarEntities(dir, draft.name, 1)[0] : undefined;
        const typed = (
          await io.ask(`  into which entity (id or name)${hint ? ` [${hint.id}]` : ""}: `)
        )?.trim();
        const target = typed || hint?.id;
        if (!target) continue;
        const match = locateEntityByName(dir, target);
        if (!match) {
          io.say(`  No entity matches "${target}".`);
          continue;
        }
        const { entity, linked } = mergeDraft(dir, sourceId, draft.name, match.id);
        io.say(
          `  "${draft.name}" is now an alias of ${entity.name} (${entity.id}); ${linked} draft fact${linked === 1 ? "" : "s"} newly linked.`,
        );
        return "done";
      }
      io.say("  Type a, m, r, s or q.");
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      io.say(`  ${error.message}`);
    }
  }
}

// --- Files ------------------------------------------------------------------------------------

function sourceIds(dir: string): string[] {
  const sourcesDir = path.join(dir, "sources");
  if (!existsSync(sourcesDir)) return [];
  return readdirSync(sourcesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function readDrafts(dir: string, sourceId: string): EntityDraft[] {
  const file = `sources/${sourceId}/${ENTITY_DRAFTS_FILE}`;
  const text = readIfExists(path.join(dir, file));
  return text === undefined ? [] : parseEntityDrafts(text, file);
}

function findDraft(drafts: EntityDraft[], name: string, sourceId: string): EntityDraft {
  const draft = drafts.find((d) => normalize(d.name) === normalize(name));
  if (!draft) throw new IngestError(`sources/${sourceId} has no entity draft "${name}"`);
  return draft;
}

/** Entities with the file each is defined in (entities.yaml or a source's entities.yaml). */
function entityFiles(dir: string): { entity: Entity; file: string }[] {
  const files = [
    "entities.yaml",
    ...sourceIds(dir).map((id) => `sources/${id}/entities.yaml`),
  ].filter((f) => existsSync(path.join(dir, f)));
  return files.flatMap((file) => {
    const parsed = z
      .array(EntitySchema)
      .safeParse(YAML.parse(readIfExists(path.join(dir, file)) ?? "[]") ?? []);
    if (!parsed.success) {
      throw new IngestError(`${file} does not load; run \`npm run knowledge -- check\` first`);
    }
    return parsed.data.map((entity) => ({ entity, file }));
  });
}

function allEntities(dir: string): Entity[] {
  return entityFiles(dir).map((e) => e.entity);
}

function locateEntity(dir: string, id: string): { entity: Entity; file: string } {
  const found = entityFiles(dir).find((e) => e.entity.id === id);
  if (!found) throw new IngestError(`there is no entity "${id}"`);
  return found;
}

function locateEntityByName(dir: string, text: string): Entity | undefined {
  const entities = allEntities(dir);
  return (
    entities.find((e) => e.id === text) ??
    new NameLinker(entities).index.lookup(text, { limit: 1 })[0]
  );
}

function aliasOwners(entities: readonly Entity[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const e of entities) for (const a of [e.name, ...e.aliases]) owners.set(normalize(a), e.id);
  return owners;
}

/**
 * Links every draft fact, in every source, to the entities its quote names under `entities`.
 * Returns the facts files that change and how many facts gained a link.
 */
function relinkDrafts(
  dir: string,
  entities: readonly Entity[],
): { files: Record<string, string>; linked: number } {
  const linker = new NameLinker(entities);
  const files: Record<string, string> = {};
  let linked = 0;
  for (const id of sourceIds(dir)) {
    const file = `sources/${id}/facts.yaml`;
    const text = readIfExists(path.join(dir, file));
    if (!text) continue;
    const doc: YAML.Document = YAML.parseDocument(text);
    if (!YAML.isSeq(doc.contents)) continue;
    let changed = false;
    for (const item of doc.contents.items) {
      if (!YAML.isMap(item)) continue;
      const value = item.toJSON() as { draft?: unknown; quote?: unknown; entities?: string[] };
      const { quote, entities: current = [] } = value;
      if (value.draft !== true || typeof quote !== "string") continue;
      const added = linker.link(quote).filter((e) => !current.includes(e));
      if (added.length === 0) continue;
      const list = doc.createNode([...current, ...added]);
      if (YAML.isSeq(list)) list.flow = true;
      item.set("entities", list);
      linked++;
      changed = true;
    }
    if (changed) files[file] = doc.toString(YAML_OPTIONS);
  }
  return { files, linked };
}

function appendEntity(existing: string | undefined, entity: Entity): string {
  const doc =
    existing && existing.trim() !== "" ? YAML.parseDocument(existing) : new YAML.Document([]);
  if (!existing) {
    doc.commentBefore =
      " Entities a curator accepted from this source's drafts (`npm run knowledge -- review`).\n They go when the source folder goes.";
  }
  if (doc.contents === null) doc.contents = doc.createNode([]);
  if (!YAML.isSeq(doc.contents)) throw new IngestError("entities.yaml must be a list");
  const node = doc.createNode(entity);
  if (YAML.isMap(node)) {
    const aliases = node.get("aliases", true);
    if (YAML.isSeq(aliases)) aliases.flow = true;
  }
  doc.contents.add(node);
  spaceItems(doc);
  return doc.toString(YAML_OPTIONS);
}

function addAliases(text: string, id: string, aliases: string[]): string {
  const doc: YAML.Document = YAML.parseDocument(text);
  if (!YAML.isSeq(doc.contents)) throw new IngestError("entities.yaml must be a list");
  const item = doc.contents.items.find(
    (i) => YAML.isMap(i) && (i.toJSON() as { id?: unknown }).id === id,
  );
  if (!YAML.isMap(item)) throw new IngestError(`there is no entity "${id}"`);
  const list = item.get("aliases", true);
  if (YAML.isSeq(list)) {
    for (const alias of aliases) list.add(doc.createNode(alias));
  } else {
    const node = doc.createNode(aliases);
    if (YAML.isSeq(node)) node.flow = true;
    item.set("aliases", node);
  }
  return doc.toString(YAML_OPTIONS);
}

function fitDescription(sentence: string): string {
  if (sentence.length <= MAX_DESCRIPTION) return sentence;
  const cut = sentence.slice(0, MAX_DESCRIPTION - 1);
  return `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}

export function slugify(name: string): string {
  return (
    normalize(name)
      .replace(/\s+/g, "-")
      .replace(/[^a-z0-9-]/g, "") || "entity"
  );
}
