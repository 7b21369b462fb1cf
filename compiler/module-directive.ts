import type * as t from "@babel/types";
import type { DiagnosticCode } from "./diagnostics.js";
import type { DirectiveKind } from "./directives.js";
import type { ScopeModel } from "./scope/index.js";

type Report = (code: DiagnosticCode, node: t.Node) => void;

const isFunction = (node: t.Node | null | undefined): node is t.Function =>
  !!node &&
  (node.type === "FunctionDeclaration" ||
    node.type === "FunctionExpression" ||
    node.type === "ArrowFunctionExpression");

/** Unwraps `x as T`, `x satisfies T`, `(x)`. */
function unwrap(node: t.Node | null | undefined): t.Node | null | undefined {
  while (
    node &&
    (node.type === "TSAsExpression" ||
      node.type === "TSSatisfiesExpression" ||
      node.type === "ParenthesizedExpression")
  ) {
    node = node.expression;
  }
  return node;
}

const isLiteral = (node: t.Node) =>
  [
    "NumericLiteral",
    "StringLiteral",
    "BooleanLiteral",
    "NullLiteral",
    "RegExpLiteral",
    "BigIntLiteral",
    "TemplateLiteral",
  ].includes(node.type);

/**
 * In a module that starts with `"use step"` or `"use workflow"`, the exported async functions
 * are marked: declarations, `export const f = async …`, `export default async …`, and local async
 * functions named in `export { … }`. Exports that cannot be functions are reported.
 */
export function findExportMarks(
  program: t.Program,
  model: ScopeModel,
  kind: DirectiveKind,
  report: Report,
): Set<t.Node> {
  const marked = new Set<t.Node>();
  const nonFunction: DiagnosticCode =
    kind === "step" ? "STEP_FILE_NON_FUNCTION_EXPORT" : "WORKFLOW_FILE_NON_FUNCTION_EXPORT";
  const consider = (fn: t.Node | null | undefined, at: t.Node) => {
    const node = unwrap(fn);
    if (isFunction(node)) {
      if (node.async) marked.add(node);
      else report(nonFunction, at);
      return true;
    }
    return false;
  };

  for (const node of program.body) {
    if (node.type === "ExportAllDeclaration") report(nonFunction, node);
    else if (node.type === "ExportNamedDeclaration") {
      if (node.source) {
        report(nonFunction, node);
        continue;
      }
      const decl = node.declaration;
      if (decl?.type === "FunctionDeclaration") consider(decl, node);
      else if (decl?.type === "ClassDeclaration") report(nonFunction, node);
      else if (decl?.type === "VariableDeclaration") {
        for (const d of decl.declarations) {
          if (d.init && !consider(d.init, d) && isLiteral(unwrap(d.init)!)) report(nonFunction, d);
        }
      } else if (!decl) {
        for (const spec of node.specifiers) {
          if (
            spec.type !== "ExportSpecifier" ||
            node.exportKind === "type" ||
            spec.exportKind === "type"
          )
            continue;
          const binding = model.getProgramBinding(spec.local.name);
          if (!binding) continue;
          const target = binding.node;
          if (target.type === "FunctionDeclaration" && target.async) marked.add(target);
          else if (target.type === "VariableDeclarator") {
            const init = unwrap(target.init);
            if (isFunction(init) && init.async) marked.add(init);
          }
        }
      }
    } else if (node.type === "ExportDefaultDeclaration") {
      const decl = node.declaration;
      if (decl.type === "ClassDeclaration") report(nonFunction, node);
      else if (decl.type === "Identifier" || decl.type.startsWith("TS")) continue;
      else if (!consider(decl, node)) report(nonFunction, node);
    }
  }
  return marked;
}
