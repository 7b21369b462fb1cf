/** The names a module exports, read from its top-level statements. */
import type { AnyNode } from "./ast-walk.js";
import type { BabelFile } from "./parse-module.js";

function patternNames(node: AnyNode | null | undefined, out: string[]): void {
  if (!node) return;
  switch (node.type) {
    case "Identifier":
      out.push(node.name as string);
      break;
    case "ObjectPattern":
      for (const p of node.properties as AnyNode[])
        patternNames(p.type === "RestElement" ? p : (p.value as AnyNode), out);
      break;
    case "ArrayPattern":
      for (const e of node.elements as (AnyNode | null)[]) patternNames(e, out);
      break;
    case "RestElement":
      patternNames(node.argument as AnyNode, out);
      break;
    case "AssignmentPattern":
      patternNames(node.left as AnyNode, out);
      break;
  }
}

/** The module's exported names (`default`, `* from "x"` for star re-exports), sorted. */
export function exportedNames(ast: BabelFile): string[] {
  const out: string[] = [];
  const nameOf = (n: AnyNode) =>
    n.type === "StringLiteral" ? (n.value as string) : (n.name as string);
  for (const stmt of ast.program.body as unknown as AnyNode[]) {
    if (stmt.type === "ExportDefaultDeclaration") out.push("default");
    else if (stmt.type === "ExportAllDeclaration")
      out.push(`* from ${JSON.stringify((stmt.source as AnyNode).value)}`);
    else if (stmt.type === "TSExportAssignment") out.push("export =");
    else if (stmt.type === "ExportNamedDeclaration") {
      const decl = stmt.declaration as AnyNode | null;
      if (decl?.type === "VariableDeclaration")
        for (const d of decl.declarations as AnyNode[]) patternNames(d.id as AnyNode, out);
      else if (decl && decl.id) out.push(nameOf(decl.id as AnyNode));
      for (const spec of (stmt.specifiers as AnyNode[]) ?? [])
        out.push(nameOf(spec.exported as AnyNode));
    }
  }
  return out.sort();
}
