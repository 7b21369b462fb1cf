import * as t from "@babel/types";
import type MagicString from "magic-string";
import { removeStatement } from "./edit.js";
import { createRangeSet, type Range } from "./range-set.js";
import type { ScopeModel } from "./scope/index.js";

interface Removable {
  node: t.Node;
  names: string[];
  removed: boolean;
}

/**
 * Removes the module-level imports, functions, classes and variables that the transform
 * orphaned: each was referenced before and is now referenced only from code in `removed`
 * (replaced bodies, or earlier removals). Code that was unreferenced from the start, exports,
 * side-effect imports and anything in `keep` stay. Repeats until nothing changes.
 */
export function eliminateDeadCode(
  model: ScopeModel,
  s: MagicString,
  code: string,
  removed: Range[],
  keep: Set<string>,
): void {
  const dead = createRangeSet(removed);
  const isDead = (node: t.Node) => dead.holds(node.start!, node.end!);
  const inDeadCode = dead.holdsOffset;
  /**
   * Babel's test: the binding is referenced, and every reference and write is in dead code. A
   * dead range is always a whole function or method, a function body (block or expression), a
   * statement, a declarator or an import specifier, never part of a pattern; so an identifier
   * inside one has its whole use inside one too (the identifier, the assignment its pattern
   * belongs to, the export around its declaration, which is removed with the function). Hence
   * only the identifiers in live code need resolving, and in dead code only until one
   * reference is found.
   */
  const isOrphaned = (name: string) => {
    const binding = model.getProgramBinding(name);
    if (!binding || keep.has(binding.identifier.name)) return false;
    const occurrences = model.findOccurrences(name);
    if (!occurrences.some(inDeadCode)) return false; // then no reference is dead either
    if (!binding.redeclarations.every(isDead)) return false;
    for (const pos of occurrences) {
      if (inDeadCode(pos)) continue;
      for (const use of model.findUsesAt(name, pos))
        if (model.resolveUse(name, use) === binding) return false;
    }
    for (const pos of occurrences) {
      if (!inDeadCode(pos)) continue;
      for (const use of model.findUsesAt(name, pos))
        if (use.kind === "reference" && model.resolveUse(name, use) === binding) return true;
    }
    return false;
  };

  // Every candidate: a list of removable parts per statement (specifiers, declarators, or itself).
  const statements: { node: t.Statement; parts: Removable[] }[] = [];
  for (const node of model.program.body) {
    if (
      node.type === "ImportDeclaration" &&
      node.importKind !== "type" &&
      node.importKind !== "typeof"
    ) {
      const parts = node.specifiers
        .filter(
          (spec) =>
            !(
              spec.type === "ImportSpecifier" &&
              (spec.importKind === "type" || spec.importKind === "typeof")
            ),
        )
        .map((spec) => ({ node: spec as t.Node, names: [spec.local.name], removed: false }));
      if (parts.length) statements.push({ node, parts });
    } else if (
      (node.type === "FunctionDeclaration" || node.type === "ClassDeclaration") &&
      node.id
    ) {
      if (node.type === "ClassDeclaration" && node.decorators?.length) continue;
      statements.push({ node, parts: [{ node, names: [node.id.name], removed: false }] });
    } else if (node.type === "VariableDeclaration" && !node.declare) {
      const parts = node.declarations.map((d) => ({
        node: d as t.Node,
        names: Object.keys(t.getBindingIdentifiers(d.id)),
        removed: false,
      }));
      statements.push({ node, parts });
    }
  }

  for (let changed = true; changed;) {
    changed = false;
    for (const { parts } of statements) {
      for (const part of parts) {
        if (part.removed || part.names.length === 0) continue;
        if (part.names.every(isOrphaned)) {
          part.removed = true;
          dead.add(part.node.start!, part.node.end!);
          changed = true;
        }
      }
    }
  }

  for (const { node, parts } of statements) {
    const kept = parts.filter((p) => !p.removed);
    if (kept.length === parts.length) continue;
    const allGone =
      kept.length === 0 &&
      (node.type !== "ImportDeclaration" || node.specifiers.length === parts.length);
    if (allGone) removeStatement(s, code, node);
    else if (node.type === "ImportDeclaration")
      rewriteImport(s, code, node, new Set(kept.map((p) => p.node)));
    else removeListItems(s, parts);
  }
}

/** `import a, * as b, { c as d } from "x"` with only the kept specifiers (type ones always kept). */
function rewriteImport(
  s: MagicString,
  code: string,
  node: t.ImportDeclaration,
  kept: Set<t.Node>,
): void {
  const keep = node.specifiers.filter(
    (spec) =>
      kept.has(spec) ||
      (spec.type === "ImportSpecifier" && spec.importKind != null && spec.importKind !== "value"),
  );
  const text = (spec: t.Node) => code.slice(spec.start!, spec.end!);
  const head = keep.filter((spec) => spec.type !== "ImportSpecifier").map(text);
  const named = keep.filter((spec) => spec.type === "ImportSpecifier").map(text);
  // Only types left: `import type`, so that no tool keeps the module for its side effects.
  if (head.length === 0 && named.length > 0 && keep.every((spec) => !kept.has(spec))) {
    const types = named.map((text) => text.replace(/^type\s+/, ""));
    s.overwrite(node.start!, node.source.start!, `import type { ${types.join(", ")} } from `);
    return;
  }
  const clause = [...head, ...(named.length ? [`{ ${named.join(", ")} }`] : [])].join(", ");
  s.overwrite(node.start!, node.source.start!, `import ${clause} from `);
}

/** Removes items of a comma-separated list, with their commas. */
function removeListItems(s: MagicString, parts: Removable[]): void {
  for (let i = 0; i < parts.length; i++) {
    if (!parts[i]!.removed) continue;
    let j = i;
    while (j + 1 < parts.length && parts[j + 1]!.removed) j++;
    const next = parts[j + 1];
    const previous = parts[i - 1];
    if (next) s.remove(parts[i]!.node.start!, next.node.start!);
    else if (previous) s.remove(previous.node.end!, parts[j]!.node.end!);
    i = j;
  }
}
