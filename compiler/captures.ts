import * as t from "@babel/types";
import {
  type AstPath,
  type Binding,
  forEachChild,
  getIdentifierUses,
  getParentScopeIndex,
  getScopeIndex,
  isReferencedIdentifier,
  type ScopeModel,
} from "./scope/index.js";

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
export function scanCaptures(model: ScopeModel, fnPath: AstPath): CaptureScan {
  const f = fnPath.length - 1;
  const fn = fnPath[f]!.node as t.Function;
  // A function declaration's own name: its copy is a named function expression that calls itself.
  const ownName = fn.type === "FunctionDeclaration" ? fn.id?.name : undefined;
  const isArrow = fn.type === "ArrowFunctionExpression";

  // The bindings of every scope between the function and the module, innermost first.
  const outer: [string, Binding][][] = [];
  const enums = new Set<string>();
  for (let s = getParentScopeIndex(fnPath, getScopeIndex(fnPath, f)); s > 0;) {
    const bindings = [...model.getOwnBindings(fnPath, s)];
    const node = fnPath[s]!.node;
    // A class declaration's scope also holds the class's own binding.
    if (node.type === "ClassDeclaration" && node.id) {
      const own = model.resolveFromScope(node.id.name, fnPath, getParentScopeIndex(fnPath, s));
      if (own) bindings.push([node.id.name, own]);
    }
    outer.push(bindings);
    collectEnumNames(node, enums);
    s = getParentScopeIndex(fnPath, s);
  }
  const wanted = new Set<string>(enums);
  for (const bindings of outer) for (const [name] of bindings) wanted.add(name);

  // One walk of the function's inside, in Babel's order (for the order of the diagnostics).
  const names = new Set<string>();
  // Bindings of those scopes that the function's own code reads or writes.
  const used = new Set<Binding>();
  let lexicalThis = false;
  const unportable: CaptureScan["unportable"] = [];
  const path = fnPath.slice();
  let depth = 0; // non-arrow functions entered: they have their own `this`, `arguments` and `super`
  const visit = (node: t.Node, key: string | number, listKey: string | null) => {
    path.push({ node, key, listKey });
    const k = path.length - 1;
    const ownThis = node.type !== "ArrowFunctionExpression" && isFunctionNode(node);
    if (ownThis) depth++;
    switch (node.type) {
      case "ThisExpression":
        if (isArrow && depth === 0) lexicalThis = true;
        break;
      case "Super":
        if (depth === 0) unportable.push({ what: "super", node });
        break;
      case "MetaProperty":
        if (isArrow && depth === 0 && node.meta.name === "new" && node.property.name === "target")
          unportable.push({ what: "new.target", node });
        break;
      case "Identifier": {
        const { name } = node;
        const isArguments = isArrow && depth === 0 && name === "arguments";
        if ((isArguments || enums.has(name)) && isReferencedIdentifier(path, k)) {
          // Babel counts `arguments` as a binding of every function scope; only a declared one is real.
          if (isArguments && !model.resolve(name, path, k))
            unportable.push({ what: "arguments", node });
          // Babel's scope does not record TypeScript enums: an unbound reference to one is a capture.
          if (enums.has(name) && !model.resolve(name, path, k)) names.add(name);
        }
        break;
      }
    }
    if ((node.type === "Identifier" || node.type === "JSXIdentifier") && wanted.has(node.name)) {
      for (const use of getIdentifierUses(path)) {
        if (!within(use.node, fn)) continue;
        const binding = model.resolve(node.name, path, use.at);
        if (binding) used.add(binding);
      }
    }
    forEachChild(node, visit);
    if (ownThis) depth--;
    path.pop();
  };
  forEachChild(fn, visit);

  for (const bindings of outer) {
    for (const [name, binding] of bindings) {
      if (names.has(name) || (name === ownName && binding.node === fn)) continue;
      if (used.has(binding) || binding.redeclarations.some((node) => within(node, fn)))
        names.add(name);
    }
  }
  return { names: [...names].sort(), lexicalThis, unportable };
}

const isFunctionNode = (node: t.Node) => t.isFunction(node);

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
