import type { NodePath } from "@babel/traverse";
import type * as t from "@babel/types";

export interface CaptureScan {
  /** Variables of enclosing functions and blocks that the function reads or writes, sorted. */
  names: string[];
  /** An arrow that uses the `this` of the function around it. */
  lexicalThis: boolean;
  /** `super`, or an arrow's `arguments` or `new.target`: things a function cannot take with it when it moves. */
  unportable: { what: "super" | "arguments" | "new.target"; node: t.Node }[];
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
  // A function declaration's own name: its copy is a named function expression that calls itself.
  const ownName = fn.isFunctionDeclaration() ? fn.node.id?.name : undefined;
  const enums = new Set<string>();
  for (let scope = fn.scope.parent; scope && !scope.path.isProgram(); scope = scope.parent) {
    for (const [name, binding] of Object.entries(scope.bindings)) {
      if (names.has(name) || (name === ownName && binding.path.node === fn.node)) continue;
      const uses = [...binding.referencePaths, ...binding.constantViolations];
      if (uses.some((use) => within(use.node, fn.node))) names.add(name);
    }
    collectEnumNames(scope.block, enums);
  }

  let lexicalThis = false;
  const unportable: CaptureScan["unportable"] = [];
  const isArrow = fn.isArrowFunctionExpression();
  let depth = 0;
  fn.traverse({
    Function: {
      // A non-arrow function has its own `this`, `arguments` and `super`; names still count.
      enter(inner) {
        if (!inner.isArrowFunctionExpression()) depth++;
      },
      exit(inner) {
        if (!inner.isArrowFunctionExpression()) depth--;
      },
    },
    ThisExpression() {
      if (isArrow && depth === 0) lexicalThis = true;
    },
    Super(path) {
      if (depth === 0) unportable.push({ what: "super", node: path.node });
    },
    MetaProperty(path) {
      const { meta, property } = path.node;
      if (isArrow && depth === 0 && meta.name === "new" && property.name === "target")
        unportable.push({ what: "new.target", node: path.node });
    },
    Identifier(path) {
      if (!path.isReferencedIdentifier()) return;
      const { name } = path.node;
      // Babel counts `arguments` as a binding of every function scope; only a declared one is real.
      if (isArrow && depth === 0 && name === "arguments" && !path.scope.getBinding("arguments")) {
        unportable.push({ what: "arguments", node: path.node });
      }
      // Babel's scope does not record TypeScript enums: an unbound reference to one is a capture.
      if (enums.has(name) && !path.scope.getBinding(name)) names.add(name);
    },
  });
  return { names: [...names].sort(), lexicalThis, unportable };
}

/** Names of TypeScript enums declared directly in a block or function body. */
function collectEnumNames(block: t.Node, into: Set<string>): void {
  const body =
    block.type === "BlockStatement"
      ? block.body
      : "body" in block &&
          block.body &&
          typeof block.body === "object" &&
          "body" in block.body &&
          Array.isArray(block.body.body)
        ? (block.body.body as t.Statement[])
        : [];
  for (const statement of body)
    if (statement.type === "TSEnumDeclaration") into.add(statement.id.name);
}
