/**
 * The one error every integration throws for a directive mistake, and the one way it reads:
 * per mistake, a block with the file, line and column (counted from 1) where it is, the code
 * frame, and the fix. Nothing else: no stack (the frames would be the plugin's, which say
 * nothing about the user's code) and no enumerable fields (Node and Vite print those after the
 * message). Adapters only turn it into their bundler's form (unplugin/errors.ts,
 * esbuild/errors.ts); the rest throw it as it is.
 */
import type { Diagnostic } from "../../compiler/index.js";

/** `/app/src/order.ts:25:3: error STEP_DIRECTIVE_TYPO: ...`, the frame, and the hint. */
export function formatDirectiveMistake(file: string, d: Diagnostic): string {
  const hint = d.hint ? `\n${d.hint}` : "";
  return `${file}:${d.loc.line}:${d.loc.column + 1}: ${d.severity} ${d.code}: ${d.message}\n${d.frame}${hint}`;
}

export class DirectiveError extends Error {
  declare readonly name: "DirectiveError";
  /** The first mistake's diagnostic code (`STEP_DIRECTIVE_TYPO`, ...). */
  declare readonly code: string;
  /** Absolute path of the file with the mistakes. */
  declare readonly file: string;
  /** The first mistake's line, from 1. */
  declare readonly line: number;
  /** The first mistake's column, from 1. */
  declare readonly column: number;
  /** The first mistake's code frame. */
  declare readonly frame: string;
  /** What to do about the first mistake. */
  declare readonly hint: string | undefined;
  /** Every mistake of the file (at least one). */
  declare readonly diagnostics: readonly Diagnostic[];

  constructor(file: string, diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => formatDirectiveMistake(file, d)).join("\n\n"));
    const first = diagnostics[0]!;
    const hidden = (value: unknown) => ({ value, enumerable: false });
    Object.defineProperties(this, {
      name: hidden("DirectiveError"),
      code: hidden(first.code),
      file: hidden(file),
      line: hidden(first.loc.line),
      column: hidden(first.loc.column + 1),
      frame: hidden(first.frame),
      hint: hidden(first.hint),
      diagnostics: hidden(diagnostics),
      // webpack prints the message alone when this is set.
      hideStack: hidden(true),
      stack: { value: `DirectiveError: ${this.message}`, enumerable: false, writable: true },
    });
  }
}
