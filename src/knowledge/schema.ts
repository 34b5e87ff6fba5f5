/**
 * The shape of everything under knowledge/, checked with zod when it is loaded.
 * Files are YAML so curators can edit them by hand; these schemas are the contract.
 */
import { z } from "zod";

/** Lowercase slug: letters, digits and hyphens. Ids appear in logs, tests and links. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase slug like 'kataib-hezbollah'");

/** An ISO calendar date: YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known. */
export const IsoDate = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    "must be an ISO date: YYYY-MM-DD, YYYY-MM or YYYY",
  );

export const ParagraphSchema = z.strictObject({
  n: z.number().int().positive(),
  section: z.string().min(1),
  text: z.string().min(1),
});

export const SourceSchema = z.strictObject({
  id: Slug,
  title: z.string().min(1),
  series: z.string().min(1).optional(),
  author: z.string().min(1),
  publisher: z.string().min(1),
  published: IsoDate,
  /** Where to read it; a note or a paper copy has none and is cited by title, author and date. */
  url: z.url().optional(),
  summary: z.string().min(1),
  paragraphs: z.array(ParagraphSchema).min(1),
});

export const EntityKind = z.enum([
  "militia",
  "person",
  "organization",
  "country",
  "place",
  "weapon",
  "event",
]);

export const EntitySchema = z.strictObject({
  id: Slug,
  kind: EntityKind,
  name: z.string().min(1),
  /** One line, said by the source: where it is said is in `source` and `paragraph`. */
  description: z.string().min(1).max(300),
  source: Slug,
  paragraph: z.number().int().positive(),
  /** Verbatim words of that paragraph that support the description. */
  quote: z.string().min(5),
  /** What people type: abbreviations, transliterations, surnames, plain English. */
  aliases: z.array(z.string().min(1)).default([]),
});

export const TopicSchema = z.strictObject({
  id: Slug,
  label: z.string().min(1),
  description: z.string().min(1),
  /** Words that point to this topic in a question or a filter. */
  keywords: z.array(z.string().min(1)).default([]),
});

export const FactSchema = z.strictObject({
  id: Slug,
  /** A short self-contained sentence that answers one thing. */
  text: z.string().min(10).max(400),
  paragraph: z.number().int().positive(),
  /** Verbatim words of that paragraph that support the sentence. */
  quote: z.string().min(10),
  /** The day (or month) the fact is about, if any. */
  date: IsoDate.optional(),
  entities: z.array(Slug).default([]),
  topics: z.array(Slug).min(1),
  /**
   * The fact this one gives the reason for: "why were the radars attacked" is answered by the
   * fact that explains the attack, not by the attack itself.
   */
  explains: Slug.optional(),
  /** A key point: briefings pick these first. */
  key: z.boolean().default(false),
  /**
   * Drafted by `npm run ingest` from one sentence of the article, not yet checked by a curator.
   * Answers use drafts, say so, and prefer a curated fact that answers as well. To curate a
   * draft, edit it and delete this line: re-ingesting never touches a curated fact.
   */
  draft: z.boolean().optional(),
});

/**
 * A name an ingested article uses that the knowledge does not know yet, proposed by
 * `npm run ingest` in sources/<id>/entity-drafts.yaml. The loader does not read that file (a
 * draft is not an entity until a curator accepts it); `npm run knowledge -- check` validates it
 * and `npm run knowledge -- review` walks through it.
 */
export const EntityDraftSchema = z.strictObject({
  name: z.string().min(1),
  /** A guess from the name's words; the curator confirms it when accepting. */
  kind: EntityKind,
  status: z.enum(["pending", "accepted", "merged", "rejected"]).default("pending"),
  /** Accepted: the new entity's id. Merged: the entity the name became an alias of. */
  entity: Slug.optional(),
  /** An abbreviation the article gives right after the name: "(IRGC)". */
  abbreviation: z.string().min(1).optional(),
  /** What people may type for it (other spellings, short forms): proposed, kept on accepting. */
  aliases: z.array(z.string().min(1)).optional(),
  /** Every sentence that names it, verbatim, with its paragraph. */
  mentions: z
    .array(z.strictObject({ paragraph: z.number().int().positive(), quote: z.string().min(5) }))
    .min(1),
});

/** Words that mean the same thing in a question, e.g. shoot ~ fire. One group a line. */
export const SynonymsSchema = z.array(z.array(z.string().min(1)).min(2));

export type Paragraph = z.infer<typeof ParagraphSchema>;
export type SourceFile = z.infer<typeof SourceSchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type EntityKindName = z.infer<typeof EntityKind>;
export type Topic = z.infer<typeof TopicSchema>;
export type FactFile = z.infer<typeof FactSchema>;
export type EntityDraft = z.infer<typeof EntityDraftSchema>;
