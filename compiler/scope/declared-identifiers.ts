import type * as t from "@babel/types";

/** Child keys through which Babel's `getOuterBindingIdentifiers` reaches declared names. */
const BINDING_KEYS: Record<string, readonly string[]> = {
  Identifier: [],
  VariableDeclarator: ["id"],
  ObjectPattern: ["properties"],
  ObjectProperty: ["value"],
  ArrayPattern: ["elements"],
  AssignmentPattern: ["left"],
  RestElement: ["argument"],
  CatchClause: ["param"],
  ClassDeclaration: ["id"],
  ImportSpecifier: ["local"],
  ImportDefaultSpecifier: ["local"],
  ImportNamespaceSpecifier: ["local"],
  TSImportEqualsDeclaration: ["id"],
};

/**
 * Calls `visit` for each identifier `t.getOuterBindingIdentifiers(node, true)` returns, in the
 * same breadth-first order (which decides which of two equal names in one pattern comes first).
 */
export function forEachDeclaredIdentifier(
  node: t.Node,
  visit: (identifier: t.Identifier) => void,
): void {
  if (node.type === "Identifier") return visit(node);
  const queue: (t.Node | null | undefined)[] = [node];
  for (let i = 0; i < queue.length; i++) {
    const item = queue[i];
    if (!item) continue;
    if (item.type === "Identifier") {
      visit(item);
      continue;
    }
    const keys = BINDING_KEYS[item.type];
    if (!keys) continue;
    for (const key of keys) {
      const value = (item as unknown as Record<string, t.Node | (t.Node | null)[] | null>)[key];
      if (Array.isArray(value)) queue.push(...value);
      else queue.push(value);
    }
  }
}
