// The published side's install: workflow@4.8.9 in bench/runtime/anchor/ (gitignored by
// bench/**/anchor), our workloads.ts copied into it, built with the published standalone builder.
// Every step is skipped when its output is already there, so only the first run pays for it.
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { anchorTools, writeIfChanged } from "../anchor-tools.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const ANCHOR_DIR = path.join(HERE, "anchor");
const tools = anchorTools(ANCHOR_DIR);
export const BUILD_DIR = tools.buildDir;
export const { installedVersion, exec } = tools;
const { readWorkflowIds } = tools;
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
  return { ids: readWorkflowIds(WORKFLOWS), versions };
}
