import type { Runtime } from "./runtime.js";
import { DEFAULT_RUNTIME as KEY } from "../../protocol/symbols.js";

// On globalThis: the app's copy of the API and an integration's copy of the engine must agree.
type Holder = { [KEY]?: Runtime | (() => Runtime) };
const holder = globalThis as Holder;

/** Makes `runtime` (or a factory, called on first use) what `start()` and `getRun()` use by default. */
export function setDefaultRuntime(runtime: Runtime | (() => Runtime) | undefined): void {
  holder[KEY] = runtime;
}

/** The runtime set by an integration, started; undefined when none was set. */
export async function getDefaultRuntime(): Promise<Runtime | undefined> {
  let runtime = holder[KEY];
  if (typeof runtime === "function") runtime = holder[KEY] = runtime();
  if (runtime) await runtime.start();
  return runtime;
}
