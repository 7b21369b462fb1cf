/**
 * The workflows a project declares, found by compiling its source files (node_modules and tool
 * output left out), for `wf start <short name>`.
 */
import { readFile } from "node:fs/promises";
import { glob } from "tinyglobby";
import { compileModule, shouldCompile } from "../integrations/shared/compile-module.js";
import { shortNameOf } from "../protocol/ids.js";
import { CliError } from "./open-world.js";

const IGNORED = [
  "**/node_modules/**",
  "**/.git/**",
  "**/dist/**",
  "**/.next/**",
  "**/.workflow-data/**",
  "**/.well-known/**",
  "**/*.d.ts",
];

/** Every workflow ID declared under `root`. */
export async function findWorkflowIds(root: string): Promise<string[]> {
  const files = await glob(["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"], {
    cwd: root,
    absolute: true,
    ignore: IGNORED,
  });
  const ids: string[] = [];
  for (const file of files) {
    const code = await readFile(file, "utf8");
    if (!shouldCompile(file, code)) continue;
    const { manifest } = await compileModule({
      code,
      file,
      root,
      mode: "client",
      sourceMaps: false,
    });
    for (const functions of Object.values(manifest.workflows ?? {}))
      for (const { workflowId } of Object.values(functions)) ids.push(workflowId);
  }
  return ids.sort();
}

/** `name` as a workflow ID: an ID as given, or the one workflow under `root` with that short name. */
export async function resolveWorkflowId(name: string, root: string): Promise<string> {
  if (name.startsWith("workflow//")) return name;
  const ids = await findWorkflowIds(root);
  const matches = ids.filter((id) => shortNameOf(id) === name);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    throw new CliError(
      `"${name}" names ${matches.length} workflows; pass one of their IDs: ${matches.join(", ")}`,
    );
  throw new CliError(
    `no workflow named "${name}" under ${root}` +
      (ids.length ? ` (it has ${ids.map(shortNameOf).join(", ")})` : " (it declares no workflow)"),
  );
}
