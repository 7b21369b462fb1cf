/**
 * Hook definitions: `export const paymentHook = defineHook(schema)` at module level gets an ID
 * (`hook//./src/payments//paymentHook`), passed as an extra argument, in every mode. A hook the
 * workflow creates from it records the ID, and `wf resume` finds the schema by it in the app
 * (runtime/workflow/hook-definitions.ts). A `defineHook` call the compiler cannot name (inside a
 * function, not bound to a `const`) gets a warning and works as before, without an ID.
 */
import type * as t from "@babel/types";
import { createDiagnostic } from "./diagnostics.js";
import { makeId } from "./ids.js";
import { forEachChild } from "./scope/index.js";
import type { Diagnostic } from "./types.js";

/** The package whose `defineHook` is stamped. */
const WORKFLOW_MODULE = "workflow";
const DEFINE_HOOK = "defineHook";

const IMPORTS_WORKFLOW = /\bfrom\s*["']workflow["']/;

/**
 * The cheap test before any parse: could this file define a hook? It names `defineHook` and
 * imports "workflow" (so that packages which merely mention the word are not parsed, nor
 * bundled as if they held steps: integrations/bundling/build-bundles.ts).
 */
export function mentionsHookDefinition(code: string): boolean {
  return code.includes(DEFINE_HOOK) && IMPORTS_WORKFLOW.test(code);
}

/** Text to insert at an offset of the source. */
export interface HookIdStamp {
  at: number;
  text: string;
}

export interface HookDefinitions {
  stamps: HookIdStamp[];
  diagnostics: Diagnostic[];
}

interface Imported {
  /** Local names of `defineHook` imported from "workflow". */
  names: Set<string>;
  /** Local names of `import * as x from "workflow"`. */
  namespaces: Set<string>;
}

function findImports(program: t.Program): Imported {
  const found: Imported = { names: new Set(), namespaces: new Set() };
  for (const statement of program.body) {
    if (statement.type !== "ImportDeclaration" || statement.source.value !== WORKFLOW_MODULE)
      continue;
    if (statement.importKind === "type") continue;
    for (const spec of statement.specifiers) {
      if (spec.type === "ImportNamespaceSpecifier") found.namespaces.add(spec.local.name);
      else if (spec.type === "ImportSpecifier" && spec.importKind !== "type") {
        const imported =
          spec.imported.type === "Identifier" ? spec.imported.name : spec.imported.value;
        if (imported === DEFINE_HOOK) found.names.add(spec.local.name);
      }
    }
  }
  return found;
}

function isDefineHookCall(node: t.Node, imported: Imported): node is t.CallExpression {
  if (node.type !== "CallExpression") return false;
  const callee = node.callee;
  if (callee.type === "Identifier") return imported.names.has(callee.name);
  return (
    callee.type === "MemberExpression" &&
    !callee.computed &&
    callee.object.type === "Identifier" &&
    imported.namespaces.has(callee.object.name) &&
    callee.property.type === "Identifier" &&
    callee.property.name === DEFINE_HOOK
  );
}

/** `const name = defineHook(...)` declarators directly at module level (exported or not). */
function findNamedCalls(program: t.Program, imported: Imported): Map<t.CallExpression, string> {
  const named = new Map<t.CallExpression, string>();
  for (const statement of program.body) {
    const declaration =
      statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
    if (declaration?.type !== "VariableDeclaration" || declaration.kind !== "const") continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== "Identifier" || !declarator.init) continue;
      if (isDefineHookCall(declarator.init, imported))
        named.set(declarator.init, declarator.id.name);
    }
  }
  return named;
}

/** Where each `defineHook` call at module level gets its ID; a warning for the others. */
export function findHookDefinitions(
  program: t.Program,
  code: string,
  file: string,
  modulePath: string,
): HookDefinitions {
  const result: HookDefinitions = { stamps: [], diagnostics: [] };
  const imported = findImports(program);
  if (imported.names.size === 0 && imported.namespaces.size === 0) return result;
  const named = findNamedCalls(program, imported);
  const visit = (node: t.Node): void => {
    if (isDefineHookCall(node, imported)) {
      const name = named.get(node);
      const args = node.arguments;
      if (name === undefined || args.length > 1 || args.some((a) => a.type === "SpreadElement")) {
        result.diagnostics.push(createDiagnostic("HOOK_DEFINITION_WITHOUT_ID", file, code, node));
      } else {
        const id = JSON.stringify(makeId("hook", modulePath, name));
        const last = args[0];
        // `defineHook<T>()` has no schema: the ID goes second all the same.
        result.stamps.push(
          last ? { at: last.end!, text: `, ${id}` } : { at: node.end! - 1, text: `void 0, ${id}` },
        );
      }
    }
    forEachChild(node, visit);
  };
  visit(program);
  return result;
}
