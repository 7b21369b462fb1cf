import type MagicString from "magic-string";
import type * as t from "@babel/types";

/** Where a function's parameter list (or its type parameters) starts. */
export function getParamsStart(code: string, fn: t.Function): number {
  if (fn.typeParameters) return fn.typeParameters.start!;
  const from =
    "key" in fn
      ? fn.key.end!
      : (fn.type === "FunctionDeclaration" || fn.type === "FunctionExpression") && fn.id
        ? fn.id.end!
        : fn.start!;
  const paren = code.indexOf("(", from);
  const first = fn.params[0];
  if (fn.type === "ArrowFunctionExpression" && first && (paren < 0 || paren > first.start!))
    return first.start!;
  return paren;
}

/**
 * Rewrites a method or arrow, in `s`, into an anonymous function expression with the same
 * parameters and body: `async m(x) {…}` / `async (x) => {…}` become `async function (x) {…}`.
 */
export function toFunctionExpression(s: MagicString, code: string, fn: t.Function): void {
  if (fn.type === "FunctionExpression" || fn.type === "FunctionDeclaration") return;
  const paramsStart = getParamsStart(code, fn);
  const header = `${fn.async ? "async " : ""}function${fn.generator ? "*" : ""} `;
  if (fn.type !== "ArrowFunctionExpression") {
    s.overwrite(fn.start!, paramsStart, header);
    return;
  }
  const parenthesized = code[paramsStart] === "(" || code[paramsStart] === "<";
  if (paramsStart > fn.start!)
    s.overwrite(fn.start!, paramsStart, parenthesized ? header : `${header}(`);
  else s.prependRight(paramsStart, parenthesized ? header : `${header}(`);
  const afterParams = fn.returnType?.end ?? fn.params.at(-1)?.end ?? paramsStart;
  const arrow = code.indexOf("=>", afterParams);
  s.overwrite(arrow, arrow + 2, parenthesized ? "" : ")");
}

/** The source text of an object or class member's key, with brackets when computed. */
export function getKeyText(code: string, member: t.ObjectMethod | t.ClassMethod): string {
  const key = code.slice(member.key.start!, member.key.end!);
  if (member.computed) return `[${key}]`;
  // As a property, a plain `__proto__: value` would set the prototype: keep it a real key.
  const isProto =
    (member.key.type === "Identifier" && member.key.name === "__proto__") ||
    (member.key.type === "StringLiteral" && member.key.value === "__proto__");
  return isProto ? `["__proto__"]` : key;
}

/** Removes a statement, and its whole line when nothing else is on that line. */
export function removeStatement(s: MagicString, code: string, node: t.Node): void {
  let start = node.start!;
  let end = node.end!;
  while (start > 0 && (code[start - 1] === " " || code[start - 1] === "\t")) start--;
  while (code[end] === " " || code[end] === "\t") end++;
  if (code[end] === "\r") end++;
  const ownLine =
    (start === 0 || code[start - 1] === "\n") && (end === code.length || code[end] === "\n");
  if (ownLine) s.remove(start, Math.min(end + 1, code.length));
  else s.remove(node.start!, node.end!);
}

/**
 * Text to place right after a statement: on a new line, with a `;` first when the statement
 * relies on automatic semicolon insertion, so that the new text never continues it.
 */
export function afterStatementText(code: string, statement: t.Node, text: string): string {
  const last = code[statement.end! - 1];
  const needsSemicolon = last !== ";" && last !== "}";
  return `${needsSemicolon ? ";" : ""}\n${text}`;
}
