import type * as t from "@babel/types";
import MagicString from "magic-string";
import type { FileAnalysis, MarkedFunction, RegisteredClass } from "./analyze.js";
import type { Range } from "./range-set.js";
import { afterStatementText, getKeyText, getParamsStart, removeStatement } from "./edit.js";
import { directCallGuard, registerClass } from "./hooks.js";
import type { DirectiveKind } from "./directives.js";

/** Per-file state of one mode's rewrite. Modes only add edits; `transform` assembles them. */
export interface Emit {
  code: string;
  s: MagicString;
  analysis: FileAnalysis;
  /** Declarations placed at the top of the module, after the manifest. */
  top: string[];
  /** Module-level code appended after everything else (step-mode copies and registrations). */
  tail: (string | MagicString)[];
  /** Imports from the private runtime module: exported name -> local alias. */
  imports: Map<string, string>;
  /** Input ranges whose code no longer runs in this mode, for dead-code elimination. */
  removed: Range[];
  /** Text to place after a module-level statement. */
  after(statement: t.Node, text: string): void;
  /** Writes the `after` texts into `s`. */
  flushAfter(): void;
  /** Local name under which an export of the private runtime module is imported. */
  privateImport(name: string): string;
}

export function createEmit(code: string, analysis: FileAnalysis): Emit {
  const afterTexts = new Map<t.Node, string[]>();
  const emit: Emit = {
    code,
    s: new MagicString(code),
    analysis,
    top: [],
    tail: [],
    imports: new Map(),
    removed: [],
    after(statement, text) {
      const list = afterTexts.get(statement) ?? [];
      list.push(text);
      afterTexts.set(statement, list);
    },
    flushAfter() {
      for (const [statement, texts] of afterTexts) {
        emit.s.appendLeft(statement.end!, afterStatementText(code, statement, texts.join("\n")));
      }
      afterTexts.clear();
    },
    privateImport(name) {
      let local = emit.imports.get(name);
      if (!local) emit.imports.set(name, (local = analysis.allocateName(`__wf_${name}`)));
      return local;
    },
  };
  return emit;
}

/** Is `fn` inside a function of `kind` (whose body this mode replaces)? */
export function isInside(fn: MarkedFunction, kind: DirectiveKind): boolean {
  for (let e = fn.enclosing; e; e = e.enclosing) if (e.kind === kind) return true;
  return false;
}

export function removeDirectives(emit: Emit, fn: MarkedFunction): void {
  if (fn.directive) removeStatement(emit.s, emit.code, fn.directive);
}

export function removeModuleDirective(emit: Emit): void {
  const directive = emit.analysis.moduleDirective;
  if (directive) removeStatement(emit.s, emit.code, directive.node);
}

/** How code outside the class reaches a method: `Cls.m`, `Cls.prototype["my-key"]`. */
export function getMethodReference(fn: MarkedFunction): string {
  const owner = fn.owner!;
  const access = /^[A-Za-z_$][\w$]*$/.test(owner.key)
    ? `.${owner.key}`
    : `[${JSON.stringify(owner.key)}]`;
  return `${owner.cls.name}${owner.isStatic ? "" : ".prototype"}${access}`;
}

const named = new WeakSet<MarkedFunction>();

/** Gives an anonymous `export default async function () {}` its allocated name (once). */
export function nameAnonymousDefault(emit: Emit, fn: MarkedFunction): void {
  if (!fn.givenName || named.has(fn)) return;
  named.add(fn);
  const at = getParamsStart(emit.code, fn.path.node);
  emit.s.prependRight(at, emit.code[at - 1] === " " ? `${fn.givenName} ` : ` ${fn.givenName}`);
}

/** Replaces a workflow's body by the direct-call throw (step and client modes) and stamps its ID. */
export function guardWorkflow(emit: Emit, fn: MarkedFunction): void {
  const { s } = emit;
  const node = fn.path.node;
  const reference = fn.owner ? getMethodReference(fn) : (fn.binding ?? "workflow");
  const guard = directCallGuard(fn.name, reference);
  const body = node.body;
  if (body.type === "BlockStatement") {
    if (body.end! - body.start! > 2) s.overwrite(body.start! + 1, body.end! - 1, ` ${guard} `);
    else s.appendLeft(body.start! + 1, ` ${guard} `);
  } else {
    s.overwrite(body.start!, body.end!, `(() => { ${guard} })()`);
  }
  emit.removed.push([body.start!, body.end!]);
  stampFunction(emit, fn, "workflowId");
}

/** Sets `stepId` or `workflowId` on a module-level function, wherever it is defined. */
export function stampFunction(
  emit: Emit,
  fn: MarkedFunction,
  property: "stepId" | "workflowId",
): void {
  const id = JSON.stringify(fn.id);
  nameAnonymousDefault(emit, fn);
  if (fn.owner)
    emit.after(fn.owner.cls.statement.node, `${getMethodReference(fn)}.${property} = ${id};`);
  else if (fn.binding) emit.after(fn.statement.node, `${fn.binding}.${property} = ${id};`);
  else wrapFunction(emit, fn, "Object.assign(", `, { ${property}: ${id} })`);
}

/**
 * Wraps a function expression in a call, in place: `open` + fn + `close`. A method shorthand is
 * turned into a property holding a function expression first.
 */
export function wrapFunction(emit: Emit, fn: MarkedFunction, open: string, close: string): void {
  const { s, code } = emit;
  const node = fn.path.node;
  if (node.type === "ObjectMethod") {
    const keyText = getKeyText(code, node);
    const header = `${node.async ? "async " : ""}function${node.generator ? "*" : ""} `;
    s.overwrite(node.start!, getParamsStart(code, node), `${keyText}: ${open}${header}`);
  } else {
    s.prependRight(node.start!, open);
  }
  s.appendLeft(node.end!, close);
}

/** Registers classes with custom serialization or step methods, right after their declaration. */
export function registerClasses(emit: Emit): void {
  for (const cls of emit.analysis.classes) {
    if (cls.givenName) nameClass(emit, cls);
    if (cls.registered) emit.after(cls.statement.node, registerClass(cls.id, cls.name));
  }
}

function nameClass(emit: Emit, cls: RegisteredClass): void {
  const node = cls.path.node;
  const keyword = emit.code.indexOf("class", node.decorators?.at(-1)?.end ?? node.start!);
  emit.s.appendLeft(keyword + "class".length, ` ${cls.name}`);
}
