/**
 * The date a sentence is about, as ISO (YYYY-MM-DD, YYYY-MM or YYYY), read the way analysts
 * write dates: "October 7, 2023", "June 22", "June 23-24", "March 2024", "in November",
 * "last month", "in 2011". The first date in the text wins.
 *
 * A date without a year takes the publication year; if that would put it more than a month
 * after the article was published, it is the year before ("in November", in an article of July
 * 2025, is November 2024). "Last month" and "this year" count from the publication date.
 */

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTH = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)`;
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
const YEAR = "((?:19|20)\\d{2})";

interface Found {
  at: number;
  length: number;
  iso: string;
}

/** Published date as ISO, of any precision. */
export interface Publication {
  year: number;
  month?: number;
  day?: number;
}

export function parsePublication(iso: string): Publication | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) return undefined;
  return {
    year: Number(m[1]),
    ...(m[2] ? { month: Number(m[2]) } : {}),
    ...(m[3] ? { day: Number(m[3]) } : {}),
  };
}

/** "July 10, 2025", "10 July 2025", "2025-07-10", "July 2025", "2025" → ISO; undefined if not a date. */
export function isoFromWritten(text: string): string | undefined {
  const t = text.trim();
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(t)) return validIso(t);
  const mdy = new RegExp(`^${MONTH} ${DAY},? ${YEAR}$`, "i").exec(t);
  if (mdy) return iso(Number(mdy[3]), monthNumber(mdy[1]), Number(mdy[2]));
  const dmy = new RegExp(`^${DAY} ${MONTH},? ${YEAR}$`, "i").exec(t);
  if (dmy) return iso(Number(dmy[3]), monthNumber(dmy[2]), Number(dmy[1]));
  const my = new RegExp(`^${MONTH},? ${YEAR}$`, "i").exec(t);
  if (my) return iso(Number(my[2]), monthNumber(my[1]));
  return undefined;
}

/** Known events whose day people name without a year: "October 7" is the 2023 attack. */
export type EventDays = ReadonlyMap<string, string>;

/** "October 7, 2023 Hamas attack" → "10-7" ↦ "2023-10-07", from the events the knowledge names. */
export function eventDays(entities: Iterable<{ kind: string; name: string }>): EventDays {
  const days = new Map<string, string>();
  for (const { kind, name } of entities) {
    if (kind !== "event") continue;
    const m = new RegExp(`\\b${MONTH} ${DAY},? ${YEAR}\\b`, "i").exec(name);
    const day = m && iso(Number(m[3]), monthNumber(m[1]), Number(m[2]));
    if (m && day) days.set(`${monthNumber(m[1])}-${Number(m[2])}`, day);
  }
  return days;
}

/**
 * The date the text is about, or undefined when it names none or a careful reader could not be
 * sure: the first date in the text that is not part of a comparison ("smaller than those of
 * 2018"), a span ("since 2019", "2023-2024") or a name ("the 2008 Strategic Framework
 * Agreement"). A date without a year takes the year the sentence's tense points to.
 */
export function resolveDate(
  text: string,
  published: Publication,
  events: EventDays = new Map(),
): string | undefined {
  const found: Found[] = [];
  const taken: [number, number][] = [];
  const scan = (
    pattern: string,
    toIso: (m: RegExpExecArray, at: number) => string | undefined,
    flags = "g",
  ) => {
    for (const m of text.matchAll(new RegExp(pattern, flags))) {
      const at = m.index ?? 0;
      const end = at + m[0].length;
      if (taken.some(([a, b]) => at < b && end > a)) continue;
      taken.push([at, end]);
      if (notTheEventsDate(text, at, end)) continue;
      const value = toIso(m as RegExpExecArray, at);
      if (value && !isTargetTalkedOf(text, at, value, published))
        found.push({ at, length: m[0].length, iso: value });
    }
  };
  const withYear = (month: number, day: number | undefined, at: number) => {
    const known = day === undefined ? undefined : events.get(`${month}-${day}`);
    if (known) return known;
    const year = inferYear(published, month, day, tenseAt(text, at));
    return year === undefined ? undefined : iso(year, month, day);
  };

  // Most precise first, so that "June 22, 2025" is not read as "June 22" plus "2025".
  scan(`\\b${MONTH} ${DAY}(?:\\s*[-–]\\s*\\d{1,2})?,? ${YEAR}\\b`, (m) =>
    iso(Number(m[3]), monthNumber(m[1]), Number(m[2])),
  );
  scan(`\\b${DAY} ${MONTH},? ${YEAR}\\b`, (m) =>
    iso(Number(m[3]), monthNumber(m[2]), Number(m[1])),
  );
  scan(`\\b${MONTH},? ${YEAR}\\b`, (m) => iso(Number(m[2]), monthNumber(m[1])));
  scan(`\\b${MONTH} ${DAY}(?:\\s*[-–]\\s*\\d{1,2})?\\b(?![,:]?\\d)`, (m, at) =>
    withYear(monthNumber(m[1]), Number(m[2]), at),
  );
  scan(`\\b${DAY} ${MONTH}\\b`, (m, at) => withYear(monthNumber(m[2]), Number(m[1]), at));
  // A month alone needs a word before it that makes it a date ("in November"), since "May"
  // is also a verb.
  scan(
    `\\b(?:in|since|by|until|till|during|through|from|early|mid-|late|last|this|of|before|after)\\s*${MONTH}\\b`,
    (m, at) => withYear(monthNumber(m[1]), undefined, at),
  );
  scan("\\b(last|this|next) (month|year)\\b", (m) => relative(published, lower(m[1]), m[2]), "gi");
  scan("\\bearlier this (month|year)\\b", (m) => relative(published, "this", m[1]), "gi");
  scan(RELATIVE_DAY, (m) => relativeDay(published, lower(m[0])), "gi");
  // A bare year, not part of a larger number ("1,000-plus", "$2.8", "2023-2024" keeps 2023).
  scan(`(?<![\\d,.$])\\b${YEAR}\\b(?![,.]?\\d)`, (m) => iso(Number(m[1])));

  found.sort((a, b) => a.at - b.at);
  return found[0]?.iso;
}

/**
 * A press release says what happens on the day it is issued ("WASHINGTON – Today, OFAC
 * designated ..."): there its undated sentences in the present progressive ("X is being
 * designated", "OFAC is also identifying") and the words it quotes ("..., said Secretary
 * Bessent") are of that day. An analysis may quote words said long before, so only an article
 * that opens on its own day is read so.
 */
export interface ReleaseDay {
  /** The release's day for a sentence of the release's own action or quoted words, if it is one. */
  dateOf(sentence: string, paragraph: string, start: number): string | undefined;
}

const OPENS_ON_ITS_DAY = /^(?:\p{Lu}{3,}(?:[ ,.]+\p{Lu}{2,})*\s*[–—-]\s*)?Today\b/u;
/** "is being designated", "are being identified", "is also sanctioning", "is taking action". */
const RELEASE_ACTION =
  /\b(?:is|are)\s+(?:also\s+)?(?:being\s+(?:designated|identified|sanctioned|added|listed)|(?:designating|identifying|sanctioning|taking action|issuing|imposing|announcing))\b/;
/** `“...,” said X` or `X said: “...”`: words quoted in the paragraph, with who said them. */
const SAID = /["”]\s*(?:said|says|added|stated|noted)\s+\p{Lu}/u;

export function releaseDay(
  paragraphs: readonly { text: string }[],
  published: Publication,
): ReleaseDay | undefined {
  const day =
    published.day === undefined ? undefined : iso(published.year, published.month, published.day);
  const opening = paragraphs.slice(0, 3).some((p) => OPENS_ON_ITS_DAY.test(p.text.trim()));
  if (!day || !opening) return undefined;
  return {
    dateOf(sentence, paragraph, start) {
      if (RELEASE_ACTION.test(sentence)) return day;
      const before = paragraph.slice(0, start);
      const quoted =
        /^["“]/.test(sentence.trim()) || before.split("“").length > before.split("”").length;
      return quoted && SAID.test(paragraph) ? day : undefined;
    },
  };
}

/** "today", "yesterday", "three days ago", "last week": counted back from publication. */
const RELATIVE_DAY =
  "\\b(?:today|yesterday|tomorrow|(?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a few|several) days ago|(?:last|this|earlier this) week)\\b";
const NUMBER_WORDS = [
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
];

function relativeDay(published: Publication, phrase: string): string | undefined {
  const { year, month, day } = published;
  if (phrase === "today") return iso(year, month, day);
  if (month === undefined || day === undefined) return undefined;
  const week = /week$/.test(phrase);
  const count = /^(\d+)/.exec(phrase)?.[1];
  const words = NUMBER_WORDS.indexOf(phrase.split(" ")[0] ?? "") + 1;
  const back =
    phrase === "yesterday" ? 1 : phrase === "tomorrow" ? -1 : count ? Number(count) : words;
  if (week || back === 0) {
    // Some day of the past week (or a few days): its month, if the whole span lies in it.
    const reach = week && phrase.startsWith("last") ? 13 : 7;
    return day > reach ? iso(year, month) : undefined;
  }
  const date = new Date(Date.UTC(year, month - 1, day - back));
  return iso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/**
 * A date that is not what the sentence is about: compared with ("than those of 2018",
 * "compared to the conflict of October 7, 2023", "just as it was in 2024"), the edge of a span
 * ("since 2019", "through 2023 and 2024", "2019-2021"), or part of a name ("the 2008 U.S.-Iraq
 * Strategic Framework Agreement").
 */
function notTheEventsDate(text: string, at: number, end: number): boolean {
  const before = text.slice(Math.max(0, at - 90), at);
  const after = text.slice(end, end + 30);
  if (
    /\bthan\b[^.;:,]{0,40}$/i.test(before) ||
    /\b(?:compared (?:to|with)|just as|as it was|unlike|similar to)\b[^.;:]{0,80}$/i.test(before)
  ) {
    return true;
  }
  if (
    /\b(?:since|through|throughout|until|till|between|from)\s+(?:at least\s+|(?:early|mid|late)-?\s*|the (?:start|end|beginning) of\s+)?$/i.test(
      before,
    )
  ) {
    return true;
  }
  if (/^\s*(?:[-–]|and|to|through)\s*(?:19|20)\d{2}\b/.test(after)) return true;
  if (/(?:19|20)\d{2}\s*(?:[-–]|and|to)\s*$/.test(before)) return true;
  // "the 2008 U.S.-Iraq Strategic Framework Agreement": a year inside a name.
  return (
    /^\d{4}$/.test(text.slice(at, end)) && /\bthe\s+$/i.test(before) && /^\s+\p{Lu}/u.test(after)
  );
}

/**
 * "the two leaders discussed ... to ensure Iraq becomes self-sufficient by 2030", "committed to
 * ... by the end of 2024" (in April 2024): a deadline after publication that a past event spoke
 * of is not when that event happened.
 */
function isTargetTalkedOf(text: string, at: number, iso: string, published: Publication): boolean {
  const by = /\bby\s+(the\s+end\s+of\s+)?$/i.exec(text.slice(0, at));
  if (!by) return false;
  const pub = [published.year, published.month ?? 12, published.day ?? 31];
  // "by the end of 2024" is its last day; "by 2024" alone, its first.
  const end = by[1] !== undefined;
  const [y = 0, m = end ? 12 : 1, d = end ? 31 : 1] = iso.split("-").map(Number);
  const after =
    y !== pub[0]
      ? y > (pub[0] as number)
      : m * 100 + d > (pub[1] as number) * 100 + (pub[2] as number);
  return after && new RegExp(PAST_MARK.source, "iu").test(text.slice(0, at));
}

type Tense = "past" | "future" | "unknown";

const FUTURE_MARK =
  /\b(?:will|shall|is (?:expected|scheduled|set|due|slated) to|are (?:expected|scheduled|set|due|slated) to|plans? to|intends? to|upcoming|next)\b/gi;
/** Past tense: "-ed" forms (not "scheduled to", "based"), and the common irregular verbs. */
const PAST_MARK =
  /\b(?:was|were|had|did|ago|last|won|took|made|said|told|began|came|went|gave|held|fell|rose|struck|shot|met|left|sent|saw|led|paid|fought|broke|ran|became|grew|knew|thought|brought|bought|sought|caught|spent|built|lost|kept|wrote|stood|sat|froze|drew|\p{Ll}{3,}(?<!spe|inde|bas|unit|schedul|expect|slat|intend)ed)\b/giu;

/** The tense of the verb nearest the date: where a year-less date falls. */
function tenseAt(text: string, at: number): Tense {
  const nearest = (pattern: RegExp) => {
    let best = Number.POSITIVE_INFINITY;
    for (const m of text.matchAll(pattern)) best = Math.min(best, Math.abs((m.index ?? 0) - at));
    return best;
  };
  const future = nearest(FUTURE_MARK);
  const past = nearest(PAST_MARK);
  if (future === past) return "unknown";
  return future < past ? "future" : "past";
}

function lower(text: string | undefined): string {
  return (text ?? "").toLowerCase();
}

function relative(published: Publication, which = "", unit = ""): string | undefined {
  unit = unit.toLowerCase();
  const shift = which === "last" ? -1 : which === "next" ? 1 : 0;
  if (unit === "year") return iso(published.year + shift);
  if (published.month === undefined) return undefined;
  const index = published.year * 12 + (published.month - 1) + shift;
  return iso(Math.floor(index / 12), (index % 12) + 1);
}

/** A month's nearest occurrence further from publication than this is too uncertain to date. */
const UNSURE_MONTHS = 3;

/**
 * The year of a date written without one. Past tense: the latest such date up to publication
 * ("On November 17, OFAC designated" in January 2024 is 2023). Future: the first one after it
 * ("by November" in March 2026 is 2026). Otherwise the nearest one, if it is near enough.
 */
function inferYear(
  published: Publication,
  month: number,
  day: number | undefined,
  tense: Tense,
): number | undefined {
  if (published.month === undefined) return tense === "unknown" ? undefined : published.year;
  // Compared at the precision both have: a month-only publication holds all its days.
  const key = (m: number, d: number | undefined) =>
    m * 100 + (published.day === undefined ? 0 : (d ?? 0));
  const date = key(month, day);
  const pub = key(published.month, published.day);
  if (tense === "past") return date <= pub ? published.year : published.year - 1;
  if (tense === "future") return date >= pub ? published.year : published.year + 1;
  const candidates = [published.year - 1, published.year, published.year + 1];
  const distance = (y: number) =>
    Math.abs(y * 12 + month - (published.year * 12 + (published.month ?? 1)));
  const best = candidates.sort((a, b) => distance(a) - distance(b))[0] as number;
  return distance(best) <= UNSURE_MONTHS ? best : undefined;
}

function monthNumber(name: string | undefined): number {
  const key = (name ?? "").toLowerCase().replace(/\.$/, "");
  return MONTH_NAMES.findIndex((m) => m.startsWith(key)) + 1;
}

function iso(year: number, month?: number, day?: number): string | undefined {
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (day < 1 || day > daysIn(year, month ?? 1))) return undefined;
  const pad = (n: number) => String(n).padStart(2, "0");
  return [String(year), month && pad(month), month && day && pad(day)].filter(Boolean).join("-");
}

function validIso(text: string): string | undefined {
  const [y, m, d] = text.split("-").map(Number);
  return y === undefined ? undefined : iso(y, m, d);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
