import { PREBUILT_BUNDLES as marker } from "../../protocol/symbols.js";
import { setDefaultRuntime } from "../engine/default-runtime.js";
import { createPrebuiltBundleSource, type PrebuiltBundles } from "../engine/prebuilt-bundles.js";
import { createWorld } from "../worlds/index.js";
import type { World } from "../worlds/shared/world.js";
import { createRuntime } from "./app-runtime.js";

/**
 * Makes the prebuilt bundles the process's default runtime (what `start()`, `getRun()` and
 * `handleRequest()` use), on `world` or the one `WORKFLOW_TARGET_WORLD` names. Generated
 * setup modules call this; a runtime set earlier (by the app, or a second copy) is kept.
 */
export function useWorkflowBundles(
  bundles: PrebuiltBundles,
  options: { world?: World } = {},
): void {
  const holder = globalThis as { [marker]?: boolean };
  if (holder[marker]) return;
  holder[marker] = true;
  setDefaultRuntime(() =>
    createRuntime({
      world: options.world ?? createWorld(),
      bundles: createPrebuiltBundleSource(bundles),
    }),
  );
}
