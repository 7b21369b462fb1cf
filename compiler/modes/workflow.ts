import type * as t from "@babel/types";
import type { MarkedFunction } from "../analyze.js";
import { getKeyText, removeStatement } from "../edit.js";
import {
  type Emit,
  getMethodReference,
  isInside,
  nameAnonymousDefault,
  registerClasses,
  removeDirectives,
  removeModuleDirective,
  wrapFunction,
} from "../emit.js";
import { registerWorkflow, stepProxy } from "../hooks.js";

/**
 * Workflow bundle: workflow bodies stay and are registered; every step becomes a proxy that
 * the sandbox turns into a durable step call.
 */
export function emitWorkflowMode(emit: Emit): void {
  removeModuleDirective(emit);
  for (const fn of [...emit.analysis.functions].reverse()) {
    // Steps inside steps go away with the body around them.
    if (isInside(fn, "step")) continue;
    if (fn.kind === "workflow") registerWorkflowFunction(emit, fn);
    else replaceByProxy(emit, fn);
  }
  registerClasses(emit);
}

function registerWorkflowFunction(emit: Emit, fn: MarkedFunction): void {
  removeDirectives(emit, fn);
  nameAnonymousDefault(emit, fn);
  if (fn.owner)
    emit.after(fn.owner.cls.statement.node, `${registerWorkflow(fn.id, getMethodReference(fn))};`);
  else if (fn.binding) emit.after(fn.statement.node, `${registerWorkflow(fn.id, fn.binding)};`);
  else wrapFunction(emit, fn, registerWorkflow(fn.id, "").slice(0, -1), ")");
}

function replaceByProxy(emit: Emit, fn: MarkedFunction): void {
  const { s, code } = emit;
  const node = fn.path.node;
  const proxy = stepProxy(fn.id, fn.captures, fn.lexicalThis);
  emit.removed.push([node.start!, node.end!]);

  if (fn.owner) {
    s.remove(node.start!, node.end!);
    emit.after(fn.owner.cls.statement.node, `${getMethodReference(fn)} = ${proxy};`);
  } else if (node.type === "FunctionDeclaration") {
    // Function declarations are hoisted; so is their proxy, to the top of their block.
    const name = fn.binding!;
    if (!fn.nested) {
      const statement = fn.statement.node;
      const exported = statement.type === "ExportNamedDeclaration";
      const isDefault = statement.type === "ExportDefaultDeclaration";
      removeStatement(s, code, statement);
      emit.removed.push([statement.start!, statement.end!]);
      emit.top.push(
        `${exported ? "export " : ""}var ${name} = ${proxy};${isDefault ? `\nexport { ${name} as default };` : ""}`,
      );
    } else {
      const block = fn.path.parentPath.node as t.Node;
      s.remove(node.start!, node.end!);
      if (block.type === "BlockStatement")
        s.appendLeft(block.start! + 1, `\nvar ${name} = ${proxy};`);
      else s.appendLeft(node.start!, `var ${name} = ${proxy};`);
    }
  } else if (node.type === "ObjectMethod") {
    s.overwrite(node.start!, node.end!, `${getKeyText(code, node)}: ${proxy}`);
  } else {
    s.overwrite(node.start!, node.end!, proxy);
  }
}
