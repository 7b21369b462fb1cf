/**
 * Arbitraries for the code inside a module: expressions, statements, functions, object literals
 * and classes. They recurse into each other, bounded by `depth`; each depth is built once and
 * cached, so the nesting is fixed and the arbitraries stay small.
 */
import fc from "fast-check";
import { directiveArb } from "./directives.js";
import type {
  ClassSpec,
  DirPos,
  DirSpec,
  Expr,
  FnSpec,
  Member,
  MemberKind,
  NestedForm,
  ObjSpec,
  ParamKind,
  PropVal,
  Stmt,
} from "./spec.js";
import { CLASS_KEYS, GLOBALS, LITERALS, PROP_KEYS } from "./vocabulary.js";

const exprArbs = new Map<number, fc.Arbitrary<Expr>>();
function exprArb(depth: number): fc.Arbitrary<Expr> {
  const cached = exprArbs.get(depth);
  if (cached) return cached;
  const leaves: fc.WeightedArbitrary<Expr>[] = [
    { weight: 5, arbitrary: fc.record({ t: fc.constant("ref" as const), i: fc.nat(40) }) },
    {
      weight: 2,
      arbitrary: fc.record({ t: fc.constant("lit" as const), k: fc.nat(LITERALS.length - 1) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ t: fc.constant("global" as const), k: fc.nat(GLOBALS.length - 1) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ t: fc.constant("helper" as const), i: fc.nat(40), arg: fc.nat(40) }),
    },
    { weight: 1, arbitrary: fc.constant({ t: "this" as const }) },
  ];
  let arb: fc.Arbitrary<Expr>;
  if (depth <= 0) arb = fc.oneof(...leaves);
  else {
    const sub = exprArb(depth - 1);
    arb = fc.oneof(
      ...leaves,
      {
        weight: 1,
        arbitrary: fc.record({ t: fc.constant("bin" as const), op: fc.nat(3), a: sub, b: sub }),
      },
      { weight: 2, arbitrary: fc.record({ t: fc.constant("await" as const), e: sub }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("tmpl" as const), e: sub }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("arrowExpr" as const), e: sub }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("ts" as const), e: sub }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("jsx" as const), e: sub }) },
    );
  }
  exprArbs.set(depth, arb);
  return arb;
}

const dirSpecArb: fc.Arbitrary<DirSpec> = fc.record({
  text: directiveArb,
  pos: fc.oneof(
    { weight: 8, arbitrary: fc.constant("first" as const) },
    {
      weight: 4,
      arbitrary: fc.constantFrom<DirPos>("noSemi", "comment", "lineComment", "afterStrict", "late"),
    },
  ),
});

const paramsArb: fc.Arbitrary<ParamKind[]> = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.constant("plain" as const) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<ParamKind>("default", "object", "array", "rest", "this"),
    },
  ),
  { maxLength: 3 },
);

