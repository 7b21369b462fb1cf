import * as t from "@babel/types";
import { type Binding, collectOwnBindings } from "./declarations.js";
import type { AstPath } from "./paths.js";
import { getParentScopeIndex, getScopeIndex } from "./rules.js";

/** Babel's bindings of every scope, computed the first time a scope is asked about. */
export interface BindingTables {
  /** The bindings the scope at `path[s]` declares itself (Babel's `scope.bindings`). */
  getOwn(path: AstPath, s: number): Map<string, Binding>;
  /** The binding `name` refers to from the scope at `path[s]` (Babel's `scope.getBinding`). */
  resolveFromScope(name: string, path: AstPath, s: number): Binding | undefined;
  /** The binding `name` refers to at `path[i]` (Babel's `path.scope.getBinding`). */
  resolve(name: string, path: AstPath, i: number): Binding | undefined;
}

export function createBindingTables(): BindingTables {
  const cache = new Map<t.Node, Map<string, Binding>>();
  const getOwn = (path: AstPath, s: number) => {
    const node = path[s]!.node;
    let table = cache.get(node);
    if (!table) cache.set(node, (table = collectOwnBindings(path.slice(0, s + 1))));
    return table;
  };
  const resolveFromScope = (name: string, path: AstPath, s: number): Binding | undefined => {
    let previous = -1;
    for (; s >= 0; previous = s, s = getParentScopeIndex(path, s)) {
      const node = path[s]!.node;
      let binding = getOwn(path, s).get(name);
      // A class declaration's scope shares the class's binding from the scope around it.
      if (!binding && node.type === "ClassDeclaration" && node.id?.name === name)
        binding = resolveFromScope(name, path, getParentScopeIndex(path, s));
      if (binding) {
        // From a parameter default, only parameters (and a function's own name) are visible.
        const fromPattern = previous >= 0 && t.isPattern(path[previous]!.node);
        if (!fromPattern || binding.kind === "param" || binding.kind === "local") return binding;
      } else if (
        name === "arguments" &&
        t.isFunction(node) &&
        node.type !== "ArrowFunctionExpression"
      ) {
        return undefined;
      }
    }
    return undefined;
  };
  return {
    getOwn,
    resolveFromScope,
    resolve: (name, path, i) => resolveFromScope(name, path, getScopeIndex(path, i)),
  };
}
