/**
 * What the renderers know while they write a module: the per-module `Renderer` (names used,
 * module-level functions and values, exports) and the lexical `Scope` at the current point (what
 * is visible, and whether `await`, `super`, `new.target`, `arguments` and `return` are legal).
 */
import type { FnSpec } from "./spec.js";
import { NAME_BASES } from "./vocabulary.js";

/** The lexical scope at the point being rendered. */
export interface Scope {
  vis: string[];
  lets: string[];
  fns: string[];
  isAsync: boolean;
  isGen: boolean;
  superOK: boolean;
  newTargetOK: boolean;
  argumentsOK: boolean;
  moduleLevel: boolean;
  /** Inside a function body (so `return` is allowed). */
  inFunction: boolean;
  /** Names declared in this block (a redeclaration would be a syntax error; shadowing is fine). */
  declared: Set<string>;
  indent: string;
}

/**
 * A name for a declaration in this scope. Inside functions names come from small pools, so they
 * often shadow outer ones (the closure analysis must cope); module-level names stay unique.
 */
export function local(r: Renderer, sc: Scope, base: string): string {
  if (sc.moduleLevel) {
    const name = r.fresh(base);
    sc.declared.add(name);
    return name;
  }
  let name = base;
  while (sc.declared.has(name)) name = `${base}${++r.n}`;
  sc.declared.add(name);
  r.used.add(name);
  return name;
}

/** `local` with a base from `NAME_BASES`. */
export function localName(r: Renderer, sc: Scope, i: number): string {
  return local(r, sc, NAME_BASES[i % NAME_BASES.length]!);
}

/** The state of one module being rendered. */
export class Renderer {
  readonly used = new Set<string>();
  readonly moduleFns: string[] = [];
  readonly moduleVals: string[] = [];
  readonly exportList: string[] = [];
  readonly exported = new Set<string>();
  hasDefault = false;
  n = 0;
  /** The module-level directive is a correct one (its exports must then be async functions). */
  moduleDirective = false;
  constructor(
    readonly ts: boolean,
    readonly jsx: boolean,
    /** Generate only legal directives (see `sanitize`). */
    readonly clean: boolean,
  ) {}

  fresh(base: string): string {
    let name = base;
    while (this.used.has(name)) name = `${base}${++this.n}`;
    this.used.add(name);
    return name;
  }

  pickName(i: number): string {
    return this.fresh(NAME_BASES[i % NAME_BASES.length]!);
  }

  exportName(name: string): boolean {
    if (this.exported.has(name)) return false;
    this.exported.add(name);
    return true;
  }

  takeDefault(): boolean {
    if (this.hasDefault) return false;
    this.hasDefault = true;
    return true;
  }
}

/** A nested block's scope: sees the parent's names, declares its own. */
export function child(sc: Scope, extra: Partial<Scope> = {}): Scope {
  return {
    ...sc,
    vis: [...sc.vis],
    lets: [...sc.lets],
    fns: [...sc.fns],
    declared: new Set<string>(),
    indent: sc.indent + "  ",
    moduleLevel: false,
    ...extra,
  };
}

/** The scope of a function body: arrows inherit `super`, `new.target` and `arguments`. */
export function fnScope(
  sc: Scope,
  fn: FnSpec,
  kind: "arrow" | "function" | "method",
  isGen = false,
): Scope {
  const arrow = kind === "arrow";
  return child(sc, {
    isAsync: fn.isAsync,
    isGen,
    inFunction: true,
    superOK: arrow ? sc.superOK : kind === "method",
    newTargetOK: arrow ? sc.newTargetOK : true,
    argumentsOK: arrow ? sc.argumentsOK : true,
  });
}

/** The top-level scope: its visible names are the module's values. */
export function moduleScope(r: Renderer): Scope {
  return {
    vis: r.moduleVals,
    lets: [],
    fns: [],
    isAsync: true,
    isGen: false,
    superOK: false,
    newTargetOK: false,
    argumentsOK: false,
    moduleLevel: true,
    inFunction: false,
    declared: new Set<string>(),
    indent: "  ",
  };
}
