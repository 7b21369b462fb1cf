/**
 * Build errors for people, in Rollup's form (Rollup and Vite): a directive mistake (from the
 * client transform) or a problem in workflow code found while building the bundles (a Node.js
 * built-in imported by a workflow, say), as one block per mistake: the file, line and column
 * (from 1), the code frame and the fix.
 *
 * No `loc`/`id`: Rollup and Rolldown print `loc.column` as given, and Rollup's convention is a
 * column from 0, which would stand next to our column from 1; the message names the file.
 * No stack: the frames would be the plugin's and the bundler's, which say nothing about the
 * user's code.
 */
import type { RollupError } from "rollup";
import { BundleBuildError } from "../bundling/build-bundles.js";
import { DirectiveError } from "../shared/directive-error.js";

/**
 * A mistake in the user's code whose message says all there is to say. An `Error` (Rollup and
 * Rolldown keep an `Error` as it is, a plain object becomes their own error), so that Vite's
 * side can recognise it in Rolldown's wrapper (vite/build-errors.ts).
 */
export class UserCodeError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
    this.stack = "";
  }
}

export function toRollupError(error: unknown): RollupError | Error {
  if (error instanceof DirectiveError || error instanceof BundleBuildError)
    return new UserCodeError(error.name, error.message);
  return error instanceof Error ? error : new Error(String(error));
}
