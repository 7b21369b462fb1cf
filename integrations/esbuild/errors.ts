/**
 * Build errors for people, in esbuild's form: the file, line, column and code frame of a
 * directive mistake (from the client transform) or of a problem in workflow code found while
 * building the bundles (a Node.js built-in imported by a workflow, say).
 */
import type { Message, PartialMessage } from "esbuild";
import { BundleBuildError } from "../bundling/build-bundles.js";
import { DirectiveError } from "../shared/directive-error.js";

/** esbuild: one message per diagnostic, located, with the frame in the text. */
export function toEsbuildMessages(error: unknown): PartialMessage[] {
  if (error instanceof DirectiveError) {
    return error.diagnostics.map((d) => ({
      text: `${d.code}: ${d.message}\n\n${d.frame}${d.hint ? `\n${d.hint}` : ""}`,
      location: { file: d.loc.file, line: d.loc.line, column: d.loc.column },
    }));
  }
  // Errors returned when a build ends are not printed with their notes: the frame goes in the text.
  if (error instanceof BundleBuildError)
    return error.messages.map((m: Message) => ({
      ...m,
      text: [m.text, ...m.notes.map((n) => n.text)].filter(Boolean).join("\n\n"),
      notes: [],
    }));
  return [{ text: error instanceof Error ? error.message : String(error) }];
}
