/**
 * `start()`'s concurrency limit: `options.concurrency`, else the workflow's own default
 * (`processOrder.concurrency = { limit: 5, key? }`, set on the function in the host realm),
 * checked at the call and turned into what `run_created` records.
 */
import { shortNameOf } from "../../protocol/ids.js";
import type { ConcurrencyLimit } from "../worlds/shared/concurrency.js";

/** `start(wf, args, { concurrency })`: at most `limit` runs of `key` run at once; the rest wait in line. */
export interface ConcurrencyOption {
  /** Runs sharing a key share its slots, whatever their workflow. @default the workflow's name */
  key?: string;
  /** How many runs of the key may run at once: a positive integer. */
  limit: number;
}

/**
 * A workflow's default limit, set on the function: `processOrder.concurrency = { limit: 5 }`.
 * `key` may be a function of the run's arguments (`(order) => "customer:" + order.customerId`).
 */
export interface WorkflowConcurrency {
  /** How many runs of the key may run at once: a positive integer. */
  limit: number;
  /** @default the workflow's name */
  key?: string | ((...args: any[]) => string);
}

const MAX_KEY = 500;

/** The limit the run is created with, or undefined for none; throws a TypeError naming the option. */
export function resolveConcurrency(
  workflowName: string,
  fnDefault: unknown,
  option: unknown,
  args: readonly unknown[],
): ConcurrencyLimit | undefined {
  if (option !== undefined)
    return toLimit("start(): options.concurrency", option, workflowName, args);
  if (fnDefault !== undefined && fnDefault !== null)
    return toLimit(
      `start(): the workflow's concurrency (${shortNameOf(workflowName)}.concurrency)`,
      fnDefault,
      workflowName,
      args,
    );
  return undefined;
}

function toLimit(
  where: string,
  value: unknown,
  workflowName: string,
  args: readonly unknown[],
): ConcurrencyLimit {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new TypeError(
      `${where} must be an object { key?: string, limit: number }, got ${describe(value)}`,
    );
  const { key, limit } = value as { key?: unknown; limit?: unknown };
  if (typeof limit !== "number" || !Number.isSafeInteger(limit) || limit < 1)
    throw new TypeError(
      `${where}.limit must be a positive integer (1, 5, ...), got ${describe(limit)}`,
    );
  let resolved = key;
  if (typeof key === "function") {
    try {
      resolved = key(...args);
    } catch (error) {
      throw new TypeError(
        `${where}.key threw for the run's arguments: ${(error as Error)?.message ?? String(error)}`,
        { cause: error },
      );
    }
  }
  if (resolved === undefined) resolved = workflowName;
  if (typeof resolved !== "string" || resolved.length === 0 || resolved.length > MAX_KEY)
    throw new TypeError(
      `${where}.key must be a non-empty string of at most ${MAX_KEY} characters${typeof key === "function" ? " (here, what the key function returned)" : ""}, got ${describe(resolved)}`,
    );
  return { key: resolved, limit };
}

function describe(value: unknown): string {
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
  if (typeof value === "function") return "a function";
  if (typeof value === "object" && value !== null)
    return Array.isArray(value) ? "an array" : "an object";
  return String(value);
}
