import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mayHoldDirective, toNearMissKind } from "./directives.js";

/** The definition `mayHoldDirective` must agree with: a plain scan over every statement string. */
function reference(code: string): boolean {
  if (code.includes("use step") || code.includes("use workflow")) return true;
  if (code.includes("workflow-serialize") || code.includes("WORKFLOW_SERIALIZE")) return true;
  for (const match of code.matchAll(/(["'])([^"'\\\n]{4,24})\1\s*(?:;|\r?\n|\}|$)/g))
    if (toNearMissKind(match[2]!)) return true;
  return false;
}

// Pieces that make statement strings, near misses, and the overlaps between them likely.
const PIECES = [
  '"',
  '"',
  "'",
  "'",
  "use stp",
  "ue step",
  "use  step",
  "USE STEP",
  "use_step",
  "use wrkflow",
  "use step",
  "use workflow",
  "stpe",
  "us",
  "se",
  "step",
  "workflow",
  " ",
  ";",
  "}",
  "\n",
  "\r\n",
  "\r",
  "\\",
  "x",
  "-",
  "abcd",
  "ab",
  "\t",
  "\u00a0",
  "İ",
  "\u212a",
  "WOR\u212aFLOW",
  "workflow-serialize",
  "WORKFLOW_SERIALIZE",
];

describe("mayHoldDirective", () => {
  it("agrees with a scan of every statement string", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join("")),
        (code) => mayHoldDirective(code) === reference(code),
      ),
      { seed: 7, numRuns: 20_000 },
    );
  });

  it("sees a near miss only when the scan reaches it", () => {
    // The statement string `'abcd';` ends where `';se step'` would start: the scan skips it.
    for (const code of [`'abcd';se step';`, `'abcd' ;se step';`, `x; 'use stpe';`, `"USE STEP"`])
      expect(mayHoldDirective(code)).toBe(reference(code));
  });
});
