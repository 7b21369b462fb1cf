/**
 * The hook definitions this process has loaded, by the ID the compiler gave them
 * (`hook//./src/payments//paymentHook`): what lets `wf resume` and the dashboard, which send a
 * bare token and payload, validate with the schema of the definition the hook was created
 * from (runtime/control/handle-control.ts). Filled by `defineHook` outside workflows; one Map
 * per process under a `Symbol.for` key, so that two copies of this package (an app's and its
 * bundle's) share it.
 */
import { HOOK_DEFINITIONS } from "../../protocol/symbols.js";
import type { StandardSchemaV1 } from "./define-hook.js";

/** A loaded definition; `schema` is undefined for `defineHook<T>()`, which validates nothing. */
export interface RegisteredHookDefinition {
  schema: StandardSchemaV1 | undefined;
}

function registry(): Map<string, RegisteredHookDefinition> {
  const holder = globalThis as { [HOOK_DEFINITIONS]?: Map<string, RegisteredHookDefinition> };
  return (holder[HOOK_DEFINITIONS] ??= new Map());
}

/** Records a definition; a module evaluated again (a dev server's reload) replaces it. */
export function registerHookDefinition(id: string, schema: StandardSchemaV1 | undefined): void {
  registry().set(id, { schema });
}

/** The definition of `id`, if a module of this process defined it. */
export function getHookDefinition(id: string): RegisteredHookDefinition | undefined {
  return registry().get(id);
}
