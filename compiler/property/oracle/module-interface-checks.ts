/**
 * Invariants on what a transformed module shows the outside: it exports the same names as the
 * input, and reads no variable that nothing declares (unless the input did, or the hooks of the
 * contract introduce it).
 */
import { isDeepStrictEqual } from "node:util";
import type { TransformMode } from "../../types.js";
import type { Input, ModeResults } from "../input.js";
import { exportedNames } from "./exported-names.js";
import { bindingKinds, freeVariables } from "./free-variables.js";
import type { Violation } from "./invariants.js";
import type { BabelFile, ParsedModule } from "./parse-module.js";
import { clip } from "./quote.js";

/** Names the hooks of the contract may introduce as globals. */
const HOOK_GLOBALS = new Set(["globalThis", "Symbol", "Object", "Map", "Error"]);

/** exports-changed and new-free-variable, for every mode whose output changed and parsed. */
export function checkModuleInterface(
  input: Input,
  inputParsed: ParsedModule,
  results: ModeResults,
  parsedOutputs: ReadonlyMap<TransformMode, BabelFile>,
): Violation[] {
  const out: Violation[] = [];
  if (!("ast" in inputParsed)) return out;
  let inputExports: string[] | undefined;
  let inputFree: Set<string> | undefined;
  for (const [mode, ast] of parsedOutputs) {
    const result = results.get(mode)!;
    if (result.code === input.code) continue;
    inputExports ??= exportedNames(inputParsed.ast);
    const outputExports = exportedNames(ast);
    if (!isDeepStrictEqual(inputExports, outputExports))
      out.push({
        category: "exports-changed",
        mode,
        kind: "changed",
        detail:
          `input exports:  ${JSON.stringify(inputExports)}\n${mode} exports: ${JSON.stringify(outputExports)}\n` +
          `output:\n${clip(result.code)}`,
      });
    try {
      inputFree ??= freeVariables(inputParsed.ast);
      const added = [...freeVariables(ast)].filter(
        (name) => !inputFree!.has(name) && !HOOK_GLOBALS.has(name),
      );
      if (added.length > 0)
        out.push({
          category: "new-free-variable",
          mode,
          kind: `${bindingKinds(inputParsed.ast).get(added[0]!) ?? "undeclared"}`,
          detail:
            `${mode} output reads or writes ${JSON.stringify(added)}, which nothing declares ` +
            `(a ReferenceError at run time; the input has no such free variable)\noutput:\n${clip(result.code)}`,
        });
    } catch (error) {
      // scope analysis of an unusual but valid module failed: not the transform's problem
      void error;
    }
  }
  return out;
}
