/**
 * Every step ID that workflow mode passes to `Symbol.for("WORKFLOW_USE_STEP")` appears in the
 * step-mode output (as a string literal), so the step it names is registered.
 */
import type { TransformMode } from "../../types.js";
import type { ModeResults } from "../input.js";
import { type AnyNode, stringValue, walk } from "./ast-walk.js";
import type { Violation } from "./invariants.js";
import type { BabelFile } from "./parse-module.js";
import { clip } from "./quote.js";

/** `<obj>[Symbol.for("WORKFLOW_USE_STEP")](id, …)` calls: their literal first arguments. */
function useStepIds(ast: BabelFile): string[] {
  const ids: string[] = [];
  walk(ast.program, (node) => {
    if (node.type !== "CallExpression" && node.type !== "OptionalCallExpression") return;
    const callee = node.callee as AnyNode;
    if (callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") return;
    if (!callee.computed) return;
    const property = callee.property as AnyNode;
    if (property.type !== "CallExpression") return;
    const symbolFor = property.callee as AnyNode;
    if (
      symbolFor.type !== "MemberExpression" ||
      (symbolFor.object as AnyNode).type !== "Identifier" ||
      (symbolFor.object as AnyNode).name !== "Symbol" ||
      (symbolFor.property as AnyNode).name !== "for"
    )
      return;
    if (stringValue((property.arguments as unknown[])[0]) !== "WORKFLOW_USE_STEP") return;
    const id = stringValue((node.arguments as unknown[])[0]);
    if (id !== undefined) ids.push(id);
  });
  return ids;
}

/** Every string literal (and template without expressions) in the module. */
function stringLiterals(ast: BabelFile): Set<string> {
  const out = new Set<string>();
  walk(ast.program, (node) => {
    const value = stringValue(node);
    if (value !== undefined) out.add(value);
  });
  return out;
}

/** step-id-missing-in-step-mode, and how many IDs were checked. */
export function checkStepIds(
  results: ModeResults,
  parsedOutputs: ReadonlyMap<TransformMode, BabelFile>,
): { violations: Violation[]; checked: number } {
  const workflowAst = parsedOutputs.get("workflow");
  const stepAst = parsedOutputs.get("step");
  if (!workflowAst || !stepAst) return { violations: [], checked: 0 };
  const known = stringLiterals(stepAst);
  const ids = [...new Set(useStepIds(workflowAst))];
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length === 0) return { violations: [], checked: ids.length };
  return {
    checked: ids.length,
    violations: [
      {
        category: "step-id-missing-in-step-mode",
        mode: "step",
        kind: "missing",
        detail:
          `step IDs used in workflow mode but absent from step mode: ${JSON.stringify(missing)}\n` +
          `workflow output:\n${clip(results.get("workflow")!.code)}\nstep output:\n${clip(results.get("step")!.code)}`,
      },
    ],
  };
}
