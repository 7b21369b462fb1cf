/**
 * `start(workflow, args, { timeout })`: the option checked at the call. The engine enforces
 * the deadline (runtime/engine/run-deadline.ts); here it only becomes `timeoutMs` in
 * `run_created`.
 */
import { parseDurationMs } from "../workflow/duration.js";

const ACCEPTED = `a positive duration ("30s", "1h") or milliseconds (60_000)`;

/** The timeout in milliseconds, or undefined without one; a TypeError naming the option otherwise. */
export function toRunTimeoutMs(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const bad = () =>
    new TypeError(`start(): options.timeout must be ${ACCEPTED}, got ${show(value)}`);
  if (typeof value !== "string" && typeof value !== "number") throw bad();
  let ms: number;
  try {
    ms = parseDurationMs(value, "options.timeout");
  } catch {
    throw bad();
  }
  if (!(ms > 0)) throw bad();
  return ms;
}

const show = (value: unknown) =>
  typeof value === "string"
    ? JSON.stringify(value)
    : value instanceof Date
      ? `a Date (${value.toISOString?.() ?? "invalid"}): pass a duration instead`
      : String(value);
