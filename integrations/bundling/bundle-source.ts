/**
 * The engine's code source for a Node process: finds a workflow's or step's file from its ID,
 * builds that file's bundles (build-bundles.ts) and keeps them, in memory and on disk. A disk
 * entry is reused while every file it was built from is unchanged, so a restarted process
 * starts its runs without a rebuild.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { BundleSource } from "../../runtime/engine/context.js";
import type { WorkflowBundle } from "../../runtime/engine/session.js";
import { getStepFunction, type StepFunction } from "../../runtime/internal/private.js";
import type { BuiltBundle } from "./build-bundles.js";
import { defaultCacheDir, hash, writeAtomic } from "./disk-cache.js";
import { fileOfId } from "../shared/source-files.js";

export interface BundleSourceOptions {
  /** The project root that IDs are relative to (the same as the client transform's). @default process.cwd() */
  root?: string;
  /** Where built bundles are kept between processes. @default <root>/node_modules/.cache/workflow */
  cacheDir?: string;
}

// Bump when the bundle format changes, so that old cache entries are not reused.
const CACHE_VERSION = "5"; // 5: closure variables ride on the step context

interface CacheRecord {
  inputs: Record<string, string>;
}

async function hashFiles(files: string[]): Promise<Record<string, string> | null> {
  const entries: [string, string][] = [];
  for (const file of files) {
    try {
      entries.push([file, hash(await readFile(file, "utf8"))]);
    } catch {
      return null;
    }
  }
  return Object.fromEntries(entries);
}

export function createBundleSource(
  options: BundleSourceOptions = {},
): BundleSource & { root: string } {
  const root = path.resolve(options.root ?? process.cwd());
  const cacheDir = options.cacheDir ?? defaultCacheDir(root);
  const memory = new Map<string, Promise<{ file: string; code: string }>>();

  /** A bundle of `entry` as a file on disk: reused when its inputs are unchanged, else built. */
  function getBundle(kind: "workflow" | "step", entry: string) {
    const key = `${kind}:${entry}`;
    let pending = memory.get(key);
    if (!pending) {
      pending = (async () => {
        const base = path.join(cacheDir, `${kind}-${hash(`${CACHE_VERSION}\0${entry}`)}`);
        const ext = kind === "step" ? ".mjs" : ".js";
        try {
          const record = JSON.parse(await readFile(`${base}.json`, "utf8")) as CacheRecord;
          const current = await hashFiles(Object.keys(record.inputs));
          const known = Object.keys(record.inputs).length > 0;
          if (known && current && JSON.stringify(current) === JSON.stringify(record.inputs)) {
            const file = `${base}-${hash(JSON.stringify(record.inputs))}${ext}`;
            return { file, code: await readFile(file, "utf8") };
          }
        } catch {
          // no usable cache entry
        }
        // Loaded on a cache miss only: the compiler and esbuild take about a second to import,
        // which a process that finds its bundles cached (a restart, a second run) does not pay.
        const { buildStepBundle, buildWorkflowBundle } = await import("./build-bundles.js");
        const built: BuiltBundle =
          kind === "step"
            ? await buildStepBundle(entry, root)
            : await buildWorkflowBundle(entry, root);
        const inputs = await hashFiles(built.inputs);
        const file = `${base}-${hash(JSON.stringify(inputs ?? built.code))}${ext}`;
        await mkdir(cacheDir, { recursive: true });
        await writeAtomic(file, built.code);
        // Without the hash of every input, a record could not tell when to rebuild: none is written.
        if (inputs && Object.keys(inputs).length > 0)
          await writeAtomic(`${base}.json`, JSON.stringify({ inputs } satisfies CacheRecord));
        return { file, code: built.code };
      })();
      memory.set(key, pending);
      pending.catch(() => memory.delete(key));
    }
    return pending;
  }

  function requireFile(id: string, what: string): string {
    const file = fileOfId(id, root);
    if (!file) {
      throw new Error(
        `Cannot find the file of ${what} "${id}" under ${root}. Was it moved or renamed since the run started, or is the process running from another folder (root)?`,
      );
    }
    return file;
  }

  const loadedStepBundles = new Map<string, Promise<unknown>>();
  // Every workflow message asks for its run's bundle: the file is looked for once per workflow.
  const workflowBundles = new Map<string, Promise<WorkflowBundle>>();

  return {
    root,
    getWorkflowBundle(workflowName: string): Promise<WorkflowBundle> {
      let bundle = workflowBundles.get(workflowName);
      if (!bundle) {
        bundle = (async () => {
          const entry = requireFile(workflowName, "workflow");
          const { code } = await getBundle("workflow", entry);
          // A URL, not the file's path: frames in it are mapped back to the sources (stack-map.ts).
          const filename = `${pathToFileURL(entry).href}?workflow-bundle`;
          return { code, filename, sourceRoot: root };
        })();
        workflowBundles.set(workflowName, bundle);
        bundle.catch(() => workflowBundles.delete(workflowName));
      }
      return bundle;
    },
    async getStep(stepName: string): Promise<StepFunction | undefined> {
      const known = getStepFunction(stepName);
      if (known) return known;
      const entry = fileOfId(stepName, root);
      if (!entry) return undefined;
      const { file } = await getBundle("step", entry);
      let loading = loadedStepBundles.get(file);
      if (!loading) {
        loading = import(pathToFileURL(file).href);
        loadedStepBundles.set(file, loading);
      }
      await loading;
      return getStepFunction(stepName);
    },
  };
}
