/**
 * Build errors for people, in esbuild's form: the file, line, column and code frame of a
 * directive mistake (from the client transform) or of a problem in workflow code found while
 * building the bundles (a Node.js built-in imported by a workflow, say).
 *
 * esbuild prints a message's location as `file:line:column` with the column from 0 (its
 * convention for every message, its own included), then the line with the mistake marked
 * under it (`lineText`, `length`): that is the code frame, so the text is the code and the
 * message, and the fix is a note.
 */
import { readFileSync } from "node:fs";
import type { Location, Message, PartialMessage } from "esbuild";
import type { Diagnostic } from "../../compiler/index.js";
import { BundleBuildError } from "../bundling/build-bundles.js";
import { DirectiveError } from "../shared/directive-error.js";

function lineOf(file: string, line: number, source?: string): string {
  try {
    return (source ?? readFileSync(file, "utf8")).split(/\r?\n/)[line - 1] ?? "";
  } catch {
    return "";
  }
}

function fromDiagnostic(d: Diagnostic, source?: string): PartialMessage {
  const { file, line, column, end } = d.loc;
  return {
    text: `${d.code}: ${d.message}`,
    location: {
      file,
      line,
      column,
      length: end && end.line === line ? end.column - column : 1,
      lineText: lineOf(file, line, source),
    },
    notes: d.hint ? [{ text: d.hint }] : [],
  };
}

/** A code frame of ours (`> 25 |   "use stpe";`), which esbuild's own frame replaces. */
const FRAME = /^\s*>?\s*\d+ \|/m;

function fromBundleMessage(m: Message): PartialMessage {
  const d = m.detail as Diagnostic | undefined;
  if (d && typeof d.code === "string" && d.loc) return fromDiagnostic(d);
  const location: Partial<Location> | null = m.location && {
    ...m.location,
    lineText: lineOf(m.location.file, m.location.line),
  };
  return {
    text: m.text,
    location,
    notes: m.notes.filter((n) => n.location || !FRAME.test(n.text)),
  };
}

/**
 * esbuild, for a callback whose messages it prints (onLoad): one message per mistake, located,
 * with esbuild's frame and the fix as a note. `source` is the text of a DirectiveError's file.
 */
export function toEsbuildMessages(error: unknown, source?: string): PartialMessage[] {
  if (error instanceof DirectiveError)
    return error.diagnostics.map((d) =>
      fromDiagnostic(d, d.loc.file === error.file ? source : undefined),
    );
  if (error instanceof BundleBuildError) return error.messages.map(fromBundleMessage);
  return [{ text: error instanceof Error ? error.message : String(error) }];
}

/**
 * esbuild, for messages returned when a build ends: `build()` prints none of them (the
 * rejected promise carries them), so each is one text with the frame and the fix in it.
 */
export function toEsbuildEndMessages(error: unknown): PartialMessage[] {
  if (error instanceof BundleBuildError)
    return error.messages.map((m: Message) => ({
      ...m,
      text: [m.text, ...m.notes.map((n) => n.text)].filter(Boolean).join("\n\n"),
      notes: [],
    }));
  return toEsbuildMessages(error);
}
