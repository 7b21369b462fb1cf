import type * as t from "@babel/types";
import { createBindingTables } from "./bindings.js";
import type { Binding } from "./declarations.js";
import { createOccurrenceFinder } from "./occurrences.js";
import { type AstPath, findIdentifierPaths } from "./paths.js";
import { getIdentifierUses, type IdentifierUse } from "./uses.js";

export type { Binding, BindingKind } from "./declarations.js";
export { type AstPath, forEachChild, toAstPath } from "./paths.js";
export { getParentScopeIndex, getScopeIndex } from "./rules.js";
export { getIdentifierUses, isReferencedIdentifier } from "./uses.js";

/** A use of a name by an identifier, with the path of the identifier. */
export interface OccurrenceUse extends IdentifierUse {
  path: AstPath;
}

/**
 * Babel's scope analysis of one file, answered on demand: a scope's bindings are collected the
 * first time it is asked about, and a binding's uses by looking only where its name occurs. No
 * NodePaths, no crawl of the whole program. Same answers as `@babel/traverse`'s Scope.
 */
export interface ScopeModel {
  program: t.Program;
  /** The bindings the scope at `path[s]` declares (Babel's `scope.bindings`). */
  getOwnBindings(path: AstPath, s: number): Map<string, Binding>;
  /** What `name` refers to at `path[i]` (Babel's `path.scope.getBinding(name)`). */
  resolve(name: string, path: AstPath, i: number): Binding | undefined;
  /** What `name` refers to from the scope at `path[s]` (Babel's `scope.getBinding(name)`). */
  resolveFromScope(name: string, path: AstPath, s: number): Binding | undefined;
  /** A module-level binding (Babel's `programScope.getBinding(name)`). */
  getProgramBinding(name: string): Binding | undefined;
  /** Where an identifier called `name` may start (a superset; see `occurrences.ts`). */
  findOccurrences(name: string): number[];
  /** The uses of `name` by the identifiers that start at `pos` (Babel's references and writes). */
  findUsesAt(name: string, pos: number): OccurrenceUse[];
  /** The binding a use found by `findUsesAt` refers to. */
  resolveUse(name: string, use: OccurrenceUse): Binding | undefined;
}

export function createScopeModel(program: t.Program, code: string): ScopeModel {
  const tables = createBindingTables();
  const findOccurrences = createOccurrenceFinder(code, program);
  const programPath: AstPath = [{ node: program, key: null, listKey: null }];
  const usesCache = new Map<string, Map<number, OccurrenceUse[]>>();
  const resolved = new Map<OccurrenceUse, Binding | undefined>();

  const findUsesAt = (name: string, pos: number): OccurrenceUse[] => {
    let byPos = usesCache.get(name);
    if (!byPos) usesCache.set(name, (byPos = new Map()));
    let uses = byPos.get(pos);
    if (!uses) {
      uses = [];
      for (const path of findIdentifierPaths(program, pos, name))
        for (const use of getIdentifierUses(path)) uses.push({ ...use, path });
      byPos.set(pos, uses);
    }
    return uses;
  };
  const resolveUse = (name: string, use: OccurrenceUse) => {
    if (!resolved.has(use)) resolved.set(use, tables.resolve(name, use.path, use.at));
    return resolved.get(use);
  };

  return {
    program,
    getOwnBindings: tables.getOwn,
    resolve: tables.resolve,
    resolveFromScope: tables.resolveFromScope,
    getProgramBinding: (name) => tables.getOwn(programPath, 0).get(name),
    findOccurrences,
    findUsesAt,
    resolveUse,
  };
}
