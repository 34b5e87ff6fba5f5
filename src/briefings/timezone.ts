/** IANA time zones, checked and spelled as the runtime's Intl knows them. */

/** "europe/paris" → "Europe/Paris"; undefined when no such zone exists. */
export function canonicalTimeZone(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** "Tue 14 Jan, 08:30 CET": a due time as people in that zone read it. */
export function formatInZone(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(date);
}

/** "08:30": the time of day only, in that zone. */
export function timeInZone(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(date);
}

/** Whether a word is meant as a time zone: an Area/City name, or one Intl knows ("UTC"). */
export function looksLikeTimeZone(word: string): boolean {
  return /^[A-Za-z]/.test(word) && (word.includes("/") || canonicalTimeZone(word) !== undefined);
}
