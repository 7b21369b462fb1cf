import { describe, expect, it } from "vitest";
import { parseCron } from "./cron.js";
import { assertTimeZone, latestTick, nextTick } from "./cron-time.js";

const at = (iso: string) => Date.parse(iso);
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
/** The next `n` ticks after `from`. */
function ticks(cron: string, from: string, n: number, timeZone = "UTC"): string[] {
  const parsed = parseCron(cron);
  const out: string[] = [];
  let t = at(from);
  for (let i = 0; i < n; i++) {
    t = nextTick(parsed, timeZone, t)!;
    out.push(iso(t)!);
  }
  return out;
}

describe("parseCron", () => {
  it("reads values, ranges, steps, lists, names and aliases", () => {
    const cron = parseCron("*/15 9-17/4 1,15 jan-MAR,dec mon-fri");
    expect([...cron.minutes]).toEqual([0, 15, 30, 45]);
    expect([...cron.hours]).toEqual([9, 13, 17]);
    expect([...cron.daysOfMonth]).toEqual([1, 15]);
    expect([...cron.months]).toEqual([1, 2, 3, 12]);
    expect([...cron.daysOfWeek]).toEqual([1, 2, 3, 4, 5]);
    expect([...parseCron("0 0 * * 7").daysOfWeek]).toEqual([0]);
    expect([...parseCron("5/20 * * * *").minutes]).toEqual([5, 25, 45]);
    expect(parseCron("@hourly").minutes).toEqual(new Set([0]));
    expect(parseCron("@weekly").daysOfWeek).toEqual(new Set([0]));
  });

  it.each([
    [
      "*/5 * * *",
      'cron "*/5 * * *" has 4 fields, expected 5 (minute hour day-of-month month day-of-week)',
    ],
    ["", 'cron "" has 0 fields, expected 5 (minute hour day-of-month month day-of-week)'],
    ["61 * * * *", 'cron "61 * * * *": minute (field 1) "61": 61 is out of range 0-59'],
    ["* 24 * * *", 'cron "* 24 * * *": hour (field 2) "24": 24 is out of range 0-23'],
    ["* * 0 * *", 'cron "* * 0 * *": day-of-month (field 3) "0": 0 is out of range 1-31'],
    [
      "* * * foo *",
      'cron "* * * foo *": month (field 4) "foo": "foo" is not a number or a name (JAN-DEC)',
    ],
    ["* * * * 1-", 'cron "* * * * 1-": day-of-week (field 5) "1-": "1-" is not a range a-b'],
    [
      "*/0 * * * *",
      'cron "*/0 * * * *": minute (field 1) "*/0": step "0" must be a positive whole number',
    ],
    ["5-1 * * * *", 'cron "5-1 * * * *": minute (field 1) "5-1": range 5-1 goes backwards'],
    ["1,,2 * * * *", 'cron "1,,2 * * * *": minute (field 1) "1,,2": an empty item in the list'],
    [
      "@often",
      'cron "@often": unknown alias @often, expected one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly',
    ],
  ])("refuses %j, naming the field and position", (expression, message) => {
    expect(() => parseCron(expression)).toThrow(new TypeError(message));
  });
});

describe("nextTick", () => {
  it("gives known next-fire times in UTC", () => {
    expect(ticks("*/5 * * * *", "2026-03-01T10:02:30Z", 3)).toEqual([
      "2026-03-01T10:05:00.000Z",
      "2026-03-01T10:10:00.000Z",
      "2026-03-01T10:15:00.000Z",
    ]);
    // Strictly after: a time on a tick gives the next one.
    expect(ticks("0 * * * *", "2026-03-01T10:00:00Z", 1)).toEqual(["2026-03-01T11:00:00.000Z"]);
    expect(ticks("30 9 * * mon-fri", "2026-03-06T10:00:00Z", 2)).toEqual([
      "2026-03-09T09:30:00.000Z", // Friday 6th past 9:30: Monday 9th
      "2026-03-10T09:30:00.000Z",
    ]);
    expect(ticks("0 0 29 2 *", "2026-01-01T00:00:00Z", 1)).toEqual(["2028-02-29T00:00:00.000Z"]);
    // Day-of-month and day-of-week both restricted: either matches (the 13th, or a Friday).
    expect(ticks("0 12 13 * fri", "2026-02-10T00:00:00Z", 3)).toEqual([
      "2026-02-13T12:00:00.000Z",
      "2026-02-20T12:00:00.000Z",
      "2026-02-27T12:00:00.000Z",
    ]);
    expect(nextTick(parseCron("0 0 30 2 *"), "UTC", at("2026-01-01T00:00:00Z"))).toBeUndefined();
  });

  it("follows a time zone, and its daylight saving changes by the documented rule", () => {
    expect(ticks("0 9 * * *", "2026-01-10T00:00:00Z", 1, "America/New_York")).toEqual([
      "2026-01-10T14:00:00.000Z",
    ]);
    // New York springs forward on 2026-03-08 at 02:00 -> 03:00: 02:30 fires at 03:30 EDT.
    expect(ticks("30 2 * * *", "2026-03-07T12:00:00Z", 2, "America/New_York")).toEqual([
      "2026-03-08T07:30:00.000Z",
      "2026-03-09T06:30:00.000Z",
    ]);
    // And falls back on 2026-11-01 at 02:00 -> 01:00: 01:30 fires once, at its first occurrence.
    expect(ticks("30 1 * * *", "2026-10-31T12:00:00Z", 2, "America/New_York")).toEqual([
      "2026-11-01T05:30:00.000Z",
      "2026-11-02T06:30:00.000Z",
    ]);
    expect(ticks("0 0 * * *", "2026-06-01T00:00:00Z", 1, "Asia/Kolkata")).toEqual([
      "2026-06-01T18:30:00.000Z",
    ]);
  });

  it("refuses an unknown time zone", () => {
    expect(() => assertTimeZone("Mars/Olympus", "schedule(): options.timezone")).toThrow(
      'schedule(): options.timezone must be an IANA time zone such as "UTC" or "Europe/Paris", got "Mars/Olympus"',
    );
  });
});

describe("latestTick", () => {
  it("finds the latest tick due, however long the downtime", () => {
    const minutely = parseCron("* * * * *");
    const since = at("2025-01-01T00:00:00Z");
    expect(iso(latestTick(minutely, "UTC", since, at("2026-03-01T10:02:30Z")))).toBe(
      "2026-03-01T10:02:00.000Z",
    );
    const daily = parseCron("0 6 * * *");
    expect(
      iso(latestTick(daily, "UTC", at("2026-02-20T06:00:00Z"), at("2026-03-01T05:00:00Z"))),
    ).toBe("2026-02-28T06:00:00.000Z");
    expect(latestTick(daily, "UTC", at("2026-03-01T06:00:00Z"), at("2026-03-01T05:00:00Z"))).toBe(
      undefined,
    );
  });
});
