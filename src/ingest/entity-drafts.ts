/**
 * sources/<id>/entity-drafts.yaml: the names an article uses that the knowledge does not know,
 * each with the sentences that name it and a status the curator sets in review. Re-ingesting
 * keeps every decision (accepted, merged, rejected: a rejected name is not proposed again) and
 * refreshes the pending names from the article.
 */
import YAML from "yaml";
import { z } from "zod";
import { type EntityDraft, EntityDraftSchema } from "../knowledge/schema.ts";
import { normalize } from "../search/text.ts";
import { IngestError } from "./errors.ts";
import type { ProposedEntity } from "./names.ts";

export const ENTITY_DRAFTS_FILE = "entity-drafts.yaml";

/** How the knowledge files are written: no folding of long lines, `[a, b]` for short lists. */
export const YAML_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const;

const HEADER = [
  " Names this article uses that the knowledge does not know yet: a curator accepts each as a",
  " new entity, merges it into an existing one as an alias, or rejects it, with",
  " `npm run knowledge -- review`. The loader does not read this file; accepted entities go to",
  " entities.yaml in this folder. kind is a guess; mentions are verbatim sentences.",
].join("\n");

export function parseEntityDrafts(text: string, file: string): EntityDraft[] {
  let raw: unknown;
  try {
    raw = YAML.parse(text);
  } catch (error) {
    throw new IngestError(`${file}: not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  const parsed = z.array(EntityDraftSchema).safeParse(raw ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new IngestError(
      `${file}: entry ${Number(issue?.path[0] ?? 0) + 1}, field "${issue?.path.slice(1).join(".")}": ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** Decisions kept, pending names refreshed from the article, new names added as pending. */
export function mergeEntityDrafts(
  existing: readonly EntityDraft[],
  proposed: readonly ProposedEntity[],
): EntityDraft[] {
  const fresh = new Map(proposed.map((p) => [normalize(p.name), p]));
  const merged: EntityDraft[] = [];
  const seen = new Set<string>();
  for (const draft of existing) {
    const key = normalize(draft.name);
    seen.add(key);
    const update = fresh.get(key);
    if (draft.status !== "pending") merged.push(draft);
    else if (update) {
      const aliases = update.aliases.length > 0 ? { aliases: update.aliases } : {};
      merged.push({ ...draft, ...aliases, mentions: update.mentions });
    }
    // A pending name the article no longer uses, or that an alias now covers, is dropped.
  }
  for (const [key, p] of fresh) {
    if (seen.has(key)) continue;
    merged.push({
      name: p.name,
      kind: p.kind,
      status: "pending",
      ...(p.abbreviation ? { abbreviation: p.abbreviation } : {}),
      ...(p.aliases.length > 0 ? { aliases: p.aliases } : {}),
      mentions: p.mentions,
    });
  }
  return merged;
}

export function stringifyEntityDrafts(drafts: readonly EntityDraft[]): string {
  // Parsed again so that every entry keeps the schema's key order, whoever changed it last.
  const doc = new YAML.Document(drafts.map((d) => EntityDraftSchema.parse(d)));
  doc.commentBefore = HEADER;
  spaceItems(doc);
  return doc.toString(YAML_OPTIONS);
}

/** A blank line between entries, as in the hand-written files. */
export function spaceItems(doc: YAML.Document): void {
  if (YAML.isSeq(doc.contents)) {
    doc.contents.items.forEach((item, i) => {
      if (i > 0 && YAML.isNode(item)) item.spaceBefore = true;
    });
  }
}
