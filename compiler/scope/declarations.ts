import * as t from "@babel/types";
import { forEachDeclaredIdentifier } from "./declared-identifiers.js";
import type { AstPath } from "./paths.js";
import {
  getBlockParentIndex,
  getFunctionParentIndex,
  getParentScopeIndex,
  getScopeIndex,
} from "./rules.js";

export type BindingKind =
  "var" | "let" | "const" | "hoisted" | "param" | "local" | "module" | "unknown";

/** A declared name of one scope, as Babel's scope crawl records it. */
export interface Binding {
  name: string;
  kind: BindingKind;
  /** The node of the scope that owns the binding. */
  scope: t.Node;
  /** The declaring node (Babel's `binding.path.node`): declarator, function, class, specifier, parameter or catch clause. */
  node: t.Node;
  identifier: t.Identifier;
  /**
   * Declaring nodes that count as writes (Babel puts them in `constantViolations`): a second
   * declaration of the name in the same scope, and a `var` or function declared in a loop.
   */
  redeclarations: t.Node[];
}

const BLOCK_SCOPED_SYMBOL = Symbol.for("var used to be block scoped");

const isVar = (node: t.VariableDeclaration) =>
  node.kind === "var" && !(node as unknown as Record<symbol, unknown>)[BLOCK_SCOPED_SYMBOL];

/** Babel's `isInitInLoop`: a `var` with an initializer or a function, declared in a loop body. */
function isInitInLoop(path: AstPath, b: number): boolean {
  const node = path[b]!.node;
  const hasInit = node.type !== "VariableDeclarator" || !!node.init;
  for (let i = b; i > 0; i--) {
    const parent = path[i - 1]!.node;
    if (t.isFunctionParent(parent)) return false;
    const key = path[i]!.key;
    if (
      (key === "left" && t.isForXStatement(parent)) ||
      (hasInit && key === "body" && t.isLoop(parent))
    )
      return true;
  }
  return false;
}

/**
 * The bindings the scope at the end of `prefix` owns, in the order Babel's crawl registers them
 * (parameters, then a function expression's own name, then declarations in traversal order).
 * Only statements are walked: no expression can declare a name in an enclosing scope, and
 * nested functions, classes and namespaces keep their declarations to themselves.
 */
