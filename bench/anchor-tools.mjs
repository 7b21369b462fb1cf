// What both published-package installs (bench/runtime/anchor.mjs, bench/postgres/anchor.mjs)
// do the same way: run a command in the anchor folder, write a file only when it changed, read
// the versions installed there and the workflow IDs its builder wrote.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The tools for the published install in `anchorDir`. */
export function anchorTools(anchorDir) {
  const buildDir = path.join(anchorDir, ".well-known/workflow/v1");
  return {
    buildDir,
    /** The version of `name` installed in the anchor, or undefined. */
    installedVersion(name) {
      try {
        const file = path.join(anchorDir, "node_modules", name, "package.json");
        return JSON.parse(readFileSync(file, "utf8")).version;
      } catch {
        return undefined;
      }
    },
    /** Runs `command` in the anchor; throws with the tail of its output when it fails. */
    exec(command, args, log, env = {}) {
      const startedAt = performance.now();
      const result = spawnSync(command, args, {
        cwd: anchorDir,
        encoding: "utf8",
        timeout: 600_000,
        env: { ...process.env, npm_config_update_notifier: "false", ...env },
      });
      if (result.status !== 0) {
        const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-20);
        const why = result.error ? String(result.error) : `exit code ${result.status}`;
        throw new Error(`${command} ${args.join(" ")} failed (${why}):\n  ${output.join("\n  ")}`);
      }
      log(
        `${path.basename(command)} ${args[0]}: ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
      );
      return result.stdout;
    },
    /** Workflow IDs by export name, from the builder's manifest.json; all of `workflows` must be there. */
    readWorkflowIds(workflows) {
      const manifest = JSON.parse(readFileSync(path.join(buildDir, "manifest.json"), "utf8"));
      const ids = {};
      for (const exports of Object.values(manifest.workflows ?? {})) {
        for (const [name, entry] of Object.entries(exports)) ids[name] = entry.workflowId;
      }
      const missing = workflows.filter((name) => typeof ids[name] !== "string");
      if (missing.length > 0) {
        throw new Error(`${buildDir}/manifest.json has no workflow ${missing.join(", ")}`);
      }
      return ids;
    },
  };
}

/** Writes `text` to `file` unless it already holds it; true when it wrote. */
export function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, "utf8") === text) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return true;
}
