import * as t from "@babel/types";
import type { AstPath } from "./paths.js";

/**
 * What an identifier does to the binding it names, as Babel's scope crawl records it: a
 * `reference` (in `referencePaths`) or a `violation` (in `constantViolations`). `node` is the
 * node Babel records (the identifier, or the assignment, update, `delete`, for-in/of or export
 * around it); `at` is its index in the path, where the name is looked up.
 */
export interface IdentifierUse {
  kind: "reference" | "violation";
  node: t.Node;
  at: number;
}

/** Identifiers that Babel's `ReferencedIdentifier` accepts (JSX tags count unless lower-case). */
export function isReferencedIdentifier(path: AstPath, k: number): boolean {
  const node = path[k]!.node;
  const parent = path[k - 1]!.node;
  const grandparent = k > 1 ? path[k - 2]!.node : undefined;
  if (node.type === "Identifier") return t.isReferenced(node, parent, grandparent);
  if (node.type !== "JSXIdentifier") return false;
  if (parent.type !== "JSXMemberExpression" && t.react.isCompatTag(node.name)) return false;
  return t.isReferenced(node, parent, grandparent);
}

/** Steps from an identifier up through a destructuring pattern (Babel's assignment/binding keys). */
function isPatternStep(parent: t.Node, key: string | number | null, listKey: string | null) {
  switch (parent.type) {
    case "ArrayPattern":
      return listKey === "elements";
    case "ObjectPattern":
      return listKey === "properties";
    case "ObjectProperty":
      return key === "value";
    case "RestElement":
      return key === "argument";
    case "AssignmentPattern":
      return key === "left";
    default:
      return false;
  }
}

/** Index of the assignment, update, `delete` or for-in/of that writes the identifier at `k`, or -1. */
function findWrite(path: AstPath, k: number): number {
  let i = k;
  while (i > 0 && isPatternStep(path[i - 1]!.node, path[i]!.key, path[i]!.listKey)) i--;
  if (i === 0) return -1;
  const parent = path[i - 1]!.node;
  const key = path[i]!.key;
  switch (parent.type) {
    case "AssignmentExpression":
      return key === "left" ? i - 1 : -1;
    case "UpdateExpression":
      return key === "argument" ? i - 1 : -1;
    case "UnaryExpression":
      return key === "argument" && parent.operator === "delete" ? i - 1 : -1;
    case "ForInStatement":
    case "ForOfStatement":
      return key === "left" ? i - 1 : -1;
    default:
      return -1;
  }
}

/** Index of the `export` whose declaration declares the identifier at `k` (Babel counts it as a reference), or -1. */
function findExport(path: AstPath, k: number): number {
  const parent = path[k - 1]?.node;
  if (
    (parent?.type === "FunctionDeclaration" || parent?.type === "ClassDeclaration") &&
    path[k]!.key === "id"
  ) {
    const e = k - 2;
    const exp = path[e]?.node;
    return (exp?.type === "ExportNamedDeclaration" || exp?.type === "ExportDefaultDeclaration") &&
      path[k - 1]!.key === "declaration"
      ? e
      : -1;
  }
  let i = k;
  while (i > 0 && isPatternStep(path[i - 1]!.node, path[i]!.key, path[i]!.listKey)) i--;
  if (i < 3 || path[i - 1]!.node.type !== "VariableDeclarator" || path[i]!.key !== "id") return -1;
  return path[i - 3]!.node.type === "ExportNamedDeclaration" && path[i - 2]!.key === "declaration"
    ? i - 3
    : -1;
}

/** Every use the identifier at the end of `path` makes of its name. */
export function getIdentifierUses(path: AstPath): IdentifierUse[] {
  const k = path.length - 1;
  // Babel's scope crawl does not look inside type annotations (`x: T`).
  for (let i = 1; i < k; i++) if (path[i]!.node.type === "TSTypeAnnotation") return [];
  const uses: IdentifierUse[] = [];
  const node = path[k]!.node;
  const parent = path[k - 1]!.node;
  if (
    isReferencedIdentifier(path, k) &&
    !(parent.type === "TSQualifiedName" && parent.right === node) &&
    parent.type !== "TSImportEqualsDeclaration"
  ) {
    uses.push({ kind: "reference", node, at: k });
  }
  if (node.type !== "Identifier") return uses;
  const write = findWrite(path, k);
  if (write >= 0) uses.push({ kind: "violation", node: path[write]!.node, at: write });
  const exp = findExport(path, k);
  if (exp >= 0) uses.push({ kind: "reference", node: path[exp]!.node, at: exp });
  return uses;
}
