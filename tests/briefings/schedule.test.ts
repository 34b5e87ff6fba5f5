/** Schedules as people type them, and the due times croner computes in their time zone. */
import { describe, expect, it } from "vitest";
import { nextDue, parseSchedule, parseTime } from "../../src/briefings/schedule.ts";
import { canonicalTimeZone } from "../../src/briefings/timezone.ts";
import { UserError } from "../../src/core/errors.ts";

describe("parseSchedule", () => {
  it.each([
    ["daily 08:30", "30 8 * * *", "daily at 08:30"],
    ["Daily at 8:30", "30 8 * * *", "daily at 08:30"],
    ["every day 18:05", "5 18 * * *", "daily at 18:05"],
    ["weekdays 09:00", "0 9 * * 1-5", "weekdays at 09:00"],
    ["every weekday at 9am", "0 9 * * 1-5", "weekdays at 09:00"],
    ["weekends 10:00", "0 10 * * 0,6", "weekends at 10:00"],
    ["mondays 07:45", "45 7 * * 1", "Mondays at 07:45"],
    ["every monday at 7:45", "45 7 * * 1", "Mondays at 07:45"],
    ["fri 5pm", "0 17 * * 5", "Fridays at 17:00"],
    ["sunday 12am", "0 0 * * 0", "Sundays at 00:00"],
    ["30 8 * * 1-5", "30 8 * * 1-5", "cron 30 8 * * 1-5"],
    ["cron 0 9 * * mon-fri", "0 9 * * mon-fri", "cron 0 9 * * mon-fri"],
    ["0 */6 * * *", "0 */6 * * *", "cron 0 */6 * * *"],
  ])("%s → %s", (typed, cron, label) => {
    expect(parseSchedule(typed)).toEqual({ cron, label });
  });

  it.each([
    ["", /Give a schedule/],
    ["sometimes 08:30", /not a schedule I can read/],
    ["daily", /needs a time of day, e.g. "daily 08:30"/],
    ["daily 25:00", /not a time of day/],
    ["daily 8", /not a time of day/],
    ["*/15 * * * *", /more than once an hour/],
    ["* * * * *", /more than once an hour/],
    ["60 * * * *", /not a cron expression/],
    ["0 0 9 * * *", /not a schedule I can read/], // seconds: 6 fields are not accepted
    ["0 9 31 2 *", /never comes due/],
  ])("refuses %j with a reply that shows examples", (typed, why) => {
    let error: unknown;
    try {
      parseSchedule(typed);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(why);
    expect((error as UserError).message).toContain("daily 08:30, weekdays 09:00");
    expect((error as UserError).hint).toBe("/briefing subscribe militias daily 08:30 Europe/Paris");
  });

  it("reads times in 24-hour and 12-hour form", () => {
    expect(parseTime("08:30")).toEqual([8, 30]);
    expect(parseTime("8.30")).toEqual([8, 30]);
    expect(parseTime("12pm")).toEqual([12, 0]);
    expect(parseTime("12:15am")).toEqual([0, 15]);
    expect(parseTime("13pm")).toBeUndefined();
    expect(parseTime("24:00")).toBeUndefined();
  });
});

describe("time zones and due times", () => {
  it("knows IANA names whatever their case, and nothing else", () => {
    expect(canonicalTimeZone("europe/paris")).toBe("Europe/Paris");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("Mars/Olympus")).toBeUndefined();
    expect(canonicalTimeZone("")).toBeUndefined();
  });

  it("computes the next due time in the subscription's zone, across a DST change", () => {
    const { cron } = parseSchedule("daily 08:30");
    // Paris is UTC+1 in winter, UTC+2 in summer (the change: March 29, 2026).
    expect(nextDue(cron, "Europe/Paris", new Date("2026-01-13T10:00:00Z"))?.toISOString()).toBe(
      "2026-01-14T07:30:00.000Z",
    );
    expect(nextDue(cron, "Europe/Paris", new Date("2026-03-29T05:00:00Z"))?.toISOString()).toBe(
      "2026-03-29T06:30:00.000Z",
    );
    expect(nextDue(cron, "Asia/Baghdad", new Date("2026-01-13T10:00:00Z"))?.toISOString()).toBe(
      "2026-01-14T05:30:00.000Z",
    );
  });

  it("weekdays skip the weekend", () => {
    const { cron } = parseSchedule("weekdays 09:00");
    // Friday Jan 16, 2026 after 09:00 UTC → Monday Jan 19.
    expect(nextDue(cron, "UTC", new Date("2026-01-16T10:00:00Z"))?.toISOString()).toBe(
      "2026-01-19T09:00:00.000Z",
    );
  });
});
