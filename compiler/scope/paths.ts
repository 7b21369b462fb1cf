import type { NodePath } from "@babel/traverse";
import { VISITOR_KEYS } from "@babel/types";
import type * as t from "@babel/types";

/** One node on a path from the Program down, with where it sits in its parent (as in a NodePath). */
export interface PathEntry {
  node: t.Node;
  /** Property of the parent that holds the node, or its index in `listKey`. */
  key: string | number | null;
  /** The parent's array property that holds the node, if any. */
  listKey: string | null;
}

/**
 * The nodes from the Program (index 0) down to one node: what a Babel NodePath knows about its
 * ancestors, as a plain array that costs nothing to build.
 */
export type AstPath = PathEntry[];

type AnyNode = t.Node & Record<string, unknown>;

/** Calls `visit` for every child of `node`, in Babel's traversal order. */
export function forEachChild(
  node: t.Node,
  visit: (child: t.Node, key: string | number, listKey: string | null) => void,
): void {
  for (const key of VISITOR_KEYS[node.type] ?? []) {
    const value = (node as AnyNode)[key] as t.Node | (t.Node | null)[] | null | undefined;
    if (!value) continue;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (value[i]) visit(value[i]!, i, key);
    } else if (typeof value.type === "string") visit(value, key, null);
  }
}

/** The path of a NodePath, from the Program down. */
export function toAstPath(path: NodePath): AstPath {
  const out: AstPath = [];
  for (let p: NodePath | null = path; p && p.node.type !== "File"; p = p.parentPath) {
    const isProgram = p.node.type === "Program";
    out.push({
      node: p.node,
      key: isProgram ? null : (p.key as string | number),
      listKey: isProgram ? null : (p.listKey ?? null),
    });
  }
  return out.reverse();
}

/** First index of a list (sorted by position, holes allowed) whose element ends after `pos`. */
function firstEndingAfter(list: (t.Node | null)[], pos: number): number {
  if (list.length < 8) return 0;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    let mid = (lo + hi) >> 1;
    while (mid < hi && !list[mid]) mid++;
    if (mid === hi) {
      hi = (lo + hi) >> 1;
      continue;
    }
    if (list[mid]!.end! <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Paths to the nodes that contain the offset `pos` and satisfy `match`, found by descending only
 * into children whose range holds `pos` (both children when they share it, as the key and value
 * of a shorthand property do).
 */
export function findPaths(
  program: t.Program,
  pos: number,
  match: (node: t.Node) => boolean,
): AstPath[] {
  const found: AstPath[] = [];
  descend(program, pos, match, [{ node: program, key: null, listKey: null }], found);
  return found;
}

function descend(
  node: t.Node,
  pos: number,
  match: (node: t.Node) => boolean,
  path: AstPath,
  found: AstPath[],
): void {
  if (match(node)) found.push(path.slice());
  const keys = VISITOR_KEYS[node.type];
  if (!keys) return;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const value = (node as AnyNode)[key] as t.Node | (t.Node | null)[] | null | undefined;
    if (!value) continue;
    if (Array.isArray(value)) {
      for (let i = firstEndingAfter(value, pos); i < value.length; i++) {
        const child = value[i];
        if (!child) continue;
        if (child.start! > pos) break;
        if (pos >= child.end!) continue;
        path.push({ node: child, key: i, listKey: key });
        descend(child, pos, match, path, found);
        path.pop();
      }
    } else if (typeof value.type === "string" && value.start! <= pos && pos < value.end!) {
      path.push({ node: value, key, listKey: null });
      descend(value, pos, match, path, found);
      path.pop();
    }
  }
}

/** The paths of the identifiers called `name` that start at `pos` (two for `{ a }`). */
export function findIdentifierPaths(program: t.Program, pos: number, name: string): AstPath[] {
  return findPaths(
    program,
    pos,
    (node) =>
      (node.type === "Identifier" || node.type === "JSXIdentifier") &&
      node.start === pos &&
      node.name === name,
  );
}
