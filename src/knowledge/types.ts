import type { Entity, FactFile, SourceFile, Topic } from "./schema.ts";

export type { Entity, EntityKindName, Paragraph, Topic } from "./schema.ts";

export interface Source extends SourceFile {
  factCount: number;
}

/** A fact as the engine sees it: the file entry plus the source it belongs to. */
export interface Fact extends FactFile {
  source: string;
}

/** Everything loaded from knowledge/, validated and cross-checked. Immutable once built. */
export interface KnowledgeBase {
  sources: ReadonlyMap<string, Source>;
  entities: ReadonlyMap<string, Entity>;
  topics: ReadonlyMap<string, Topic>;
  facts: readonly Fact[];
  factsById: ReadonlyMap<string, Fact>;
  synonyms: readonly (readonly string[])[];
  loadedAt: Date;
}
