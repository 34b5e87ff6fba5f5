/**
 * "Today" in a press release means the day it was issued: a draft read months later says which
 * day ("Today, OFAC designated" → "[On January 29, 2024,] OFAC designated"). Only the fact's
 * text changes; the quote keeps the article's words.
 */
import { formatDate } from "../knowledge/dates.ts";
import type { Publication } from "./dates.ts";

/** The longest text a fact may have (FactSchema). */
export const MAX_TEXT = 400;

export function relativeDay(sentence: string, published: Publication): string {
  if (published.day === undefined) return sentence;
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = formatDate(`${published.year}-${pad(published.month ?? 1)}-${pad(published.day)}`);
  return (
    sentence
      .replace(/^Today,\s*/, `[On ${day},] `)
      // "This action is being taken pursuant to ...": the release's own action, of its day.
      .replace(/^(?:This|These) (actions?|designations?)\b/, `[The ${day}] $1`)
      .replace(/\bToday['’]s\b/g, `[The ${day}]`)
      .replace(/\btoday['’]s\b/g, `[the ${day}]`)
      .replace(/\btoday\b/g, `[on ${day}]`)
  );
}
