// The published side's install: workflow@4.8.9 in bench/runtime/anchor/ (gitignored by
// bench/**/anchor), our workloads.ts copied into it, built with the published standalone builder.
// Every step is skipped when its output is already there, so only the first run pays for it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const ANCHOR_DIR = path.join(HERE, "anchor");
export const BUILD_DIR = path.join(ANCHOR_DIR, ".well-known/workflow/v1");
export const PUBLISHED_VERSION = "4.8.9";

/**
 * Exact versions we expect npm to resolve. `workflow@4.8.9` pins its @workflow/* dependencies
 * exactly, so installing it pins these too; they are checked, not installed one by one.
 */
export const PINNED = {
  workflow: PUBLISHED_VERSION,
  "@workflow/core": "4.8.9",
  "@workflow/cli": "4.3.13",
  "@workflow/world-local": "4.4.1",
  "@workflow/world": "4.5.0",
};

const SOURCE = path.join(HERE, "workloads.ts");
const COPY = path.join(ANCHOR_DIR, "workflows", "workloads.ts");
const WORKFLOWS = ["seq", "trivial", "five"];

// "commonjs" because the standalone builder emits flow.js and step.js as CommonJS bundles, and
// without this file Node would take "type": "module" from the repository's package.json.
// "version" matters too: the builder names a file's module after the nearest package.json that
// has both a name and a version, and without one here it walks up to ours (named "workflow",
// which the anchor depends on) and ids come out as "workflow//workflow@0.1.0//seq".
const PACKAGE_JSON = {
  name: "workflow-bench-runtime-anchor",
  version: "0.0.0",
  private: true,
  type: "commonjs",
  description: "The published workflow package, for bench/runtime only.",
  dependencies: { workflow: PUBLISHED_VERSION },
};

/** The version of `name` installed in the anchor, or undefined. */
export function installedVersion(name) {
  const file = path.join(ANCHOR_DIR, "node_modules", name, "package.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")).version;
  } catch {
    return undefined;
  }
}

function exec(command, args, log) {
  const startedAt = performance.now();
  const result = spawnSync(command, args, {
    cwd: ANCHOR_DIR,
    encoding: "utf8",
    timeout: 600_000,
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-20);
    const why = result.error ? String(result.error) : `exit code ${result.status}`;
    throw new Error(`${command} ${args.join(" ")} failed (${why}):\n  ${output.join("\n  ")}`);
  }
  log(`${command} ${args[0]}: ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
}

function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, "utf8") === text) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return true;
}

/** Workflow ids by export name, from the builder's manifest.json. */
function readWorkflowIds() {
  const manifest = JSON.parse(readFileSync(path.join(BUILD_DIR, "manifest.json"), "utf8"));
  const ids = {};
  for (const exports of Object.values(manifest.workflows ?? {})) {
    for (const [name, entry] of Object.entries(exports)) ids[name] = entry.workflowId;
  }
  const missing = WORKFLOWS.filter((name) => typeof ids[name] !== "string");
  if (missing.length > 0) {
    throw new Error(`${BUILD_DIR}/manifest.json has no workflow ${missing.join(", ")}`);
  }
  return ids;
}

/**
 * Installs and builds the anchor if needed. Returns the workflow ids and installed versions;
 * throws with the tail of a failing command's output.
 */
export function ensureAnchor(log) {
  const packageJson = JSON.stringify(PACKAGE_JSON, null, 2);
  const packageChanged = writeIfChanged(path.join(ANCHOR_DIR, "package.json"), packageJson);
  if (installedVersion("workflow") !== PUBLISHED_VERSION) {
    log(
      `installing workflow@${PUBLISHED_VERSION} into ${path.relative(process.cwd(), ANCHOR_DIR)}`,
    );
    const pinned = `workflow@${PUBLISHED_VERSION}`;
    const flags = ["--prefix", ANCHOR_DIR, "--save-exact", "--no-audit", "--no-fund"];
    exec("npm", ["install", ...flags, "--loglevel=error", pinned], log);
  }
  const versions = Object.fromEntries(Object.keys(PINNED).map((n) => [n, installedVersion(n)]));
  const wrong = Object.entries(PINNED).filter(([name, version]) => versions[name] !== version);
  if (wrong.length > 0) {
    const list = wrong.map(([n, v]) => `${n} ${versions[n] ?? "missing"} (want ${v})`);
    throw new Error(`the anchor has unexpected versions: ${list.join(", ")}`);
  }

  mkdirSync(path.dirname(COPY), { recursive: true });
  const sourceChanged = writeIfChanged(COPY, readFileSync(SOURCE, "utf8"));
  const outputs = ["flow.js", "step.js", "manifest.json"].map((f) => path.join(BUILD_DIR, f));
  const stale = outputs.some((f) => !existsSync(f) || statSync(f).mtimeMs < statSync(COPY).mtimeMs);
  if (packageChanged || sourceChanged || stale) {
    log("building the anchor's workflows with `workflow build` (standalone target)");
    exec("npx", ["--no-install", "workflow", "build"], log);
  }
  return { ids: readWorkflowIds(), versions };
}
