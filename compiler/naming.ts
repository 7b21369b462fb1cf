import type { NodePath } from "@babel/traverse";
import type * as t from "@babel/types";

/** The name of a property key when it is static (identifier, string or number), else null. */
export function getKeyName(node: { key: t.Node; computed?: boolean }): string | null {
  const { key } = node;
  if (!node.computed && key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "NumericLiteral") return String(key.value);
  if (key.type === "PrivateName") return `#${key.id.name}`;
  return null;
}

/** Wrappers a function or object can sit in without losing its name: `tool({...})`, `x as T`. */
function isTransparent(parent: NodePath, child: NodePath): boolean {
  switch (parent.node.type) {
    case "CallExpression":
    case "NewExpression":
      return child.listKey === "arguments";
    case "TSAsExpression":
    case "TSSatisfiesExpression":
    case "TSNonNullExpression":
    case "TSTypeAssertion":
    case "ParenthesizedExpression":
    case "TypeCastExpression":
      return true;
    default:
      return false;
  }
}

/** The binding or export a class is known by at module level, if any. */
export function getClassName(path: NodePath<t.Class>): string | null {
  // A class expression's own name is only in scope inside it: outside, the binding names it.
  if (path.node.id && path.isClassDeclaration()) return path.node.id.name;
  let p: NodePath = path;
  while (p.parentPath && isTransparent(p.parentPath, p)) p = p.parentPath;
  const parent = p.parentPath;
  if (parent?.isVariableDeclarator() && p.key === "init" && parent.node.id.type === "Identifier") {
    return parent.node.id.name;
  }
  return path.node.id?.name ?? null;
}

/**
 * A function's own name, without the names of functions around it: its declared name, the
 * variable it is bound to, `default`, `Class.method` / `Class#method`, or the object path
 * (`agent/tools/search/execute`). Null for an anonymous function.
 */
export function getLocalName(
  path: NodePath<t.Function>,
  className: (c: NodePath<t.Class>) => string | null,
): string | null {
  const node = path.node;
  if (node.type === "FunctionDeclaration") {
    if (node.id) return node.id.name;
    return path.parentPath.isExportDefaultDeclaration() ? "default" : null;
  }
  if (node.type === "ClassMethod" || node.type === "ClassPrivateMethod") {
    const cls = path.parentPath.parentPath as NodePath<t.Class>;
    const key = getKeyName(node);
    const owner = className(cls);
    if (key === null || owner === null) return null;
    return `${owner}${node.static ? "." : "#"}${key.replace(/^#/, "")}`;
  }

  const keys: string[] = [];
  let p: NodePath = path;
  if (node.type === "ObjectMethod") {
    const key = getKeyName(node);
    if (key === null) return null;
    keys.unshift(key);
    p = path.parentPath;
  }
  for (;;) {
    const parent = p.parentPath;
    if (!parent) break;
    if (parent.isObjectProperty() && p.key === "value") {
      const key = getKeyName(parent.node);
      if (key === null) return null;
      keys.unshift(key);
      p = parent.parentPath!;
    } else if (isTransparent(parent, p)) {
      p = parent;
    } else break;
  }
  const parent = p.parentPath;
  let base: string | null = null;
  if (parent?.isVariableDeclarator() && p.key === "init" && parent.node.id.type === "Identifier") {
    base = parent.node.id.name;
  } else if (parent?.isExportDefaultDeclaration()) {
    base = "default";
  } else if (
    parent?.isAssignmentExpression() &&
    p.key === "right" &&
    parent.node.left.type === "Identifier"
  ) {
    base = parent.node.left.name;
  }
  if (base === null && keys.length === 0) return null;
  return [...(base === null ? [] : [base]), ...keys].join("/");
}
