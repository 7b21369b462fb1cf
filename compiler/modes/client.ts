import {
  type Emit,
  guardWorkflow,
  isInside,
  registerClasses,
  removeDirectives,
  removeModuleDirective,
  stampFunction,
} from "../emit.js";

/**
 * App code: steps stay callable (a step called outside a workflow runs as a plain function)
 * and are stamped with their ID; workflows throw when called directly and carry their ID for
 * `start()`.
 */
export function emitClientMode(emit: Emit): void {
  removeModuleDirective(emit);
  for (const fn of [...emit.analysis.functions].reverse()) {
    if (isInside(fn, "workflow")) continue;
    if (fn.kind === "workflow") {
      guardWorkflow(emit, fn);
      continue;
    }
    removeDirectives(emit, fn);
    if (!fn.nested && !fn.owner) stampFunction(emit, fn, "stepId");
  }
  registerClasses(emit);
}
