/**
 * What the grammar generates: a plain-data description of a module (imports, functions, objects,
 * classes, statements, directives), drawn by the arbitraries and turned into source by the
 * renderers. Numbers pick from the pools of `vocabulary.ts` (modulo their length).
 */

/** Where a directive is written: first, no `;`, after a comment or "use strict", or late. */
export type DirPos = "first" | "noSemi" | "comment" | "lineComment" | "afterStrict" | "late";
/** A directive: its text (good or misspelt) and position. */
export interface DirSpec {
  text: string;
  pos: DirPos;
}
/** The shape of one parameter. */
export type ParamKind = "plain" | "default" | "object" | "array" | "rest" | "this";
/** A function of any syntactic form: the form is chosen where it is rendered. */
export interface FnSpec {
  isAsync: boolean;
  dir: DirSpec | null;
  params: ParamKind[];
  body: Stmt[];
  annotate: boolean;
}

/** An expression; `i`/`k` pick a visible name or a pool entry. */
export type Expr =
  | { t: "ref"; i: number }
  | { t: "lit"; k: number }
  | { t: "global"; k: number }
  | { t: "helper"; i: number; arg: number }
  | { t: "this" }
  | { t: "bin"; op: number; a: Expr; b: Expr }
  | { t: "await"; e: Expr }
  | { t: "tmpl"; e: Expr }
  | { t: "arrowExpr"; e: Expr }
  | { t: "ts"; e: Expr }
  | { t: "jsx"; e: Expr };

/** How a function nested in a statement list is written. */
export type NestedForm =
  | "decl"
  | "arrow"
  | "fnexpr"
  | "namedFnexpr"
  | "map"
  | "callback"
  | "iife"
  | "objMethod"
  | "gen"
  | "letAssign"
  | "returned";

/** A statement; those with a `body` nest, up to the depth of their arbitrary. */
export type Stmt =
  | { t: "const"; e: Expr }
  | { t: "let"; e: Expr }
  | { t: "assign"; i: number }
  | { t: "expr"; e: Expr }
  | { t: "call"; i: number; args: Expr[] }
  | { t: "return"; e: Expr }
  | { t: "dir"; text: string }
  | { t: "this" }
  | { t: "super" }
  | { t: "newTarget" }
  | { t: "arguments" }
  | { t: "jsx"; i: number }
  | { t: "forOf"; body: Stmt[]; isAwait: boolean; i: number }
  | { t: "forI"; body: Stmt[] }
  | { t: "if"; e: Expr; body: Stmt[]; alt: Stmt[] }
  | { t: "try"; body: Stmt[]; handler: Stmt[] }
  | { t: "block"; body: Stmt[] }
  | { t: "nested"; form: NestedForm; fn: FnSpec; callIt: boolean }
  | { t: "obj"; obj: ObjSpec }
  | { t: "class"; cls: ClassSpec };

/** The value of an object-literal property. */
export type PropVal =
  | { t: "method"; fn: FnSpec; gen: boolean }
  | { t: "arrow"; fn: FnSpec }
  | { t: "fnexpr"; fn: FnSpec; named: boolean }
  | { t: "obj"; obj: ObjSpec }
  | { t: "value"; e: Expr }
  | { t: "getter" }
  | { t: "spread"; i: number };
/** An object-literal property: a key from `PROP_KEYS` and its value. */
export interface Prop {
  key: number;
  val: PropVal;
}
/** An object literal, possibly wrapped (`tool({...})`, `new Agent({...})`, ...). */
export interface ObjSpec {
  wrap: number;
  props: Prop[];
}

/** The kind of a class member (`ser`/`deser` are the serialization symbols). */
export type MemberKind =
  | "method"
  | "ser"
  | "deser"
  | "field"
  | "fieldArrow"
  | "getter"
  | "ctor"
  | "privField"
  | "privMethod"
  | "staticBlock";
/** A class member: a key from `CLASS_KEYS`, and a function where the kind has one. */
export interface Member {
  kind: MemberKind;
  isStatic: boolean;
  key: number;
  fn: FnSpec;
  gen: boolean;
}
/** A class, possibly decorated and extending `Base`. */
export interface ClassSpec {
  decorator: boolean;
  ext: boolean;
  members: Member[];
}

/** How a top-level declaration is exported. */
export type Exp = "none" | "named" | "default" | "list" | "listAlias";
/** How a top-level function is written. */
export type FnForm =
  | "decl"
  | "anonDecl"
  | "arrow"
  | "fnexpr"
  | "namedFnexpr"
  | "arrowExpr"
  | "multi"
  | "gen"
  | "wrapped"
  | "letAssign";
/** A top-level item of a module. */
export type Item =
  | { t: "import"; k: number }
  | { t: "fn"; exp: Exp; form: FnForm; fn: FnSpec; fn2: FnSpec }
  | { t: "obj"; exp: Exp; obj: ObjSpec }
  | { t: "class"; exp: Exp; cls: ClassSpec; asExpr: boolean }
  | { t: "helper"; k: number }
  | { t: "dir"; text: string }
  | { t: "comment"; k: number }
  | { t: "ts"; k: number }
  | { t: "stmt"; s: Stmt }
  | { t: "reexport"; k: number };

/** A whole module and the name of its file. */
export interface ModuleSpec {
  /** Only legal directives (most modules): otherwise nearly every module has an error diagnostic. */
  clean: boolean;
  hashbang: boolean;
  leadingComment: boolean;
  prologue: string[];
  items: Item[];
  ext: string;
  dir: number;
  base: number;
  absolute: boolean;
  spec: number;
}
