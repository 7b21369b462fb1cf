/**
 * How long finished runs are kept: the `retention` option of every world and
 * `WORKFLOW_RETENTION`. One parser, so that both worlds accept and refuse the same spellings.
 */

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Milliseconds from `"30d"`, `"12h"`, `"90m"`, `"45s"`, `"500ms"`, `"2w"` or a number of
 * milliseconds; undefined when neither the option nor the variable is set (keep runs forever).
 * Anything else is a RangeError that names where the value came from.
 */
export function retentionMs(
  option: string | number | undefined,
  env: string | undefined = process.env.WORKFLOW_RETENTION,
): number | undefined {
  const [value, source] =
    option !== undefined ? [option, "the retention option"] : [env, "WORKFLOW_RETENTION"];
  if (value === undefined || value === "") return undefined;
  if (typeof value === "number") {
    if (Number.isFinite(value) && value > 0) return value;
  } else {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/.exec(value);
    if (match) {
      const ms = Number(match[1]) * (UNITS[match[2] as string] as number);
      if (ms > 0) return ms;
    }
  }
  throw new RangeError(
    `${source} is ${JSON.stringify(value)}; expected a positive duration such as "30d", "12h", ` +
      `"90m" or a number of milliseconds`,
  );
}
