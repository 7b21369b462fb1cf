/**
 * The invariants an input can violate (one test per invariant and input stream, so that one
 * failure does not hide another), their test titles, and the record of one violation.
 */
import type { TransformMode } from "../../types.js";
import { formatInput, type Input } from "../input.js";

/** Every invariant, in the order of the tests. */
export const CATEGORIES = [
  "throws",
  "internal-error",
  "unparsable-output",
  "error-but-code-changed",
  "malformed-diagnostic",
  "manifest-differs-between-modes",
  "step-id-missing-in-step-mode",
  "syntax-error-not-reported",
  "diagnostics-differ-between-modes",
  "embedded-manifest-mismatch",
  "exports-changed",
  "new-free-variable",
] as const;
/** One invariant. */
export type Category = (typeof CATEGORIES)[number];

/** One invariant broken by one input (in one mode, unless it compares modes). */
export interface Violation {
  category: Category;
  mode?: TransformMode;
  /** Short, stable description used to keep minimisation on the same failure. */
  kind: string;
  detail: string;
}

/** The test title of each invariant. */
export const TITLES: Record<Category, string> = {
  throws: "transform never throws (workflow, step and client modes)",
  "internal-error": "transform does not crash internally (no INTERNAL_ERROR diagnostic)",
  "unparsable-output": "outputs without error diagnostics parse",
  "error-but-code-changed": "with an error diagnostic the output is the input unchanged",
  "malformed-diagnostic": "diagnostics have a code, message, in-file location and a frame",
  "manifest-differs-between-modes": "the manifest is identical in all three modes",
  "step-id-missing-in-step-mode": "every WORKFLOW_USE_STEP id of workflow mode exists in step mode",
  "syntax-error-not-reported":
    "(contract) a file with a directive that does not parse gets an error diagnostic",
  "diagnostics-differ-between-modes": "(contract) diagnostics are identical in all three modes",
  "embedded-manifest-mismatch":
    "(contract) the /**__internal_workflows*/ comment matches the manifest",
  "exports-changed": "(contract) a transformed module exports the same names as the input",
  "new-free-variable":
    "(contract) a transformed module reads no variable that nothing declares (unless the input did)",
};

/** A message's first line with quoted text and numbers blanked: one failure, whatever the input. */
export function stableKind(message: string): string {
  return message
    .split("\n")[0]!
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, "S")
    .replace(/\d+/g, "N")
    .slice(0, 120);
}

/** A violation as a failure report shows it: what, in which mode, the input, the details. */
export function formatViolation(v: Violation, input: Input): string {
  return `[${v.category}]${v.mode ? ` mode=${v.mode}` : ""}\n${formatInput(input)}\n${v.detail}`;
}
