import type { MarkedFunction } from "../analyze.js";
import { toFunctionExpression } from "../edit.js";
import {
  type Emit,
  getMethodReference,
  guardWorkflow,
  nameAnonymousDefault,
  registerClasses,
  removeDirectives,
  removeModuleDirective,
  wrapFunction,
} from "../emit.js";
import { CLOSURE_VARS_EXPORT, registerStep, REGISTER_STEP_EXPORT } from "../hooks.js";

/**
 * Step bundle: step bodies stay and are registered by ID. A nested step also gets a
 * module-level copy that rebinds what it captured; workflows become the direct-call throw.
 */
export function emitStepMode(emit: Emit): void {
  removeModuleDirective(emit);
  const registrations: string[] = [];
  const register = (fn: MarkedFunction, ref: string) =>
    registrations.push(`${registerStep(emit.privateImport(REGISTER_STEP_EXPORT), fn.id, ref)};`);

  // Innermost first: a nested step's copy is cut before the body around it is replaced.
  for (const fn of [...emit.analysis.functions].reverse()) {
    if (fn.kind === "workflow") {
      guardWorkflow(emit, fn);
      continue;
    }
    removeDirectives(emit, fn);
    if (fn.nested) {
      emit.tail.push(hoistCopy(emit, fn));
      register(fn, fn.hoistName);
    } else if (fn.owner) {
      register(fn, getMethodReference(fn));
    } else if (fn.binding) {
      nameAnonymousDefault(emit, fn);
      register(fn, fn.binding);
    } else {
      wrapFunction(
        emit,
        fn,
        `${emit.privateImport(REGISTER_STEP_EXPORT)}(${JSON.stringify(fn.id)}, `,
        ")",
      );
    }
  }
  registerClasses(emit);
  emit.tail.push(registrations.reverse().join("\n"));
}

/**
 * `var flow$notify = async function notify(…) {…};` — or, when it captured variables, a
 * wrapper that binds them before the copy's parameters (and their defaults) are evaluated:
 * `var flow$page = function (...args) { let { limit } = getStepClosureVars(); return (copy).apply(this, args); };`
 */
function hoistCopy(emit: Emit, fn: MarkedFunction) {
  const node = fn.path.node;
  const copy = emit.s.snip(node.start!, node.end!);
  const isMethod = node.type === "ObjectMethod" || node.type === "ClassMethod";
  if (isMethod || (node.type === "ArrowFunctionExpression" && fn.lexicalThis)) {
    toFunctionExpression(copy, emit.code, node);
  }
  if (fn.captures.length) {
    const closureVars = emit.privateImport(CLOSURE_VARS_EXPORT);
    copy
      .prepend(
        `function (...args) { let { ${fn.captures.join(", ")} } = ${closureVars}(); return (`,
      )
      .append(`).apply(this, args); }`);
  }
  return copy.prepend(`var ${fn.hoistName} = `).append(";");
}
