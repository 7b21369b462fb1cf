/** A duration: `"100ms"`, `"30s"`, `"5m"`, `"2h"`, `"1d"`, `"2w"`, `"1.5h"`, milliseconds, or a Date. */
export type Duration = string | number | Date;

const UNIT_MS: Record<string, number> = {
  ms: 1,
  msec: 1,
  msecs: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
};

const PATTERN = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i;

/** Milliseconds in a duration string or number; throws a TypeError naming the bad value. */
export function parseDurationMs(value: string | number, what = "duration"): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0)
      throw new TypeError(
        `Invalid ${what} ${value}: expected a finite number of milliseconds >= 0`,
      );
    return value;
  }
  const match = typeof value === "string" ? PATTERN.exec(value) : null;
  const unit = match ? (match[2] || "ms").toLowerCase() : "";
  const factor = UNIT_MS[unit];
  if (!match || factor === undefined) {
    throw new TypeError(
      `Invalid ${what} ${JSON.stringify(value)}: use a number of milliseconds, a Date, or a string like "100ms", "30s", "5m", "2h", "1d", "2w"`,
    );
  }
  return Number(match[1]) * factor;
}

/** The moment a duration ends, counted from `now` (epoch ms). A Date is taken as the moment itself. */
export function resolveDuration(value: Duration, now: number, what = "duration"): number {
  if (value instanceof Date || Object.prototype.toString.call(value) === "[object Date]") {
    const at = (value as Date).getTime();
    if (Number.isNaN(at)) throw new TypeError(`Invalid ${what}: the Date is invalid`);
    return at;
  }
  return now + parseDurationMs(value as string | number, what);
}