const fnArbs = new Map<number, fc.Arbitrary<FnSpec>>();
/** A function whose body nests statements up to `depth` deep. */
export function fnArb(depth: number): fc.Arbitrary<FnSpec> {
  const cached = fnArbs.get(depth);
  if (cached) return cached;
  const arb = fc.record({
    isAsync: fc.oneof(
      { weight: 9, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
    dir: fc.oneof(
      { weight: 4, arbitrary: dirSpecArb },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    params: paramsArb,
    body: stmtsArb(depth),
    annotate: fc.boolean(),
  });
  fnArbs.set(depth, arb);
  return arb;
}

const stmtsArbs = new Map<number, fc.Arbitrary<Stmt[]>>();
function stmtsArb(depth: number): fc.Arbitrary<Stmt[]> {
  const cached = stmtsArbs.get(depth);
  if (cached) return cached;
  const arb = fc.array(stmtArb(depth), { maxLength: depth >= 2 ? 4 : 2 });
  stmtsArbs.set(depth, arb);
  return arb;
}

const NESTED_FORMS: NestedForm[] = [
  "decl",
  "arrow",
  "fnexpr",
  "namedFnexpr",
  "map",
  "callback",
  "iife",
  "objMethod",
  "gen",
  "letAssign",
  "returned",
];

const stmtArbs = new Map<number, fc.Arbitrary<Stmt>>();
/** A statement; at `depth` > 0 also loops, branches, blocks, nested functions, objects, classes. */
export function stmtArb(depth: number): fc.Arbitrary<Stmt> {
  const cached = stmtArbs.get(depth);
  if (cached) return cached;
  const e = exprArb(1);
  const leaves: fc.WeightedArbitrary<Stmt>[] = [
    { weight: 3, arbitrary: fc.record({ t: fc.constant("const" as const), e }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("let" as const), e }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("assign" as const), i: fc.nat(20) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant("expr" as const), e }) },
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant("call" as const),
        i: fc.nat(40),
        args: fc.array(e, { maxLength: 2 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("return" as const), e }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("dir" as const), text: directiveArb }) },
    { weight: 1, arbitrary: fc.constant({ t: "this" as const }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Stmt>({ t: "super" }, { t: "newTarget" }, { t: "arguments" }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("jsx" as const), i: fc.nat(20) }) },
  ];
  let arb: fc.Arbitrary<Stmt>;
  if (depth <= 0) arb = fc.oneof(...leaves);
  else {
    const body = stmtsArb(depth - 1);
    arb = fc.oneof(
      ...leaves,
      {
        weight: 2,
        arbitrary: fc.record({
          t: fc.constant("forOf" as const),
          body,
          isAwait: fc.boolean(),
          i: fc.nat(20),
        }),
      },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("forI" as const), body }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("if" as const), e, body, alt: body }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("try" as const), body, handler: body }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("block" as const), body }) },
      {
        weight: 6,
        arbitrary: fc.record({
          t: fc.constant("nested" as const),
          form: fc.constantFrom(...NESTED_FORMS),
          fn: fnArb(depth - 1),
          callIt: fc.boolean(),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ t: fc.constant("obj" as const), obj: objArb(depth - 1) }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ t: fc.constant("class" as const), cls: classArb(depth - 1) }),
      },
    );
  }
  stmtArbs.set(depth, arb);
  return arb;
}

const objArbs = new Map<number, fc.Arbitrary<ObjSpec>>();
/** An object literal whose values nest objects up to `depth` deep. */
export function objArb(depth: number): fc.Arbitrary<ObjSpec> {
  const cached = objArbs.get(depth);
  if (cached) return cached;
  const fn = fnArb(Math.max(0, depth));
  const vals: fc.WeightedArbitrary<PropVal>[] = [
    {
      weight: 4,
      arbitrary: fc.record({ t: fc.constant("method" as const), fn, gen: fc.boolean() }),
    },
    { weight: 3, arbitrary: fc.record({ t: fc.constant("arrow" as const), fn }) },
    {
      weight: 2,
      arbitrary: fc.record({ t: fc.constant("fnexpr" as const), fn, named: fc.boolean() }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("value" as const), e: exprArb(0) }) },
    { weight: 1, arbitrary: fc.constant({ t: "getter" as const }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("spread" as const), i: fc.nat(20) }) },
  ];
  if (depth > 0)
    vals.push({
      weight: 3,
      arbitrary: fc.record({ t: fc.constant("obj" as const), obj: objArb(depth - 1) }),
    });
  const arb = fc.record({
    wrap: fc.nat(7),
    props: fc.array(fc.record({ key: fc.nat(PROP_KEYS.length - 1), val: fc.oneof(...vals) }), {
      minLength: 1,
      maxLength: 4,
    }),
  });
  objArbs.set(depth, arb);
  return arb;
}

const classArbs = new Map<number, fc.Arbitrary<ClassSpec>>();
/** A class with up to 5 members, methods most often. */
export function classArb(depth: number): fc.Arbitrary<ClassSpec> {
  const cached = classArbs.get(depth);
  if (cached) return cached;
  const member: fc.Arbitrary<Member> = fc.record({
    kind: fc.oneof(
      { weight: 6, arbitrary: fc.constant("method" as const) },
      { weight: 2, arbitrary: fc.constantFrom<MemberKind>("ser", "deser") },
      {
        weight: 2,
        arbitrary: fc.constantFrom<MemberKind>(
          "field",
          "fieldArrow",
          "getter",
          "ctor",
          "privField",
          "privMethod",
          "staticBlock",
        ),
      },
    ),
    isStatic: fc.boolean(),
    key: fc.nat(CLASS_KEYS.length - 1),
    fn: fnArb(Math.max(0, depth)),
    gen: fc.oneof(
      { weight: 9, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
  });
  const arb = fc.record({
    decorator: fc.oneof(
      { weight: 9, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
    ext: fc.boolean(),
    members: fc.array(member, { maxLength: 5 }),
  });
  classArbs.set(depth, arb);
  return arb;
}