export function collectOwnBindings(prefix: AstPath): Map<string, Binding> {
  const path = prefix.slice();
  const s = path.length - 1;
  const scope = path[s]!.node;
  const table = new Map<string, Binding>();
  // A nested block keeps its let/const/class/function: only a `var` inside can reach this scope,
  // so nested blocks are only walked for a scope that collects `var`s.
  const hoists = scope.type === "Program" || t.isFunctionParent(scope);

  /** Registers the names `declared` (a declaring node, or one of its identifiers) declares. */
  const register = (kind: BindingKind, b: number, declared: t.Node) => {
    const node = path[b]!.node;
    forEachDeclaredIdentifier(declared, (identifier) => {
      const { name } = identifier;
      const local = table.get(name);
      if (local) {
        if (local.identifier === identifier) return;
        if (!local.redeclarations.includes(node)) local.redeclarations.push(node);
      } else {
        const binding: Binding = { name, kind, scope, node, identifier, redeclarations: [] };
        table.set(name, binding);
        if ((kind === "var" || kind === "hoisted") && isInitInLoop(path, b))
          binding.redeclarations.push(node);
      }
    });
  };
  const varTarget = (i: number) => {
    const f = getFunctionParentIndex(path, getScopeIndex(path, i));
    return f < 0 ? 0 : f;
  };
  const letTarget = (i: number) => getBlockParentIndex(path, getScopeIndex(path, i));
  // Function and class declarations are scopes themselves: they land in the block around them.
  const declarationTarget = (i: number) =>
    getBlockParentIndex(path, getParentScopeIndex(path, getScopeIndex(path, i)));

  const enter = (
    child: t.Node | null | undefined,
    key: string | number,
    listKey: string | null,
  ) => {
    if (!child) return;
    path.push({ node: child, key, listKey });
    visit(path.length - 1);
    path.pop();
  };
  const enterList = (list: (t.Node | null)[], listKey: string) => {
    for (let i = 0; i < list.length; i++) enter(list[i], i, listKey);
  };

  const visit = (i: number): void => {
    const node = path[i]!.node;
    switch (node.type) {
      case "VariableDeclaration": {
        const kind: BindingKind = isVar(node) ? "var" : node.kind === "let" ? "let" : "const"; // const, using, await using
        if ((kind === "var" ? varTarget(i) : letTarget(i)) !== s) return;
        node.declarations.forEach((declarator, j) => {
          path.push({ node: declarator, key: j, listKey: "declarations" });
          register(kind, path.length - 1, declarator);
          path.pop();
        });
        return;
      }
      case "FunctionDeclaration":
        if (node.id && declarationTarget(i) === s) register("hoisted", i, node.id);
        return;
      case "ClassDeclaration":
        if (!node.declare && declarationTarget(i) === s) register("let", i, node);
        return;
      case "ImportDeclaration":
        if (letTarget(i) !== s) return;
        node.specifiers.forEach((specifier, j) => {
          const isType =
            node.importKind === "type" ||
            node.importKind === "typeof" ||
            (specifier.type === "ImportSpecifier" &&
              (specifier.importKind === "type" || specifier.importKind === "typeof"));
          path.push({ node: specifier, key: j, listKey: "specifiers" });
          register(isType ? "unknown" : "module", path.length - 1, specifier);
          path.pop();
        });
        return;
      case "TSImportEqualsDeclaration":
        if (letTarget(i) === s || varTarget(i) === s) register("unknown", i, node);
        return;
      case "ExportNamedDeclaration":
      case "ExportDefaultDeclaration":
        enter(node.declaration, "declaration", null);
        return;
      case "BlockStatement":
        if (i === s || hoists) enterList(node.body, "body");
        return;
      case "IfStatement":
        enter(node.consequent, "consequent", null);
        enter(node.alternate, "alternate", null);
        return;
      case "LabeledStatement":
      case "WithStatement":
        enter(node.body, "body", null);
        return;
      case "WhileStatement":
      case "DoWhileStatement":
        if (i !== s && !hoists) return;
        enter(node.body, "body", null);
        return;
      case "ForStatement":
      case "ForInStatement":
      case "ForOfStatement": {
        if (i !== s && !hoists) return;
        const head = node.type === "ForStatement" ? node.init : node.left;
        if (head?.type === "VariableDeclaration")
          enter(head, node.type === "ForStatement" ? "init" : "left", null);
        enter(node.body, "body", null);
        return;
      }
      case "SwitchStatement":
        if (i !== s && !hoists) return;
        node.cases.forEach((c, j) => {
          path.push({ node: c, key: j, listKey: "cases" });
          enterList(c.consequent, "consequent");
          path.pop();
        });
        return;
      case "TryStatement":
        enter(node.block, "block", null);
        enter(node.handler, "handler", null);
        enter(node.finalizer, "finalizer", null);
        return;
      case "CatchClause":
        if (i !== s && !hoists) return;
        // The catch body is not a scope of its own: its declarations belong to the clause.
        path.push({ node: node.body, key: "body", listKey: null });
        enterList(node.body.body, "body");
        path.pop();
        return;
      default:
        return;
    }
  };

  switch (scope.type) {
    case "ClassExpression":
      if (scope.id) register("local", s, scope.id);
      break;
    case "CatchClause":
      register("let", s, scope);
      visit(s);
      break;
    case "Program":
    case "StaticBlock":
    case "TSModuleBlock":
      enterList(scope.body, "body");
      break;
    default:
      if (t.isFunction(scope)) {
        scope.params.forEach((param, j) => {
          path.push({ node: param, key: j, listKey: "params" });
          register("param", path.length - 1, param);
          path.pop();
        });
        if (scope.type === "FunctionExpression" && scope.id) register("local", s, scope.id);
        if (scope.body.type === "BlockStatement") {
          path.push({ node: scope.body, key: "body", listKey: null });
          enterList(scope.body.body, "body");
          path.pop();
        }
      } else if (!t.isPattern(scope) && scope.type !== "ClassDeclaration") {
        visit(s); // blocks, loops, switch
      }
  }
  return table;
}
