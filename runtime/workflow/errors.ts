import { type Duration, resolveDuration } from "./duration.js";
import {
  FATAL_ERROR_MARKER as FATAL,
  RETRYABLE_ERROR_MARKER as RETRYABLE,
} from "../../protocol/symbols.js";

// Markers instead of instanceof: errors cross the workflow sandbox's realm and bundle copies.

const hasMarker = (value: unknown, marker: symbol) =>
  typeof value === "object" &&
  value !== null &&
  (value as Record<symbol, unknown>)[marker] === true;

/** Thrown from a step: the step fails at once, without retries. Catchable in the workflow. */
export class FatalError extends Error {
  readonly fatal = true;
  declare readonly [FATAL]: true;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "FatalError";
    Object.defineProperty(this, FATAL, { value: true });
  }

  /** True for a FatalError from any realm (also one rebuilt from a stored step failure). */
  static is(value: unknown): value is FatalError {
    return hasMarker(value, FATAL) || (value instanceof Error && value.name === "FatalError");
  }
}

export interface RetryableErrorOptions extends ErrorOptions {
  /** When to retry: a duration string (`"30s"`), milliseconds, or a Date. @default "1s" */
  retryAfter?: Duration;
}

/** Thrown from a step: retry it, not before `retryAfter`. */
export class RetryableError extends Error {
  /** The moment the retry may start. */
  readonly retryAfter: Date;
  declare readonly [RETRYABLE]: true;
  constructor(message: string, options: RetryableErrorOptions = {}) {
    super(message, options);
    this.name = "RetryableError";
    this.retryAfter = new Date(
      resolveDuration(options.retryAfter ?? 1000, Date.now(), "retryAfter"),
    );
    Object.defineProperty(this, RETRYABLE, { value: true });
  }

  static is(value: unknown): value is RetryableError {
    return (
      hasMarker(value, RETRYABLE) || (value instanceof Error && value.name === "RetryableError")
    );
  }
}
