/** Dates as people write them: "June 22, 2025", "November 2024", "2011". Facts keep ISO. */
const DAY = new Intl.DateTimeFormat("en-US", {
  month: "long",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});
const MONTH = new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

export function formatDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  if (year === undefined || Number.isNaN(year)) return iso;
  if (month === undefined) return String(year);
  const date = new Date(Date.UTC(year, month - 1, day ?? 1));
  return (day === undefined ? MONTH : DAY).format(date);
}

/**
 * Orders ISO dates of mixed precision. A date known only to the month or year ("toward the end
 * of the war": 2025-06) sorts after the days inside it, since it may be as late as its end.
 */
export function compareIsoDates(a: string, b: string): number {
  const ka = endOfPeriod(a);
  const kb = endOfPeriod(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function endOfPeriod(iso: string): string {
  return `${iso}-99-99`.slice(0, 10);
}
