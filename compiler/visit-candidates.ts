import traverseModule, { NodePath } from "@babel/traverse";
import * as t from "@babel/types";
import { containsOffset } from "./candidates.js";

/** What the analysis looks at: classes and functions. */
export interface CandidateVisitor {
  Class(path: NodePath<t.Class>): void;
  Function(path: NodePath<t.Function>): void;
}

// @babel/traverse is CommonJS: under Node's ESM its default export arrives as `.default`.
type Traverse = typeof traverseModule;
const traverse: Traverse =
  (traverseModule as unknown as { default?: Traverse }).default ?? traverseModule;

// The typings of NodePath.get miss that a list item's container is the list.
const getPath = NodePath.get as unknown as (opts: {
  parentPath: NodePath | null;
  parent: t.Node;
  container: t.Node | t.Node[];
  listKey: string | undefined;
  key: string | number;
}) => NodePath;

interface Frame {
  node: t.Node;
  parent: t.Node;
  container: t.Node | t.Node[];
  key: string | number;
  listKey: string | undefined;
  path?: NodePath;
}

/**
 * Visits, in Babel's traversal order, only the nodes whose range holds one of the sorted
 * `offsets` (every other subtree is skipped), and hands the classes and functions among them to
 * `visitor` as NodePaths without scope. NodePaths are made only for those nodes and their
 * ancestors, instead of for every child of every visited node as `traverse` does.
 */
export function visitCandidates(
  file: t.File,
  offsets: readonly number[],
  visitor: CandidateVisitor,
): void {
  const program = file.program;
  if (!containsOffset(offsets, program.start!, program.end!)) return;
  const stack: Frame[] = [
    { node: program, parent: file, container: file, key: "program", listKey: undefined },
  ];
  const parents = new Set<t.Node>();
  const pathAt = (depth: number): NodePath => {
    const frame = stack[depth]!;
    if (!frame.path) parents.add(frame.parent);
    frame.path ??= getPath({
      parentPath: depth > 0 ? pathAt(depth - 1) : null,
      parent: frame.parent,
      container: frame.container,
      listKey: frame.listKey,
      key: frame.key,
    });
    return frame.path;
  };
  const enter = (frame: Frame) => {
    stack.push(frame);
    visit(frame.node);
    stack.pop();
  };
  const visit = (node: t.Node) => {
    if (t.isClass(node)) visitor.Class(pathAt(stack.length - 1) as NodePath<t.Class>);
    else if (t.isFunction(node)) visitor.Function(pathAt(stack.length - 1) as NodePath<t.Function>);
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const value = (node as unknown as Record<string, t.Node | (t.Node | null)[] | null>)[key];
      if (!value) continue;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const child = value[i];
          if (child && containsOffset(offsets, child.start!, child.end!))
            enter({
              node: child,
              parent: node,
              container: value as t.Node[],
              key: i,
              listKey: key,
            });
        }
      } else if (containsOffset(offsets, value.start!, value.end!)) {
        enter({ node: value, parent: node, container: node, key, listKey: undefined });
      }
    }
  };
  visit(program);
  // NodePath.get files each path in Babel's global cache, a WeakMap keyed by the parent node.
  // V8's minor GC keeps such entries alive, which drags the whole AST into the old generation
  // on every call. The paths stay usable without the cache: drop the entries made here.
  for (const parent of parents) traverse.cache.path.delete(parent);
}
