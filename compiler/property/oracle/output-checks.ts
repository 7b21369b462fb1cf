/**
 * Invariants on the output code of one mode: with an error diagnostic it is the input, byte for
 * byte; without one it parses; and an input that mentions a directive but does not parse never
 * passes without an error.
 */
import type { Diagnostic, TransformMode, TransformResult } from "../../types.js";
import type { Input } from "../input.js";
import { stableKind, type Violation } from "./invariants.js";
import type { ParsedModule } from "./parse-module.js";
import { clip, describeDiagnostics, lineAt } from "./quote.js";

const MENTIONS_DIRECTIVE = /use step|use workflow|workflow-serialize/;

/** error-but-code-changed. */
export function checkUnchangedOnError(
  input: Input,
  mode: TransformMode,
  result: TransformResult,
  diagnostics: readonly Diagnostic[],
): Violation[] {
  if (result.code === input.code) return [];
  return [
    {
      category: "error-but-code-changed",
      mode,
      kind: "changed",
      detail: `diagnostics:\n${describeDiagnostics(diagnostics)}\noutput:\n${clip(result.code)}`,
    },
  ];
}

/**
 * unparsable-output, for an output without error diagnostics that failed to parse with `error`.
 * Exempt by contract: an unparsable input returned untouched without being parsed (no directive in
 * it).
 */
export function checkUnparsableOutput(
  input: Input,
  mode: TransformMode,
  result: TransformResult,
  diagnostics: readonly Diagnostic[],
  error: Error,
  inputParses: () => ParsedModule,
): Violation[] {
  const unchanged = result.code === input.code;
  const exempt = unchanged && !MENTIONS_DIRECTIVE.test(input.code) && "error" in inputParses();
  if (exempt) return [];
  const err = error as Error & {
    reasonCode?: string;
    loc?: { line: number; column: number };
  };
  const at = err.loc ? lineAt(result.code, err.loc.line, err.loc.column) : "";
  return [
    {
      category: "unparsable-output",
      mode,
      kind: err.reasonCode ?? stableKind(err.message),
      detail:
        `output of ${mode} mode does not parse: ${err.message}\n${at}` +
        `diagnostics:\n${describeDiagnostics(diagnostics)}\noutput:\n${clip(result.code)}`,
    },
  ];
}

/** syntax-error-not-reported, for a mode without error diagnostics. */
export function checkSyntaxErrorReported(
  input: Input,
  mode: TransformMode,
  diagnostics: readonly Diagnostic[],
  inputParses: () => ParsedModule,
): Violation[] {
  if (!(MENTIONS_DIRECTIVE.test(input.code) && "error" in inputParses())) return [];
  return [
    {
      category: "syntax-error-not-reported",
      mode,
      kind: "missing",
      detail:
        `input does not parse (${(inputParses() as { error: Error }).error.message}) ` +
        `but ${mode} mode reports no error; diagnostics:\n${describeDiagnostics(diagnostics)}`,
    },
  ];
}
