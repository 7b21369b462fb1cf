import type { NodePath } from "@babel/traverse";
import type * as t from "@babel/types";

export interface CaptureScan {
  /** Variables of enclosing functions and blocks that the function reads or writes, sorted. */
  names: string[];
  /** An arrow that uses the `this` of the function around it. */
  lexicalThis: boolean;
  /** `super`, or an arrow's `arguments`: things a function cannot take with it when it moves. */
  unportable: { what: "super" | "arguments"; node: t.Node }[];
}

const within = (node: t.Node, outer: t.Node) =>
  node.start! >= outer.start! && node.end! <= outer.end!;

/**
 * What a nested function closes over, by Babel's scope resolution: bindings declared between
 * the function and the module scope that are referenced inside it. Module-level names are not
 * captured (they exist wherever the function is hoisted to) and neither are globals.
 */
export function scanCaptures(fn: NodePath<t.Function>): CaptureScan {
  const names = new Set<string>();
  for (let scope = fn.scope.parent; scope && !scope.path.isProgram(); scope = scope.parent) {
    for (const [name, binding] of Object.entries(scope.bindings)) {
      if (names.has(name)) continue;
      const uses = [...binding.referencePaths, ...binding.constantViolations];
      if (uses.some((use) => within(use.node, fn.node))) names.add(name);
    }
  }

  let lexicalThis = false;
  const unportable: CaptureScan["unportable"] = [];
  const isArrow = fn.isArrowFunctionExpression();
  fn.traverse({
    Function(inner) {
      // A non-arrow function has its own `this`, `arguments` and `super`.
      if (!inner.isArrowFunctionExpression()) inner.skip();
    },
    Class(inner) {
      inner.skip();
    },
    ThisExpression() {
      if (isArrow) lexicalThis = true;
    },
    Super(path) {
      unportable.push({ what: "super", node: path.node });
    },
    Identifier(path) {
      if (
        isArrow &&
        path.node.name === "arguments" &&
        path.isReferencedIdentifier() &&
        !path.scope.hasBinding("arguments")
      ) {
        unportable.push({ what: "arguments", node: path.node });
      }
    },
  });
  return { names: [...names].sort(), lexicalThis, unportable };
}
