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

export function resolveDate(text: string, published: Publication): string | undefined {
  const found: Found[] = [];
  const taken: [number, number][] = [];
  const scan = (
    pattern: string,
    toIso: (m: RegExpExecArray) => string | undefined,
    flags = "g",
  ) => {
    for (const m of text.matchAll(new RegExp(pattern, flags))) {
      const at = m.index ?? 0;
      const end = at + m[0].length;
      if (taken.some(([a, b]) => at < b && end > a)) continue;
      const value = toIso(m as RegExpExecArray);
      if (!value) continue;
      taken.push([at, end]);
      found.push({ at, length: m[0].length, iso: value });
    }
  };
  const withYear = (month: number, day: number | undefined) => {
    const year = inferYear(published, month, day);
    return iso(year, month, day);
  };

  // Most precise first, so that "June 22, 2025" is not read as "June 22" plus "2025".
  scan(`\\b${MONTH} ${DAY}(?:\\s*[-–]\\s*\\d{1,2})?,? ${YEAR}\\b`, (m) =>
    iso(Number(m[3]), monthNumber(m[1]), Number(m[2])),
  );
  scan(`\\b${DAY} ${MONTH},? ${YEAR}\\b`, (m) =>
    iso(Number(m[3]), monthNumber(m[2]), Number(m[1])),
  );
  scan(`\\b${MONTH},? ${YEAR}\\b`, (m) => iso(Number(m[2]), monthNumber(m[1])));
  scan(`\\b${MONTH} ${DAY}(?:\\s*[-–]\\s*\\d{1,2})?\\b(?![,:]?\\d)`, (m) =>
    withYear(monthNumber(m[1]), Number(m[2])),
  );
  scan(`\\b${DAY} ${MONTH}\\b`, (m) => withYear(monthNumber(m[2]), Number(m[1])));
  // A month alone needs a word before it that makes it a date ("in November"), since "May"
  // is also a verb.
  scan(
    `\\b(?:in|since|by|until|till|during|through|from|early|mid-|late|last|this|of|before|after)\\s*${MONTH}\\b`,
    (m) => withYear(monthNumber(m[1]), undefined),
  );
  scan("\\b(last|this|next) (month|year)\\b", (m) => relative(published, lower(m[1]), m[2]), "gi");
  scan("\\bearlier this (month|year)\\b", (m) => relative(published, "this", m[1]), "gi");
  // A bare year, not part of a larger number ("1,000-plus", "$2.8", "2023-2024" keeps 2023).
  scan(`(?<![\\d,.$])\\b${YEAR}\\b(?![,.]?\\d)`, (m) => iso(Number(m[1])));

  found.sort((a, b) => a.at - b.at);
  return found[0]?.iso;
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

/** The publication year, or the one before when that would be well after publication. */
function inferYear(published: Publication, month: number, day: number | undefined): number {
  if (published.month === undefined) return published.year;
  const monthsAfter = month - published.month;
  const pubDay = published.day ?? 31;
  const after = monthsAfter > 1 || (monthsAfter === 1 && (day ?? 1) > pubDay);
  return after ? published.year - 1 : published.year;
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
