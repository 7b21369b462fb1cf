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

export function toRollupError(error: unknown): RollupError | Error {
  if (error instanceof DirectiveError || error instanceof BundleBuildError)
    return { name: error.name, message: error.message, stack: "" };
  return error instanceof Error ? error : new Error(String(error));
}
