/** A plain walk over Babel's AST (no scopes, no paths), for the checks that only look at nodes. */

/** A Babel node, read loosely by `type` and property name. */
export interface AnyNode {
  type: string;
  [key: string]: unknown;
}

/** Calls `visit` for every node under `node`, parents first, skipping comments and locations. */
export function walk(node: unknown, visit: (node: AnyNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (!node || typeof node !== "object" || typeof (node as AnyNode).type !== "string") return;
  visit(node as AnyNode);
  for (const key of Object.keys(node)) {
    if (
      key === "loc" ||
      key === "leadingComments" ||
      key === "trailingComments" ||
      key === "innerComments" ||
      key === "extra"
    )
      continue;
    walk((node as Record<string, unknown>)[key], visit);
  }
}

/** The value of a string literal or of a template literal without expressions. */
export function stringValue(node: unknown): string | undefined {
  const n = node as AnyNode | undefined;
  if (!n) return undefined;
  if (n.type === "StringLiteral") return n.value as string;
  if (n.type === "TemplateLiteral" && (n.expressions as unknown[]).length === 0) {
    const quasis = n.quasis as { value: { cooked?: string } }[];
    return quasis[0]?.value.cooked;
  }
  return undefined;
}
