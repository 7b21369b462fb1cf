/**
 * Cron expressions of five fields (minute hour day-of-month month day-of-week), parsed into the
 * values each field allows. Per field: `*`, a value, a range `a-b`, a step `*\/n`, `a-b/n` or
 * `a/n` (from a to the field's end), and comma lists of those; months and days of the week also
 * by name (`JAN`-`DEC`, `SUN`-`SAT`, any case), and 7 is Sunday too. Aliases: `@yearly`
 * (`@annually`), `@monthly`, `@weekly`, `@daily` (`@midnight`), `@hourly`.
 *
 * As in Vixie cron, when both day-of-month and day-of-week are restricted (neither is `*`), a day
 * matches if either does; otherwise both must.
 */

/** A parsed expression: the allowed values of each field. */
export interface Cron {
  /** The expression as given. */
  readonly source: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** 0 (Sunday) to 6. */
  readonly daysOfWeek: ReadonlySet<number>;
  /** Whether day-of-month, and day-of-week, were `*` (see the day rule above). */
  readonly anyDayOfMonth: boolean;
  readonly anyDayOfWeek: boolean;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  {
    name: "month",
    min: 1,
    max: 12,
    names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
  },
  { name: "day-of-week", min: 0, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
];

const ALIASES: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/**
 * Parses `expression`; a malformed one is a TypeError that names `where` (the call and option,
 * e.g. `schedule(): options.cron`), the field and its position, and what is accepted.
 */
export function parseCron(expression: unknown, where = "cron"): Cron {
  if (typeof expression !== "string")
    throw new TypeError(
      `${where} must be a cron expression string such as "*/5 * * * *", got ${expression === null ? "null" : typeof expression}`,
    );
  const source = expression;
  const trimmed = expression.trim();
  let text = trimmed;
  if (text.startsWith("@")) {
    const alias = ALIASES[text.toLowerCase()];
    if (!alias)
      throw new TypeError(
        `${where} ${JSON.stringify(source)}: unknown alias ${text}, expected one of ${Object.keys(ALIASES).join(", ")}`,
      );
    text = alias;
  }
  const parts = text.split(/\s+/).filter((part) => part.length > 0);
  if (parts.length !== 5)
    throw new TypeError(
      `${where} ${JSON.stringify(source)} has ${parts.length} field${parts.length === 1 ? "" : "s"}, expected 5 (minute hour day-of-month month day-of-week)`,
    );
  const sets = parts.map((part, i) => parseField(part, FIELDS[i]!, i, source, where));
  const daysOfWeek = new Set([...sets[4]!].map((day) => day % 7));
  return {
    source,
    minutes: sets[0]!,
    hours: sets[1]!,
    daysOfMonth: sets[2]!,
    months: sets[3]!,
    daysOfWeek,
    anyDayOfMonth: parts[2] === "*",
    anyDayOfWeek: parts[4] === "*",
  };
}

function parseField(
  text: string,
  spec: FieldSpec,
  index: number,
  source: string,
  where: string,
): Set<number> {
  const fail = (why: string): never => {
    throw new TypeError(
      `${where} ${JSON.stringify(source)}: ${spec.name} (field ${index + 1}) ${JSON.stringify(text)}: ${why}`,
    );
  };
  const value = (token: string): number => {
    const byName = spec.names?.indexOf(token.toUpperCase()) ?? -1;
    if (byName >= 0) return spec.min === 1 ? byName + 1 : byName;
    if (!/^\d+$/.test(token))
      return fail(
        `${JSON.stringify(token)} is not a number${spec.names ? ` or a name (${spec.names[0]}-${spec.names[spec.names.length - 1]})` : ""}`,
      );
    const n = Number(token);
    if (n < spec.min || n > spec.max) fail(`${n} is out of range ${spec.min}-${spec.max}`);
    return n;
  };
  const values = new Set<number>();
  for (const item of text.split(",")) {
    if (item === "") fail("an empty item in the list");
    const [range, stepText, extra] = item.split("/");
    if (extra !== undefined) fail(`${JSON.stringify(item)} has more than one /`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0)
        fail(`step ${JSON.stringify(stepText)} must be a positive whole number`);
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === "*") [from, to] = [spec.min, spec.max];
    else if (range!.includes("-")) {
      const [a, b, more] = range!.split("-");
      if (more !== undefined || !a || !b) fail(`${JSON.stringify(range)} is not a range a-b`);
      [from, to] = [value(a!), value(b!)];
      if (from > to) fail(`range ${range} goes backwards`);
    } else {
      from = value(range!);
      to = stepText !== undefined ? spec.max : from;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}
