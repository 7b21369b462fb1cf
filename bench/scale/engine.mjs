// Our engine as the benches outside bench/runtime load it: from dist/ (run `npm run build`
// first), through the same modules a user's process imports. Shared by bench/scale and
// bench/postgres.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const MODULES = {
  runtime: "dist/runtime/engine/runtime.js",
  worlds: "dist/runtime/worlds/index.js",
  api: "dist/runtime/api/index.js",
  bundles: "dist/integrations/bundling/bundle-source.js",
};

const WANTED = [
  ["runtime", "createRuntime"],
  ["worlds", "createFileWorld"],
  ["worlds", "createPostgresWorld"],
  ["api", "start"],
  ["bundles", "createBundleSource"],
];

/**
 * The engine's entry points, or a string saying why they could not be loaded (not built, a
 * module or an export missing), so that a bench can report it instead of crashing.
 */
export async function loadEngine() {
  const loaded = {};
  for (const [key, file] of Object.entries(MODULES)) {
    const full = path.join(ROOT, file);
    if (!existsSync(full)) return `${file} does not exist (run npm run build)`;
    try {
      loaded[key] = await import(full);
    } catch (error) {
      return `${file} failed to load: ${error?.message ?? error}`;
    }
  }
  const missing = WANTED.filter(([key, name]) => typeof loaded[key][name] !== "function");
  if (missing.length > 0) {
    return `missing exports: ${missing.map(([k, n]) => `${n} from ${MODULES[k]}`).join(", ")}`;
  }
  return Object.fromEntries(WANTED.map(([key, name]) => [name, loaded[key][name]]));
}

/** Says so when a source file under runtime/ or integrations/ is newer than the dist we load. */
export function staleNote() {
  let source = { file: undefined, mtimeMs: 0 };
  for (const dir of ["runtime", "integrations"]) {
    for (const entry of readdirSync(path.join(ROOT, dir), {
      withFileTypes: true,
      recursive: true,
    })) {
      if (!entry.isFile() || !entry.name.endsWith(".ts") || entry.name.endsWith(".test.ts"))
        continue;
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      const { mtimeMs } = statSync(file);
      if (mtimeMs > source.mtimeMs) source = { file, mtimeMs };
    }
  }
  const built = Math.min(
    ...Object.values(MODULES).map((f) => {
      const full = path.join(ROOT, f);
      return existsSync(full) ? statSync(full).mtimeMs : 0;
    }),
  );
  if (source.mtimeMs <= built) return undefined;
  return `dist may be stale: ${path.relative(ROOT, source.file)} is newer than the build (npm run build)`;
}

/**
 * What start() needs of a workflow: a function carrying the ID the client transform would
 * attach. `file` is the workloads file relative to the root, without its extension.
 */
export const workflowRef = (file, name) =>
  Object.assign(async () => {}, { workflowId: `workflow//./${file}//${name}` });

/** This process's resident set size, in MB. */
export const rssMb = () => process.memoryUsage.rss() / 2 ** 20;

/** The largest resident set size this process has had, in MB. */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
