/**
 * The code source of a dev server: a workflow's bundles are built from its file when a run
 * first needs them (like `workflow/register`), and forgotten when a file they were built from
 * changes, so that the next run uses the new code without a restart. Runs that are already
 * going keep the sandbox they have.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { BundleSource } from "../../runtime/engine/context.js";
import type { WorkflowBundle } from "../../runtime/engine/session.js";
import { getStepFunction, type StepFunction } from "../../runtime/internal/private.js";
import { buildStepBundle, buildWorkflowBundle, type BuiltBundle } from "./build-bundles.js";
import { hash, writeAtomic } from "./disk-cache.js";
import { fileOfId } from "../shared/source-files.js";

export interface DevBundleSource extends BundleSource {
  /** Forgets every bundle built from `file`: the next run that needs one builds it again. */
  invalidate(file: string): void;
}

export interface DevBundleSourceOptions {
  /** The folder that IDs are relative to (the same as the client transform's). */
  root: string;
  /** Where step bundles are written to be imported; a new name for every new text. */
  cacheDir: string;
  debug?: ((message: string) => void) | undefined;
  /**
   * Called when a bundle fails to build (a directive mistake, a Node.js built-in in a
   * workflow), with the file it was built from: the run that needed it fails, and a dev server
   * also prints the error where people look.
   */
  onError?: ((error: unknown, entry: string) => void) | undefined;
}

interface Built {
  /** Resolves once the bundle is built (and, for steps, imported). */
  ready: Promise<BuiltBundle>;
  /** The files it was built from; unknown while the build runs. */
  inputs?: Set<string>;
}

export function createDevBundleSource(options: DevBundleSourceOptions): DevBundleSource {
  const root = path.resolve(options.root);
  const built = new Map<string, Built>();

  function get(kind: "workflow" | "step", entry: string): Promise<BuiltBundle> {
    const key = `${kind}:${entry}`;
    let record = built.get(key);
    if (!record) {
      const ready = (async () => {
        options.debug?.(`building the ${kind} bundle of ${path.relative(root, entry)}`);
        if (kind === "workflow") return buildWorkflowBundle(entry, root);
        const bundle = await buildStepBundle(entry, root);
        // A new file name for every new text: importing it registers the new step bodies
        // (later registrations of an ID replace earlier ones); Node never reloads a module.
        const file = path.join(options.cacheDir, `step-${hash(bundle.code)}.mjs`);
        await mkdir(options.cacheDir, { recursive: true });
        await writeAtomic(file, bundle.code);
        await import(pathToFileURL(file).href);
        return bundle;
      })();
      const current: Built = { ready };
      record = current;
      built.set(key, current);
      ready.then(
        (bundle) => (current.inputs = new Set(bundle.inputs)),
        (error: unknown) => {
          if (built.get(key) === current) built.delete(key);
          options.onError?.(error, entry);
        },
      );
    }
    return record.ready;
  }

  function requireFile(id: string, what: string): string {
    const file = fileOfId(id, root);
    if (!file)
      throw new Error(
        `Cannot find the file of ${what} "${id}" under ${root}. Was it moved or renamed since the run started?`,
      );
    return file;
  }

  return {
    async getWorkflowBundle(workflowName: string): Promise<WorkflowBundle> {
      const entry = requireFile(workflowName, "workflow");
      const { code } = await get("workflow", entry);
      return { code, filename: `${pathToFileURL(entry).href}?workflow-bundle`, sourceRoot: root };
    },
    async getStep(stepName: string): Promise<StepFunction | undefined> {
      const entry = fileOfId(stepName, root);
      if (!entry) return getStepFunction(stepName);
      await get("step", entry);
      return getStepFunction(stepName);
    },
    invalidate(file: string) {
      const changed = path.resolve(file);
      for (const [key, record] of built) {
        // A build still running may have read the old text: it is dropped too.
        if (!record.inputs || record.inputs.has(changed)) {
          built.delete(key);
          options.debug?.(
            `dropped the ${key.split(":")[0]} bundle of ${key.slice(key.indexOf(":") + 1)}`,
          );
        }
      }
    },
  };
}
