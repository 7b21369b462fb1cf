/**
 * Activation guards: the workflow bundle's time limit, as code. Every loop body and every
 * function body of a file in the workflow bundle starts with a call to the sandbox's tick
 * (`HOOK_KEYS.activationTick`), which counts and, every so often, looks at the clock; once an
 * activation has run past its limit it throws, and keeps throwing at every later tick until the
 * activation ends, so a loop that catches the error still stops. The sandbox then fails the
 * run (runtime/engine/sandbox/create-sandbox.ts).
 *
 * This replaces `vm`'s `timeout`, which starts and joins a thread for every evaluation (about
 * 0.2 ms, as much as the rest of a step). What it does not interrupt is one long call into the
 * engine's built-ins (a regular expression that backtracks for minutes): the sandbox notices
 * that only once the call returns.
 *
 * Edits are insertions only (magic-string), on the lines they belong to, so line numbers do
 * not move; the caller composes the map with the compiler's.
 */
import { parse } from "@babel/parser";
import * as t from "@babel/types";
import MagicString from "magic-string";
import { HOOK_KEYS } from "../protocol/symbols.js";
import { getParserPlugins } from "./parse.js";
import type { SourceMap } from "./types.js";

/** The local name of the tick in a guarded file. */
const TICK = "__workflow_tick";
const CALL = `${TICK}()`;
const DECLARATION = `;var ${TICK} = globalThis[Symbol.for(${JSON.stringify(HOOK_KEYS.activationTick)})];`;

/**
 * `code` (a file of the workflow bundle, after the directive transform) with a tick at the top
 * of every loop body and function body, or null when it has none or does not parse (then it is
 * left as it is: esbuild reports a syntax error itself).
 */
export function insertActivationGuards(
  code: string,
  filename: string,
): { code: string; map: SourceMap } | null {
  let ast: t.File;
  try {
    ast = parse(code, {
      sourceType: "unambiguous",
      sourceFilename: filename,
      plugins: getParserPlugins(filename),
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      errorRecovery: false,
      attachComment: false,
    });
  } catch {
    return null;
  }
  const out = new MagicString(code);
  let guards = 0;
  const visit = (node: t.Node): void => {
    if (t.isLoop(node)) {
      guardStatement(out, node.body);
      guards++;
    } else if (t.isFunction(node)) {
      const body = node.body;
      // A TypeScript overload or abstract method has no body (Babel gives none, or a TS node).
      if (body?.type === "BlockStatement") {
        // After the directives ("use strict" stays one): a `;` ends one written without it.
        const last = body.directives[body.directives.length - 1];
        if (last) out.appendLeft(last.end!, `;${CALL};`);
        else out.appendLeft(body.start! + 1, `${CALL};`);
        guards++;
      } else if (body) {
        out.appendLeft(body.start!, `(${CALL}, `);
        out.prependRight(body.end!, ")");
        guards++;
      }
    }
    for (const key in node) {
      if (SKIPPED_KEYS.has(key) || key.startsWith("type")) continue; // types hold no code
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) visit(item);
      } else if (isNode(child)) visit(child);
    }
  };
  visit(ast.program);
  if (guards === 0) return null;
  const program = ast.program;
  const lastDirective = program.directives[program.directives.length - 1];
  const top = lastDirective?.end ?? program.interpreter?.end ?? 0;
  out.appendLeft(top, DECLARATION);
  const map = out.generateMap({
    hires: true,
    includeContent: true,
    source: filename,
    file: filename,
  });
  return { code: out.toString(), map: map as unknown as SourceMap };
}

/** A loop's body with the tick first: inside its block, or in a block made around it. */
function guardStatement(out: MagicString, body: t.Statement): void {
  if (body.type === "BlockStatement") {
    out.appendLeft(body.start! + 1, `${CALL};`);
  } else {
    out.appendLeft(body.start!, `{${CALL};`);
    out.prependRight(body.end!, "}");
  }
}

const SKIPPED_KEYS = new Set([
  "loc",
  "extra",
  "returnType",
  "superTypeParameters",
  "implements",
  "leadingComments",
  "trailingComments",
  "innerComments",
]);

function isNode(value: unknown): value is t.Node {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { type?: unknown }).type === "string"
  );
}
