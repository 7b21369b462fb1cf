/**
 * The world a `wf` command works on: the one the app uses, chosen the way the app chooses it
 * (`--world`, else WORKFLOW_TARGET_WORLD, else the file world), at `--dir` / WORKFLOW_DATA_DIR /
 * `.workflow-data` or `--postgres-url` / WORKFLOW_POSTGRES_URL.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { createFileWorld } from "../runtime/worlds/file/file-world.js";
import type { World } from "../runtime/worlds/shared/world.js";

export interface WorldFlags {
  world?: string | undefined;
  dir?: string | undefined;
  "postgres-url"?: string | undefined;
}

/** Options every command that works on a world takes (for `parseArgs`). */
export const WORLD_OPTIONS = {
  world: { type: "string" },
  dir: { type: "string" },
  "postgres-url": { type: "string" },
} as const;

/** A problem the user can fix, printed as one line (exit code 1). */
export class CliError extends Error {
  override name = "CliError";
}

/** Where the world is. */
export type WorldTarget = { kind: "file"; dir: string } | { kind: "postgres"; url: string };

export function resolveWorldTarget(
  flags: WorldFlags,
  env: NodeJS.ProcessEnv,
  cwd: string,
): WorldTarget {
  const target = flags.world ?? (env.WORKFLOW_TARGET_WORLD || "file");
  if (target === "file") {
    const [given, source] = flags.dir
      ? [flags.dir, "--dir"]
      : env.WORKFLOW_DATA_DIR
        ? [env.WORKFLOW_DATA_DIR, "WORKFLOW_DATA_DIR"]
        : [".workflow-data", "the default; pass --dir or set WORKFLOW_DATA_DIR"];
    const dir = path.resolve(cwd, given);
    if (!existsSync(path.join(dir, "version")))
      throw new CliError(`no workflow data directory at ${dir} (${source})`);
    return { kind: "file", dir };
  }
  if (target === "postgres") {
    const url = flags["postgres-url"] ?? env.WORKFLOW_POSTGRES_URL;
    if (!url)
      throw new CliError("the Postgres world needs --postgres-url or WORKFLOW_POSTGRES_URL");
    return { kind: "postgres", url };
  }
  throw new CliError(
    `unknown world "${target}" (from ${flags.world ? "--world" : "WORKFLOW_TARGET_WORLD"}); use file or postgres`,
  );
}

/**
 * The world, started. Read-only (the default) takes no queue messages and never writes, so it
 * works while the app runs; a writable one is for when no app holds a file world.
 */
export async function openWorld(
  flags: WorldFlags,
  env: NodeJS.ProcessEnv,
  cwd: string,
  { readOnly = true }: { readOnly?: boolean } = {},
): Promise<World> {
  const target = resolveWorldTarget(flags, env, cwd);
  // pg is loaded only for the Postgres world: a file world's `wf inspect` starts faster.
  const world =
    target.kind === "file"
      ? createFileWorld({ dir: target.dir, readOnly })
      : (await import("../runtime/worlds/postgres/postgres-world.js")).createPostgresWorld({
          connectionString: target.url,
        });
  await world.start();
  return world;
}
