/**
 * `node --import workflow/register app.ts`: durable workflows in a plain Node process.
 * - app modules get the client transform (cached on disk too), with TypeScript stripped
 *   (loader-hooks.ts);
 * - the workflow and step bundles of a workflow are built when a run first needs them
 *   (bundle-source.ts), from the project root (`WORKFLOW_ROOT`, default the current folder),
 *   and cached on disk (`WORKFLOW_CACHE_DIR`, default `<root>/node_modules/.cache/workflow`);
 * - an in-process worker runs them on the default world (`WORKFLOW_TARGET_WORLD`, the file
 *   world unless set), and `start()`/`getRun()` of `workflow/api` use it. It starts at once, so
 *   runs that an earlier process left unfinished resume without waiting for a call.
 */
import { register } from "node:module";
import path from "node:path";
import { setDefaultRuntime, getDefaultRuntime } from "../../runtime/engine/default-runtime.js";
import { createRuntime } from "../../runtime/app/app-runtime.js";
import { createWorld } from "../../runtime/worlds/index.js";
import { createBundleSource } from "../bundling/bundle-source.js";
import { defaultCacheDir } from "../bundling/disk-cache.js";

const root = path.resolve(process.env.WORKFLOW_ROOT ?? process.cwd());
const cacheDir = process.env.WORKFLOW_CACHE_DIR
  ? path.resolve(process.env.WORKFLOW_CACHE_DIR)
  : defaultCacheDir(root);

process.setSourceMapsEnabled(true);
register("./loader-hooks.js", import.meta.url, { data: { root, cacheDir } });
setDefaultRuntime(() =>
  createRuntime({ world: createWorld(), bundles: createBundleSource({ root, cacheDir }) }),
);

getDefaultRuntime().catch((error: unknown) => {
  console.error("workflow/register: the workflow runtime could not start:", error);
  process.exitCode = 1;
});
