import type * as t from "@babel/types";
import { mentionsHookDefinition } from "./hook-definitions.js";

export type DirectiveKind = "step" | "workflow";

const DIRECTIVE_TEXT: Record<DirectiveKind, string> = {
  step: "use step",
  workflow: "use workflow",
};

/** The kind a string names exactly, or null. */
export function toDirectiveKind(text: string): DirectiveKind | null {
  if (text === DIRECTIVE_TEXT.step) return "step";
  if (text === DIRECTIVE_TEXT.workflow) return "workflow";
  return null;
}

/**
 * The directive a string almost spells: one edit away (insertion, deletion, substitution or
 * transposition of neighbours), or equal after ignoring case and runs of spaces, `-` and `_`.
 */
export function toNearMissKind(text: string): DirectiveKind | null {
  if (toDirectiveKind(text)) return null;
  const loose = text
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();
  for (const kind of ["step", "workflow"] as const) {
    const wanted = DIRECTIVE_TEXT[kind];
    if (loose === wanted || editDistanceIsOne(text, wanted)) return kind;
  }
  return null;
}

function editDistanceIsOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i + 1);
  const restB = b.slice(i + 1);
  if (a.length === b.length) {
    if (restA === restB) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Every directive and near miss keeps one of these words intact (one edit cannot break both halves). */
export const DIRECTIVE_WORDS = ["use", "step", "workflow"] as const;

/** A string alone in a statement: `"…";`, `"…"` at the end of a line or before `}`. */
const STATEMENT_STRING = /(["'])([^"'\\\n]{4,24})\1\s*(?:;|\r?\n|\}|$)/y;
const DIRECTIVE_PART = new RegExp(DIRECTIVE_WORDS.join("|"), "gi");

const QUOTE_DOUBLE = 34;
const QUOTE_SINGLE = 39;
const BACKSLASH = 92;
const LF = 10;

/** The `STATEMENT_STRING` match that starts at `at`, if any. */
function matchStatementString(code: string, at: number): RegExpExecArray | null {
  STATEMENT_STRING.lastIndex = at;
  return STATEMENT_STRING.exec(code);
}

/**
 * Where the statement string holding offset `at` would start: the nearest quote before it with
 * no quote, backslash or line break in between, at most 24 characters back. -1 if none.
 */
function findOpeningQuote(code: string, at: number): number {
  for (let i = at - 1; i >= 0 && i >= at - 25; i--) {
    const c = code.charCodeAt(i);
    if (c === QUOTE_DOUBLE || c === QUOTE_SINGLE) return i;
    if (c === BACKSLASH || c === LF) return -1;
  }
  return -1;
}

/**
 * Does a left-to-right scan for statement strings (each match resumes the scan after its end)
 * reach the one that starts at the quote `at`? Only the match that starts at the quote before
 * it can cover it, when `at` closes that match.
 */
function isReached(code: string, at: number, reached: Map<number, boolean>): boolean {
  let result = reached.get(at);
  if (result !== undefined) return result;
  const before = findOpeningQuote(code, at);
  result = !(before >= 0 && matchStatementString(code, before) && isReached(code, before, reached));
  reached.set(at, result);
  return result;
}

/** Offsets of "use", "step" and "workflow" in any case, sorted: where directives and near misses can be. */
export function findDirectiveWords(code: string): number[] {
  const offsets: number[] = [];
  const lower = code.toLowerCase();
  if (lower.length === code.length) {
    for (const part of DIRECTIVE_WORDS)
      for (let i = lower.indexOf(part); i >= 0; i = lower.indexOf(part, i + 1)) offsets.push(i);
  } else {
    // Lower-casing changed the length (a few non-ASCII letters do): offsets would not line up.
    DIRECTIVE_PART.lastIndex = 0;
    for (let m = DIRECTIVE_PART.exec(code); m; m = DIRECTIVE_PART.exec(code)) offsets.push(m.index);
  }
  return offsets.sort((a, b) => a - b);
}

/**
 * The cheap test run before any parse: could this file hold a directive, a near-miss of one,
 * or a class with custom serialization? Exactly: does it contain "use step", "use workflow",
 * "workflow-serialize" or "WORKFLOW_SERIALIZE", or does the scan for statement strings find
 * one that almost spells a directive. All of these hold "use", "step" or "workflow", so only
 * the places of those words are looked at.
 */
export function mayHoldDirective(code: string): boolean {
  const parts = findDirectiveWords(code);
  for (const at of parts) {
    if (
      code.startsWith("use step", at) ||
      code.startsWith("use workflow", at) ||
      code.startsWith("workflow-serialize", at) ||
      code.startsWith("WORKFLOW_SERIALIZE", at)
    )
      return true;
  }
  const tried = new Set<number>();
  const reached = new Map<number, boolean>();
  for (const at of parts) {
    const open = findOpeningQuote(code, at);
    if (open < 0 || tried.has(open)) continue;
    tried.add(open);
    const match = matchStatementString(code, open);
    if (match && toNearMissKind(match[2]!) && isReached(code, open, reached)) return true;
  }
  return false;
}

/** A body's string statements, in order: the directive prologue, then plain string statements. */
export interface StringStatement {
  node: t.Directive | t.ExpressionStatement;
  value: string;
  /** First statement of the body. */
  first: boolean;
}

interface BodyLike {
  directives: t.Directive[];
  body: t.Statement[];
}

export function getStringStatements(block: BodyLike): StringStatement[] {
  const out: StringStatement[] = block.directives.map((node, i) => ({
    node,
    value: node.value.value,
    first: i === 0,
  }));
  block.body.forEach((node, i) => {
    if (
      node.type === "ExpressionStatement" &&
      node.expression.type === "StringLiteral" &&
      !node.expression.extra?.parenthesized
    ) {
      out.push({
        node,
        value: node.expression.value,
        first: i === 0 && block.directives.length === 0,
      });
    }
  });
  return out;
}

export interface DirectiveScan {
  /** The directive that marks this body: its first statement, when that is one. */
  marker: { kind: DirectiveKind; node: t.Node } | null;
  /** Directives that are not the first statement. */
  misplaced: { kind: DirectiveKind; node: t.Node }[];
  /** Strings one slip away from a directive. */
  nearMisses: { kind: DirectiveKind; node: t.Node; text: string }[];
}

export function scanDirectives(block: BodyLike): DirectiveScan {
  const scan: DirectiveScan = { marker: null, misplaced: [], nearMisses: [] };
  for (const statement of getStringStatements(block)) {
    const kind = toDirectiveKind(statement.value);
    if (kind && statement.first) scan.marker = { kind, node: statement.node };
    else if (kind) scan.misplaced.push({ kind, node: statement.node });
    else {
      const near = toNearMissKind(statement.value);
      if (near) scan.nearMisses.push({ kind: near, node: statement.node, text: statement.value });
    }
  }
  return scan;
}

/**
 * The cheap test run before any parse: a directive or a near miss (`mayHoldDirective`), or a
 * `defineHook(...)` call, whose definition gets an ID (hook-definitions.ts).
 */
export function mayNeedTransform(code: string): boolean {
  return mayHoldDirective(code) || mentionsHookDefinition(code);
}
