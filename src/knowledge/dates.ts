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

/** Orders ISO dates of mixed precision: "2024" before "2024-03" before "2024-03-01". */
export function compareIsoDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
