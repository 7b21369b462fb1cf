// A module of test/support/ (TypeScript) for the scripts and benches, which run as plain Node:
// bundled by esbuild into node_modules/.cache/workflow-scripts/, where its packages resolve as
// they do from test/support/, then imported.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** `test/support/<name>.ts`, as a module. */
export async function importTestSupport(name) {
  const outfile = path.join(root, "node_modules", ".cache", "workflow-scripts", `${name}.mjs`);
  await build({
    entryPoints: [path.join(root, "test", "support", `${name}.ts`)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "warning",
  });
  return import(pathToFileURL(outfile).href);
}
