/** Which names a module reads or writes without declaring them, by Babel's scope analysis. */
import traverseModule, { type NodePath } from "@babel/traverse";
import type { BabelFile } from "./parse-module.js";

// @babel/traverse is CommonJS: under Node's ESM its default export arrives as `.default`.
type Traverse = typeof traverseModule.default;
const traverse: Traverse =
  (traverseModule as unknown as { default?: Traverse }).default ??
  (traverseModule as unknown as Traverse);

/** Nodes whose identifiers live in type space (erased), not in value space. */
const TYPE_LEVEL = new Set([
  "TSTypeAnnotation",
  "TSTypeParameterInstantiation",
  "TSTypeParameterDeclaration",
  "TSInterfaceDeclaration",
  "TSTypeAliasDeclaration",
  "TSDeclareFunction",
  "TSDeclareMethod",
  "TSExpressionWithTypeArguments",
  "TSClassImplements",
  "TSInterfaceHeritage",
  "TSTypeReference",
  "TSTypeQuery",
  "TSQualifiedName",
  "TSIndexSignature",
  "TSModuleDeclaration",
  "TSImportType",
]);

/** Identifiers read or written in value positions that no scope of the module declares. */
export function freeVariables(ast: BabelFile): Set<string> {
  const free = new Set<string>();
  const visit = (path: NodePath) => {
    const name = (path.node as unknown as { name: string }).name;
    if (path.scope.hasBinding(name, true)) return;
    if (
      path.findParent(
        (p) => TYPE_LEVEL.has(p.node.type) || (p.node as { declare?: boolean }).declare === true,
      )
    )
      return;
    free.add(name);
  };
  traverse(ast, {
    ReferencedIdentifier: visit,
    // assignments to undeclared names (`x = 1`) are free too
    AssignmentExpression(path) {
      const left = path.get("left");
      if (left.isIdentifier()) visit(left);
    },
  });
  return free;
}

/** How each name is declared in a module: `kind@scope` (e.g. `const@BlockStatement`), for grouping failures. */
export function bindingKinds(ast: BabelFile): Map<string, string> {
  const kinds = new Map<string, string>();
  traverse(ast, {
    Scopable(path) {
      for (const [name, binding] of Object.entries(path.scope.bindings))
        if (!kinds.has(name)) kinds.set(name, `${binding.kind}@${path.scope.block.type}`);
    },
  });
  return kinds;
}
