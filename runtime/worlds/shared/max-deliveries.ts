/**
 * How many deliveries in a row a queue gives a message whose handler keeps throwing, before it
 * gives up on it (a poison message): the `maxDeliveries` option of both queues and
 * `WORKFLOW_MAX_DELIVERIES`. One parser, so that both accept and refuse the same values.
 */

/** The default: with the default backoff (50 ms doubling to 5 s) about a minute of retries. */
export const DEFAULT_MAX_DELIVERIES = 20;

/**
 * The option, else `WORKFLOW_MAX_DELIVERIES`, else the default. Anything but a positive
 * integer is a RangeError that names where the value came from. `Infinity` never gives up.
 */
export function maxDeliveries(
  option: number | undefined,
  env: string | undefined = process.env.WORKFLOW_MAX_DELIVERIES,
): number {
  const [value, source] =
    option !== undefined
      ? [option, "the maxDeliveries option"]
      : env !== undefined && env !== ""
        ? [env === "Infinity" ? Infinity : Number(env), "WORKFLOW_MAX_DELIVERIES"]
        : [DEFAULT_MAX_DELIVERIES, "the default"];
  if (value === Infinity || (Number.isInteger(value) && value > 0)) return value;
  throw new RangeError(
    `${source} is ${JSON.stringify(option ?? env)}; expected a positive integer (deliveries ` +
      `of a message whose handler keeps throwing before it is given up), or Infinity`,
  );
}
