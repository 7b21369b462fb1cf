/**
 * The arbitrary for a whole module: its top-level items (imports, functions in every form,
 * objects, classes, helpers, directives, comments, TypeScript-only declarations, re-exports), how
 * each is exported, a prologue, and the file's name.
 */
import fc from "fast-check";
import { classArb, fnArb, objArb, stmtArb } from "./code-arbitraries.js";
import { directiveArb } from "./directives.js";
import { HELPERS, IMPORTS, TS_ITEMS } from "./module-snippets.js";
import type { Exp, FnForm, Item, ModuleSpec } from "./spec.js";
import { BASES, COMMENTS, DIRS, EXTENSIONS, SPECIFIERS } from "./vocabulary.js";

const expArb: fc.Arbitrary<Exp> = fc.oneof(
  { weight: 4, arbitrary: fc.constant("named" as const) },
  { weight: 2, arbitrary: fc.constant("none" as const) },
  { weight: 2, arbitrary: fc.constant("default" as const) },
  { weight: 1, arbitrary: fc.constantFrom<Exp>("list", "listAlias") },
);

const FN_FORMS: FnForm[] = [
  "decl",
  "anonDecl",
  "arrow",
  "fnexpr",
  "namedFnexpr",
  "arrowExpr",
  "multi",
  "gen",
  "wrapped",
  "letAssign",
];

const itemArb = (): fc.Arbitrary<Item> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({ t: fc.constant("import" as const), k: fc.nat(IMPORTS.length - 1) }),
    },
    {
      weight: 10,
      arbitrary: fc.record({
        t: fc.constant("fn" as const),
        exp: expArb,
        form: fc.oneof(
          { weight: 4, arbitrary: fc.constant("decl" as const) },
          { weight: 3, arbitrary: fc.constantFrom<FnForm>(...FN_FORMS) },
        ),
        fn: fnArb(2),
        fn2: fnArb(1),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ t: fc.constant("obj" as const), exp: expArb, obj: objArb(2) }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant("class" as const),
        exp: expArb,
        cls: classArb(2),
        asExpr: fc.boolean(),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ t: fc.constant("helper" as const), k: fc.nat(HELPERS.length - 1) }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("dir" as const), text: directiveArb }) },
    {
      weight: 1,
      arbitrary: fc.record({ t: fc.constant("comment" as const), k: fc.nat(COMMENTS.length - 1) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ t: fc.constant("ts" as const), k: fc.nat(TS_ITEMS.length - 1) }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("stmt" as const), s: stmtArb(2) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("reexport" as const), k: fc.nat(2) }) },
  );

/** A module: 1 to 6 items, a prologue, a file name and maybe a module specifier. */
export const moduleSpecArb = (): fc.Arbitrary<ModuleSpec> =>
  fc.record({
    clean: fc.oneof(
      { weight: 3, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
    hashbang: fc.oneof(
      { weight: 19, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
    leadingComment: fc.oneof(
      { weight: 4, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
    prologue: fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as string[]) },
      { weight: 2, arbitrary: fc.array(directiveArb, { minLength: 1, maxLength: 2 }) },
    ),
    items: fc.array(itemArb(), { minLength: 1, maxLength: 6 }),
    ext: fc.constantFrom(...EXTENSIONS),
    dir: fc.nat(DIRS.length - 1),
    base: fc.nat(BASES.length - 1),
    absolute: fc.boolean(),
    spec: fc.nat(SPECIFIERS.length * 6 - 1),
  });
