/** Pieces that several commands declare the same way. */
import { z } from "zod";
import type { Entity } from "../src/knowledge/types.ts";

/** Replies go to the asker only unless they choose to share them with the channel. */
export const publicOption = z
  .boolean()
  .default(false)
  .describe("Post the reply for the whole channel instead of only for you");

export function visibilityFor(isPublic: boolean): "channel" | "ephemeral" {
  return isPublic ? "channel" : "ephemeral";
}

/** A name or filter typed by a person: trimmed, bounded, never empty when given. */
export const nameText = (description: string) =>
  z
    .string()
    .trim()
    .min(1, "give a name")
    .max(100, "keep it under 100 characters")
    .describe(description);

/** The first few spellings of a name, enough to recognise it; all of them still work in search. */
export function knownAs(entity: Entity, max = 6): string {
  return entity.aliases.slice(0, max).join(", ");
}
