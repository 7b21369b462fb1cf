import * as t from "@babel/types";
import type { AstPath } from "./paths.js";

// Babel's rules for which scope a node is in, restated on an AstPath (index 0 is the Program).
// They follow @babel/traverse 7 (NodePath#setScope, Scope#parent, getFunctionParent,
// getBlockParent) to the letter, quirks included, so that the compiler's answers do not change.

/** Does `path[i]` open a scope? (`t.isScope`: a function's body block does not, its parameter patterns do.) */
export function isScopeAt(path: AstPath, i: number): boolean {
  return t.isScope(path[i]!.node, (i > 0 ? path[i - 1]!.node : null) as t.Node);
}

/**
 * Index of the node whose scope `path[i]` is in (Babel's `path.scope`). A method's computed key
 * and decorators, and a switch's discriminant, are in the scope around the method or switch.
 */
export function getScopeIndex(path: AstPath, i: number): number {
  while (!isScopeAt(path, i)) {
    const { key, listKey } = path[i]!;
    const parent = path[i - 1]!.node;
    const skip =
      ((key === "key" || listKey === "decorators") && t.isMethod(parent)) ||
      (key === "discriminant" && parent.type === "SwitchStatement");
    i -= skip ? 2 : 1;
  }
  return i;
}

/** Index of the scope around the scope at `s` (Babel's `scope.parent`), -1 above the Program. */
export function getParentScopeIndex(path: AstPath, s: number): number {
  let p = s;
  while (p > 0) {
    const { key, listKey } = path[p]!;
    p--;
    if ((key === "key" || listKey === "decorators") && t.isMethod(path[p]!.node)) p--;
    if (p >= 0 && isScopeAt(path, p)) return p;
  }
  return -1;
}

/** The nearest function-like scope from `s` up (functions, static blocks, namespaces), or -1. */
export function getFunctionParentIndex(path: AstPath, s: number): number {
  for (; s >= 0; s = getParentScopeIndex(path, s)) if (t.isFunctionParent(path[s]!.node)) return s;
  return -1;
}

/** The nearest scope from `s` up that holds block-scoped declarations (the Program at the latest). */
export function getBlockParentIndex(path: AstPath, s: number): number {
  for (; s >= 0; s = getParentScopeIndex(path, s)) if (t.isBlockParent(path[s]!.node)) return s;
  return 0;
}
