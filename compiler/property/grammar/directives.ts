/**
 * The directive texts the grammar (and the mutator) insert: mostly correct ones, some misspelt or
 * foreign; and how a "clean" module keeps every directive legal.
 */
import fc from "fast-check";
import type { Renderer } from "./render-scope.js";
import type { DirPos, FnSpec } from "./spec.js";

/** The directives the transform acts on, in both quote styles. */
export const GOOD_DIRECTIVES = [
  '"use step"',
  "'use step'",
  '"use workflow"',
  "'use workflow'",
] as const;
/** Near misses (typos, case, spacing, template or parenthesised strings) and foreign ones. */
export const BAD_DIRECTIVES = [
  '"use steps"',
  '"Use step"',
  '"use setp"',
  '"use  step"',
  "'use-step'",
  '"use workflows"',
  '"use Workflow"',
  '"useworkflow"',
  '"use step "',
  "`use step`",
  '"use strict"',
  '"use client"',
  '"use server"',
  "('use step')",
  '"use\\x20step"',
  '"use stepp"',
  '"use wokflow"',
  '"USE STEP"',
] as const;

/** A directive text, correct 7 times in 10. */
export const directiveArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 7, arbitrary: fc.constantFrom(...GOOD_DIRECTIVES) },
  { weight: 3, arbitrary: fc.constantFrom(...BAD_DIRECTIVES) },
);

/** `GOOD_DIRECTIVES`, for lookups. */
export const GOOD = new Set<string>(GOOD_DIRECTIVES);

/**
 * In a "clean" module every directive is legal: misspelt ones are dropped, misplaced ones moved
 * to the top, workflows appear only where they may, and a function with a directive is async.
 */
export function sanitize(
  fn: FnSpec,
  r: Renderer,
  workflowOK: boolean,
  noDirective: boolean,
): FnSpec {
  if (!r.clean || !fn.dir) return fn;
  if (noDirective || !GOOD.has(fn.dir.text)) return { ...fn, dir: null };
  let text = fn.dir.text;
  if (!workflowOK) text = text.replace("use workflow", "use step");
  const pos: DirPos = ["late", "afterStrict", "noSemi"].includes(fn.dir.pos) ? "first" : fn.dir.pos;
  return { ...fn, isAsync: true, dir: { text, pos } };
}
