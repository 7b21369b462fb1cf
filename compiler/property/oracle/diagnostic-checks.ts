/**
 * Invariants on diagnostics: no INTERNAL_ERROR, every diagnostic well formed (code, severity,
 * message, a location inside the file, a frame), and the same diagnostics in every mode.
 */
import type { Diagnostic, TransformMode } from "../../types.js";
import { MODES, type ModeResults } from "../input.js";
import { stableKind, type Violation } from "./invariants.js";

/** What is wrong with one diagnostic, or null; `lines` are the input's. */
export function checkDiagnostic(d: Diagnostic, lines: string[]): string | null {
  if (!d || typeof d !== "object") return "diagnostic is not an object";
  if (typeof d.code !== "string" || d.code.length === 0) return "missing code";
  if (!/^[A-Z][A-Z0-9_]*$/.test(d.code))
    return `code ${JSON.stringify(d.code)} is not SCREAMING_SNAKE`;
  if (d.severity !== "error" && d.severity !== "warning")
    return `bad severity ${JSON.stringify(d.severity)}`;
  if (typeof d.message !== "string" || d.message.trim().length === 0) return "missing message";
  if (!d.loc || typeof d.loc !== "object") return "missing loc";
  const { line, column } = d.loc;
  if (!Number.isInteger(line) || line < 1 || line > lines.length)
    return `line ${String(line)} outside 1..${lines.length}`;
  if (!Number.isInteger(column) || column < 0)
    return `column ${String(column)} is not an integer >= 0`;
  const lineLength = lines[line - 1]!.length;
  if (column > lineLength)
    return `column ${column} beyond the end of line ${line} (length ${lineLength})`;
  if (typeof d.frame !== "string" || d.frame.trim().length === 0) return "empty frame";
  return null;
}

/** internal-error and malformed-diagnostic, for the diagnostics of one mode. */
export function checkDiagnostics(
  mode: TransformMode,
  diagnostics: readonly Diagnostic[],
  lines: string[],
): Violation[] {
  const out: Violation[] = [];
  for (const d of diagnostics) {
    if (d?.code === "INTERNAL_ERROR")
      out.push({
        category: "internal-error",
        mode,
        kind: stableKind(String(d.message)),
        detail: `transform crashed internally in ${mode} mode and reported it:\n${d.message}\n${d.frame ?? ""}`,
      });
    const problem = checkDiagnostic(d, lines);
    if (problem)
      out.push({
        category: "malformed-diagnostic",
        mode,
        kind: `${d?.code}: ${problem.replace(/\d+/g, "N")}`,
        detail: `${problem}\ndiagnostic: ${JSON.stringify(d, null, 2)}`,
      });
  }
  return out;
}

/** diagnostics-differ-between-modes: severity, code and location compared to the first mode's. */
export function checkDiagnosticsAcrossModes(results: ModeResults): Violation[] {
  const out: Violation[] = [];
  const diagKeys = MODES.filter((m) => results.has(m)).map((m) => {
    const ds = results.get(m)!.diagnostics ?? [];
    return [
      m,
      ds
        .map((d) => `${d?.severity} ${d?.code} @${d?.loc?.line}:${d?.loc?.column}`)
        .sort()
        .join("\n"),
    ] as const;
  });
  for (const [mode, keys] of diagKeys.slice(1)) {
    if (keys !== diagKeys[0]![1])
      out.push({
        category: "diagnostics-differ-between-modes",
        mode,
        kind: `${diagKeys[0]![0]}-vs-${mode}`,
        detail: `${diagKeys[0]![0]}:\n${diagKeys[0]![1] || "(none)"}\n${mode}:\n${keys || "(none)"}`,
      });
  }
  return out;
}
