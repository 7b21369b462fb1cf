import type * as t from "@babel/types";

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

const STATEMENT_STRING = /(["'])([^"'\\\n]{4,24})\1\s*(?:;|\r?\n|\}|$)/g;

/**
 * The cheap test run before any parse: could this file hold a directive, a near-miss of one,
 * or a class with custom serialization? A false positive only costs a parse.
 */
export function mayNeedTransform(code: string): boolean {
  if (code.includes("use step") || code.includes("use workflow")) return true;
  if (code.includes("workflow-serialize") || code.includes("WORKFLOW_SERIALIZE")) return true;
  for (const match of code.matchAll(STATEMENT_STRING)) {
    if (toNearMissKind(match[2]!)) return true;
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
