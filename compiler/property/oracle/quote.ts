/** How a violation's details quote code and diagnostics: clipped, with a syntax error's line. */
import type { Diagnostic } from "../../types.js";

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/** The lines of `code`, split at every JavaScript line terminator (as locations count them). */
export function splitLines(code: string): string[] {
  return code.split(LINE_BREAK);
}

/** `text`, cut after `max` characters so that one report stays readable. */
export function clip(text: string, max = 4000): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}\n… (${text.length - max} more characters)`;
}

/** Line `line` of `code` with a caret under `column`. */
export function lineAt(code: string, line: number, column: number): string {
  const text = splitLines(code)[line - 1] ?? "";
  return `  ${line} | ${text}\n  ${" ".repeat(String(line).length)} | ${" ".repeat(column)}^\n`;
}

/** One line per diagnostic: severity, code, location, message. */
export function describeDiagnostics(ds: readonly Diagnostic[]): string {
  return (
    ds
      .map((d) => `${d.severity} ${d.code} @${d.loc?.line}:${d.loc?.column} ${d.message}`)
      .join("\n") || "(none)"
  );
}
