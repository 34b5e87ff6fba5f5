/**
 * Schedules as people type them ("daily 08:30", "weekdays 09:00", "mondays 07:45") or as a
 * 5-field cron expression, turned into a cron pattern that croner evaluates in the
 * subscription's time zone. Nothing here keeps time: croner computes every due time.
 */
import { Cron } from "croner";
import { UserError } from "../core/errors.ts";

export interface Schedule {
  /** 5-field cron: minute hour day-of-month month day-of-week. */
  cron: string;
  /** How people read it: "weekdays at 09:00". */
  label: string;
}

/** Briefings are for people: no schedule may post more often than this. */
export const MIN_INTERVAL_MINUTES = 60;

export const SCHEDULE_EXAMPLES = "daily 08:30, weekdays 09:00, mondays 07:45, or cron 30 8 * * 1-5";
export const SUBSCRIBE_EXAMPLE = "/briefing subscribe militias daily 08:30 Europe/Paris";

const DAYS: Record<string, { cron: string; label: string }> = {
  daily: { cron: "*", label: "daily" },
  day: { cron: "*", label: "daily" },
  "every day": { cron: "*", label: "daily" },
  everyday: { cron: "*", label: "daily" },
  weekdays: { cron: "1-5", label: "weekdays" },
  weekday: { cron: "1-5", label: "weekdays" },
  weekends: { cron: "0,6", label: "weekends" },
  weekend: { cron: "0,6", label: "weekends" },
};
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

function dayOfWeek(word: string): { cron: string; label: string } | undefined {
  const named = DAYS[word];
  if (named) return named;
  const singular = word.replace(/s$/, "");
  const index = WEEKDAYS.findIndex(
    (d) => d === singular || (singular.length >= 3 && d.startsWith(singular)),
  );
  if (index < 0) return undefined;
  const name = WEEKDAYS[index] ?? "";
  return { cron: String(index), label: `${name[0]?.toUpperCase()}${name.slice(1)}s` };
}

/** "08:30", "8:30", "8am", "8:30 pm" → [hour, minute]; undefined when it is not a time. */
export function parseTime(text: string): [number, number] | undefined {
  const m = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$/.exec(text.trim());
  if (!m || (m[2] === undefined && m[3] === undefined)) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (m[3]) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (m[3] === "pm" ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return [hour, minute];
}

function badSchedule(why: string): UserError {
  return new UserError(
    `${why} Schedules look like ${SCHEDULE_EXAMPLES} (minute hour day month weekday).`,
    SUBSCRIBE_EXAMPLE,
  );
}

/** A schedule as typed → its cron pattern and label; a UserError with examples otherwise. */
export function parseSchedule(typed: string): Schedule {
  const text = typed.trim().toLowerCase().replace(/\s+/g, " ");
  if (!text) throw badSchedule("Give a schedule.");
  const fields = text.replace(/^cron /, "").split(" ");
  if (/^cron /.test(text) || (fields.length === 5 && /^[\d*]/.test(text))) {
    return checkCron(fields.join(" "));
  }
  if (dayOfWeek(text.replace(/^every /, ""))) {
    throw badSchedule(`"${typed.trim()}" needs a time of day, e.g. "${text} 08:30".`);
  }
  const m = /^(?:every )?(.+?)(?: at)? (\S+(?: ?[ap]m)?)$/.exec(text);
  const days = m?.[1] ? dayOfWeek(m[1]) : undefined;
  const time = m?.[2] ? parseTime(m[2]) : undefined;
  if (!m || !days) {
    throw badSchedule(`"${typed.slice(0, 60)}" is not a schedule I can read.`);
  }
  if (!time) {
    throw badSchedule(`"${m[2]}" is not a time of day: write it as 08:30 (24-hour).`);
  }
  const [hour, minute] = time;
  const clock = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  return { cron: `${minute} ${hour} * * ${days.cron}`, label: `${days.label} at ${clock}` };
}

function checkCron(pattern: string): Schedule {
  let cron: Cron;
  try {
    cron = new Cron(pattern, { mode: "5-part", timezone: "UTC" });
  } catch (error) {
    throw badSchedule(
      `"${pattern.slice(0, 60)}" is not a cron expression I can read (${(error as Error).message}).`,
    );
  }
  const runs = cron.nextRuns(48, new Date(Date.UTC(2026, 0, 1)));
  if (runs.length === 0) throw badSchedule(`"${pattern}" never comes due.`);
  for (let i = 1; i < runs.length; i++) {
    const gap = (runs[i]?.getTime() ?? 0) - (runs[i - 1]?.getTime() ?? 0);
    if (gap < MIN_INTERVAL_MINUTES * 60_000) {
      throw badSchedule(
        `"${pattern}" would post more than once an hour; briefings can come at most hourly.`,
      );
    }
  }
  return { cron: pattern, label: `cron ${pattern}` };
}

/** The first due time strictly after `after`, read in `timezone`; null when there is none. */
export function nextDue(cron: string, timezone: string, after: Date): Date | null {
  return new Cron(cron, { mode: "5-part", timezone }).nextRun(after);
}

/** Words that start a schedule rather than name a topic: "subscribe daily 08:30". */
const SCHEDULE_START =
  /^(daily|every|everyday|weekdays?|weekends?|cron|(mon|tue|wed|thu|fri|sat|sun)[a-z]*|\d.*|\*.*)$/i;

/** Whether a word begins a schedule ("daily", "mondays", "08:30", "*"). */
export function startsSchedule(word: string): boolean {
  return SCHEDULE_START.test(word.trim());
}
