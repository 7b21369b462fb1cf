/**
 * When a cron expression fires, in an IANA time zone (through `Intl.DateTimeFormat`, no
 * time-zone data of our own). The search walks the zone's wall-clock time (held as a UTC epoch of
 * those fields) field by field, then turns the matching wall time into an instant.
 *
 * Daylight saving time: a wall time that a change skips (02:30 when clocks go from 02:00 to
 * 03:00) fires at the instant it would be with the offset before the change (03:30, local time);
 * a wall time that a change repeats (01:30 when clocks go back from 02:00 to 01:00) fires once,
 * at its first occurrence, so ticks inside the repeated hour do not fire a second time.
 */
import type { Cron } from "./cron.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How far ahead a search looks before it decides the expression never fires (Feb 30). */
const SEARCH_YEARS = 8;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a TypeError naming `where` when `timeZone` is not an IANA zone this runtime knows. */
export function assertTimeZone(timeZone: unknown, where: string): asserts timeZone is string {
  if (typeof timeZone === "string" && timeZone.length > 0) {
    try {
      formatter(timeZone);
      return;
    } catch {
      // reported below
    }
  }
  throw new TypeError(
    `${where} must be an IANA time zone such as "UTC" or "Europe/Paris", got ${typeof timeZone === "string" ? JSON.stringify(timeZone) : typeof timeZone}`,
  );
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock time of `instant` in `timeZone`, as a UTC epoch of its fields (to the second). */
export function wallTime(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant))
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  return Date.UTC(
    fields.year!,
    fields.month! - 1,
    fields.day!,
    fields.hour!,
    fields.minute!,
    fields.second!,
  );
}

/** The instant a wall time (a minute) fires at, by the rule above. */
export function instantOf(wall: number, timeZone: string): number {
  const before = wall - (wallTime(wall - 12 * HOUR, timeZone) - (wall - 12 * HOUR));
  const after = wall - (wallTime(wall + 12 * HOUR, timeZone) - (wall + 12 * HOUR));
  const valid = [before, after].filter((t) => wallTime(t, timeZone) === wall);
  // Repeated: the first occurrence. Skipped: the offset before the change.
  return valid.length > 0 ? Math.min(...valid) : before;
}

function dayMatches(cron: Cron, date: Date): boolean {
  const dom = cron.daysOfMonth.has(date.getUTCDate());
  const dow = cron.daysOfWeek.has(date.getUTCDay());
  if (!cron.anyDayOfMonth && !cron.anyDayOfWeek) return dom || dow;
  return dom && dow;
}

/** The first wall time (a whole minute) at or after `from` that the expression matches. */
function nextWall(cron: Cron, from: number): number | undefined {
  const limit = from + SEARCH_YEARS * 366 * 24 * HOUR;
  let t = Math.ceil(from / MINUTE) * MINUTE;
  while (t <= limit) {
    const d = new Date(t);
    const [y, mo, day, h] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()];
    if (!cron.months.has(mo + 1)) t = Date.UTC(y, mo + 1, 1);
    else if (!dayMatches(cron, d)) t = Date.UTC(y, mo, day + 1);
    else if (!cron.hours.has(h)) t = Date.UTC(y, mo, day, h + 1);
    else if (!cron.minutes.has(d.getUTCMinutes())) t += MINUTE;
    else return t;
  }
  return undefined;
}

/**
 * The first tick strictly after `after` (epoch ms), or undefined when the expression matches no
 * date in the next years (`0 0 30 2 *`).
 */
export function nextTick(cron: Cron, timeZone: string, after: number): number | undefined {
  let from = wallTime(after, timeZone) + 1;
  for (let guard = 0; guard < 10_000; guard++) {
    const wall = nextWall(cron, from);
    if (wall === undefined) return undefined;
    const instant = instantOf(wall, timeZone);
    if (instant > after) return instant;
    from = wall + MINUTE; // a repeated hour, or a skipped time shifted behind `after`
  }
  return undefined;
}

/**
 * The latest tick at or before `now` and at or after `since` (a due tick), or undefined. Used for
 * the catch-up after downtime: one run for the latest missed tick, not one per tick missed.
 */
export function latestTick(
  cron: Cron,
  timeZone: string,
  since: number,
  now: number,
): number | undefined {
  if (since > now) return undefined;
  // Look back over growing windows, so that a minutely schedule down for a year walks a
  // minute, not half a million ticks.
  for (const window of [MINUTE, HOUR, 24 * HOUR, 32 * 24 * HOUR, 366 * 24 * HOUR, Infinity]) {
    const start = Math.max(since, now - window);
    let tick = start === since ? since : nextTick(cron, timeZone, start - 1);
    if (tick === undefined || tick > now) {
      if (start === since) return undefined;
      continue;
    }
    for (let next = nextTick(cron, timeZone, tick); next !== undefined && next <= now;)
      [tick, next] = [next, nextTick(cron, timeZone, next)];
    return tick;
  }
  return undefined;
}
