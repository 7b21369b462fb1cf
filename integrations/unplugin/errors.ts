/**
 * Build errors for people, in Rollup's form (Rollup and Vite): the file, line, column and code
 * frame of a directive mistake (from the client transform) or of a problem in workflow code
 * found while building the bundles (a Node.js built-in imported by a workflow, say).
 */
import type { RollupError } from "rollup";
import { BundleBuildError } from "../bundling/build-bundles.js";
import { DirectiveError } from "./client-transform.js";

/**
 * Rollup and Vite: `this.error()` with the location (for editors and overlays). The message
 * holds every diagnostic with its frame already, so no `frame` is given (it would print twice).
 */
export function toRollupError(error: unknown): RollupError | Error {
  if (error instanceof DirectiveError) {
    const first = error.diagnostics[0]!;
    return {
      name: "DirectiveError",
      message: error.message,
      id: error.file,
      loc: { file: error.file, line: first.loc.line, column: first.loc.column },
    };
  }
  if (error instanceof BundleBuildError) {
    const located = error.messages.find((m) => m.location);
    if (!located?.location) return { name: error.name, message: error.message };
    return {
      name: error.name,
      message: error.message,
      id: located.location.file,
      loc: {
        file: located.location.file,
        line: located.location.line,
        column: located.location.column,
      },
    };
  }
  return error instanceof Error ? error : new Error(String(error));
}
